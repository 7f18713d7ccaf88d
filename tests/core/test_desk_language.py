from sanyou_app.core.desk_language import english_lines, english_words


def test_frappe_strings_left_in_english_are_found():
	assert english_words("My Settings") == ["My", "Settings"]
	assert english_words("Not allowed via controller permission check") == [
		"Not",
		"allowed",
		"via",
		"controller",
		"permission",
		"check",
	]
	assert english_words("5 y") == ["y"]
	assert english_words("11 M · 3 d · now") == ["M", "d", "now"]


def test_a_word_glued_to_chinese_is_found():
	assert english_words("无权限Insufficient Permission") == ["Insufficient", "Permission"]
	assert english_words("2025年11月 Asia/Shanghai") == ["Asia", "Shanghai"]
	assert english_words("Toggle Theme 切换") == ["Toggle", "Theme"]


def test_names_numbers_and_formats_are_not_english():
	assert english_words("bangongshi@liuqiao.example.cn 提交于 2025-05-12") == []
	assert english_words("ZSXM-2025-0001 DY0001 MS-2025-0003") == []
	assert english_words("下载 Word 导出 Excel 打印 PDF") == []
	assert english_words("附件 报名表.xlsx /app/livelihood-proposal https://example.cn/a?b=1") == []
	assert english_words("按 Ctrl + G 搜索") == []


def test_lines_with_english_are_listed_once_each():
	text = "民生实事\nMy Profile\n\nbangongshi@liuqiao.example.cn\n 5 年前 \nLog out"
	assert english_lines(text) == ["My Profile", "Log out"]


def test_allowed_words_can_be_narrowed():
	assert english_words("下载 Word", allowed=frozenset()) == ["Word"]

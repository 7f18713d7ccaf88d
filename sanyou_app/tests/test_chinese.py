"""Frappe's own strings our users meet read in Chinese, Guests' pages included."""

import re
from pathlib import Path

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations

from sanyou_app.tests.fixtures import tag as unique_tag
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, ensure_demo

# Frappe v15's Chinese lacks these (or says "1米" for one minute ago); the app ships them.
SHIPPED = {
	"{0} m": "{0}分钟",
	"You created this": "您创建了此记录",
	"{0} last edited this": "{0}最后编辑了此记录",
	"{0} changed the value of {1}": "{0}修改了{1}",
	"added rows for {0}": "在{0}中添加了行",
	"This form is not editable due to a Workflow.": "此表单处于审批流程中，当前不可编辑。",
	"Type a reply / comment": "输入回复或评论",
	"List View": "列表视图",
	"Edit Filters": "编辑筛选条件",
	"No new notifications": "没有新通知",
	"Connections": "关联",
	"You haven't created a {0} yet": "您还没有创建{0}",
	"Search or type a command ({0})": "搜索或输入命令（{0}）",
	"Submit another response": "再提交一份",
	"Built on {0}": "基于{0}构建",
	"{0} from {1} to {2} in row #{3}": "第{3}行的{0}由{1}改为{2}",
}

# The desk's code for forms, lists, views, dialogs and workspaces: every string it shows passes
# through __("…").
DESK_CODE = ("form", "list", "views", "ui", "model", "utils", "widgets")
STRING = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")
# number abbreviations of the Indian system (lakh, crore, …): shown only for a site in India
INDIAN_UNITS = {"L", "Cr", "Ar", "Kh"}
# what Chinese users write in Latin letters too
SAME_IN_CHINESE = {"ID", "PDF", "Frappe Insights"}
OFFICE = "bangongshi@liuqiao.example.cn"
PASSWORD = "Sanyou@2026"


class TestChinese(FrappeTestCase):
	def test_framework_strings_read_in_chinese(self):
		frappe.local.lang = "zh"
		frappe.clear_cache()
		for english, chinese in SHIPPED.items():
			with self.subTest(english=english):
				self.assertEqual(frappe._(english), chinese)

	def test_every_string_of_the_desk_reads_in_chinese(self):
		frappe.clear_cache()
		# the browser looks a string up as it is written, HTML and all (frappe._ strips the HTML)
		messages = get_all_translations("zh")
		root = Path(frappe.get_app_path("frappe", "public", "js", "frappe"))
		untranslated = set()
		for folder in DESK_CODE:
			for path in sorted((root / folder).rglob("*.js")):
				for match in STRING.finditer(path.read_text(encoding="utf-8")):
					english = match.group(2).replace('\\"', '"').replace("\\'", "'")
					if "${" in english or english in INDIAN_UNITS | SAME_IN_CHINESE:
						continue
					if messages.get(english, english) == english and re.search("[A-Za-z]{2}", english):
						untranslated.add(f"{path.relative_to(root)}: {english}")
		self.assertEqual(sorted(untranslated), [])

	def test_the_timeline_names_who_acted(self):
		ensure_demo()
		group = frappe.get_doc(
			{
				"doctype": "Deputy Group",
				"congress": frappe.db.get_value("Livelihood Cycle", CYCLE_2020, "congress"),
				"group_name": f"测试{unique_tag(4)}代表小组",
			}
		).insert()  # by Administrator
		frappe.db.commit()  # nosemgrep: the served site reads committed rows
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "Deputy Group", group.name, force=True)
		office = requests.Session()
		office.post(
			frappe.utils.get_url("/api/method/login"), data={"usr": OFFICE, "pwd": PASSWORD}, timeout=60
		)
		for doctype, name in (("Deputy Group", group.name), ("Livelihood Cycle", CYCLE_2020)):
			reply = office.get(
				frappe.utils.get_url("/api/method/frappe.desk.form.load.getdoc"),
				params={"doctype": doctype, "name": name},
				timeout=60,
			).json()
			doc, names = reply["docs"][0], reply["docinfo"]["user_info"]
			for user in {doc["owner"], doc["modified_by"]} | {
				v["owner"] for v in reply["docinfo"]["versions"]
			}:
				full_name = frappe.db.get_value("User", user, "full_name")
				expected = "管理员" if full_name in (None, "Administrator") else full_name
				with self.subTest(doctype=doctype, user=user):
					self.assertEqual(names[user]["fullname"], expected)
					self.assertRegex(expected, "[一-鿿]")

	def test_background_jobs_speak_the_sites_language(self):
		from frappe.utils.background_jobs import execute_job

		frappe.local.lang = "en"  # what a worker starts with when the site config names no language
		said = execute_job(
			frappe.local.site,
			"frappe.translate.get_all_translations",
			None,
			"language check",
			{"lang": "zh"},
			is_async=False,
		)
		self.assertTrue(said)
		self.assertEqual(frappe.local.lang, "zh")
		self.assertEqual(frappe._("Added {0}"), "添加了{0}")

	def test_guest_pages_read_in_the_sites_language(self):
		# whatever the browser asks for, a Guest who chose nothing reads the site's language
		for accept in ("en-US,en;q=0.9", "zh-CN,zh;q=0.9"):
			with self.subTest(accept=accept):
				page = requests.get(
					frappe.utils.get_url("/livelihood-proposal/new"),
					headers={"Accept-Language": accept},
					timeout=60,
				)
				self.assertEqual(page.status_code, 200)
				self.assertIn("首页", page.text)
				self.assertIn("基于", page.text)
				self.assertNotIn(">Home<", page.text)

	def test_a_guest_may_still_choose_english(self):
		page = requests.get(frappe.utils.get_url("/login"), params={"_lang": "en"}, timeout=60)
		self.assertIn("Login", page.text)

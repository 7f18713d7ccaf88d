"""Frappe's own strings our users meet read in Chinese, Guests' pages included."""

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

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
}


class TestChinese(FrappeTestCase):
	def test_framework_strings_read_in_chinese(self):
		frappe.local.lang = "zh"
		frappe.clear_cache()
		for english, chinese in SHIPPED.items():
			with self.subTest(english=english):
				self.assertEqual(frappe._(english), chinese)

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
				self.assertIn("主页", page.text)
				self.assertIn("基于", page.text)
				self.assertNotIn(">Home<", page.text)

	def test_a_guest_may_still_choose_english(self):
		page = requests.get(frappe.utils.get_url("/login"), params={"_lang": "en"}, timeout=60)
		self.assertIn("Login", page.text)

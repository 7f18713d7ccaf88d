"""The language of a visitor who has not logged in (the public proposal form, the login page), and
of background jobs.

Frappe v15 picks the request's language before it knows the session, so every Guest page comes
out in English whatever the site's language. Once the session is known (before_request), a Guest
gets the language they chose (?_lang=, or the preferred_language cookie Frappe's language
switcher sets), else the site's own language: the public pages of a Chinese site read in Chinese.
"""

import frappe
from frappe.translate import get_lang_code, get_parent_language, get_user_lang


def set_guest_language() -> None:
	if frappe.session.user != "Guest":
		return
	chosen = frappe.form_dict.get("_lang") or frappe.request.cookies.get("preferred_language")
	for code in filter(None, (chosen, chosen and get_parent_language(chosen))):
		if language := get_lang_code(code):
			frappe.local.lang = language
			return
	frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang


def set_job_language(method=None, kwargs=None, **_) -> None:
	"""before_job: Frappe v15 runs every background job (imports, reminders, the scheduler's daily
	work) in the site config's language or English, whatever the site's language: what a job
	writes through Frappe's own strings (a file attached "Added …", a notification's subject)
	would read in English. A job speaks the language of the user it runs for, else the site's."""
	frappe.local.lang = get_user_lang(frappe.session.user)

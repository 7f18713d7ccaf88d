// Loaded with every page of the desk (hooks.py app_include_js).

// Field labels in Chinese wherever the desk names a field through frappe.meta.get_label: Frappe
// v15 returns the label as the doctype stores it, untranslated, and the timeline ("… in row #3"),
// the filter and sort menus, group-by and the report view's columns show it as it is.
const untranslated_label = frappe.meta.get_label;
frappe.meta.get_label = function (doctype, fieldname, docname) {
	const label = untranslated_label.call(this, doctype, fieldname, docname);
	return label ? __(label, null, doctype) : label;
};

// Frappe's timeline writes a field that changed from empty as "由null改为…": its html2text turns
// null into the text "null". Read empty as empty (the timeline then shows "（空）").
const html2text = frappe.utils.html2text;
frappe.utils.html2text = function (html) {
	return html === null || html === undefined ? "（空）" : html2text.call(this, html);
};

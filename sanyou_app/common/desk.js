// Loaded with every form of the app (hooks.py doctype_js). Frappe's timeline writes a field that
// changed from empty as "由null改为…": its html2text turns null into the text "null". Read empty
// as empty (the timeline then shows "（空）").
if (!frappe.utils.html2text.sanyou_empty) {
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = function (html) {
		return html === null || html === undefined ? "（空）" : html2text.call(this, html);
	};
	frappe.utils.html2text.sanyou_empty = true;
}

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

// A form's headline is set, not added to: Frappe v15's set_headline appends, so a form refreshed
// twice (after a save, or a change another user made) shows the same line twice.
const set_headline = frappe.ui.form.Dashboard.prototype.set_headline;
frappe.ui.form.Dashboard.prototype.set_headline = function (html, color) {
	this.clear_headline();
	return set_headline.call(this, html, color);
};

// Excel import on a form: a button that downloads the template, and once a workbook is attached
// one that imports it, all rows or none; the server's message names each bad row, field and
// reason. `ready`: whether there is a workbook to import.
frappe.provide("sanyou");
sanyou.excel_import_buttons = function (
	frm,
	{ template, template_label, method, args, import_label, ready },
) {
	frm.add_custom_button(template_label, () => window.open(`/api/method/${template}`));
	if (!ready) return;
	frm.add_custom_button(import_label, () => {
		frappe.call({ method, args, freeze: true }).then((r) => {
			const result = r.message || {};
			frappe.msgprint({
				message: frappe.utils.escape_html(result.message || ""),
				indicator: result.ok ? "green" : "red",
			});
			frm.reload_doc();
		});
	}).addClass("btn-primary");
};

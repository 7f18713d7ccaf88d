frappe.ui.form.on("Research Report", {
	refresh(frm) {
		if (!frm.is_new() && ["代表建议", "代表议案"].includes(frm.doc.conversion)) {
			frm.add_custom_button(__("转化为代表议案/建议"), () => {
				frappe.model.open_mapped_doc({
					method: "sanyou_app.deputy_liaison.doctype.research_report.research_report.make_suggestion",
					frm,
				});
			});
		}
	},
});

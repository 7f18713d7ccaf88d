frappe.ui.form.on("Quarterly Test", {
	refresh(frm) {
		const can_import = frm.has_perm("write") && frappe.model.can_create("Quarterly Test Score");
		if (can_import) {
			sanyou.excel_import_buttons(frm, {
				template: "sanyou_app.party_building.api.download_score_template",
				template_label: __("Download Template"),
				method: "sanyou_app.party_building.api.import_scores",
				args: { test: frm.doc.name },
				import_label: __("Import Scores"),
				ready: !frm.is_new() && frm.doc.score_file && frm.doc.import_status !== "已导入",
			});
		}
		if (!frm.is_new() && frappe.model.can_read("Quarterly Test Score")) {
			frm.add_custom_button(__("Scores"), () => {
				frappe.set_route("List", "Quarterly Test Score", { test: frm.doc.name });
			});
		}
	},
});

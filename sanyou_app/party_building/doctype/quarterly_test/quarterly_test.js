frappe.ui.form.on("Quarterly Test", {
	refresh(frm) {
		const can_import = frm.has_perm("write") && frappe.model.can_create("Quarterly Test Score");
		if (can_import) {
			frm.add_custom_button(__("Download Template"), () => {
				window.open("/api/method/sanyou_app.party_building.api.download_score_template");
			});
		}
		if (can_import && !frm.is_new() && frm.doc.score_file && frm.doc.import_status !== "已导入") {
			frm.add_custom_button(__("Import Scores"), () => {
				frappe
					.call({
						method: "sanyou_app.party_building.api.import_scores",
						args: { test: frm.doc.name },
						freeze: true,
					})
					.then((r) => {
						const result = r.message || {};
						frappe.msgprint({
							message: frappe.utils.escape_html(result.message || ""),
							indicator: result.ok ? "green" : "red",
						});
						frm.reload_doc();
					});
			}).addClass("btn-primary");
		}
		if (!frm.is_new() && frappe.model.can_read("Quarterly Test Score")) {
			frm.add_custom_button(__("Scores"), () => {
				frappe.set_route("List", "Quarterly Test Score", { test: frm.doc.name });
			});
		}
	},
});

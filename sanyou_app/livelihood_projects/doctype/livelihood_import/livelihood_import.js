frappe.ui.form.on("Livelihood Import", {
	refresh(frm) {
		// Buttons only for those who may take the step: importing is for whoever may create imports.
		if (!frappe.model.can_create("Livelihood Import")) return;
		frm.add_custom_button(__("Download Template"), () => {
			if (!frm.doc.import_type) {
				frappe.msgprint(__("Choose the import type first"));
				return;
			}
			window.open(
				"/api/method/sanyou_app.livelihood_projects.api.download_template?import_type=" +
					encodeURIComponent(frm.doc.import_type),
			);
		});
		if (
			!frm.is_new() &&
			frm.has_perm("write") &&
			frm.doc.import_file &&
			["待导入", "未导入"].includes(frm.doc.status)
		) {
			frm.add_custom_button(__("Start Import"), () => {
				frm.call({
					method: "sanyou_app.livelihood_projects.api.start_import",
					args: { import_name: frm.doc.name },
					freeze: true,
				}).then(() => frm.reload_doc());
			}).addClass("btn-primary");
		}
		if (["排队中", "导入中"].includes(frm.doc.status)) {
			frm.dashboard.set_headline(__("Importing in the background; this page updates when it ends."));
		}
	},
	import_file(frm) {
		if (frm.doc.status === "未导入") {
			frm.set_value("status", "待导入");
		}
	},
});

frappe.realtime.on("progress", (data) => {
	const frm = cur_frm;
	if (frm && frm.doctype === "Livelihood Import" && data.percent >= 100) {
		setTimeout(() => frm.reload_doc(), 500);
	}
});

frappe.ui.form.on("Pre-evaluation", {
	project(frm) {
		if (!frm.doc.project) return;
		frappe.call({
			method: "sanyou_app.project_supervision.api.score_rows",
			args: { project: frm.doc.project },
			callback: (r) => {
				frm.clear_table("scores");
				(r.message || []).forEach((row) => frm.add_child("scores", row));
				frm.refresh_field("scores");
			},
		});
	},
});

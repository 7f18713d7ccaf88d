frappe.ui.form.on("Paper Ballot Entry", {
	vote(frm) {
		if (!frm.doc.vote) return;
		frappe.db.get_doc("Secret Vote", frm.doc.vote).then((vote) => {
			frm.clear_table("marks");
			vote.items.forEach((row) => frm.add_child("marks", { item_label: row.item_label }));
			frm.refresh_field("marks");
		});
	},
});

frappe.ui.form.on("Party Task", {
	setup(frm) {
		frm.set_query("responsible", () => ({
			filters: { party_branch: frm.doc.party_branch, status: "在册" },
		}));
	},
});

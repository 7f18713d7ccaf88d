frappe.ui.form.on("Branch Re-election", {
	setup(frm) {
		frm.set_query("party_branch", () => ({ filters: { is_group: 0 } }));
		frm.set_query("member", "officers", () => ({
			filters: { party_branch: frm.doc.party_branch, status: "在册" },
		}));
		frm.set_query("party_group", "officers", () => ({ filters: { party_branch: frm.doc.party_branch } }));
	},
});

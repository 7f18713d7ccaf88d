frappe.ui.form.on("Membership Transfer", {
	setup(frm) {
		frm.set_query("member", () => ({ filters: { party_branch: frm.doc.party_branch, status: "在册" } }));
		frm.set_query("to_branch", () => ({ query: "sanyou_app.party_building.api.receiving_branches" }));
		frm.set_query("party_branch", () => ({ filters: { is_group: 0 } }));
	},
});

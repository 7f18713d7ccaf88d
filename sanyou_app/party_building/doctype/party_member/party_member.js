frappe.ui.form.on("Party Member", {
	setup(frm) {
		frm.set_query("party_group", () => ({ filters: { party_branch: frm.doc.party_branch } }));
		frm.set_query("party_branch", () => ({ filters: { is_group: 0 } }));
	},
	refresh(frm) {
		// The branch changes only through a membership transfer.
		frm.set_df_property("party_branch", "read_only", frm.is_new() ? 0 : 1);
		if (!frm.is_new() && frm.doc.status === "在册" && frappe.model.can_create("Membership Transfer")) {
			frm.add_custom_button(__("Transfer Membership"), () => {
				frappe.new_doc("Membership Transfer", {
					direction: "机关内转接",
					party_branch: frm.doc.party_branch,
					member: frm.doc.name,
				});
			});
		}
	},
});

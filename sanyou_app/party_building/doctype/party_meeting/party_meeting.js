frappe.ui.form.on("Party Meeting", {
	setup(frm) {
		frm.set_query("party_group", () => ({ filters: { party_branch: frm.doc.party_branch } }));
		const members = () => ({ filters: { party_branch: frm.doc.party_branch, status: "在册" } });
		frm.set_query("host", members);
		frm.set_query("recorder", members);
		frm.set_query("member", "attendance", members);
	},
	refresh(frm) {
		if (frm.doc.docstatus === 0 && frm.has_perm("write")) {
			frm.add_custom_button(__("Load Members"), () => {
				if (!frm.doc.party_branch) {
					frappe.msgprint(__("Choose the party branch first"));
					return;
				}
				const group = frm.doc.meeting_type === "党小组会" ? frm.doc.party_group : null;
				frappe
					.call({
						method: "sanyou_app.party_building.api.members_for",
						args: { party_branch: frm.doc.party_branch, party_group: group },
					})
					.then((r) => {
						const listed = new Set((frm.doc.attendance || []).map((row) => row.member));
						(r.message || []).forEach((m) => {
							// the table shows the member's name, not the record's number
							frappe.utils.add_link_title("Party Member", m.name, m.full_name);
							if (!listed.has(m.name)) {
								frm.add_child("attendance", {
									member: m.name,
									full_name: m.full_name,
									attendance: "出席",
								});
							}
						});
						frm.refresh_field("attendance");
					});
			});
		}
	},
});

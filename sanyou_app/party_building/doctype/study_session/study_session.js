frappe.ui.form.on("Study Session", {
	setup(frm) {
		frm.set_query("member", "attendees", () => ({
			filters: frm.doc.party_branch
				? { party_branch: frm.doc.party_branch, status: "在册" }
				: { status: "在册" },
		}));
	},
	refresh(frm) {
		if (!frm.has_perm("write")) return;
		frm.add_custom_button(__("Load Members"), () => {
			frappe
				.call({
					method: "sanyou_app.party_building.api.members_for",
					args: { party_branch: frm.doc.party_branch || null },
				})
				.then((r) => {
					const listed = new Set((frm.doc.attendees || []).map((row) => row.member));
					(r.message || []).forEach((m) => {
						// the table shows the member's name, not the record's number
						frappe.utils.add_link_title("Party Member", m.name, m.full_name);
						if (!listed.has(m.name)) {
							frm.add_child("attendees", { member: m.name, full_name: m.full_name });
						}
					});
					frm.refresh_field("attendees");
				});
		});
	},
});

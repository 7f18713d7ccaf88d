frappe.ui.form.on("Livelihood Cycle", {
	refresh(frm) {
		if (frm.is_new()) return;
		const exportUrl = (scope) =>
			"/api/method/sanyou_app.livelihood_projects.api.export_proposals?cycle=" +
			encodeURIComponent(frm.doc.name) +
			"&scope=" +
			scope;
		if (frappe.model.can_read("Livelihood Proposal")) {
			// the implementation group reads a cycle to print its report, never its proposals
			frm.add_custom_button(
				__("All Proposals"),
				() => window.open(exportUrl("all")),
				__("Export to Excel"),
			);
			frm.add_custom_button(
				__("Candidate Projects"),
				() => window.open(exportUrl("candidates")),
				__("Export to Excel"),
			);
			frm.add_custom_button(__("Proposals"), () =>
				frappe.set_route("List", "Livelihood Proposal", { cycle: frm.doc.name }),
			);
		}
		// the cycle's project vote: started here from its candidates, opened here afterwards
		if (frappe.model.can_create("Secret Vote")) {
			frm.add_custom_button("发起/打开项目票决", () =>
				frappe
					.call({
						method: "sanyou_app.voting.desk.start_project_vote",
						type: "POST",
						args: { cycle: frm.doc.name },
						freeze: true,
					})
					.then(({ message }) => frappe.set_route("Form", "Secret Vote", message)),
			);
		} else if (frappe.model.can_read("Secret Vote")) {
			frm.add_custom_button("项目票决", () =>
				frappe.set_route("List", "Secret Vote", { cycle: frm.doc.name }),
			);
		}
		if (frappe.model.can_create("Livelihood Import")) {
			frm.add_custom_button(__("Import Proposals"), () =>
				frappe.new_doc("Livelihood Import", { import_type: "民生实事项目", cycle: frm.doc.name }),
			);
		}
	},
});

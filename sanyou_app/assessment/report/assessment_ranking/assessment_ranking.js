frappe.query_reports["Assessment Ranking"] = {
	filters: [
		{
			fieldname: "cycle",
			label: __("Assessment Cycle"),
			fieldtype: "Link",
			options: "Assessment Cycle",
		},
		{
			fieldname: "assessee_kind",
			label: __("Assessee Kind"),
			fieldtype: "Select",
			options: "党支部\n党小组\n党员",
			default: "党支部",
			reqd: 1,
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
	],
	// opened from the workspace: the latest cycle the user may read (the server's default too)
	onload(report) {
		if (report.get_filter_value("cycle")) return;
		frappe.db
			.get_list("Assessment Cycle", {
				fields: ["name"],
				order_by: "year desc, creation desc",
				limit: 1,
			})
			.then((rows) => rows.length && report.set_filter_value("cycle", rows[0].name));
	},
};

frappe.query_reports["Unpaid Party Dues"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
		},
		{
			fieldname: "month",
			label: __("Through Month"),
			fieldtype: "Select",
			options: "\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12",
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
		{
			fieldname: "party_group",
			label: __("Party Group"),
			fieldtype: "Link",
			options: "Party Group",
		},
	],
	// open on the latest year with records, not on this year's zeros (the server counts that
	// year too while the filter is empty)
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.xcall("sanyou_app.party_building.api.latest_year", { doctype: "Party Dues" })
			.then((year) => report.set_filter_value("year", year));
	},
};

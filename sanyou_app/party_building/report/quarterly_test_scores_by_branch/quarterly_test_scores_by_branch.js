frappe.query_reports["Quarterly Test Scores by Branch"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
	],
	// open on the latest year with records, not on this year's zeros (the server counts that
	// year too while the filter is empty)
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.xcall("sanyou_app.party_building.api.latest_year", { doctype: "Quarterly Test" })
			.then((year) => report.set_filter_value("year", year));
	},
};

frappe.query_reports["Quarterly Test Scores by Branch"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			reqd: 1,
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
	],
	// open on the latest year with records, not on this year's zeros
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.xcall("sanyou_app.party_building.api.latest_year", { doctype: "Quarterly Test" })
			.then((year) => report.set_filter_value("year", year));
	},
};

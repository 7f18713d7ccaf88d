frappe.query_reports["Deputy Performance"] = {
	filters: [
		// set on opening: the latest year with records, not the current year's zeros
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", reqd: 1 },
		// set on opening to the user's highest congress: a city's list does not mix in the towns'
		{ fieldname: "congress", label: __("Congress"), fieldtype: "Link", options: "Congress" },
		{ fieldname: "deputy_group", label: __("Deputy Group"), fieldtype: "Link", options: "Deputy Group" },
		{ fieldname: "deputy", label: __("Deputy"), fieldtype: "Link", options: "Congress Deputy" },
	],
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.call("sanyou_app.deputy_liaison.report.deputy_performance.deputy_performance.opening_filters")
			.then(({ message }) => report.set_filter_value(message));
	},
};

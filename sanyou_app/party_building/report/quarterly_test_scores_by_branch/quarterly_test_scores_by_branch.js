frappe.query_reports["Quarterly Test Scores by Branch"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
	],
};

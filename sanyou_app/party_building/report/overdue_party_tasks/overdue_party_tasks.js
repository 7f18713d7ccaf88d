frappe.query_reports["Overdue Party Tasks"] = {
	filters: [
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
		},
	],
};

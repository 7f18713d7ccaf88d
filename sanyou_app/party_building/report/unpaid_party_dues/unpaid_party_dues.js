frappe.query_reports["Unpaid Party Dues"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
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
};

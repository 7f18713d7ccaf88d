frappe.query_reports["Liaison Coverage"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int", default: new Date().getFullYear() },
		{
			fieldname: "quarter",
			label: __("Quarter"),
			fieldtype: "Select",
			options: "\n1\n2\n3\n4",
			default: String(Math.floor(new Date().getMonth() / 3) + 1),
		},
		{ fieldname: "party_branch", label: __("Party Branch"), fieldtype: "Link", options: "Party Branch" },
		{ fieldname: "party_group", label: __("Party Group"), fieldtype: "Link", options: "Party Group" },
	],
};

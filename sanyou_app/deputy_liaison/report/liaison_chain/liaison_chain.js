frappe.query_reports["Liaison Chain"] = {
	filters: [
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{ fieldname: "party_branch", label: __("Party Branch"), fieldtype: "Link", options: "Party Branch" },
		{ fieldname: "party_group", label: __("Party Group"), fieldtype: "Link", options: "Party Group" },
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: "课题\n党小组\n党支部",
			default: "课题",
		},
	],
};

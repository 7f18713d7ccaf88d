frappe.query_reports["Assessment Ranking"] = {
	filters: [
		{
			fieldname: "cycle",
			label: __("Assessment Cycle"),
			fieldtype: "Link",
			options: "Assessment Cycle",
			reqd: 1,
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
};

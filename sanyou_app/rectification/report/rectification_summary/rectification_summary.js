frappe.query_reports["Rectification Summary"] = {
	filters: [
		{
			fieldname: "source_kind",
			label: __("Source of Problem"),
			fieldtype: "Select",
			options: "\n满意度测评\n视察督查\n两争考核\n其他",
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
		{
			fieldname: "owner_doctype",
			label: __("Responsible Unit Type"),
			fieldtype: "Link",
			options: "DocType",
		},
	],
};

frappe.query_reports["Missed Deputy Education"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		{ fieldname: "congress", label: __("Congress"), fieldtype: "Link", options: "Congress" },
		{ fieldname: "half", label: __("Half-year"), fieldtype: "Select", options: "\n上半年\n下半年" },
	],
};

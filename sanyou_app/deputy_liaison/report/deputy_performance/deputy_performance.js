frappe.query_reports["Deputy Performance"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
		},
		// empty: every congress the user may read (a town's users are confined to their own)
		{ fieldname: "congress", label: __("Congress"), fieldtype: "Link", options: "Congress" },
		{ fieldname: "deputy_group", label: __("Deputy Group"), fieldtype: "Link", options: "Deputy Group" },
		{ fieldname: "deputy", label: __("Deputy"), fieldtype: "Link", options: "Congress Deputy" },
	],
};

frappe.query_reports["Project Chain"] = {
	filters: [
		{ fieldname: "town", label: __("Town"), fieldtype: "Data" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
};

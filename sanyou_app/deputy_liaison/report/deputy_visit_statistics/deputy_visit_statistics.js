frappe.query_reports["Deputy Visit Statistics"] = {
	filters: [{ fieldname: "year", label: __("Year"), fieldtype: "Int" }],
};

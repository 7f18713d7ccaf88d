frappe.query_reports["Deputy Performance"] = {
	filters: [
		// set on opening: the latest year with records, not the current year's zeros (while it is
		// empty the server counts that year too, so the first load asks for no filter)
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		// set on opening to the user's highest congress: a city's list does not mix in the towns'
		{ fieldname: "congress", label: __("Congress"), fieldtype: "Link", options: "Congress" },
		{ fieldname: "deputy_group", label: __("Deputy Group"), fieldtype: "Link", options: "Deputy Group" },
		{ fieldname: "deputy", label: __("Deputy"), fieldtype: "Link", options: "Congress Deputy" },
	],
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.call("sanyou_app.deputy_liaison.report.deputy_performance.deputy_performance.opening_filters")
			.then(({ message }) => report.set_filter_value(message));
	},
	// a deputy read by their name; the link still opens the record
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "name" && data && value && data.full_name) {
			if (column.fieldtype !== "Link") return frappe.utils.escape_html(data.full_name);
			frappe.utils.add_link_title("Congress Deputy", value, data.full_name);
		}
		return default_formatter(value, row, column, data);
	},
};

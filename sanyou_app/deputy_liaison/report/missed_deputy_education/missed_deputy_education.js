frappe.query_reports["Missed Deputy Education"] = {
	filters: [
		// set on opening: the latest year with sessions, not the current year's zeros (while it is
		// empty the server counts that year too, so the first load asks for no filter)
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
		{ fieldname: "congress", label: __("Congress"), fieldtype: "Link", options: "Congress" },
		{ fieldname: "half", label: __("Half-year"), fieldtype: "Select", options: "\n上半年\n下半年" },
	],
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.call(
				"sanyou_app.deputy_liaison.report.missed_deputy_education.missed_deputy_education.opening_year",
			)
			.then(({ message }) => report.set_filter_value("year", message));
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

frappe.query_reports["My Liaison Projects"] = {
	// each project read by its name; the link still opens the record
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "project" && data && value && data.project_title) {
			if (column.fieldtype !== "Link") return frappe.utils.escape_html(data.project_title);
			frappe.utils.add_link_title("Livelihood Project", value, data.project_title);
		}
		return default_formatter(value, row, column, data);
	},
};

frappe.query_reports["待我投票"] = {
	// the vote read by its title; the link opens it, where the voter casts
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "name" && data && value)
			frappe.utils.add_link_title("Secret Vote", value, data.title);
		return default_formatter(value, row, column, data);
	},
};

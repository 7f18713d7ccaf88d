frappe.query_reports["Project Chain"] = {
	filters: [
		{ fieldname: "town", label: __("Town"), fieldtype: "Data" },
		{ fieldname: "year", label: __("Year"), fieldtype: "Int" },
	],
	// a project and its candidate read by their names; the link still opens the record
	formatter(value, row, column, data, default_formatter) {
		const titles = {
			project: ["Livelihood Project", "project_title"],
			candidate: ["Livelihood Proposal", "candidate_title"],
		};
		const [doctype, key] = titles[column.fieldname] || [];
		if (doctype && data && value && data[key]) {
			if (column.fieldtype !== "Link") return frappe.utils.escape_html(data[key]);
			frappe.utils.add_link_title(doctype, value, data[key]);
		}
		return default_formatter(value, row, column, data);
	},
};

frappe.listview_settings["Livelihood Proposal"] = {
	add_fields: ["workflow_state", "investment"],
};

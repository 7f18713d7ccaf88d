frappe.query_reports["Proposals by Village and Channel"] = {
	filters: [
		{
			fieldname: "cycle",
			label: __("Cycle"),
			fieldtype: "Link",
			options: "Livelihood Cycle",
		},
	],
};

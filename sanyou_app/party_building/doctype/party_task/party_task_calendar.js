frappe.views.calendar["Party Task"] = {
	field_map: {
		start: "deadline",
		end: "deadline",
		id: "name",
		title: "task",
		allDay: "allDay",
	},
	gantt: false,
};

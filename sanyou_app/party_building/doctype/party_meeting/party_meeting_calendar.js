frappe.views.calendar["Party Meeting"] = {
	field_map: {
		start: "meeting_date",
		end: "meeting_date",
		id: "name",
		title: "topic",
		allDay: "allDay",
	},
	gantt: false,
};

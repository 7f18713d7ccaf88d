frappe.views.calendar["Study Session"] = {
	field_map: {
		start: "session_date",
		end: "session_date",
		id: "name",
		title: "topic",
		allDay: "allDay",
	},
	gantt: false,
};

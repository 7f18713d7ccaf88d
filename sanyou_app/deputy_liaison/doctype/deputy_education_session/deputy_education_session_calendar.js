// Deputies' education sessions on the calendar.
frappe.views.calendar["Deputy Education Session"] = {
	field_map: {
		start: "session_date",
		end: "session_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};

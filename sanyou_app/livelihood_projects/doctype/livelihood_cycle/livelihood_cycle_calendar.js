// Congress sessions (人代会) on the calendar: each cycle's session, on its day.
frappe.views.calendar["Livelihood Cycle"] = {
	field_map: {
		start: "session_date",
		end: "session_date",
		id: "name",
		title: "session_title",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};

// Progress hearings (进度听证) on the calendar, by the day they are held.
frappe.views.calendar["Progress Hearing"] = {
	field_map: {
		start: "hearing_date",
		end: "hearing_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};

// Joint activities on the calendar.
frappe.views.calendar["Joint Activity"] = {
	field_map: {
		start: "activity_date",
		end: "activity_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};

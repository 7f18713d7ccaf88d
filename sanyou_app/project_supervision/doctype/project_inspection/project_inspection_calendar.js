// Inspections (视察、督查) on the calendar, by the day they are held.
frappe.views.calendar["Project Inspection"] = {
	field_map: {
		start: "inspection_date",
		end: "inspection_date",
		id: "name",
		title: "title",
		allDay: "allDay",
	},
	get_events_method: "frappe.desk.calendar.get_events",
};

// Projects on the calendar and the Gantt chart: from adoption (or the start of works) to the deadline.
frappe.views.calendar["Livelihood Project"] = {
	field_map: {
		start: "adopted_on",
		end: "deadline",
		id: "name",
		title: "title",
		allDay: "allDay",
		progress: "progress",
	},
	gantt: true,
	get_events_method: "frappe.desk.calendar.get_events",
};

frappe.query_reports["Branch Meetings by Quarter"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
		},
		{
			fieldname: "quarter",
			label: __("Quarter"),
			fieldtype: "Select",
			options: "\n1\n2\n3\n4",
		},
		{
			fieldname: "party_branch",
			label: __("Party Branch"),
			fieldtype: "Link",
			options: "Party Branch",
		},
	],
	// open on the latest year with records, not on this year's zeros (the server counts that
	// year too while the filter is empty)
	onload(report) {
		if (report.get_filter_value("year")) return;
		frappe
			.xcall("sanyou_app.party_building.api.latest_year", { doctype: "Party Meeting" })
			.then((year) => report.set_filter_value("year", year));
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data) {
			const color = { 已达标: "green", 未达标: "red", 进行中: "orange" }[data.status];
			if (color) value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};

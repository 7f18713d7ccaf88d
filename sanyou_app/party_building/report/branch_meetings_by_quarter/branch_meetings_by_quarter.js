frappe.query_reports["Branch Meetings by Quarter"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
			reqd: 1,
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
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data) {
			const color = { 已达标: "green", 未达标: "red", 进行中: "orange" }[data.status];
			if (color) value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};

frappe.query_reports["Proposals by Village and Channel"] = {
	filters: [
		{
			fieldname: "cycle",
			label: __("Cycle"),
			fieldtype: "Link",
			options: "Livelihood Cycle",
		},
	],
	// The total row's first cell reads 合计 (Frappe writes "Total" there, untranslated).
	get_datatable_options(options) {
		const column_total = options.hooks && options.hooks.columnTotal;
		if (column_total) {
			options.hooks.columnTotal = function (values, cell) {
				if (cell.column && cell.column.fieldname === "village") return "合计";
				return column_total.call(this, values, cell);
			};
		}
		return options;
	},
};

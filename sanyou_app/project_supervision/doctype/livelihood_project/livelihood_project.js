// A leader reports on their own project (timetable, plans, funds used, a delay's reason); what the
// vote adopted and who leads stay as decided, and another leader's project is only read.
frappe.ui.form.on("Livelihood Project", {
	refresh(frm) {
		const writable = frm.doc.__onload && frm.doc.__onload.writable_fields;
		if (frm.is_new() || !writable) return;
		for (const df of frm.meta.fields) {
			const table = frappe.model.table_fields.includes(df.fieldtype);
			if ((!table && frappe.model.no_value_type.includes(df.fieldtype)) || df.read_only) continue;
			frm.set_df_property(df.fieldname, "read_only", writable.includes(df.fieldname) ? 0 : 1);
		}
		if (!writable.length) frm.disable_save();
	},
});

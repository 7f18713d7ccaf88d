// Each step's role sees editable only what it writes there (the server refuses the rest):
// the office the proposal while screening it, the presidium and the party committee their opinion.
frappe.ui.form.on("Livelihood Proposal", {
	refresh(frm) {
		// a required field this user may not read (the proposer's phone is the office's alone) is
		// not theirs to fill: the server keeps its stored value when they save
		for (const df of frm.meta.fields) {
			const level = frm.perm[df.permlevel || 0];
			if (df.reqd && df.permlevel && !(level && level.read)) {
				frm.set_df_property(df.fieldname, "reqd", 0);
			}
		}
		const writable = frm.doc.__onload && frm.doc.__onload.writable_fields;
		if (frm.is_new() || !writable) return;
		for (const df of frm.meta.fields) {
			if (frappe.model.no_value_type.includes(df.fieldtype) || df.read_only) continue;
			frm.set_df_property(df.fieldname, "read_only", writable.includes(df.fieldname) ? 0 : 1);
		}
		if (!writable.length) frm.disable_save();
	},
});

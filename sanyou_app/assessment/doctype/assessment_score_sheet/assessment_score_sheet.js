// A computed criterion has no assessor's score: its column says so instead of showing 0.
const COMPUTED = "自动计算";

function by_hand_only(value, df, options, row) {
	if (row && row.scoring_method === COMPUTED) {
		return `<span class="text-muted">${__("自动计算")}</span>`;
	}
	return frappe.form.get_formatter(df.fieldtype)(value, df, options, row);
}

const HAND_ONLY = ["score", "self_score", "group_score"];

// What each step's role writes (core.assessment.sheet_writable, sent with the sheet): every other
// field people could write reads only. The server refuses any other change all the same.
const TABLES = { criteria: "Assessment Sheet Criterion", bonuses: "Assessment Sheet Bonus" };

function written_by_hand(fields) {
	return fields.filter((df) => !df.read_only && !frappe.model.no_value_type.includes(df.fieldtype));
}

function offer_step_fields(frm) {
	const writable = frm.doc.__onload && frm.doc.__onload.writable_fields;
	if (frm.is_new() || !writable) return;
	for (const df of written_by_hand(frm.meta.fields)) {
		frm.set_df_property(df.fieldname, "read_only", writable.sheet.includes(df.fieldname) ? 0 : 1);
	}
	for (const [table, cdt] of Object.entries(TABLES)) {
		const grid = frm.fields_dict[table].grid;
		for (const df of written_by_hand(frappe.meta.get_docfields(cdt))) {
			const editable = writable[table].includes(df.fieldname);
			grid.update_docfield_property(df.fieldname, "read_only", editable ? 0 : 1);
		}
	}
}

frappe.ui.form.on("Assessment Score Sheet", {
	setup() {
		// the table's columns, for every sheet opened from now on
		for (const field of HAND_ONLY) {
			const df = frappe.meta.get_docfield("Assessment Sheet Criterion", field);
			if (df) df.formatter = by_hand_only;
		}
	},
	refresh(frm) {
		// and for this sheet's rows, already drawn
		const grid = frm.fields_dict.criteria.grid;
		if (grid.grid_rows && grid.grid_rows.length) {
			for (const field of HAND_ONLY) grid.update_docfield_property(field, "formatter", by_hand_only);
		}
		offer_step_fields(frm);
		if (["资料报送", "数据汇总"].includes(frm.doc.status) && frm.has_perm("write") && !frm.is_new()) {
			frm.add_custom_button(__("重新汇总数据"), () =>
				frm.call("aggregate").then(() => frm.reload_doc()),
			);
		}
	},
});

frappe.ui.form.on("Assessment Sheet Criterion", {
	form_render(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (row.source_link) {
			frm.fields_dict.criteria.grid.grid_rows_by_docname[cdn].grid_form.fields_dict.source_link.$wrapper
				.find(".control-value")
				.html(`<a href="${row.source_link}" target="_blank">${__("查看计算所用的记录")}</a>`);
		}
	},
});

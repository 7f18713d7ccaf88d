// Loaded with the Secret Vote form (hooks.py doctype_js). The 表决结果 table shows the columns of
// the vote's kind: a project vote its 赞成/反对/弃权, rank and outcome; a satisfaction survey its
// 满意/基本满意/不满意, rate and grade; a democratic appraisal its four grades. The 表决事项 table
// names the kind of each item in Chinese.

const SANYOU_RESULT_COLUMNS = {
	项目票决: {
		item_label: 3,
		votes_for: 1,
		votes_against: 1,
		votes_abstain: 1,
		rank: 1,
		passed: 1,
		picked: 1,
	},
	满意度测评: {
		item_label: 3,
		satisfied: 1,
		basically_satisfied: 1,
		unsatisfied: 1,
		satisfaction_rate: 2,
		grade: 1,
	},
	民主评议党员: {
		item_label: 2,
		excellent: 1,
		qualified: 1,
		basically_qualified: 1,
		unqualified: 1,
		grade: 2,
	},
};

function sanyou_set_result_columns(frm) {
	const grid = frm.fields_dict.results && frm.fields_dict.results.grid;
	if (!grid) return;
	const shown = SANYOU_RESULT_COLUMNS[frm.doc.vote_type] || SANYOU_RESULT_COLUMNS["项目票决"];
	const key = Object.keys(shown).join();
	if (grid.sanyou_columns === key) return;
	for (const df of grid.docfields) {
		if (frappe.model.layout_fields.includes(df.fieldtype)) continue;
		df.in_list_view = shown[df.fieldname] ? 1 : 0;
		if (shown[df.fieldname]) df.columns = shown[df.fieldname];
	}
	grid.sanyou_columns = key;
	grid.visible_columns = [];
	grid.reset_grid();
}

function sanyou_doctype_label(value) {
	return frappe.utils.escape_html(__(value || ""));
}

function sanyou_name_item_kinds(frm) {
	const grid = frm.fields_dict.items && frm.fields_dict.items.grid;
	if (!grid) return;
	for (const df of [...grid.docfields, ...(grid.grid_rows || []).flatMap((row) => row.docfields || [])]) {
		if (df.fieldname === "reference_doctype") df.formatter = sanyou_doctype_label;
	}
	grid.refresh();
}

frappe.ui.form.on("Secret Vote", {
	refresh(frm) {
		sanyou_name_item_kinds(frm);
		sanyou_set_result_columns(frm);
	},
	vote_type(frm) {
		sanyou_set_result_columns(frm);
	},
});

// The source and the responsible unit are named by their kind of record (党支部, 满意度测评…): show
// the kind in Chinese, in the form's inputs and where the field is read only.
frappe.form.link_formatters["DocType"] = (value) => (value ? __(value) : value);

frappe.ui.form.on("Rectification Item", {
	setup(frm) {
		for (const field of ["source_doctype", "owner_doctype"]) {
			frm.fields_dict[field].is_translatable = () => true;
		}
	},
	refresh(frm) {
		// the owner writes the plan, progress and evidence until they hand the item in
		if (!frm.is_new() && frm.doc.owner_user === frappe.session.user) {
			const open = ["待整改", "整改中"].includes(frm.doc.status);
			if (open && !frm.doc.plan) {
				frm.dashboard.set_headline(__("请填写整改路线图，完成后提交验收"), "orange");
			}
		}
	},
});

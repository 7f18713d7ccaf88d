frappe.ui.form.on("Deputy Theory Exam", {
	refresh(frm) {
		if (!frm.has_perm("write")) return;
		sanyou.excel_import_buttons(frm, {
			template: "sanyou_app.deputy_liaison.exam.download_template",
			template_label: __("下载成绩导入模板"),
			method: "sanyou_app.deputy_liaison.exam.import_scores",
			args: { exam: frm.doc.name },
			import_label: __("导入成绩"),
			ready: !frm.is_new() && frm.doc.score_file,
		});
	},
});

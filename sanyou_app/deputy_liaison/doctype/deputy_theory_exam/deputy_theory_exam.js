frappe.ui.form.on("Deputy Theory Exam", {
	refresh(frm) {
		frm.add_custom_button(__("下载成绩导入模板"), () => {
			window.open("/api/method/sanyou_app.deputy_liaison.exam.download_template");
		});
		if (!frm.is_new() && frm.doc.score_file) {
			frm.add_custom_button(__("导入成绩"), () => {
				frappe
					.call({
						method: "sanyou_app.deputy_liaison.exam.import_scores",
						args: { exam: frm.doc.name },
						freeze: true,
					})
					.then((r) => {
						const result = r.message || {};
						frappe.msgprint({
							message: frappe.utils.escape_html(result.message || ""),
							indicator: result.ok ? "green" : "red",
						});
						frm.reload_doc();
					});
			}).addClass("btn-primary");
		}
	},
});

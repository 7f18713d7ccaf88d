frappe.ui.form.on("Assessment Cycle", {
	refresh(frm) {
		if (frm.is_new() || !frm.has_perm("write")) {
			return;
		}
		const call = (method, message) =>
			frm.call(method).then((r) => {
				frappe.msgprint(message(r.message));
				frm.reload_doc();
			});
		frm.add_custom_button(
			__("数据汇总"),
			() => call("aggregate", (n) => __("已汇总{0}张评分表", [n])),
			__("考核"),
		);
		frm.add_custom_button(
			__("排名并推荐表彰"),
			() => call("rank_and_propose", (note) => note),
			__("考核"),
		);
		frm.add_custom_button(
			__("审定发布"),
			() => call("publish", (n) => __("已发布{0}张评分表", [n])),
			__("考核"),
		);
		frm.add_custom_button(
			__("导出离线评分表"),
			() => frm.call("export_scores").then((r) => window.open(r.message)),
			__("离线评分"),
		);
		frm.add_custom_button(
			__("导入离线评分"),
			() =>
				new frappe.ui.FileUploader({
					allow_multiple: false,
					restrictions: { allowed_file_types: [".xlsx"] },
					on_success: (file) =>
						frm.call("import_scores", { file_url: file.file_url }).then((r) => {
							const result = r.message;
							let text = result.summary;
							if (result.error_file) {
								text += `<br><a href="${result.error_file}">${__("下载错误说明文件")}</a>`;
							}
							frappe.msgprint(text);
							frm.reload_doc();
						}),
				}),
			__("离线评分"),
		);
	},
});

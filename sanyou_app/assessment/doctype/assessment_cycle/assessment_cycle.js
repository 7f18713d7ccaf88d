frappe.ui.form.on("Assessment Cycle", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		// sheets are made and published in the background; the form shows where the step is
		if (frm.doc.job_status === "进行中") {
			frm.dashboard.set_headline(
				__("“{0}”正在后台进行，完成后本页自动刷新。", [frm.doc.job_step]),
				"blue",
			);
		} else if (frm.doc.job_status === "未完成") {
			frm.dashboard.set_headline(frappe.utils.escape_html(frm.doc.job_message), "red");
		}
		if (frm.doc.job_status === "进行中") {
			return;
		}
		if (frm.has_perm("write")) {
			add_steps(frm);
		}
		// the assessors score offline: the workbook of the sheets at 赋分评价, and back
		if (
			frappe.user.has_role(["Assessment Assessor", "Organ Party Committee Officer", "System Manager"])
		) {
			add_offline_scoring(frm);
		}
	},
});

function add_steps(frm) {
	if (frm.doc.job_status === "未完成") {
		frm.add_custom_button(__("重新运行“{0}”", [frm.doc.job_step]), () =>
			frm.call("retry_step").then(() => frm.reload_doc()),
		);
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
	frm.add_custom_button(__("排名并推荐表彰"), () => call("rank_and_propose", (note) => note), __("考核"));
	frm.add_custom_button(
		__("审定发布"),
		() => call("publish", (n) => __("正在后台发布{0}张考核评分表，完成后本页自动刷新", [n])),
		__("考核"),
	);
}

function add_offline_scoring(frm) {
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
						let text = result.queued
							? __("共{0}行，校验无误，正在后台导入，完成后本页自动刷新", [result.queued])
							: frappe.utils.escape_html(result.summary);
						if (result.error_file) {
							text += `<br><a href="${result.error_file}">${__("下载错误说明文件")}</a>`;
						}
						frappe.msgprint(text);
						frm.reload_doc();
					}),
			}),
		__("离线评分"),
	);
}

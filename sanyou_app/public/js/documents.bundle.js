// 下载 Word on the forms of records the app prints as 公文 (GB/T 9704-2012): one button per document,
// each giving the editable .docx made from the same model as its PDF. The documents of each doctype
// come with the desk's boot (sanyou_app/documents/api.py boot).
$(document).on("form-refresh", (event, frm) => {
	const documents = (frappe.boot.sanyou_documents || {})[frm.doctype];
	if (!documents || frm.is_new()) return;
	const group = __("Download Word");
	for (const print_format of documents) {
		frm.add_custom_button(
			print_format,
			() => {
				const args = new URLSearchParams({
					doctype: frm.doctype,
					name: frm.docname,
					print_format,
				});
				window.open(`/api/method/sanyou_app.documents.api.download_docx?${args.toString()}`);
			},
			group,
		);
	}
});

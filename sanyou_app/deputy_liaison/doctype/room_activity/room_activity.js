frappe.ui.form.on("Room Activity", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.activity_type === "接待选民" && !frm.doc.suggestion) {
			frm.add_custom_button(__("转为代表建议"), () => {
				frappe.model.open_mapped_doc({
					method: "sanyou_app.deputy_liaison.doctype.room_activity.room_activity.make_suggestion",
					frm,
				});
			});
		}
	},
});

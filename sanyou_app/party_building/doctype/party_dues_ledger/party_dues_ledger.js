frappe.ui.form.on("Party Dues Ledger", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.has_perm("write") && frappe.model.can_create("Party Dues")) {
			add_generate_button(frm);
		}
		if (frappe.model.can_read("Party Dues")) {
			frm.add_custom_button(__("Dues Records"), () => {
				frappe.set_route("List", "Party Dues", { ledger: frm.doc.name });
			});
		}
	},
});

function add_generate_button(frm) {
	frm.add_custom_button(__("Generate Monthly Dues"), () => {
		frappe.prompt(
			[
				{
					fieldname: "month",
					label: __("Dues Month"),
					fieldtype: "Select",
					options: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12",
					default: String(new Date().getMonth() + 1),
					reqd: 1,
				},
			],
			(values) => {
				frappe
					.call({
						method: "sanyou_app.party_building.api.generate_dues",
						args: { ledger: frm.doc.name, month: values.month },
						freeze: true,
					})
					.then((r) => {
						const result = r.message || {};
						let text = __("Dues records created: {0}", [result.created || 0]);
						if ((result.skipped || []).length) {
							text += "<br>" + result.skipped.map(frappe.utils.escape_html).join("<br>");
						}
						frappe.msgprint(text);
						frm.reload_doc();
					});
			},
			__("Generate Monthly Dues"),
			__("Generate"),
		);
	}).addClass("btn-primary");
}

frappe.listview_settings["Party Dues"] = {
	add_fields: ["status", "amount", "paid_amount"],
	get_indicator(doc) {
		return doc.status === "已缴"
			? [__("已缴"), "green", "status,=,已缴"]
			: [__("未缴"), "red", "status,=,未缴"];
	},
};

frappe.ui.form.on("Secret Vote", {
	refresh(frm) {
		if (frm.is_new()) return;
		const step = (label, method, confirm) =>
			frm.add_custom_button(label, () => {
				const run = () => frm.call(method).then(() => frm.reload_doc());
				confirm ? frappe.confirm(confirm, run) : run();
			});
		const s = frm.doc.status;
		// once voting has closed nothing on the vote is edited by hand (the server refuses it too)
		if (!["准备中", "投票中"].includes(s)) frm.disable_form();
		if (s === "准备中") {
			step(__("Open Voting"), "open_voting", __("Open voting now? The items and the roll can no longer change."));
			frm.add_custom_button(__("Session Packet"), () => packet(frm, 0), __("Print"));
			frm.add_custom_button(__("Sample Ballot"), () => packet(frm, 1), __("Print"));
		}
		if (s === "投票中") {
			step(__("Close Voting"), "close_voting", __("Close voting now? No more ballots will be accepted."));
			if (frm.doc.mode === "电子投票") frm.add_custom_button(__("Cast My Ballot"), () => cast(frm)).addClass("btn-primary");
		}
		if (s === "计票中") {
			if (frm.doc.mode === "纸质投票")
				frm.add_custom_button(__("Enter Paper Ballots"), () =>
					frappe.new_doc("Paper Ballot Entry", { vote: frm.doc.name })
				);
			step(__("Count"), "count");
		}
		if (s === "待监票人确认") step(__("Sign Off the Count"), "sign_off", __("Sign off this count record?"));
		if (["已公布", "本轮无效"].includes(s)) step(__("Next Round"), "make_next_round");
		if (s === "已公布" && frm.doc.vote_type === "民主评议党员")
			step(__("Record Grades on Members"), "record_appraisal_grades");
	},
});

function packet(frm, sample) {
	window.open(
		"/api/method/sanyou_app.voting.packet.download?vote=" + encodeURIComponent(frm.doc.name) + "&sample=" + sample
	);
}

function cast(frm) {
	frappe.call("sanyou_app.voting.api.my_ballot_form", { vote: frm.doc.name }).then(({ message: form }) => {
		if (!form.on_roll || !form.signed_in || form.cast) {
			frappe.msgprint(form.cast ? __("You have already voted.") : __("You are not signed in for this vote."));
			return;
		}
		const fields = form.items.map((item, i) => ({
			fieldname: "item_" + i,
			label: item,
			fieldtype: "Select",
			options: [""].concat(form.marks).join("\n"),
		}));
		const dialog = new frappe.ui.Dialog({
			title: frm.doc.title,
			fields,
			primary_action_label: __("Cast"),
			primary_action(values) {
				const marks = {};
				form.items.forEach((item, i) => (marks[item] = values["item_" + i] || null));
				frappe.call({
					method: "sanyou_app.voting.api.cast",
					type: "POST",
					args: { vote: frm.doc.name, marks },
				}).then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Your ballot has been cast."), indicator: "green" });
				});
			},
		});
		dialog.show();
	});
}

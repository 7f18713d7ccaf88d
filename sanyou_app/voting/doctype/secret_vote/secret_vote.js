// The vote's steps as form buttons, each shown only to whoever may take it (the server checks
// again); the deputy's cast dialog; the scrutineers' keys.
frappe.ui.form.on("Secret Vote", {
	refresh(frm) {
		if (frm.is_new()) return;
		const me = frm.doc.__onload?.me || {};
		const s = frm.doc.status;
		const electronic = frm.doc.mode === "电子投票";
		const step = (label, method, confirm, group) =>
			frm.add_custom_button(
				label,
				() => {
					const call = method.includes(".")
						? () => frappe.call({ method, type: "POST", args: { vote: frm.doc.name } })
						: () => frm.call(method);
					const run = () => call().then(() => frm.reload_doc());
					confirm ? frappe.confirm(confirm, run) : run();
				},
				group,
			);
		// once voting has closed nothing on the vote is edited by hand (the server refuses it too)
		if (!["准备中", "投票中"].includes(s)) frm.disable_form();
		if (electronic && me.office && !secure_page())
			frm.set_intro(
				"本站没有使用 HTTPS：投票、登记和开启选票的请求在网络上以明文传送，会场网络中任何能记录流量的人都能看到登录凭据。" +
					"请按部署说明为本站配置 HTTPS 证书后再组织电子投票。",
				"red",
			);
		if (electronic && frm.doc.trackers && (me.on_roll || me.officer || me.office))
			frm.add_custom_button("核验我的选票", () =>
				window.open("/ballot-check?vote=" + encodeURIComponent(frm.doc.name)),
			);
		if (["准备中", "投票中"].includes(s) && me.office) {
			const present = (frm.doc.voters || []).filter((r) => r.signed_in).length;
			frm.add_custom_button(`签到（已签到 ${present}/${(frm.doc.voters || []).length}）`, () =>
				sign_in_dialog(frm),
			);
		}
		if (s === "准备中") {
			if (me.office) {
				step(
					__("Open Voting"),
					"open_voting",
					__("Open voting now? The items and the roll can no longer change."),
				);
				frm.add_custom_button(__("Session Packet"), () => packet(frm, 0), __("Print"));
				frm.add_custom_button(__("Sample Ballot"), () => packet(frm, 1), __("Print"));
			}
			if (electronic && me.scrutineer) {
				if (me.key_registered) frm.add_custom_button("重新生成开票密钥", () => make_key(frm, me));
				else frm.page.set_primary_action("生成开票密钥", () => make_key(frm, me));
			}
			if (electronic && me.office && me.keys_missing?.length) {
				frm.dashboard.set_headline(
					`尚未生成开票密钥的监票人：${me.keys_missing.join("、")}`,
					"orange",
				);
			}
		}
		if (s === "投票中") {
			if (me.office)
				step(
					__("Close Voting"),
					"close_voting",
					__("Close voting now? No more ballots will be accepted."),
				);
			if (electronic && me.signed_in && !me.cast) {
				// the page's primary action: in the header on a phone too, not in the menu
				frm.page.set_primary_action("我要投票", () => cast(frm));
				frm.dashboard.set_headline("您已签到，请点击右上角“我要投票”投出您的选票。", "blue");
			}
			if (electronic && me.cast) frm.dashboard.set_headline("您已投票。", "green");
		}
		if (s === "计票中") {
			if (!electronic && me.teller)
				frm.add_custom_button(__("Enter Paper Ballots"), () =>
					frappe.new_doc("Paper Ballot Entry", { vote: frm.doc.name }),
				);
			if (electronic && me.my_turn) frm.page.set_primary_action("开启选票", () => open_layer(frm, me));
			if (electronic && me.turn_name)
				frm.dashboard.set_headline(
					`开启选票：已开启${frm.doc.layers_opened || 0}/${me.layers}层，请监票人${me.turn_name}在本人电脑上用密钥文件开启选票。` +
						"任何一位监票人的密钥遗失，选票将无法开启，本轮表决无效，须重新票决。",
					"blue",
				);
			if (electronic && me.may_declare_key_lost)
				step(
					"密钥遗失，宣布本轮无效",
					"sanyou_app.voting.sealing.declare_key_lost",
					"确认开票密钥已遗失、无法找回？选票将被销毁，本轮表决无效，须重新票决。宣布人和时间将记录在本表决上。",
				);
			if (me.officer && (!electronic || !me.turn_name)) step(__("Count"), "count");
		}
		if (s === "待监票人确认" && me.scrutineer && !me.signed_off)
			step(__("Sign Off the Count"), "sign_off", __("Sign off this count record?"));
		if (["已公布", "本轮无效"].includes(s) && me.office) step(__("Next Round"), "make_next_round");
		if (
			s === "已公布" &&
			frm.doc.vote_type === "民主评议党员" &&
			frappe.user.has_role("Organ Party Committee Officer")
		)
			step(__("Record Grades on Members"), "record_appraisal_grades");
	},
});

// --- signing in at the door: type a name, press Enter or click; each sign-in is saved at once, from
// as many desks as the hall has, and the count shows how many have their ballot ---------------
function sign_in_dialog(frm) {
	const roll = (frm.doc.voters || []).map((r) => ({
		key: r.deputy || r.member,
		name: r.voter_name,
		signed_in: !!r.signed_in,
	}));
	const dialog = new frappe.ui.Dialog({
		title: "签到",
		size: "large",
		fields: [
			{
				fieldtype: "Data",
				fieldname: "find",
				label: "姓名或编号",
				description: "输入代表姓名或编号，按回车签到",
			},
			{ fieldtype: "HTML", fieldname: "list" },
		],
	});
	const render = () => {
		const text = (dialog.get_value("find") || "").trim();
		const shown = roll.filter((r) => !text || r.name.includes(text) || (r.key || "").includes(text));
		const present = roll.filter((r) => r.signed_in).length;
		dialog.set_title(`签到（已签到 ${present}/${roll.length}）`);
		dialog.fields_dict.list.$wrapper.html(
			`<div style="display:flex;flex-wrap:wrap;gap:8px;max-height:60vh;overflow:auto">${shown
				.map(
					(r) =>
						`<button type="button" class="btn ${r.signed_in ? "btn-success" : "btn-default"} sanyou-sign-in"
						data-key="${frappe.utils.escape_html(r.key)}" ${r.signed_in ? "disabled" : ""}
						style="min-width:96px;min-height:44px">${frappe.utils.escape_html(r.name)}${r.signed_in ? " ✔" : ""}</button>`,
				)
				.join("")}</div>`,
		);
		return shown;
	};
	const sign = (keys) =>
		frappe
			.call({
				method: "sanyou_app.voting.api.sign_in",
				type: "POST",
				args: { vote: frm.doc.name, voters: JSON.stringify(keys) },
			})
			.then(({ message }) => {
				roll.forEach((r) => keys.includes(r.key) && (r.signed_in = true));
				frappe.show_alert({ message: message.message, indicator: "green" });
				// the whole roll again once the box is empty (set_value empties it a moment later)
				return dialog.set_value("find", "").then(render);
			});
	dialog.fields_dict.list.$wrapper.on("click", ".sanyou-sign-in", (e) =>
		sign([$(e.currentTarget).attr("data-key")]),
	);
	dialog.fields_dict.find.$input.on("input", render);
	dialog.fields_dict.find.$input.on("keydown", (e) => {
		if (e.key !== "Enter") return;
		const waiting = render().filter((r) => !r.signed_in);
		if (waiting.length === 1) sign([waiting[0].key]);
	});
	dialog.onhide = () => frm.reload_doc();
	dialog.show();
	render();
}

function packet(frm, sample) {
	window.open(
		"/api/method/sanyou_app.voting.packet.download?vote=" +
			encodeURIComponent(frm.doc.name) +
			"&sample=" +
			sample,
	);
}

const sealing = () => frappe.require("sealing.bundle.js").then(() => sanyou.sealing.ready());

function download(filename, text) {
	const link = document.createElement("a");
	link.href = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
	link.download = filename;
	document.body.appendChild(link);
	link.click();
	setTimeout(() => {
		URL.revokeObjectURL(link.href);
		link.remove();
	}, 1000);
}

// --- the scrutineer's key: made here, its secret half saved to a file only the scrutineer keeps ---
function make_key(frm, me) {
	const go = async () => {
		await sealing();
		const pair = await sanyou.sealing.key_pair();
		const file = [
			"开票密钥（请妥善保管，计票时由本人提供；遗失将导致本轮表决无效）",
			`表决：${frm.doc.title}（${frm.doc.name}）`,
			`监票人：${frappe.session.user_fullname}`,
			`公钥：${pair.public_key}`,
			`密钥：${pair.secret_key}`,
			"",
		].join("\n");
		download(`开票密钥-${frm.doc.name}.txt`, file);
		await frappe.call({
			method: "sanyou_app.voting.sealing.register_key",
			type: "POST",
			args: { vote: frm.doc.name, public_key: pair.public_key },
		});
		frappe.msgprint({
			title: "开票密钥已生成",
			message:
				"密钥文件已下载到本机，请立即备份到U盘并妥善保管。计票时需由您本人提供该文件开启选票；" +
				"系统不保存您的密钥，任何人都无法替您找回，遗失将导致本轮表决无效、须重新票决。",
			indicator: "green",
		});
		frm.reload_doc();
	};
	const warn = me.key_registered
		? "重新生成后，原密钥作废，请使用新下载的密钥文件。确定重新生成？"
		: "将在本机生成开票密钥并下载密钥文件。确定生成？";
	frappe.confirm(warn, go);
}

function read_key_file(text) {
	const line = (text || "").split(/\r?\n/).find((l) => l.startsWith("密钥："));
	return (line ? line.slice(3) : text || "").trim();
}

const secure_page = () =>
	location.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(location.hostname);

// The scrutineer's layer is removed here, in this browser, with the key file: the key never
// leaves this machine. The ballots come from the server, go back opened and shuffled.
function open_layer(frm, me) {
	const dialog = new frappe.ui.Dialog({
		title: "开启选票",
		fields: [
			{
				fieldtype: "HTML",
				fieldname: "help",
				options:
					'<p class="text-muted">请选择您生成开票密钥时下载的密钥文件（或粘贴文件内容）。' +
					"选票在您的浏览器中开启并重新打乱顺序后交回系统；密钥不会离开您的电脑。</p>",
			},
			{
				fieldtype: "HTML",
				fieldname: "file_input",
				options: '<input type="file" accept=".txt,text/plain" class="form-control">',
			},
			{ fieldtype: "Small Text", fieldname: "key_text", label: "密钥文件内容" },
		],
		primary_action_label: "开启选票",
		async primary_action(values) {
			const secret = read_key_file(values.key_text);
			if (!secret) return frappe.msgprint("请先选择密钥文件");
			await sealing();
			let mine;
			try {
				mine = await sanyou.sealing.public_key_of(secret);
			} catch (e) {
				return frappe.msgprint({
					title: "密钥无效",
					message: "密钥文件内容无法识别，请选择本次表决的密钥文件",
					indicator: "red",
				});
			}
			frappe.dom.freeze("正在取回选票…");
			try {
				const { message: box } = await frappe.call({
					method: "sanyou_app.voting.sealing.ballots_to_open",
					type: "POST",
					args: { vote: frm.doc.name },
				});
				if (box.public_key !== mine) {
					frappe.dom.unfreeze();
					return frappe.msgprint({
						title: "密钥不符",
						message: "该密钥与您登记的公钥不符，请选择本次表决的密钥文件",
						indicator: "red",
					});
				}
				frappe.dom.freeze(`正在本机开启第${box.layer}层（共${box.ballots.length}张）…`);
				const opened = await sanyou.sealing.open_layer(secret, box.ballots);
				const r = await frappe.call({
					method: "sanyou_app.voting.sealing.submit_layer",
					type: "POST",
					args: { vote: frm.doc.name, layer: box.layer, ballots: JSON.stringify(opened) },
				});
				dialog.hide();
				frappe.msgprint({ title: "开启选票", message: r.message.message, indicator: "green" });
				frm.reload_doc();
			} finally {
				frappe.dom.unfreeze();
			}
		},
	});
	dialog.fields_dict.file_input.$wrapper.find("input").on("change", (e) => {
		const file = e.target.files[0];
		if (!file) return;
		file.text().then((text) => dialog.set_value("key_text", text));
	});
	dialog.show();
}

// --- the deputy's cast dialog ---------------------------------------------------------------------
function cast(frm) {
	frappe.call("sanyou_app.voting.api.my_ballot_form", { vote: frm.doc.name }).then(({ message: form }) => {
		if (!form.on_roll || !form.signed_in || form.cast) {
			frappe.msgprint(
				form.cast ? __("You have already voted.") : __("You are not signed in for this vote."),
			);
			return;
		}
		sealing();
		new CastDialog(frm, form).show();
	});
}

class CastDialog {
	constructor(frm, form) {
		this.frm = frm;
		this.form = form;
		this.marks = form.items.map(() => null);
		this.dialog = new frappe.ui.Dialog({
			title: form.title,
			size: "large",
			fields: [{ fieldtype: "HTML", fieldname: "sheet" }],
			primary_action_label: "核对选票",
			primary_action: () => this.review(),
		});
		this.$sheet = this.dialog.fields_dict.sheet.$wrapper;
		this.$sheet.on("click", "button[data-item]", (e) => {
			const b = $(e.currentTarget);
			const i = +b.attr("data-item");
			const mark = b.attr("data-mark");
			this.marks[i] = this.marks[i] === mark ? null : mark;
			this.render();
		});
	}

	show() {
		this.render();
		this.dialog.show();
	}

	for_count() {
		return this.marks.filter((m) => m === "赞成").length;
	}

	would_be_void() {
		return this.form.void_if_over_seats && this.form.seats && this.for_count() > this.form.seats;
	}

	rule() {
		const f = this.form;
		if (f.vote_type === "项目票决")
			return (
				`本次应选项目${f.seats}个。每个项目可选“赞成”“反对”或“弃权”，未选择的按弃权计。` +
				(f.void_if_over_seats ? `<b>“赞成”超过${f.seats}个的选票整张无效。</b>` : "")
			);
		return `请对每个事项选择${f.marks.map((m) => `“${m}”`).join("、")}之一；不选择的事项不计。`;
	}

	render() {
		const f = this.form;
		const rows = f.items
			.map(
				(item, i) => `
			<div class="sanyou-cast-row" style="padding:10px 0;border-bottom:1px solid var(--border-color)">
				<div style="font-weight:600;margin-bottom:6px">${i + 1}. ${frappe.utils.escape_html(item)}</div>
				<div style="display:flex;flex-wrap:wrap;gap:8px">
					${f.marks
						.map(
							(m) => `<button type="button" data-item="${i}" data-mark="${m}"
							class="btn ${this.marks[i] === m ? "btn-primary" : "btn-default"}"
							style="min-width:88px;min-height:44px;font-size:16px">${m}</button>`,
						)
						.join("")}
				</div>
			</div>`,
			)
			.join("");
		let status = "";
		if (f.vote_type === "项目票决") {
			const n = this.for_count();
			const color = this.would_be_void() ? "red" : n === f.seats ? "green" : "blue";
			status = `<div class="indicator-pill ${color}" style="margin:8px 0;font-size:15px">已选赞成 ${n} 个 / 应选 ${f.seats} 个${
				this.would_be_void() ? "：赞成超过应选项目数，本张选票将无效" : ""
			}</div>`;
		}
		this.$sheet.html(`<p>${this.rule()}</p>${status}<div>${rows}</div>`);
	}

	review() {
		const f = this.form;
		const lines = f.items
			.map(
				(item, i) =>
					`<tr><td>${frappe.utils.escape_html(item)}</td><td><b>${this.marks[i] || (f.vote_type === "项目票决" ? "弃权（未选）" : "不选")}</b></td></tr>`,
			)
			.join("");
		const warn = this.would_be_void()
			? `<p style="color:var(--red-600);font-weight:600">您选择了${this.for_count()}个赞成，超过应选项目数${f.seats}个，这张选票将整张无效。请返回修改，或确认仍要投出无效票。</p>`
			: "";
		const confirm = new frappe.ui.Dialog({
			title: "请核对您的选票",
			fields: [
				{
					fieldtype: "HTML",
					fieldname: "summary",
					options: `${warn}<table class="table table-bordered">${lines}</table><p class="text-muted">投出后不能更改。选票在您的浏览器中加密，只有全体监票人在计票时共同开启。</p>`,
				},
			],
			primary_action_label: this.would_be_void() ? "仍然投出（无效票）" : "确认投票",
			primary_action: () => this.send(confirm),
			secondary_action_label: "返回修改",
			secondary_action: () => confirm.hide(),
		});
		confirm.show();
	}

	async send(confirm) {
		const f = this.form;
		await sealing();
		const digits = this.marks.map((m) => (m ? String(f.marks.indexOf(m) + 1) : "0")).join("");
		const code = await sanyou.sealing.new_code();
		const { sealed, tracker } = await sanyou.sealing.seal(f.keys, this.frm.doc.name, code, digits);
		frappe
			.call({
				method: "sanyou_app.voting.api.cast",
				type: "POST",
				args: { vote: this.frm.doc.name, sealed },
				freeze: true,
				freeze_message: "正在投票…",
			})
			.then(({ message: r }) => {
				confirm.hide();
				this.dialog.hide();
				const same = r.tracker === tracker;
				frappe.msgprint({
					title: "投票成功",
					indicator: same ? "green" : "red",
					message:
						`<p>${__("Your ballot has been cast.")}请记下下面两个码（只显示这一次，系统不保存核验码）：</p>` +
						`<table class="table table-bordered"><tr><td>选票追踪码</td><td><b class="sanyou-tracker" style="font-size:18px;font-family:monospace">${tracker}</b></td></tr>` +
						`<tr><td>核验码</td><td><b class="sanyou-code" style="font-size:18px;font-family:monospace">${code}</b></td></tr></table>` +
						'<p class="text-muted">投票结束后，本表决的全体代表可以看到票箱中全部选票的追踪码；全部选票开启后，可以看到选票中找到的全部核验码（不含任何选择）。' +
						"请在“核验我的选票”中找到您的两个码：找到，说明您的选票已完整计入；找不到，请立即告知总监票人。两个码都不会透露您的选择。</p>" +
						(same
							? ""
							: '<p style="color:var(--red-600)">系统回复的追踪码与本机计算的不一致，请立即告知总监票人。</p>'),
				});
				this.frm.reload_doc();
			});
	}
}

// Loaded with every page of the desk (hooks.py app_include_js).

// Field labels in Chinese wherever the desk names a field through frappe.meta.get_label: Frappe
// v15 returns the label as the doctype stores it, untranslated, and the timeline ("… in row #3"),
// the filter and sort menus, group-by and the report view's columns show it as it is.
const untranslated_label = frappe.meta.get_label;
frappe.meta.get_label = function (doctype, fieldname, docname) {
	const label = untranslated_label.call(this, doctype, fieldname, docname);
	return label ? __(label, null, doctype) : label;
};

// Frappe's timeline writes a field that changed from empty as "由null改为…": its html2text turns
// null into the text "null". Read empty as empty (the timeline then shows "（空）").
const html2text = frappe.utils.html2text;
frappe.utils.html2text = function (html) {
	return html === null || html === undefined ? "（空）" : html2text.call(this, html);
};

// A form's headline is set, not added to: Frappe v15's set_headline appends, so a form refreshed
// twice (after a save, or a change another user made) shows the same line twice.
const set_headline = frappe.ui.form.Dashboard.prototype.set_headline;
frappe.ui.form.Dashboard.prototype.set_headline = function (html, color) {
	this.clear_headline();
	return set_headline.call(this, html, color);
};

// Excel import on a form: a button that downloads the template, and once a workbook is attached
// one that imports it, all rows or none; the server's message names each bad row, field and
// reason. `ready`: whether there is a workbook to import.
frappe.provide("sanyou");
sanyou.excel_import_buttons = function (
	frm,
	{ template, template_label, method, args, import_label, ready },
) {
	frm.add_custom_button(template_label, () => window.open(`/api/method/${template}`));
	if (!ready) return;
	frm.add_custom_button(import_label, () => {
		frappe.call({ method, args, freeze: true }).then((r) => {
			const result = r.message || {};
			frappe.msgprint({
				message: frappe.utils.escape_html(result.message || ""),
				indicator: result.ok ? "green" : "red",
			});
			frm.reload_doc();
		});
	}).addClass("btn-primary");
};

// --- Templates whose loops draw a keyword --------------------------------------------------------
// Frappe compiles a template's `{% for x in list %}` with two variables named by three random
// letters (frappe.utils.get_random(3)). When a draw is a JavaScript keyword ("for", "new", "try",
// "var") the template does not compile and compile() returns nothing: the navbar has two loops, so
// about one desk start in 9,000 stopped with "frappe.template.compile(...) is not a function" and
// an empty page. A template that did not compile is compiled again with new names; one that never
// compiles (a real error in it) still returns nothing, after Frappe has logged it each time.
{
	const compile = frappe.template.compile;
	frappe.template.compile = function (str, name) {
		let compiled;
		for (let attempt = 0; attempt < 4 && typeof compiled !== "function"; attempt++) {
			compiled = compile.call(this, str, name);
		}
		return compiled;
	};
}

// --- Charts redrawn while the page settles -------------------------------------------------------
// frappe-charts redraws a chart whenever its parent is resized (a ResizeObserver). A workspace that
// draws its chart widgets again as it settles leaves the earlier chart observing a parent whose svg
// is no longer in the chart's container, and that redraw throws "Failed to execute 'removeChild' on
// 'Node'" (seen right after logging in, on the homes with charts). Such a chart starts a new svg.
if (frappe.utils.make_chart) {
	const make_chart = frappe.utils.make_chart;
	frappe.utils.make_chart = function (...args) {
		const chart = make_chart.apply(this, args);
		let proto = chart && Object.getPrototypeOf(chart);
		while (proto && !Object.prototype.hasOwnProperty.call(proto, "makeChartArea")) {
			proto = Object.getPrototypeOf(proto);
		}
		if (proto && !proto.sanyou_keeps_its_svg) {
			const make_chart_area = proto.makeChartArea;
			proto.makeChartArea = function (...area_args) {
				if (this.svg && this.svg.parentNode !== this.container) this.svg = null;
				return make_chart_area.apply(this, area_args);
			};
			proto.sanyou_keeps_its_svg = true;
		}
		return chart;
	};
}

// --- The desk's own widgets in the user's language ---------------------------------------------

// The calendar view: FullCalendar names its Chinese locale "zh-cn"; Frappe passes the site's
// language code ("zh"), which FullCalendar does not know, so months and days stayed in English.
const FULLCALENDAR_LOCALES = { zh: "zh-cn", "zh-TW": "zh-tw" };
if (frappe.views.Calendar) {
	const setup_options = frappe.views.Calendar.prototype.setup_options;
	frappe.views.Calendar.prototype.setup_options = function (defaults) {
		const out = setup_options.call(this, defaults);
		const lang = frappe.boot.lang;
		if (this.cal_options && FULLCALENDAR_LOCALES[lang]) {
			this.cal_options.locale = FULLCALENDAR_LOCALES[lang];
		}
		return out;
	};
}

// The Gantt view: frappe-gantt writes its month names in its own `language` option (it knows "zh"),
// which Frappe leaves at English.
if (frappe.views.GanttView) {
	const render_gantt = frappe.views.GanttView.prototype.render_gantt;
	frappe.views.GanttView.prototype.render_gantt = function () {
		if (window.Gantt && !window.Gantt.sanyou_language) {
			const Gantt = window.Gantt;
			const language = (frappe.boot.lang || "en").split("-")[0];
			window.Gantt = class extends Gantt {
				constructor(wrapper, tasks, options) {
					super(wrapper, tasks, { ...options, language });
				}
			};
			window.Gantt.sanyou_language = true;
		}
		return render_gantt.call(this);
	};
}

// A Gantt bar reads the record's title and its progress, never its code: Frappe labels it
// "{title} ({name}) - {progress}%" whenever the doctype has a title field (a project: 项目名称 (ZSXM-…)).
if (frappe.views.GanttView) {
	const prepare_tasks = frappe.views.GanttView.prototype.prepare_tasks;
	frappe.views.GanttView.prototype.prepare_tasks = function () {
		prepare_tasks.call(this);
		const title_field = this.meta.title_field;
		if (!title_field) return;
		this.tasks.forEach((task, i) => {
			const item = this.data[i];
			if (!item[title_field]) return;
			task.name = item.progress
				? __("{0} ({1}%)", [item[title_field], Math.round(item.progress)])
				: item[title_field];
		});
	};
}

// The time zone written under a date-time field ("Asia/Shanghai"), by its name in the language.
if (frappe.ui.form.ControlDatetime) {
	const get_user_time_zone = frappe.ui.form.ControlDatetime.prototype.get_user_time_zone;
	frappe.ui.form.ControlDatetime.prototype.get_user_time_zone = function () {
		const time_zone = get_user_time_zone.call(this);
		return time_zone ? __(time_zone) : time_zone;
	};
}

// The text editor (Quill): its pickers and link tooltip print their words from CSS ("Normal",
// "Heading 1", "Insert Table", "Visit URL:"), and its buttons carry no tooltip at all.
const QUILL_BUTTONS = {
	bold: "Bold",
	italic: "Italic",
	underline: "Underline",
	strike: "Strikethrough",
	clean: "Clear Formatting",
	blockquote: "Quote",
	"code-block": "Code Block",
	direction: "Text Direction",
	link: "Insert Link",
	image: "Insert Image",
	"list[value=ordered]": "Numbered List",
	"list[value=bullet]": "Bulleted List",
	"list[value=check]": "Checklist",
	"indent[value='-1']": "Decrease Indent",
	"indent[value='+1']": "Increase Indent",
	header: "Heading",
	size: "Font Size",
	color: "Text Color",
	background: "Highlight Color",
	align: "Alignment",
	table: "Table",
};
const QUILL_CSS_WORDS = [
	[
		".ql-picker.ql-header .ql-picker-label::before, .ql-picker.ql-header .ql-picker-item::before",
		"Normal text",
	],
	...[1, 2, 3, 4, 5, 6].map((n) => [
		`.ql-picker.ql-header .ql-picker-label[data-value="${n}"]::before, .ql-picker.ql-header .ql-picker-item[data-value="${n}"]::before`,
		`Heading ${n}`,
	]),
	[".ql-table .ql-picker-label::before", "Table"],
	...[
		["insert-table", "Insert Table"],
		["insert-row-above", "Insert Row Above"],
		["insert-row-below", "Insert Row Below"],
		["insert-column-right", "Insert Column Right"],
		["insert-column-left", "Insert Column Left"],
		["delete-row", "Delete Row"],
		["delete-column", "Delete Column"],
		["delete-table", "Delete Table"],
	].map(([value, label]) => [`.ql-table .ql-picker-options [data-value="${value}"]::before`, label]),
	[".ql-tooltip::before", "Visit URL:"],
	[".ql-tooltip[data-mode=link]::before", "Enter link:"],
	[".ql-tooltip[data-mode=video]::before", "Enter video:"],
	[".ql-tooltip[data-mode=formula]::before", "Enter formula:"],
	[".ql-tooltip a.ql-action::after", "Edit"],
	[".ql-tooltip.ql-editing a.ql-action::after", "Save"],
	[".ql-tooltip a.ql-remove::before", "Remove"],
];
function quill_css() {
	const quote = (text) => JSON.stringify(__(text));
	return QUILL_CSS_WORDS.map(([selectors, text]) => {
		const scoped = selectors
			.split(",")
			.map((s) => `.ql-snow ${s.trim()}`)
			.join(", ");
		return `${scoped} { content: ${quote(text)}; }`;
	}).join("\n");
}
$(() => {
	if (frappe.boot && frappe.boot.lang !== "en") {
		$("<style id='sanyou-quill-words'>").text(quill_css()).appendTo(document.head);
	}
});
if (frappe.ui.form.ControlTextEditor) {
	const make_quill_editor = frappe.ui.form.ControlTextEditor.prototype.make_quill_editor;
	frappe.ui.form.ControlTextEditor.prototype.make_quill_editor = function () {
		const out = make_quill_editor.apply(this, arguments);
		const toolbar = this.quill && this.quill.getModule("toolbar");
		if (toolbar && toolbar.container) {
			for (const [format, label] of Object.entries(QUILL_BUTTONS)) {
				$(toolbar.container).find(`.ql-${format}`).attr("title", __(label));
			}
		}
		return out;
	};
}

// The timeline's badges carry a tooltip in English: the item's title ("Workflow", "Like") or its
// icon's name title-cased ("Milestone", "Es-line-chat-alt").
const TIMELINE_ICONS = {
	branch: "Workflow",
	milestone: "Milestone",
	notification: "Notification",
	"es-line-like": "Like",
	"es-line-chat-alt": "Comment",
	edit: "Edit",
	attachment: "Attachment",
	share: "Share",
	mail: "Email",
	link: "Link",
};
// (the timeline's classes are not global: reached through the form's footer, once)
if (frappe.ui.form.Footer) {
	const make_timeline = frappe.ui.form.Footer.prototype.make_timeline;
	frappe.ui.form.Footer.prototype.make_timeline = function () {
		const out = make_timeline.call(this);
		const timeline = this.frm.timeline;
		const base = timeline && Object.getPrototypeOf(Object.getPrototypeOf(timeline));
		if (base && base.get_timeline_item && !base.get_timeline_item.sanyou) {
			const get_timeline_item = base.get_timeline_item;
			base.get_timeline_item = function (item) {
				const title = item.title || TIMELINE_ICONS[item.icon] || "Activity";
				return get_timeline_item.call(this, { ...item, title: __(title) });
			};
			base.get_timeline_item.sanyou = true;
		}
		return out;
	};
}

// --- A reason on every 退回 -----------------------------------------------------------------------
// Before a workflow action that sends a record back (the server says which: core/workflow_reasons.py),
// the desk asks why; the reason goes with Frappe's apply_workflow request, the server refuses a
// send-back without one and keeps it on the record as a comment (workflow/reasons.py).
const APPLY_WORKFLOW = "frappe.model.workflow.apply_workflow";
const xcall = frappe.xcall;
frappe.xcall = function (method, params, ...rest) {
	if (method !== APPLY_WORKFLOW || !params || params.workflow_reason) {
		return xcall.call(this, method, params, ...rest);
	}
	const doc = params.doc || {};
	return xcall("sanyou_app.workflow.reasons.reason_to_ask", {
		doctype: doc.doctype,
		action: params.action,
	}).then(({ needed, field }) => {
		// no reason to ask, or the step's own field (the presidium's opinion) already gives it
		if (!needed || (field && (doc[field] || "").trim())) {
			return xcall.call(this, method, params, ...rest);
		}
		return sanyou
			.ask_reason(params.action)
			.then((reason) => xcall.call(this, method, { ...params, workflow_reason: reason }, ...rest));
	});
};

// A dialog asking the reason for `action`; resolves with it. Cancelled, the action is not applied
// (the promise stays pending and the form is unfrozen).
sanyou.ask_reason = function (action) {
	const frozen = frappe.dom.freeze_count;
	while (frappe.dom.freeze_count) frappe.dom.unfreeze();
	return new Promise((resolve) => {
		let given = false;
		const dialog = new frappe.ui.Dialog({
			title: __("{0}: Reason", [__(action)]),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Reason for sending back"),
					reqd: 1,
					description: __("The reason is kept on the record, in its timeline."),
				},
			],
			primary_action_label: __(action),
			primary_action({ reason }) {
				if (!(reason || "").trim()) return;
				given = true;
				dialog.hide();
				for (let i = 0; i < frozen; i++) frappe.dom.freeze();
				resolve(reason.trim());
			},
		});
		dialog.onhide = () => {
			if (!given) frappe.show_alert({ message: __("Not sent back"), indicator: "orange" });
		};
		dialog.show();
	});
};

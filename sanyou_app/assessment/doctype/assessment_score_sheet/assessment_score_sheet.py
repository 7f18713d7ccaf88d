import frappe
from frappe.model.document import Document

from sanyou_app.assessment import facts as gathered
from sanyou_app.assessment import rectify
from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.assessment import (
	AGGREGATION,
	BONUSES,
	COMPUTED,
	CRITERIA,
	HAND_WRITTEN,
	INSPECTION,
	MEMBER,
	RESULTS,
	SHEET_PART,
	SUBMISSION,
	bonus_total,
	compute,
	criterion_score,
	deduction,
	headings_for,
	refused_changes,
	score_errors,
	sheet_totals,
	sheet_writable,
	unscored,
	weighted,
)
from sanyou_app.core.fields import FieldError


class AssessmentScoreSheet(Document):
	def onload(self):
		# the form offers editable only what this user writes at this step
		writable = sheet_writable(self.status, frappe.get_roles())
		self.set_onload("writable_fields", {part: sorted(fields) for part, fields in writable.items()})

	def validate_higher_perm_levels(self):
		# before Frappe quietly puts back the fields of levels the user may not write: a change
		# the step does not allow is refused by name, whatever its level
		self.check_step_fields()
		super().validate_higher_perm_levels()

	def check_step_fields(self):
		before = self.get_doc_before_save()
		if not before or self.flags.ignore_permissions or frappe.flags.in_install or frappe.flags.in_migrate:
			return
		throw_field_errors(
			refused_changes(
				before.status, frappe.get_roles(), _plain(before), _plain(self), self.unseen_fields()
			),
			title="不能修改",
		)

	def unseen_fields(self) -> set[str]:
		"""Fields at a permission level the user cannot read (their form never had them)."""
		levels = set(self.get_permlevel_access("read"))
		return {
			df.fieldname
			for doctype in (self.doctype, "Assessment Sheet Criterion", "Assessment Sheet Bonus")
			for df in frappe.get_meta(doctype).fields
			if df.permlevel and df.permlevel not in levels
		}

	def before_validate(self):
		if self.entering(AGGREGATION):
			self.refresh_computed()
		self.set_scores()

	def validate(self):
		self.check_unique()
		throw_field_errors(score_errors([c.as_dict() for c in self.criteria]))
		self.check_scored()

	def on_update(self):
		if self.entering(RESULTS):
			rectify.from_sheet(self)

	def on_submit(self):
		self.publish_result()

	def entering(self, state: str) -> bool:
		before = self.get_doc_before_save()
		return self.status == state and (before is None or before.status != state)

	# -------------------------------------------------------------- 数据汇总

	def refresh_computed(self):
		self.apply_computed(gathered.gather(int(self.year), [self]))

	def apply_computed(self, facts):
		"""Fill the computed criteria from the facts gathered for this sheet's assessee."""
		key = gathered.key_of(self)
		mine = facts.get(key, {})
		for c in self.criteria:
			if c.scoring_method != COMPUTED or not c.rule:
				continue
			result = compute(c.rule, self.assessee_kind, mine.get(c.rule, {}), c.as_dict())
			c.computed_score = float(result.score)
			c.basis = result.basis
			c.source_link = gathered.source_link(c.rule, self.assessee_kind, key[1], int(self.year))
			if result.deduction_count:
				c.deduction_count = result.deduction_count
				c.deduction_reason = result.basis

	@frappe.whitelist()
	def aggregate(self):
		"""Re-run 数据汇总 on this sheet (until scoring starts)."""
		if self.status not in (SUBMISSION, AGGREGATION):
			frappe.throw("赋分评价开始后不能再汇总数据", title="不能汇总")
		self.check_permission("write")
		self.refresh_computed()
		self.save()

	# -------------------------------------------------------------- 赋分评价

	def set_scores(self):
		weights = None
		if self.assessee_kind == MEMBER:
			weights = frappe.db.get_value(
				"Assessment Cycle", self.cycle, ["self_weight", "group_weight", "branch_weight"]
			)
		for c in self.criteria:
			if c.scoring_method == COMPUTED:
				c.deduction = 0 if not c.deduction_count else c.deduction
				c.final_score = c.computed_score or 0
				continue
			c.deduction = float(deduction(c.deduction_count, c.deduction_each, c.deduction_cap, c.max_score))
			base = c.score
			if weights and c.score not in (None, ""):
				own = c.self_score if c.self_score not in (None, "") else c.score
				group = c.group_score if c.group_score not in (None, "") else c.score
				base = weighted(own, group, c.score, weights)
			c.final_score = float(criterion_score(c.max_score, base or 0, c.deduction))
		bonus = bonus_total([b.as_dict() for b in self.bonuses], self.bonus_cap)
		totals = sheet_totals(self.assessee_kind, [c.as_dict() for c in self.criteria], bonus)
		for i, heading in enumerate(headings_for(self.assessee_kind), start=1):
			self.set(f"heading_{i}", float(totals.headings[heading]))
		self.bonus_score, self.total_score = float(totals.bonus), float(totals.total)

	def check_scored(self):
		if self.entering(INSPECTION):
			missing = unscored([c.as_dict() for c in self.criteria])
			if missing:
				throw_field_errors(
					[FieldError("score", "尚未赋分", m) for m in missing], title="不能提交检查"
				)

	def check_unique(self):
		if not self.is_new():
			return
		filters = {"cycle": self.cycle, "assessee_kind": self.assessee_kind, "name": ("!=", self.name)}
		for field in ("party_branch", "party_group", "member"):
			filters[field] = self.get(field) or ("is", "not set")
		if frappe.db.exists(self.doctype, filters):
			frappe.throw(f"{self.assessee_name}在本考核周期已有考核评分表", title="无法保存")

	# -------------------------------------------------------------- 成果落实

	def publish_result(self):
		"""What the assessee reads once published: total, rank, title, scores per heading and criterion."""
		self.published_total = self.total_score
		self.published_rank = self.rank
		self.published_title = self.title
		self.published_headings = "；".join(
			f"{h} {self.get(f'heading_{i}') or 0:g}分"
			for i, h in enumerate(headings_for(self.assessee_kind), start=1)
		)
		for c in self.criteria:
			c.db_set("published_score", c.final_score, update_modified=False)
		for field in ("published_total", "published_rank", "published_title", "published_headings"):
			self.db_set(field, self.get(field), update_modified=False)


def _plain(doc) -> dict:
	"""The fields people write, as plain values (numbers as numbers, whatever the form sent)."""

	def value(row, field):
		v = row.get(field)
		df = row.meta.get_field(field)
		if df and df.fieldtype in ("Float", "Int", "Currency", "Percent", "Check") and v not in (None, ""):
			return frappe.utils.flt(v)
		return v

	def rows(part, extra):
		return [
			{**{f: value(r, f) for f in HAND_WRITTEN[part]}, **{f: r.get(f) for f in ("name", *extra)}}
			for r in doc.get(part) or []
		]

	return {
		**{f: value(doc, f) for f in HAND_WRITTEN[SHEET_PART]},
		CRITERIA: rows(CRITERIA, ("criterion", "scoring_method")),
		BONUSES: rows(BONUSES, ("item",)),
	}

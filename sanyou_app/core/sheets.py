"""The Excel sheets users download, fill in and upload, and the sheets they export."""

from __future__ import annotations

from sanyou_app.core.congress import DEPUTY_LABELS
from sanyou_app.core.excel import Column, Sheet
from sanyou_app.core.proposal import CHANNELS, LABELS

PROPOSAL_IMPORT = Sheet(
	title="民生实事项目征集",
	columns=(
		Column("title", LABELS["title"], True, 30, "村庄扶贫路"),
		Column("proposer_name", LABELS["proposer_name"], True, 12, "张三"),
		Column("village", LABELS["village"], True, 14, "丁楼村"),
		Column("contact_phone", LABELS["contact_phone"], True, 16, "13912345678"),
		Column("description", LABELS["description"], True, 40, "硬化村内道路约3公里"),
		Column("reason", LABELS["reason"], True, 40, "雨天道路泥泞，群众出行不便"),
		Column("estimated_cost", LABELS["estimated_cost"], False, 14, 120.5),
		Column("channel", LABELS["channel"], False, 12, "通知征集"),
	),
	note="\n".join(
		(
			"1. 带 * 的列必填；第1行表头请勿修改，列的顺序可以调整。",
			"2. 联系电话：11位手机号，或带区号的固定电话（如 0561-1234567）。",
			"3. 估算投资以万元为单位，可保留两位小数，可不填。",
			f"4. 征集渠道可选：{'、'.join(CHANNELS)}；不填视为“网络征集”。",
			"5. 导入前校验全部行：只要有一行不合格，整个文件都不导入，并返回标明错误的文件。",
		)
	),
)

DEPUTY_IMPORT = Sheet(
	title="人大代表",
	columns=(
		Column("full_name", DEPUTY_LABELS["full_name"], True, 12, "李四"),
		Column("gender", DEPUTY_LABELS["gender"], True, 8, "男"),
		Column("village_unit", DEPUTY_LABELS["village_unit"], True, 20, "陈集村"),
		Column("phone", DEPUTY_LABELS["phone"], False, 16, "13812345678"),
		Column("is_presidium_member", DEPUTY_LABELS["is_presidium_member"], False, 10, "否"),
		Column("deputy_group", DEPUTY_LABELS["deputy_group"], False, 16, ""),
	),
	note="\n".join(
		(
			"1. 带 * 的列必填；第1行表头请勿修改。",
			"2. 性别填“男”或“女”；主席团成员填“是”或“否”（不填视为“否”）。",
			"3. 代表小组须是本届人民代表大会已建立的代表小组，可不填。",
			"4. 同一文件中姓名与选区相同的行视为重复。",
			"5. 只要有一行不合格，整个文件都不导入，并返回标明错误的文件。",
		)
	),
)

PROPOSAL_EXPORT = Sheet(
	title="民生实事项目",
	columns=(
		Column("name", "编号", width=18),
		Column("title", LABELS["title"], width=30),
		Column("workflow_state", "状态", width=12),
		Column("channel", LABELS["channel"], width=12),
		Column("proposer_name", LABELS["proposer_name"], width=12),
		Column("village", LABELS["village"], width=14),
		Column("contact_phone", LABELS["contact_phone"], width=16),
		Column("description", LABELS["description"], width=40),
		Column("reason", LABELS["reason"], width=40),
		Column("estimated_cost", LABELS["estimated_cost"], width=14),
		Column("content", LABELS["content"], width=40),
		Column("investment", LABELS["investment"], width=14),
		Column("implementing_body", LABELS["implementing_body"], width=20),
		Column("deadline", LABELS["deadline"], width=14),
	),
)

CANDIDATE_EXPORT = Sheet(
	title="候选项目",
	columns=(
		Column("idx", "序号", width=6),
		Column("title", LABELS["title"], width=30),
		Column("content", LABELS["content"], width=50),
		Column("investment", LABELS["investment"], width=14),
		Column("implementing_body", LABELS["implementing_body"], width=20),
		Column("deadline", LABELS["deadline"], width=14),
	),
)

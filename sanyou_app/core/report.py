"""Shapes of the module's reports, computed from grouped counts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

UNKNOWN_VILLAGE = "（未填写）"


@dataclass(frozen=True)
class VillageRow:
	village: str
	total: int
	by_channel: tuple[int, ...]


@dataclass(frozen=True)
class VillageChannelTable:
	channels: tuple[str, ...]
	rows: tuple[VillageRow, ...]
	channel_totals: tuple[int, ...]
	total: int


def village_channel_table(counts: Iterable[Mapping], channels: Sequence[str]) -> VillageChannelTable:
	"""Rows of (village, channel, n) → one row per village, one column per channel.

	Channels outside the known list keep their own column after the known ones. Villages are
	ordered by total, largest first, then by name.
	"""
	cells: dict[str, dict[str, int]] = {}
	seen = list(channels)
	for row in counts:
		village = row.get("village") or UNKNOWN_VILLAGE
		channel = row.get("channel") or ""
		if channel not in seen:
			seen.append(channel)
		cells.setdefault(village, {})
		cells[village][channel] = cells[village].get(channel, 0) + int(row.get("n") or 0)
	order = tuple(seen)
	rows = [VillageRow(v, sum(c.values()), tuple(c.get(ch, 0) for ch in order)) for v, c in cells.items()]
	rows.sort(key=lambda r: (-r.total, r.village))
	totals = tuple(sum(r.by_channel[i] for r in rows) for i in range(len(order)))
	return VillageChannelTable(order, tuple(rows), totals, sum(totals))

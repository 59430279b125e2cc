"""The tidy export table: one row per indicator and year of the term (pure).

Every figure comes from ``report.build_row``, as in ``ntm status``; nothing is
recomputed. The renderers (``ntm_tracker.render.export``) pick the columns and words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.core.domain import DataSet, Plan
from ntm_tracker.core.report import Row, build_row


@dataclass(frozen=True)
class ExportTable:
    plan: Plan
    rows: tuple[Row, ...]  # plan order, then year


def build_export(data: DataSet) -> ExportTable:
    plan = data.plan
    rows = tuple(build_row(data, ind, y) for ind in plan.indicators for y in plan.years)
    return ExportTable(plan, rows)

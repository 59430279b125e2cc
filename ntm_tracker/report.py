"""Build the typed status report from a plan and its actuals (pure; no typer, no rich).

Renderers (``ntm_tracker.render``) only format what is computed here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from ntm_tracker.forecast import Forecast, forecast, forecast_to_dict
from ntm_tracker.model import FIELD_ORDER, Entry, Field_, Indicator, Plan
from ntm_tracker.status import STATUS_ORDER, Result, Status, evaluate
from ntm_tracker.store import Actuals


@dataclass(frozen=True)
class Row:
    """One indicator's status in the report year."""

    indicator: Indicator
    result: Result
    entry: Entry | None  # the recorded entry for the year (note, provenance)
    forecast: Forecast | None = None  # the trend up to the report year (ntm_tracker.forecast)


@dataclass(frozen=True)
class StatusReport:
    plan: Plan
    year: int
    rows: tuple[Row, ...]
    nothing_recorded: bool

    def counts(self) -> dict[Status, int]:
        c = Counter(r.result.status for r in self.rows)
        return {s: c[s] for s in STATUS_ORDER}

    def by_field(self) -> list[tuple[Field_, list[Row]]]:
        groups: dict[Field_, list[Row]] = {f: [] for f in FIELD_ORDER}
        for row in self.rows:
            groups[row.indicator.field].append(row)
        return [(f, rows) for f, rows in groups.items() if rows]


def default_year(plan: Plan, actuals: Actuals, today: date | None = None) -> int:
    """The latest year with any recorded value; with none, this year within the term."""
    years = actuals.recorded_years()
    if years:
        return years[-1]
    this_year = (today or date.today()).year
    return min(max(this_year, plan.term.start), plan.term.end)


def evaluate_indicator(plan: Plan, actuals: Actuals, indicator: Indicator, year: int) -> Result:
    return evaluate(
        indicator, actuals.series(indicator.id), year, plan.baseline_year, plan.status_bands
    )


def build_status_report(plan: Plan, actuals: Actuals, year: int) -> StatusReport:
    rows = tuple(
        Row(
            ind,
            evaluate_indicator(plan, actuals, ind, year),
            actuals.entry(ind.id, year),
            forecast(ind, actuals.series(ind.id), plan, year),
        )
        for ind in plan.indicators
    )
    return StatusReport(plan, year, rows, actuals.is_empty())


def row_to_dict(row: Row) -> dict[str, Any]:
    """Raw figures of one row (no locale formatting), the same in every language."""
    ind, r = row.indicator, row.result
    d: dict[str, Any] = {
        "id": ind.id,
        "number": ind.number,
        "field": ind.field.value,
        "kind": ind.kind.value,
        "comparator": ind.comparator.value,
        "trajectory": ind.trajectory.value if ind.kind.value == "level" else None,
        "supplementary": ind.supplementary,
        "status": r.status.value,
        "year": r.year,
        "actual": r.actual,
        "estimate": r.estimate,
        "baseline": r.baseline,
        "expected": r.expected,
        "target": r.target,
        "target_year": ind.target_year,
        "progress": r.progress,
        "gap": r.gap,
        "percent_of_target": r.percent_of_target,
        "target_gap": r.target_gap,
        "required_per_year": r.required_per_year,
        "required_rate": r.required_rate,
        "missing_years": list(r.missing_years),
        "reason": r.reason,
        "note": row.entry.note if row.entry is not None else None,
    }
    if ind.kind.value == "cumulative":
        d["cumulative"] = r.cumulative
        d["period"] = {"start": ind.period.start, "end": ind.period.end} if ind.period else None
    if row.forecast is not None:
        d["forecast"] = forecast_to_dict(row.forecast)
    return d


def report_to_dict(report: StatusReport) -> dict[str, Any]:
    return {
        "year": report.year,
        "commune": report.plan.commune,
        "baseline_year": report.plan.baseline_year,
        "counts": {s.value: n for s, n in report.counts().items()},
        "indicators": [row_to_dict(r) for r in report.rows],
    }

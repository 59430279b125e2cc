"""The status report: every indicator in one year, with the year's plan and last year
(pure; numbers, enums and dates only).

Renderers (``ntm_tracker.render``) lay it out; the words come from the catalogs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any

from ntm_tracker.core.domain import Comparator, DataSet, Entry, Indicator, Judging, Plan
from ntm_tracker.core.forecast import Forecast, forecast, forecast_to_dict
from ntm_tracker.core.numbers import Range
from ntm_tracker.core.result import STATUS_ORDER, Result, Status, Verdict
from ntm_tracker.core.status import evaluate, judge, percent_of


@dataclass(frozen=True)
class Comparison:
    """The year's own figure against the year's plan and against the year before.

    Shares and growth rates are compared in percentage points (``change_*``; the
    ``percent_*`` figures are None for them); amounts also as a ratio in %.
    """

    annual_plan: float | bool | None = None
    annual_plan_span: Range | None = None  # the plan figure, where it is a range
    percent_of_annual_plan: float | None = None
    change_from_annual_plan: float | None = None
    plan_verdict: Verdict | None = None  # vượt / đạt / (cơ bản đạt) / không đạt kế hoạch
    previous_year: int | None = None
    previous: float | bool | None = None
    previous_estimate: bool = False
    change_from_previous: float | None = None
    percent_of_previous: float | None = None

    @property
    def meets_annual_plan(self) -> bool | None:
        if self.plan_verdict is None:
            return None
        return self.plan_verdict in (Verdict.MET, Verdict.EXCEEDED)


def compare(
    ind: Indicator,
    year: int,
    actual: Entry | None,
    planned: Entry | None,
    before: Entry | None,
    judging: Judging | None = None,
) -> Comparison:
    """The figure against the year's plan (the plan is a floor for a target to reach, a
    ceiling for one to keep under, a band for one within a range; equal as shown, at the
    indicator's places, is met) and against the year before."""
    a = actual.value if actual is not None else None
    p = planned.value if planned is not None else None
    verdict = None
    if a is not None and p is not None and planned is not None:
        if ind.is_yes_no:  # "yes" meets any plan; "no" only a plan of "no"
            verdict = Verdict.MET if bool(a) or not bool(p) else Verdict.NOT_MET
        else:
            comparator = _PLAN_SIDE[ind.comparator]
            verdict = judge(
                float(a),
                planned.span or float(p),
                comparator,
                decimals=ind.decimals,
                points=ind.measure.is_rate,
                judging=judging or Judging(),
            )
    change_plan = pct_plan = change_prev = pct_prev = None
    if a is not None and not ind.is_yes_no:
        x = float(a)
        if p is not None:
            change_plan, pct_plan = x - float(p), percent_of(ind, x, float(p))
        if before is not None:
            b = float(before.value)
            change_prev, pct_prev = x - b, percent_of(ind, x, b)
    return Comparison(
        annual_plan=p,
        annual_plan_span=planned.span if planned is not None else None,
        percent_of_annual_plan=pct_plan,
        change_from_annual_plan=change_plan,
        plan_verdict=verdict,
        previous_year=year - 1 if before is not None else None,
        previous=before.value if before is not None else None,
        previous_estimate=before.estimate if before is not None else False,
        change_from_previous=change_prev,
        percent_of_previous=pct_prev,
    )


# The year's plan is a figure to reach, to keep under, or a band, whatever the strictness
# of the resolution's own words ("trên 90%" for the term; the year's plan says 92%).
_PLAN_SIDE = {
    Comparator.AT_LEAST: Comparator.AT_LEAST,
    Comparator.OR_MORE: Comparator.AT_LEAST,
    Comparator.ABOVE: Comparator.AT_LEAST,
    Comparator.BELOW: Comparator.AT_MOST,
    Comparator.AT_MOST: Comparator.AT_MOST,
    Comparator.WITHIN: Comparator.WITHIN,
}


@dataclass(frozen=True)
class Row:
    """One indicator's status in the report year."""

    indicator: Indicator
    result: Result
    entry: Entry | None  # the figure recorded for the year (note, provenance)
    planned: Entry | None  # the year's plan figure, if one is set
    comparison: Comparison
    # how to make the forecast, made only when a report shows it (see ``forecast``)
    make_forecast: Callable[[], Forecast] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def forecast(self) -> Forecast | None:
        """The trend's figure at the target year, made the first time it is asked for:
        the JSON and CSV, ``--forecast``, the summary and explain ask; a table without
        the column never does (the forecasts were 20% of a warm status of 10,000)."""
        return self.make_forecast() if self.make_forecast is not None else None


@dataclass(frozen=True)
class StatusReport:
    plan: Plan
    year: int
    rows: tuple[Row, ...]
    nothing_recorded: bool

    @property
    def has_annual_plan(self) -> bool:
        return any(r.planned is not None for r in self.rows)

    @property
    def has_previous(self) -> bool:
        return any(r.comparison.previous is not None for r in self.rows)

    @property
    def is_baseline_year(self) -> bool:
        return self.year == self.plan.baseline_year

    def counts(self) -> dict[Status, int]:
        c = Counter(r.result.status for r in self.rows)
        return {s: c[s] for s in STATUS_ORDER}


def default_year(data: DataSet, today: date | None = None) -> int:
    """The latest year with any recorded figure; with none, this year within the term."""
    years = data.actuals.recorded_years()
    if years:
        return years[-1]
    term = data.plan.term
    return min(max((today or date.today()).year, data.plan.years.start), term.end)


def evaluate_indicator(data: DataSet, indicator: Indicator, year: int) -> Result:
    plan = data.plan
    return evaluate(
        indicator,
        data.actuals.series(indicator.id),
        year,
        plan.baseline_year,
        plan.status_bands,
        plan.judging,
    )


def build_row(data: DataSet, ind: Indicator, year: int) -> Row:
    series = data.actuals.series(ind.id)
    entry = series.get(year)
    planned = data.plans.entry(ind.id, year)
    return Row(
        ind,
        evaluate_indicator(data, ind, year),
        entry,
        planned,
        compare(ind, year, entry, planned, series.get(year - 1), data.plan.judging),
        partial(forecast, ind, series, data.plan, year),
    )


def build_status_report(data: DataSet, year: int) -> StatusReport:
    rows = tuple(build_row(data, ind, year) for ind in data.plan.indicators)
    return StatusReport(data.plan, year, rows, not data.actuals.recorded_years())


# -- raw data (JSON, CSV) --------------------------------------------------------------


def row_to_dict(row: Row, *, forecast: bool = True) -> dict[str, Any]:
    """Raw figures of one row (no words, no locale), the same in every language; with its
    forecast unless told not to (a CSV has no column for it)."""
    ind, r, c = row.indicator, row.result, row.comparison
    d: dict[str, Any] = {
        "id": ind.id,
        "number": ind.number,
        "field": ind.field.value,
        "kind": ind.kind.name,
        "comparator": ind.comparator.value,
        "trajectory": None,
        "supplementary": ind.supplementary,
        "status": r.status.value,
        "verdict": r.verdict.value if r.verdict is not None else None,
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
        "annual_plan": c.annual_plan,
        "percent_of_annual_plan": c.percent_of_annual_plan,
        "change_from_annual_plan": c.change_from_annual_plan,
        "plan_verdict": c.plan_verdict.value if c.plan_verdict is not None else None,
        "previous_year": c.previous_year,
        "previous": c.previous,
        "change_from_previous": c.change_from_previous,
        "percent_of_previous": c.percent_of_previous,
        "missing_years": list(r.missing_years),
        "reason": r.reason.value if r.reason is not None else None,
        "note": row.entry.note if row.entry is not None else None,
    }
    if ind.period is not None:
        d["period"] = {"start": ind.period.start, "end": ind.period.end}
        d["years_counted"] = list(r.years_counted)
    d.update(ind.kind.fields(ind, r))
    if forecast and row.forecast is not None:
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

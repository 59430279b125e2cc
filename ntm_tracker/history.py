"""The story of one indicator over the term: its status in every year (pure; no I/O).

Each year's figures come from ``report.evaluate_indicator``, the same function the
status report uses; the forecast from ``forecast.forecast`` over every recorded year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_tracker.forecast import Forecast, forecast, forecast_to_dict
from ntm_tracker.model import Entry, Indicator, Kind, Plan
from ntm_tracker.report import evaluate_indicator
from ntm_tracker.status import Result
from ntm_tracker.store import Actuals


@dataclass(frozen=True)
class HistoryYear:
    year: int
    result: Result
    entry: Entry | None  # the value recorded for this year, with its note

    @property
    def value(self) -> float | bool | None:
        return self.entry.value if self.entry is not None else None

    @property
    def estimate(self) -> bool:
        """This year's own value is an estimate (a cumulative total may carry older ones)."""
        return self.entry is not None and self.entry.estimate


@dataclass(frozen=True)
class History:
    plan: Plan
    indicator: Indicator
    years: tuple[HistoryYear, ...]
    forecast: Forecast
    baseline_missing: bool  # a level indicator without a value in the baseline year


def build_history(plan: Plan, actuals: Actuals, indicator: Indicator) -> History:
    years = tuple(
        HistoryYear(
            y, evaluate_indicator(plan, actuals, indicator, y), actuals.entry(indicator.id, y)
        )
        for y in plan.term.years
    )
    series = actuals.series(indicator.id)
    missing = indicator.kind is Kind.LEVEL and plan.baseline_year not in series
    return History(plan, indicator, years, forecast(indicator, series, plan), missing)


def history_to_dict(history: History) -> dict[str, Any]:
    """Raw figures (no locale formatting), the same in every language."""
    ind = history.indicator
    return {
        "id": ind.id,
        "number": ind.number,
        "kind": ind.kind.value,
        "comparator": ind.comparator.value,
        "target": ind.target,
        "target_year": ind.target_year,
        "baseline_year": history.plan.baseline_year,
        "baseline_missing": history.baseline_missing,
        "years": [
            {
                "year": hy.year,
                "value": hy.value,
                "estimate": hy.estimate,
                "expected": hy.result.expected,
                "gap": hy.result.gap,
                "cumulative": hy.result.cumulative,
                "progress": hy.result.progress,
                "status": hy.result.status.value,
                "reason": hy.result.reason,
                "note": hy.entry.note if hy.entry is not None else None,
            }
            for hy in history.years
        ],
        "forecast": forecast_to_dict(history.forecast),
    }

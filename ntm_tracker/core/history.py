"""One indicator over the term: its status in every year (pure; numbers only).

Each year's figures come from ``report.build_row``, as in the status report; the
forecast from every recorded year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_tracker.core.domain import DataSet, Indicator, Plan
from ntm_tracker.core.forecast import Forecast, forecast, forecast_to_dict
from ntm_tracker.core.report import Row, build_row


@dataclass(frozen=True)
class History:
    plan: Plan
    indicator: Indicator
    years: tuple[Row, ...]  # one per year of the term
    forecast: Forecast
    baseline_missing: bool  # an indicator judged on a path, without its baseline figure


def build_history(data: DataSet, indicator: Indicator) -> History:
    plan = data.plan
    years = tuple(build_row(data, indicator, y) for y in plan.years)
    series = data.actuals.series(indicator.id)
    missing = indicator.kind.on_path and plan.baseline_year not in series
    return History(plan, indicator, years, forecast(indicator, series, plan), missing)


def history_to_dict(history: History) -> dict[str, Any]:
    """Raw figures (no words, no locale), the same in every language."""
    ind = history.indicator
    return {
        "id": ind.id,
        "number": ind.number,
        "kind": ind.kind.name,
        "comparator": ind.comparator.value,
        "target": ind.target,
        "target_year": ind.target_year,
        "baseline_year": history.plan.baseline_year,
        "baseline_missing": history.baseline_missing,
        "years": [
            {
                "year": row.result.year,
                "value": row.entry.value if row.entry is not None else None,
                "estimate": row.entry is not None and row.entry.estimate,
                "annual_plan": row.comparison.annual_plan,
                "expected": row.result.expected,
                "gap": row.result.gap,
                "cumulative": row.result.cumulative,
                "average": row.result.average,
                "progress": row.result.progress,
                "status": row.result.status.value,
                "reason": row.result.reason.value if row.result.reason is not None else None,
                "note": row.entry.note if row.entry is not None else None,
            }
            for row in history.years
        ],
        "forecast": forecast_to_dict(history.forecast),
    }

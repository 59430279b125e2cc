"""What ``ntm chart`` draws for one indicator, year by year (pure; no I/O, no plotting).

Every figure comes from ``status.evaluate`` (through ``report.evaluate_indicator``),
the forecast from ``forecast.forecast``. Renderers: ``ntm_tracker.render.chart``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.forecast import Forecast, forecast
from ntm_tracker.model import Indicator, Kind, Plan
from ntm_tracker.report import evaluate_indicator
from ntm_tracker.status import Observed, Result
from ntm_tracker.store import Actuals


@dataclass(frozen=True)
class ChartPoint:
    """One year of the chart.

    ``value`` is what is drawn: the recorded value of the year, or for a cumulative
    indicator the running total since the period start (None while a year is missing).
    ``expected`` is the path: the trajectory (level) or the even share of the total
    (cumulative); None for annual and maintained indicators, whose path is the target.
    """

    year: int
    value: float | bool | None
    estimate: bool  # the drawn value rests on a provisional figure
    expected: float | None
    result: Result  # the status of the year, with every figure behind it
    recorded: Observed | None  # the value recorded for the year itself


@dataclass(frozen=True)
class Chart:
    indicator: Indicator
    base_year: int  # the plan's baseline year, where a level path starts
    points: tuple[ChartPoint, ...]
    forecast: Forecast  # from every recorded year; .reason says when there is none

    @property
    def numbers(self) -> list[float]:
        """Every value, path and target figure (not the forecast), to choose a scale."""
        found = [float(p.value) for p in self.points if p.value is not None]
        found += [p.expected for p in self.points if p.expected is not None]
        if not isinstance(self.indicator.target, bool):
            found.append(float(self.indicator.target))
        return found


def build_chart(plan: Plan, actuals: Actuals, ind: Indicator) -> Chart:
    """The chart over the term (over the period for a cumulative indicator)."""
    years = ind.period.years if ind.period is not None else plan.term.years
    series = actuals.series(ind.id)
    points = []
    for year in years:
        r = evaluate_indicator(plan, actuals, ind, year)
        recorded = series.get(year)
        if ind.kind is Kind.CUMULATIVE:
            total = r.cumulative
            estimate = total is not None and r.estimate
            point = ChartPoint(year, total, estimate, r.expected, r, recorded)
        elif ind.kind is Kind.LEVEL:
            point = ChartPoint(year, r.actual, r.estimate, r.expected, r, recorded)
        else:
            point = ChartPoint(year, r.actual, r.estimate, None, r, recorded)
        points.append(point)
    return Chart(ind, plan.baseline_year, tuple(points), forecast(ind, series, plan))

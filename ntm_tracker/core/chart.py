"""What ``ntm chart`` draws for one indicator, year by year (pure; no plotting).

Every figure comes from ``report.build_row`` (the status maths), the forecast from
``forecast.forecast``. Renderers: ``ntm_tracker.render.chart``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.core.domain import DataSet, Entry, Indicator
from ntm_tracker.core.forecast import Forecast, forecast
from ntm_tracker.core.numbers import Range
from ntm_tracker.core.report import build_row
from ntm_tracker.core.result import Result


@dataclass(frozen=True)
class ChartPoint:
    """One year of the chart.

    ``value`` is what is drawn, as the kind says: the figure of the year; for a total
    the running total since the period start, for an average the average so far (None
    while it cannot be computed). ``expected`` is where a paced kind should be: the path
    (level) or the even share of the total; None where the target is the mark itself.
    """

    year: int
    value: float | bool | None
    estimate: bool  # the drawn value rests on a provisional figure
    expected: float | None
    result: Result
    recorded: Entry | None  # the figure recorded for the year itself


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
        found += [float(p.recorded.value) for p in self.points if p.recorded is not None]
        target = self.indicator.target
        if not isinstance(target, bool):
            found += list(target) if isinstance(target, Range) else [target]
        return found


def build_chart(data: DataSet, ind: Indicator) -> Chart:
    """The chart over the term (over the period for a cumulative or average indicator)."""
    plan = data.plan
    years = ind.period.years if ind.period is not None else plan.years
    points = []
    for year in years:
        row = build_row(data, ind, year)
        r = row.result
        drawn = ind.kind.drawn(r)
        estimate = drawn is not None and r.estimate
        expected = r.expected if ind.kind.paced else None
        points.append(ChartPoint(year, drawn, estimate, expected, r, row.entry))
    series = data.actuals.series(ind.id)
    return Chart(ind, plan.baseline_year, tuple(points), forecast(ind, series, plan))

"""What ``ntm chart`` draws for one indicator, year by year (pure; no plotting).

Every figure comes from ``report.build_row`` (the status maths), the forecast from
``forecast.forecast``. Renderers: ``ntm_tracker.render.chart``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.core.domain import DataSet, Entry, Indicator, Kind
from ntm_tracker.core.forecast import Forecast, forecast
from ntm_tracker.core.report import build_row
from ntm_tracker.core.status import Result


@dataclass(frozen=True)
class ChartPoint:
    """One year of the chart.

    ``value`` is what is drawn: the figure of the year; for a cumulative indicator the
    running total since the period start, for an average one the average so far (None
    while it cannot be computed). ``expected`` is the path: the trajectory (level) or
    the even share of the total (cumulative); None where the path is the target itself.
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
        if not isinstance(self.indicator.target, bool):
            found.append(float(self.indicator.target))
        return found


def build_chart(data: DataSet, ind: Indicator) -> Chart:
    """The chart over the term (over the period for a cumulative or average indicator)."""
    plan = data.plan
    years = ind.period.years if ind.period is not None else plan.term.years
    points = []
    for year in years:
        row = build_row(data, ind, year)
        r, recorded = row.result, row.entry
        if ind.kind is Kind.CUMULATIVE:
            point = ChartPoint(
                year, r.cumulative, r.cumulative is not None and r.estimate, r.expected, r, recorded
            )
        elif ind.kind is Kind.AVERAGE:
            point = ChartPoint(
                year, r.average, r.average is not None and r.estimate, None, r, recorded
            )
        elif ind.kind is Kind.LEVEL:
            point = ChartPoint(year, r.actual, r.estimate, r.expected, r, recorded)
        else:
            point = ChartPoint(year, r.actual, r.estimate, None, r, recorded)
        points.append(point)
    series = data.actuals.series(ind.id)
    return Chart(ind, plan.baseline_year, tuple(points), forecast(ind, series, plan))

"""Why an indicator has its status in a year: the inputs of the status maths (pure).

Every figure is a field of the ``Result`` that ``ntm status`` shows (the same
``report.build_row`` call) or of the plan. Each kind writes its steps out
(``TargetKind.explain``) with these numbers, each shown with as many places as it takes
for every line's arithmetic, redone with the figures as shown, to give the result as
shown (R = (78,5 - 70) / (78,0 - 70) would give 1,06 where R is 1,07; with e = 77,94 it
gives 1,07): :func:`places` and :func:`r_places` find them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_tracker.core.domain import DataSet, Indicator, StatusBands
from ntm_tracker.core.numbers import round_half_up
from ntm_tracker.core.report import Row, build_row
from ntm_tracker.core.status import band

R_DECIMALS = 2
MAX_DECIMALS = 9


def places(
    value: float,
    decimals: int,
    recompute: Callable[[float], float],
    result: float,
    result_decimals: int,
) -> int:
    """The fewest places (from ``decimals``) to show ``value`` so that ``recompute`` of the
    rounded value rounds to the same ``result``."""
    for d in range(decimals, MAX_DECIMALS + 1):
        try:
            again = recompute(round_half_up(value, d))
        except ZeroDivisionError:
            continue
        if round_half_up(again, result_decimals) == round_half_up(result, result_decimals):
            return d
    return MAX_DECIMALS


def r_places(progress: float, bands: StatusBands) -> int:
    """The places that show R inside its own band (0.947, not 0.95, when R < 0.95)."""
    for d in range(R_DECIMALS, MAX_DECIMALS + 1):
        if band(round_half_up(progress, d), bands) is band(progress, bands):
            return d
    return MAX_DECIMALS


@dataclass(frozen=True)
class Explanation:
    row: Row  # the indicator, its result, the year's plan and last year, the forecast
    baseline_year: int
    bands: StatusBands
    values: tuple[tuple[int, float], ...]  # the yearly figures behind a total or an average

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def year(self) -> int:
        return self.row.result.year


def build_explanation(data: DataSet, indicator: Indicator, year: int) -> Explanation:
    row = build_row(data, indicator, year)
    series = data.actuals.series(indicator.id)
    values = tuple((y, float(series[y].value)) for y in row.result.years_counted)
    return Explanation(row, data.plan.baseline_year, data.plan.status_bands, values)

"""Why an indicator has its status in a year: the inputs of the status maths (pure).

Every figure is a field of the ``Result`` that ``ntm status`` shows (the same
``report.build_row`` call) or of the plan; the renderer writes the formulas out with
these numbers, with enough digits that each line's arithmetic gives its result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.core.domain import DataSet, Indicator, StatusBands
from ntm_tracker.core.report import Row, build_row


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

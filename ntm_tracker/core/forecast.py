"""Forecast of the value at the target year from the recorded trend (pure, no I/O).

Method: an ordinary least squares line through the recorded years, value against year.

- a level: the line through every recorded year of the term (the baseline year
  included), read at the target year;
- a total: the line through the recorded yearly values within the period; the
  projected period total is the recorded sum plus the line's value for every period
  year not yet recorded.

Each kind says which it makes (``TargetKind.forecast``); a kind whose target is not a
level to reach (each year on its own, an average, a yes/no goal) makes none.
Percentages are kept within 0-100 and amounts at 0 or more.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ntm_tracker.core.domain import VALID_RANGES, Entry, Indicator, Plan
from ntm_tracker.core.status import meets

METHOD = "least_squares"
MIN_POINTS = 2


@dataclass(frozen=True)
class Forecast:
    """The projected value at the target year, or the reason there is none.

    ``reason`` is None when there is a projection, "too_few_points" with fewer than
    MIN_POINTS recorded years, "not_applicable" for annual and maintained indicators.
    """

    indicator_id: str
    target_year: int
    method: str | None = None
    points: tuple[tuple[int, float], ...] = ()  # (year, value) the line goes through
    slope: float | None = None  # change per year on the line
    intercept: float | None = None  # the line's value at year 0 (value = intercept + slope * year)
    projected: float | None = None  # level: value at target_year; cumulative: period total
    recorded_total: float | None = None  # cumulative: sum of the recorded years of the period
    reaches_target: bool | None = None
    reason: str | None = None
    total: bool = False  # the projection is of the period's total, not of a level

    @property
    def n_points(self) -> int:
        return len(self.points)

    @property
    def first_year(self) -> int | None:
        return self.points[0][0] if self.points else None

    @property
    def last_year(self) -> int | None:
        return self.points[-1][0] if self.points else None


def least_squares(points: tuple[tuple[int, float], ...]) -> tuple[float, float]:
    """(slope, intercept) of the least squares line through ``points`` (2+ distinct years).

    slope = Σ (x - x̄)(y - ȳ) / Σ (x - x̄)², intercept = ȳ - slope · x̄
    """
    # lists rather than generators: the same sums in the same order, twice as fast
    n = len(points)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    dx = [x - mean_x for x in xs]
    sxx = sum([d**2 for d in dx])
    sxy = sum([d * (y - mean_y) for d, y in zip(dx, ys, strict=True)])
    slope = sxy / sxx
    return slope, mean_y - slope * mean_x


def _clamp(ind: Indicator, value: float) -> float:
    low, high = VALID_RANGES[ind.measure]
    return min(max(value, low), high)


def forecast(
    indicator: Indicator,
    series: Mapping[int, Entry],
    plan: Plan,
    year: int | None = None,
) -> Forecast:
    """The forecast of ``indicator`` from the values recorded up to ``year`` (default:
    all), as its kind makes it; "not_applicable" for a kind without one."""
    last = plan.term.end if year is None else year
    span = indicator.period.years if indicator.period is not None else plan.years
    made = indicator.kind.forecast(indicator, series, span, last)
    if made is None:
        return Forecast(indicator.id, indicator.target_year, reason="not_applicable")
    return made


def trend(
    indicator: Indicator, series: Mapping[int, Entry], span: range, last: int, *, total: bool
) -> Forecast:
    """The least squares line through the figures recorded in ``span`` up to ``last``,
    read at the target year (``total``: the period's total, the recorded years plus the
    line's value for each year not recorded)."""
    points = tuple([(y, float(series[y].value)) for y in span if y <= last and y in series])
    if len(points) < MIN_POINTS:
        return Forecast(indicator.id, indicator.target_year, points=points, reason="too_few_points")
    slope, intercept = least_squares(points)
    recorded_total = None
    if not total:
        projected = _clamp(indicator, intercept + slope * indicator.target_year)
    else:
        recorded_total = sum(v for _, v in points)
        recorded = {y for y, _ in points}
        projected = recorded_total + sum(
            _clamp(indicator, intercept + slope * y) for y in span if y not in recorded
        )
    return Forecast(
        indicator.id,
        indicator.target_year,
        method=METHOD,
        points=points,
        slope=slope,
        intercept=intercept,
        projected=projected,
        recorded_total=recorded_total,
        reaches_target=meets(projected, indicator.target, indicator.comparator),
        total=total,
    )


def forecast_to_dict(fc: Forecast) -> dict[str, object]:
    """Raw figures of a forecast for JSON (no locale formatting)."""
    return {
        "method": fc.method,
        "points": fc.n_points,
        "years": [y for y, _ in fc.points],
        "slope": fc.slope,
        "intercept": fc.intercept,
        "target_year": fc.target_year,
        "projected": fc.projected,
        "reaches_target": fc.reaches_target,
        "reason": fc.reason,
    }

"""The status method: trajectories, progress, bands, averages and pace (pure functions).

Every figure any report shows comes from :func:`evaluate`. See README "Status method"
for the formulas, and ``tests/test_status.py`` for hand-computed cases.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum

from ntm_tracker.core.domain import (
    Comparator,
    Entry,
    Indicator,
    Kind,
    Measure,
    StatusBands,
    Trajectory,
)

# Relative tolerance for comparisons, so that 0.1 + 0.2 meets a target of 0.3
# while exactly 90 still does not meet "above 90".
_REL_TOL = 1e-9


class Status(str, Enum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"
    MISSED = "missed"
    PENDING = "pending"  # a milestone not reached yet, before its deadline
    BASELINE = "baseline"  # the baseline year's own value (or one before the period): not judged
    NO_BASELINE = "no_baseline"
    NO_DATA = "no_data"


STATUS_ORDER = tuple(Status)
BEHIND = frozenset(
    {Status.NEEDS_ACCELERATION, Status.LIMITED_PROGRESS, Status.DETERIORATING, Status.MISSED}
)
# From the worst to the best: a main target with several figures takes its worst one.
SEVERITY = (
    Status.DETERIORATING,
    Status.MISSED,
    Status.LIMITED_PROGRESS,
    Status.NEEDS_ACCELERATION,
    Status.NO_BASELINE,
    Status.NO_DATA,
    Status.PENDING,
    Status.BASELINE,
    Status.ON_TRACK,
    Status.ACHIEVED,
)


class Reason(str, Enum):
    """Why a status is what it is, when the figures alone do not say it."""

    NO_VALUE = "no_value"  # nothing recorded for the year
    GAP_IN_PERIOD = "gap_in_period"  # a year of the period is missing: no total
    BEFORE_PERIOD = "before_period"  # the year lies before the target's period
    BASELINE_YEAR = "baseline_year"
    BASELINE_MEETS_TARGET = "baseline_meets_target"  # the path is to keep the baseline
    NO_BASELINE = "no_baseline"
    REACHED_EARLIER = "reached_earlier"  # a milestone reached in an earlier year
    YEARS_SKIPPED = "years_skipped"  # an average over the recorded years only


def meets(value: float, target: float, comparator: Comparator) -> bool:
    """Does ``value`` meet ``target`` under ``comparator``? "above"/"below" are strict."""
    t = _REL_TOL * max(1.0, abs(target))
    if comparator is Comparator.AT_LEAST:
        return value >= target - t
    if comparator is Comparator.ABOVE:
        return value > target + t
    if comparator is Comparator.BELOW:
        return value < target - t
    return value <= target + t  # AT_MOST


def is_compound(trajectory: Trajectory, baseline: float, target: float) -> bool:
    """Compound growth needs a positive start and end; otherwise the path is linear."""
    return trajectory is Trajectory.COMPOUND and baseline > 0 and target > 0


def expected_level(
    baseline: float,
    target: float,
    year: int,
    base_year: int,
    target_year: int,
    trajectory: Trajectory = Trajectory.LINEAR,
) -> float:
    """The value on the trajectory from (base_year, baseline) to (target_year, target).

    linear:   e = b + (T - b) (y - y0) / (yT - y0)
    compound: e = b (T / b) ^ ((y - y0) / (yT - y0))
    Years after the target year stay at the target.
    """
    if target_year <= base_year:
        raise ValueError("target_year must come after base_year")
    share = min(max((year - base_year) / (target_year - base_year), 0.0), 1.0)
    if share in (0.0, 1.0):  # the ends are the figures themselves, exactly
        return baseline if share == 0.0 else target
    if is_compound(trajectory, baseline, target):
        # in logs: (T / b) overflows for a tiny b, the path itself never does
        return math.exp(math.log(baseline) + share * (math.log(target) - math.log(baseline)))
    return baseline + (target - baseline) * share


def band(progress: float, bands: StatusBands) -> Status:
    """The band of a progress ratio R (Eurostat / Statistics Canada / Open SDG).

    Edges are inclusive and compared with a tiny tolerance, so that 87.6 on a path
    from 80 to 88 (R = 0.95 on paper, 0.9499999... in floating point) is on track.
    """
    if progress >= bands.on_track - _REL_TOL:
        return Status.ON_TRACK
    if progress >= bands.needs_acceleration - _REL_TOL:
        return Status.NEEDS_ACCELERATION
    if progress >= -_REL_TOL:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATING


def required_pace(
    value: float, target: float, year: int, target_year: int, trajectory: Trajectory
) -> tuple[float | None, float | None]:
    """(change per year, compound rate in %) still needed from ``value`` to the target.

    None when no year is left. The rate is given for compound indicators only.
    """
    years_left = target_year - year
    if years_left <= 0:
        return None, None
    per_year = (target - value) / years_left
    rate = None
    if trajectory is Trajectory.COMPOUND and value > 0 and target > 0:
        rate = math.expm1((math.log(target) - math.log(value)) / years_left) * 100
        if not math.isfinite(rate):
            rate = None
    return per_year, rate


def average(values: list[float], geometric: bool) -> float:
    """The average of yearly values: geometric for growth rates in %, arithmetic otherwise.

    geometric: (Π(1 + gᵢ/100))^(1/n) − 1, in %  (the statistics offices' average growth)
    """
    if geometric:
        product = math.prod(1 + g / 100 for g in values)
        return (product ** (1 / len(values)) - 1) * 100
    return sum(values) / len(values)


def required_average(
    values: list[float], target: float, years_left: int, geometric: bool
) -> float | None:
    """The average over the ``years_left`` coming years that brings the average of
    ``values`` and those years to ``target``; None when no year is left.

    geometric: (1 + r)^m = (1 + T)^(n + m) / Π(1 + gᵢ)    arithmetic: r = (T(n + m) − Σg) / m
    """
    if years_left <= 0:
        return None
    n, m = len(values), years_left
    if geometric:
        product = math.prod(1 + g / 100 for g in values)
        if product <= 0:
            return None
        return float((((1 + target / 100) ** (n + m) / product) ** (1 / m) - 1) * 100)
    return (target * (n + m) - sum(values)) / m


@dataclass(frozen=True)
class Result:
    """The status of one indicator in one year, with every figure behind it.

    ``None`` always means "does not apply or cannot be computed", never zero.
    """

    status: Status
    year: int
    actual: float | bool | None = None  # the value recorded for the year
    estimate: bool = False  # the figures judged rest on a provisional value
    baseline: float | bool | None = None
    expected: float | None = None  # on the path (level), the even share due (cumulative)
    target: float | bool | None = None
    progress: float | None = None  # R, the share of the expected change achieved
    gap: float | None = None  # actual (total, average) minus expected (target), signed
    percent_of_target: float | None = None  # a/T, C/T in %; amounts and higher-is-better only
    target_gap: float | None = None  # a − T (points for rates)
    required_per_year: float | None = None
    required_rate: float | None = None  # compound rate in % a year
    cumulative: float | None = None  # cumulative kind: the running total of the period
    average: float | None = None  # average kind: the average of the recorded years
    required_average: float | None = None  # average kind: needed over the years left
    years_counted: tuple[int, ...] = ()  # the years behind a total or an average
    period_years: tuple[int, int] | None = None  # (elapsed, total) of a period
    missing_years: tuple[int, ...] = ()  # years whose absence blocks or thins the status
    since: int | None = None  # milestone: the year it was reached
    met: bool | None = None  # level: the figure meets the target (the baseline year too)
    flat: bool = False  # level: the baseline already meets the target: the path keeps it
    reason: Reason | None = None


def evaluate(
    indicator: Indicator,
    series: Mapping[int, Entry],
    year: int,
    base_year: int,
    bands: StatusBands,
) -> Result:
    """The status of ``indicator`` in ``year`` given its recorded ``series``."""
    kind = indicator.kind
    if kind is Kind.LEVEL:
        return _level(indicator, series, year, base_year, bands)
    period = indicator.period
    if kind in (Kind.CUMULATIVE, Kind.AVERAGE) and period is not None and year < period.start:
        return _before_period(indicator, series.get(year), year)
    if kind is Kind.CUMULATIVE:
        return _cumulative(indicator, series, year, bands)
    if kind is Kind.AVERAGE:
        return _average(indicator, series, year)
    if kind is Kind.MILESTONE:
        return _milestone(indicator, series, year)
    return _threshold(indicator, series, year, base_year)


def percent_of(ind: Indicator, value: float, reference: float) -> float | None:
    """value / reference in %, for amounts judged upwards; None for rates (compared in
    points) and where it means nothing."""
    if ind.measure.is_rate or not ind.comparator.higher_is_better or reference == 0:
        return None
    ratio = value / reference * 100
    return ratio if math.isfinite(ratio) else None


def _level(
    ind: Indicator, series: Mapping[int, Entry], year: int, base_year: int, bands: StatusBands
) -> Result:
    target = float(ind.target)
    base_obs = series.get(base_year)
    baseline = float(base_obs.value) if base_obs is not None else None
    expected, reason, flat = None, None, False
    if baseline is not None and meets(baseline, target, ind.comparator):
        # the baseline already meets the target: the path is to keep it (e = b), so a
        # value that falls back is judged against b, not against a path "towards" T
        expected, reason = baseline, Reason.BASELINE_MEETS_TARGET
        flat = True
    elif baseline is not None:
        expected = expected_level(
            baseline, target, year, base_year, ind.target_year, ind.trajectory
        )
    known = Result(
        Status.NO_DATA,
        year,
        baseline=baseline,
        expected=expected,
        target=target,
        reason=reason,
        flat=flat,
    )
    obs = series.get(year)
    if obs is None:
        return replace(known, reason=Reason.NO_VALUE, missing_years=(year,))
    a = float(obs.value)
    measured = replace(
        known,
        actual=a,
        estimate=obs.estimate,
        percent_of_target=percent_of(ind, a, target),
        target_gap=a - target,
        gap=a - expected if expected is not None else None,
    )
    met = meets(a, target, ind.comparator)
    measured = replace(measured, met=met)
    if year == base_year:
        return replace(measured, status=Status.BASELINE, reason=Reason.BASELINE_YEAR)
    per_year, rate = required_pace(a, target, year, ind.target_year, ind.trajectory)
    flat = (
        baseline is None
        or expected is None
        or math.isclose(expected, baseline, rel_tol=_REL_TOL, abs_tol=1e-12)
    )
    progress = None
    if not flat:
        assert baseline is not None and expected is not None
        progress = (a - baseline) / (expected - baseline)
    if met:
        return replace(measured, status=Status.ACHIEVED, progress=progress)
    behind = replace(measured, required_per_year=per_year, required_rate=rate)
    if year >= ind.target_year:  # the target year is over and the target not met
        return replace(behind, status=Status.MISSED, progress=progress)
    if baseline is None:
        return replace(
            behind,
            status=Status.NO_BASELINE,
            reason=Reason.NO_BASELINE,
            missing_years=(base_year,),
        )
    if progress is None:  # a flat path: e = b
        worse = a < baseline if ind.comparator.higher_is_better else a > baseline
        return replace(behind, status=Status.DETERIORATING if worse else Status.LIMITED_PROGRESS)
    return replace(behind, status=band(progress, bands), progress=progress)


def expected_total(ind: Indicator, year: int) -> float | None:
    """The even share of a cumulative target due by ``year``: E = T x elapsed / years.

    None before the period starts; the whole target from the period's last year on.
    """
    if ind.period is None:
        raise ValueError(f"indicator '{ind.id}' has no period")
    start, end = ind.period.start, ind.period.end
    if year < start:
        return None
    elapsed = min(year, end) - start + 1
    return float(ind.target) * elapsed / len(ind.period)


def _before_period(ind: Indicator, obs: Entry | None, year: int) -> Result:
    """A year before the period of a total or an average (the baseline year): its value
    is not judged."""
    if obs is None:
        return Result(Status.NO_DATA, year, target=ind.target, reason=Reason.BEFORE_PERIOD)
    return Result(
        Status.BASELINE,
        year,
        actual=float(obs.value),
        estimate=obs.estimate,
        target=ind.target,
        reason=Reason.BEFORE_PERIOD,
    )


def _cumulative(
    ind: Indicator, series: Mapping[int, Entry], year: int, bands: StatusBands
) -> Result:
    assert ind.period is not None  # guaranteed by the plan rules
    start, end = ind.period.start, ind.period.end
    target = float(ind.target)
    obs = series.get(year)
    known = Result(
        Status.NO_DATA,
        year,
        actual=float(obs.value) if obs is not None else None,
        estimate=obs.estimate if obs is not None else False,
        target=target,
        expected=expected_total(ind, year),  # the share due is known with or without data
    )
    last = min(year, end)
    period = range(start, last + 1)
    missing = tuple(y for y in period if y not in series)
    if missing:
        reason = Reason.NO_VALUE if missing == (year,) else Reason.GAP_IN_PERIOD
        return replace(known, missing_years=missing, reason=reason)
    total = sum(float(series[y].value) for y in period)
    expected = expected_total(ind, year)
    assert expected is not None  # the year lies in or after the period
    progress = total / expected
    measured = replace(
        known,
        estimate=any(series[y].estimate for y in period),
        expected=expected,
        cumulative=total,
        gap=total - expected,
        progress=progress,
        percent_of_target=percent_of(ind, total, target),
        target_gap=total - target,
        years_counted=tuple(period),
        period_years=(last - start + 1, end - start + 1),
    )
    if meets(total, target, ind.comparator):
        return replace(measured, status=Status.ACHIEVED)
    if year >= end:
        return replace(measured, status=Status.MISSED)
    per_year = (target - total) / (end - last)
    return replace(measured, status=band(progress, bands), required_per_year=per_year)


def _average(ind: Indicator, series: Mapping[int, Entry], year: int) -> Result:
    """The average over the period's recorded years so far, against the target.

    Before the period ends: on track when the average so far meets the target, else
    needs acceleration, with the average needed over the years left; from the last
    year of the period on: achieved or missed. A missing earlier year is left out of
    the average (and named); a missing value for the year itself is no data.
    """
    assert ind.period is not None  # guaranteed by the plan rules
    start, end = ind.period.start, ind.period.end
    target = float(ind.target)
    obs = series.get(year)
    last = min(year, end)
    period = range(start, last + 1)
    known = Result(
        Status.NO_DATA, year, target=target, period_years=(last - start + 1, len(ind.period))
    )
    if obs is None and year <= end:
        return replace(known, reason=Reason.NO_VALUE, missing_years=(year,))
    counted = tuple(y for y in period if y in series)
    if not counted:
        return replace(known, reason=Reason.NO_VALUE, missing_years=tuple(period))
    values = [float(series[y].value) for y in counted]
    geometric = ind.measure is Measure.RATE
    avg = average(values, geometric)
    missing = tuple(y for y in period if y not in series)
    measured = replace(
        known,
        actual=float(obs.value) if obs is not None else None,
        estimate=any(series[y].estimate for y in counted),
        average=avg,
        gap=avg - target,
        target_gap=avg - target,
        percent_of_target=percent_of(ind, avg, target),
        years_counted=counted,
        missing_years=missing,
        reason=Reason.YEARS_SKIPPED if missing else None,
    )
    met = meets(avg, target, ind.comparator)
    if year >= end and missing:  # the verdict on the whole period needs every year
        return replace(known, reason=Reason.GAP_IN_PERIOD, missing_years=missing)
    if year >= end:
        return replace(measured, status=Status.ACHIEVED if met else Status.MISSED)
    if met:
        return replace(measured, status=Status.ON_TRACK)
    needed = required_average(values, target, end - year, geometric)
    return replace(measured, status=Status.NEEDS_ACCELERATION, required_average=needed)


def _milestone(ind: Indicator, series: Mapping[int, Entry], year: int) -> Result:
    """Reached by the deadline (the target year) and kept: the latest value up to
    ``year`` decides. Before the deadline a "no" is pending, never missed."""
    known = Result(Status.NO_DATA, year, target=ind.target)
    recorded = [y for y in series if y <= year]
    if not recorded:
        return replace(known, reason=Reason.NO_VALUE, missing_years=(year,))
    latest = max(recorded)
    obs = series.get(year)
    at_year = replace(
        known,
        actual=bool(obs.value) if obs is not None else None,
        estimate=obs.estimate if obs is not None else series[latest].estimate,
    )
    if series[latest].value is True:
        since = latest  # the start of the run of "yes" up to now: only a "no" ends it
        for y in sorted(recorded, reverse=True):
            if series[y].value is not True:
                break
            since = y
        reason = None if latest == year else Reason.REACHED_EARLIER
        return replace(at_year, status=Status.ACHIEVED, since=since, reason=reason)
    if year < ind.target_year:
        return replace(at_year, status=Status.PENDING)
    if obs is None:  # "no" in an earlier year; the deadline year itself is needed
        return replace(known, reason=Reason.NO_VALUE, missing_years=(year,))
    return replace(at_year, status=Status.MISSED)


def _threshold(ind: Indicator, series: Mapping[int, Entry], year: int, base_year: int) -> Result:
    """Annual thresholds and criteria kept every year: each year on its own."""
    base_obs = series.get(base_year)
    known = Result(
        Status.NO_DATA,
        year,
        target=ind.target,
        baseline=base_obs.value if base_obs is not None else None,
    )
    obs = series.get(year)
    if obs is None:
        return replace(known, reason=Reason.NO_VALUE, missing_years=(year,))
    if ind.kind is Kind.MAINTAINED:
        ok = bool(obs.value) is bool(ind.target)
        return replace(
            known,
            status=Status.ACHIEVED if ok else Status.MISSED,
            actual=bool(obs.value),
            estimate=obs.estimate,
        )
    a, target = float(obs.value), float(ind.target)
    return replace(
        known,
        status=Status.ACHIEVED if meets(a, target, ind.comparator) else Status.MISSED,
        actual=a,
        estimate=obs.estimate,
        expected=target,
        gap=a - target,
        percent_of_target=percent_of(ind, a, target),
        target_gap=a - target,
    )

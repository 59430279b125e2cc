"""The status method: trajectories, progress, bands and pace (pure functions, no I/O).

Every figure that any report shows comes from here. See README "Status method".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

from ntm_tracker.model import Comparator, Indicator, Kind, StatusBands, Trajectory

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
    NO_BASELINE = "no_baseline"
    NO_DATA = "no_data"


STATUS_ORDER = list(Status)
BEHIND = frozenset(
    {
        Status.NEEDS_ACCELERATION,
        Status.LIMITED_PROGRESS,
        Status.DETERIORATING,
        Status.MISSED,
    }
)


class Observed(Protocol):
    """A recorded value as the status maths sees it (model.Entry is one)."""

    @property
    def value(self) -> float | bool: ...

    @property
    def estimate(self) -> bool: ...


@dataclass(frozen=True)
class Observation:
    """An Observed value built by hand, for callers of evaluate() without a data folder."""

    value: float | bool
    estimate: bool = False


def _tol(x: float) -> float:
    return _REL_TOL * max(1.0, abs(x))


def meets(value: float, target: float, comparator: Comparator) -> bool:
    """Does ``value`` meet ``target`` under ``comparator``? "above"/"below" are strict."""
    t = _tol(target)
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
    if is_compound(trajectory, baseline, target):
        return float(baseline * (target / baseline) ** share)
    return baseline + (target - baseline) * share


def band(progress: float, bands: StatusBands) -> Status:
    """The band of a progress ratio R (Eurostat / Statistics Canada / Open SDG).

    Edges are inclusive and compared with a tiny tolerance, so that 87.6 on a path
    from 80 to 88 (R = 0.95 exactly on paper, 0.9499999... in floating point) is on track.
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
    """(change per year, compound rate in %) still needed from ``value`` to reach target.

    None when no year is left. The rate is only given for compound indicators with
    positive value and target.
    """
    years_left = target_year - year
    if years_left <= 0:
        return None, None
    per_year = (target - value) / years_left
    rate = None
    if trajectory is Trajectory.COMPOUND and value > 0 and target > 0:
        rate = ((target / value) ** (1 / years_left) - 1) * 100
    return per_year, rate


@dataclass(frozen=True)
class Result:
    """The status of one indicator in one year, with every figure behind it.

    ``None`` always means "does not apply or cannot be computed", never zero.
    """

    status: Status
    year: int
    actual: float | bool | None = None
    estimate: bool = False
    baseline: float | bool | None = None
    expected: float | None = None
    target: float | bool | None = None
    progress: float | None = None  # R, the share of the expected change achieved
    gap: float | None = None  # actual (or cumulative) minus expected, signed
    percent_of_target: float | None = None  # a/T or C/T in %, for at_least/above
    target_gap: float | None = None  # a - T (points for percentages), all numeric kinds
    required_per_year: float | None = None
    required_rate: float | None = None  # compound rate in % per year
    cumulative: float | None = None
    period_years: tuple[int, int] | None = None  # (elapsed, total) for cumulative
    missing_years: tuple[int, ...] = ()  # years whose absence blocks the status
    reason: str | None = None  # a machine key explaining a no_data/no_baseline status


def evaluate(
    indicator: Indicator,
    series: Mapping[int, Observed],
    year: int,
    base_year: int,
    bands: StatusBands,
) -> Result:
    """The status of ``indicator`` in ``year`` given its recorded ``series``."""
    if indicator.kind is Kind.LEVEL:
        return _level(indicator, series, year, base_year, bands)
    if indicator.kind is Kind.CUMULATIVE:
        return _cumulative(indicator, series, year, bands)
    return _threshold(indicator, series, year, base_year)


def _percent_of_target(ind: Indicator, value: float) -> float | None:
    target = float(ind.target)
    if not ind.comparator.higher_is_better or target == 0:
        return None
    return value / target * 100


def _level(
    ind: Indicator,
    series: Mapping[int, Observed],
    year: int,
    base_year: int,
    bands: StatusBands,
) -> Result:
    target = float(ind.target)
    base_obs = series.get(base_year)
    baseline = float(base_obs.value) if base_obs is not None else None
    expected, reason = None, None
    if baseline is not None and meets(baseline, target, ind.comparator):
        # the baseline already meets the target: the path is to keep it (e = b), so a
        # value that falls back is judged against b, not against a path "towards" T
        expected, reason = baseline, "baseline_meets_target"
    elif baseline is not None:
        expected = expected_level(
            baseline, target, year, base_year, ind.target_year, ind.trajectory
        )
    known = Result(
        Status.NO_DATA, year, baseline=baseline, expected=expected, target=target, reason=reason
    )
    obs = series.get(year)
    if obs is None:
        return replace(known, reason="no_value", missing_years=(year,))
    a = float(obs.value)
    per_year, rate = required_pace(a, target, year, ind.target_year, ind.trajectory)
    measured = replace(
        known,
        actual=a,
        estimate=obs.estimate,
        percent_of_target=_percent_of_target(ind, a),
        target_gap=a - target,
        gap=a - expected if expected is not None else None,
    )
    flat = (
        baseline is None
        or expected is None
        or math.isclose(expected, baseline, rel_tol=_REL_TOL, abs_tol=1e-12)
    )
    progress = None
    if not flat:
        assert baseline is not None and expected is not None
        progress = (a - baseline) / (expected - baseline)
    if meets(a, target, ind.comparator):
        return replace(measured, status=Status.ACHIEVED, progress=progress)
    behind = replace(measured, required_per_year=per_year, required_rate=rate)
    if baseline is None:
        return replace(
            behind, status=Status.NO_BASELINE, reason="no_baseline", missing_years=(base_year,)
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
        raise ValueError(f"indicator '{ind.id}' is not cumulative: it has no period")
    start, end = ind.period.start, ind.period.end
    if year < start:
        return None
    elapsed = min(year, end) - start + 1
    return float(ind.target) * elapsed / (end - start + 1)


def _cumulative(
    ind: Indicator, series: Mapping[int, Observed], year: int, bands: StatusBands
) -> Result:
    assert ind.period is not None  # guaranteed by the model
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
    if year < start:
        return replace(known, reason="before_period")
    last = min(year, end)
    period = range(start, last + 1)
    missing = tuple(y for y in period if y not in series)
    if missing:
        reason = "no_value" if missing == (year,) else "gap_in_period"
        return replace(known, missing_years=missing, reason=reason)
    total = sum(float(series[y].value) for y in period)
    elapsed, years = last - start + 1, end - start + 1
    expected = expected_total(ind, year)
    assert expected is not None  # year lies on or after the period start
    progress = total / expected
    measured = replace(
        known,
        estimate=any(series[y].estimate for y in period),
        expected=expected,
        cumulative=total,
        gap=total - expected,
        progress=progress,
        percent_of_target=_percent_of_target(ind, total),
        target_gap=total - target,
        period_years=(elapsed, years),
    )
    if meets(total, target, ind.comparator):
        return replace(measured, status=Status.ACHIEVED)
    per_year = (target - total) / (end - last) if end > last else None
    return replace(measured, status=band(progress, bands), required_per_year=per_year)


def _threshold(ind: Indicator, series: Mapping[int, Observed], year: int, base_year: int) -> Result:
    base_obs = series.get(base_year)
    known = Result(
        Status.NO_DATA,
        year,
        target=ind.target,
        baseline=base_obs.value if base_obs is not None else None,
    )
    obs = series.get(year)
    if obs is None:
        return replace(known, reason="no_value", missing_years=(year,))
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
        percent_of_target=_percent_of_target(ind, a),
        target_gap=a - target,
    )

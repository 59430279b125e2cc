"""The status method: the result of a year, and the maths every kind shares (paths,
progress bands, averages, pace), as pure functions.

Every figure any report shows comes from :func:`evaluate`, which asks the indicator's
kind (``ntm_tracker.core.kinds``). See README "Status method" for the formulas, and
``tests/test_status.py`` for hand-computed cases.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from ntm_tracker.core.domain import (
    Comparator,
    Entry,
    Indicator,
    Judging,
    StatusBands,
    Trajectory,
    deciding,
)
from ntm_tracker.core.kind import Basis
from ntm_tracker.core.numbers import Range, round_half_up
from ntm_tracker.core.result import Reason, Result, Status, Verdict

# Relative tolerance for comparisons, so that 0.1 + 0.2 meets a target of 0.3
# while exactly 90 still does not meet "above 90".
REL_TOL = 1e-9


def meets(
    value: float,
    target: float | Range,
    comparator: Comparator,
    judging: Judging | None = None,
) -> bool:
    """Does ``value`` meet ``target`` under ``comparator``? "above"/"below" are strict
    unless the plan's judging counts the bound itself. A range is met from its low end
    (a target to reach), up to its high end (a ceiling), or inside it (``within``)."""
    if isinstance(target, Range):
        if comparator is Comparator.WITHIN:
            return _meets(value, target.low, Comparator.AT_LEAST) and _meets(
                value, target.high, Comparator.AT_MOST
            )
        target = deciding(target, comparator)
    if judging is not None and judging.inclusive:
        comparator = _INCLUSIVE.get(comparator, comparator)
    return _meets(value, target, comparator)


_INCLUSIVE = {Comparator.ABOVE: Comparator.AT_LEAST, Comparator.BELOW: Comparator.AT_MOST}


def _meets(value: float, target: float, comparator: Comparator) -> bool:
    t = REL_TOL * max(1.0, abs(target))
    if comparator in (Comparator.AT_LEAST, Comparator.OR_MORE, Comparator.WITHIN):
        return value >= target - t
    if comparator is Comparator.ABOVE:
        return value > target + t
    if comparator is Comparator.BELOW:
        return value < target - t
    return value <= target + t  # AT_MOST


def judge(
    value: float,
    target: float | Range,
    comparator: Comparator,
    *,
    decimals: int,
    points: bool,
    judging: Judging,
) -> Verdict:
    """A figure against a target or a plan figure as a report words it, both as shown
    (at the indicator's ``decimals``: equal as shown is equal).

    Met when the figure meets the target (a strict bound met only beyond it, unless the
    plan's judging is inclusive); exceeded when it is better than the target as shown
    (beyond a range's far end; for a strict bound, "trên 90%", being beyond it is the
    target itself) and the plan tells "vượt" apart; short by no more than the plan's
    margin (percentage points when ``points``, else % of the target): nearly met.
    """
    shown = round_half_up(value, decimals)
    if isinstance(target, Range):
        low, high = round_half_up(target.low, decimals), round_half_up(target.high, decimals)
    else:
        low = high = round_half_up(target, decimals)
    up = comparator.higher_is_better
    if comparator is Comparator.WITHIN:
        ok, short = low <= shown <= high, max(low - shown, shown - high, 0.0)
        better = False
    else:
        edge, far = (low, high) if up else (high, low)
        strict = comparator.strict and not judging.inclusive
        beyond = shown > edge if up else shown < edge
        ok = beyond or (shown == edge and not strict)
        short = max(edge - shown if up else shown - edge, 0.0)
        better = (shown > far if up else shown < far) and not (
            comparator.strict and not isinstance(target, Range)
        )
    if ok:
        return Verdict.EXCEEDED if better and judging.exceeded else Verdict.MET
    reference = high if comparator is Comparator.WITHIN else (low if up else high)
    allowed = judging.margin if points else abs(reference) * judging.margin / 100
    if judging.margin > 0 and short <= allowed + REL_TOL * max(1.0, abs(reference)):
        return Verdict.NEARLY_MET
    return Verdict.NOT_MET


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
    if progress >= bands.on_track - REL_TOL:
        return Status.ON_TRACK
    if progress >= bands.needs_acceleration - REL_TOL:
        return Status.NEEDS_ACCELERATION
    if progress >= -REL_TOL:
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


def evaluate(
    indicator: Indicator,
    series: Mapping[int, Entry],
    year: int,
    base_year: int,
    bands: StatusBands,
    judging: Judging | None = None,
) -> Result:
    """The status of ``indicator`` in ``year`` given its recorded ``series``: its kind's
    judgement (``ntm_tracker.core.kinds``); a year before the period of a total or an
    average (the baseline year) is not judged."""
    period = indicator.period
    if period is not None and year < period.start:
        return _before_period(indicator, series.get(year), year)
    basis = Basis(base_year, bands, judging or Judging())
    result = indicator.kind.evaluate(indicator, series, year, basis)
    if result.status in (Status.ACHIEVED, Status.MISSED):
        return replace(result, verdict=settled(indicator, result, basis.judging))
    return result


def settled(ind: Indicator, r: Result, judging: Judging) -> Verdict:
    """The verdict of a year that settles the target (achieved or missed): whether an
    achieved figure exceeds it, a missed one falls within the plan's margin."""
    achieved = r.status is Status.ACHIEVED
    value = ind.kind.drawn(r)
    if isinstance(value, bool) or value is None or isinstance(ind.target, bool):
        return Verdict.MET if achieved else Verdict.NOT_MET
    found = judge(
        float(value),
        ind.target,
        ind.comparator,
        decimals=ind.decimals,
        points=ind.measure.is_rate,
        judging=judging,
    )
    if achieved and ind.stretch is not None:  # two tiers: "vượt" is the stretch reached
        stretched = meets(float(value), ind.stretch, ind.comparator, judging)
        return Verdict.EXCEEDED if stretched else Verdict.MET
    if achieved:  # the status's own answer stands; the shown figures say by how much
        return Verdict.EXCEEDED if found is Verdict.EXCEEDED else Verdict.MET
    # missed: nearly met only when the figure itself is short by no more than the margin;
    # a figure that meets while the target is missed failed another of its terms (the
    # level of a two-part change, "giảm 0,7% (còn 4,33%)"), however near the figure is
    return Verdict.NEARLY_MET if found is Verdict.NEARLY_MET else Verdict.NOT_MET


def percent_of(ind: Indicator, value: float, reference: float) -> float | None:
    """value / reference in %, for amounts judged upwards; None for rates (compared in
    points) and where it means nothing."""
    if ind.measure.is_rate or not ind.comparator.higher_is_better or reference == 0:
        return None
    ratio = value / reference * 100
    return ratio if math.isfinite(ratio) else None


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

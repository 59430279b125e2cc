"""The status method, with hand-computed numbers (the arithmetic is in the comments).

Indicators are built directly (``domain.Indicator``), series are ``{year: Entry}``; the
plan's own indicators appear only where the plan's reading is the point (revenue).
"""

from __future__ import annotations

import math
import re
from dataclasses import fields, replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_tracker.core import kinds
from ntm_tracker.core.domain import (
    VALID_RANGES,
    Comparator,
    Entry,
    Indicator,
    Measure,
    Sector,
    Span,
    StatusBands,
    Text,
    Trajectory,
)
from ntm_tracker.core.kinds.cumulative import expected_total
from ntm_tracker.core.result import Reason, Result, Status
from ntm_tracker.core.status import (
    average,
    band,
    evaluate,
    expected_level,
    meets,
    required_average,
    required_pace,
)
from ntm_tracker.storage import planfile
from tests.conftest import PLAN

BANDS = StatusBands()
BASE_YEAR = 2025

_BASE = Indicator(
    id="x",
    number="1",
    field=Sector.ECONOMY,
    name=Text("x", "x"),
    unit=Text("%", "%"),
    kind=kinds.LEVEL,
    measure=Measure.PERCENT,
    comparator=Comparator.AT_LEAST,
    target=100.0,
    target_year=2030,
)


def ind(**kw: Any) -> Indicator:
    """A level indicator, percent, at least 100 in 2030, changed by ``kw``."""
    return replace(_BASE, **kw)


def obs(**values: float | bool) -> dict[int, Entry]:
    """``obs(y2025=80, y2027=88)`` -> {2025: Entry(80), 2027: Entry(88)}."""
    return {int(y[1:]): Entry(v) for y, v in values.items()}


def status_of(indicator: Indicator, series: dict[int, Entry], year: int) -> Result:
    return evaluate(indicator, series, year, BASE_YEAR, BANDS)


# The indicators of the new kinds, as the plan writes them.
def growth() -> Indicator:
    """(2): average growth over 2026-2030 strictly above 10% (compounded)."""
    return ind(
        kind=kinds.AVERAGE,
        measure=Measure.RATE,
        comparator=Comparator.ABOVE,
        target=10.0,
        period=Span(2026, 2030),
    )


def share_average() -> Indicator:
    """An average of a share (percent): arithmetic, at least 50 over 2026-2030."""
    return ind(kind=kinds.AVERAGE, measure=Measure.PERCENT, target=50.0, period=Span(2026, 2030))


def milestone() -> Indicator:
    """S1-like: "yes" to be reached by 2030 and kept."""
    return ind(kind=kinds.MILESTONE, measure=Measure.YES_NO, target=True, target_year=2030)


def revenue() -> Indicator:
    return ind(kind=kinds.CUMULATIVE, measure=Measure.AMOUNT, target=405.0, period=Span(2026, 2030))


# -- trajectories -----------------------------------------------------------------


def test_linear_trajectory_by_hand() -> None:
    # 80 -> 100 over 2025-2030: 4 points a year
    assert expected_level(80, 100, 2025, 2025, 2030) == 80
    assert expected_level(80, 100, 2027, 2025, 2030) == pytest.approx(88)  # 80 + 2 x 4
    assert expected_level(80, 100, 2030, 2025, 2030) == pytest.approx(100)


def test_linear_trajectory_downwards() -> None:
    # poverty 2.5 -> 1.0: 0.3 points a year down; 2027: 2.5 - 2 x 0.3 = 1.9
    assert expected_level(2.5, 1.0, 2027, 2025, 2030) == pytest.approx(1.9)


def test_compound_trajectory_by_hand() -> None:
    # 10 -> 160 over 4 years is x2 a year: 20, 40, 80, 160
    c = Trajectory.COMPOUND
    assert expected_level(10, 160, 2026, 2025, 2029, c) == pytest.approx(20)
    assert expected_level(10, 160, 2027, 2025, 2029, c) == pytest.approx(40)
    assert expected_level(10, 160, 2029, 2025, 2029, c) == pytest.approx(160)


def test_compound_falls_back_to_linear_without_positive_ends() -> None:
    c = Trajectory.COMPOUND
    assert expected_level(0, 100, 2027, 2025, 2030, c) == pytest.approx(40)  # 0 + 100 x 2/5
    assert expected_level(-10, 10, 2026, 2025, 2030, c) == pytest.approx(-6)  # -10 + 20 x 1/5


def test_years_after_target_stay_at_target() -> None:
    assert expected_level(80, 100, 2032, 2025, 2030) == 100


def test_trajectory_needs_a_target_year_after_the_base_year() -> None:
    with pytest.raises(ValueError):
        expected_level(80, 100, 2027, 2030, 2030)


# -- comparators --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "target", "comparator", "expected"),
    [
        (90, 90, Comparator.ABOVE, False),  # "trên 90%": exactly 90 does not meet it
        (90.01, 90, Comparator.ABOVE, True),
        (3, 3, Comparator.AT_LEAST, True),  # "từ 3% trở lên": 3 meets it
        (2.99, 3, Comparator.AT_LEAST, False),
        (1.0, 1.0, Comparator.BELOW, False),  # "dưới 1,0%": exactly 1.0 does not
        (0.99, 1.0, Comparator.BELOW, True),
        (5, 5, Comparator.AT_MOST, True),
        (5.01, 5, Comparator.AT_MOST, False),
        (0.1 + 0.2, 0.3, Comparator.AT_LEAST, True),  # floating point noise
    ],
)
def test_meets(value: float, target: float, comparator: Comparator, expected: bool) -> None:
    assert meets(value, target, comparator) is expected


# -- bands and their edges ------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (88.0, Status.ON_TRACK),  # R = (88 - 80) / (88 - 80) = 1
        (87.6, Status.ON_TRACK),  # R = 7.6 / 8 = 0.95 exactly: the edge belongs to on track
        (87.5, Status.NEEDS_ACCELERATION),  # R = 7.5 / 8 = 0.9375
        (84.8, Status.NEEDS_ACCELERATION),  # R = 4.8 / 8 = 0.60 exactly
        (84.7, Status.LIMITED_PROGRESS),  # R = 4.7 / 8 = 0.5875
        (80.0, Status.LIMITED_PROGRESS),  # R = 0
        (79.9, Status.DETERIORATING),  # R = -0.1 / 8 < 0
        (100.0, Status.ACHIEVED),  # meets the 2030 target already
    ],
)
def test_level_bands_and_edges(actual: float, status: Status) -> None:
    # baseline 80 (2025), target 100 (2030): expected 2027 = 80 + 20 x 2/5 = 88
    r = status_of(ind(), obs(y2025=80, y2027=actual), 2027)
    assert r.status is status
    assert r.expected == pytest.approx(88)
    assert r.gap == pytest.approx(actual - 88)
    assert r.baseline == 80 and r.actual == actual and r.target == 100


def test_progress_by_hand() -> None:
    r = status_of(ind(), obs(y2025=80, y2027=86), 2027)
    assert r.progress == pytest.approx(0.75)  # (86 - 80) / (88 - 80)
    assert r.percent_of_target is None  # a share is compared in points, not in % of it
    assert r.target_gap == pytest.approx(-14)  # 86 - 100
    assert r.required_per_year == pytest.approx(14 / 3)  # (100 - 86) / 3 years
    assert r.required_rate is None  # linear
    assert r.met is False


def test_percent_of_target_for_amounts() -> None:
    income = ind(measure=Measure.AMOUNT, target=80.0)
    r = status_of(income, obs(y2025=40, y2027=55), 2027)
    assert r.percent_of_target == pytest.approx(68.75)  # 55 / 80


def test_custom_bands_from_plan() -> None:
    bands = StatusBands(on_track=0.9, needs_acceleration=0.5)
    r = evaluate(ind(), obs(y2025=80, y2027=87.3), 2027, 2025, bands)  # R = 7.3 / 8 = 0.9125
    assert r.status is Status.ON_TRACK
    assert status_of(ind(), obs(y2025=80, y2027=87.3), 2027).status is Status.NEEDS_ACCELERATION


def test_band_function_edges() -> None:
    assert band(0.95, BANDS) is Status.ON_TRACK
    assert band(0.6, BANDS) is Status.NEEDS_ACCELERATION
    assert band(0.0, BANDS) is Status.LIMITED_PROGRESS
    assert band(-0.01, BANDS) is Status.DETERIORATING


def test_downward_indicator_progress() -> None:
    # poverty below 1.0: baseline 2.5, 2027 expected 1.9, actual 2.3
    poverty = ind(comparator=Comparator.BELOW, target=1.0)
    r = status_of(poverty, obs(y2025=2.5, y2027=2.3), 2027)
    assert r.progress == pytest.approx(1 / 3)  # (2.3 - 2.5) / (1.9 - 2.5)
    assert r.status is Status.LIMITED_PROGRESS
    assert r.percent_of_target is None  # a ceiling has no "% of target"
    assert r.target_gap == pytest.approx(1.3)  # 1.3 points above the ceiling
    assert r.required_per_year == pytest.approx(-1.3 / 3)  # (1.0 - 2.3) / 3
    worse = status_of(poverty, obs(y2025=2.5, y2027=2.6), 2027)
    assert worse.status is Status.DETERIORATING


def test_compound_status_and_pace_by_hand() -> None:
    income = ind(measure=Measure.AMOUNT, trajectory=Trajectory.COMPOUND, target=120.0)
    r = status_of(income, obs(y2025=70, y2027=87), 2027)
    # expected = 70 x (120/70) ^ (2/5) = 86.84...; R = 17 / 16.84 = 1.009
    assert r.expected == pytest.approx(70 * (120 / 70) ** 0.4)
    assert r.expected == pytest.approx(86.842, abs=1e-3)
    assert r.status is Status.ON_TRACK
    assert r.required_per_year == pytest.approx(11.0)  # (120 - 87) / 3
    assert r.required_rate == pytest.approx(((120 / 87) ** (1 / 3) - 1) * 100)
    assert r.required_rate == pytest.approx(11.315, abs=1e-3)
    assert r.percent_of_target == pytest.approx(72.5)  # 87 / 120


def test_required_pace_none_when_no_year_left() -> None:
    assert required_pace(90, 100, 2030, 2030, Trajectory.LINEAR) == (None, None)


# -- the baseline year ---------------------------------------------------------------


def test_level_baseline_year_is_baseline_not_judged() -> None:
    r = status_of(ind(), obs(y2025=80), 2025)
    assert r.status is Status.BASELINE
    assert r.reason is Reason.BASELINE_YEAR
    assert r.actual == 80 and r.baseline == 80
    assert r.met is False  # 80 < 100
    assert r.progress is None


def test_level_baseline_year_meeting_the_target_sets_met() -> None:
    poverty = ind(comparator=Comparator.BELOW, target=1.0)
    r = status_of(poverty, obs(y2025=0.8), 2025)
    assert r.status is Status.BASELINE
    assert r.met is True  # 0.8 < 1.0 already
    assert r.expected == 0.8  # the path is to keep the baseline


def test_level_baseline_year_without_value_is_no_data() -> None:
    r = status_of(ind(), {}, 2025)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.NO_VALUE
    assert r.missing_years == (2025,)


def test_annual_and_maintained_are_judged_in_the_baseline_year() -> None:
    rating = ind(kind=kinds.ANNUAL, comparator=Comparator.ABOVE, target=90.0)
    assert status_of(rating, obs(y2025=92), 2025).status is Status.ACHIEVED  # 92 > 90
    assert status_of(rating, obs(y2025=89), 2025).status is Status.MISSED
    kept = ind(kind=kinds.MAINTAINED, measure=Measure.YES_NO, target=True)
    assert status_of(kept, obs(y2025=True), 2025).status is Status.ACHIEVED
    assert status_of(kept, obs(y2025=False), 2025).status is Status.MISSED


def test_cumulative_before_its_period_is_baseline_with_its_value() -> None:
    r = status_of(revenue(), obs(y2025=75), 2025)
    assert r.status is Status.BASELINE
    assert r.reason is Reason.BEFORE_PERIOD
    assert r.actual == 75
    assert r.cumulative is None  # the period has not started: no total
    empty = status_of(revenue(), {}, 2025)
    assert empty.status is Status.NO_DATA
    assert empty.reason is Reason.BEFORE_PERIOD
    assert empty.actual is None


def test_average_before_its_period_is_baseline_with_its_value() -> None:
    r = status_of(growth(), obs(y2025=7.5), 2025)
    assert r.status is Status.BASELINE
    assert r.reason is Reason.BEFORE_PERIOD
    assert r.actual == 7.5
    assert r.average is None
    empty = status_of(growth(), {}, 2025)
    assert empty.status is Status.NO_DATA
    assert empty.reason is Reason.BEFORE_PERIOD


# -- flat trajectory (e = b) ------------------------------------------------------------


def test_flat_path_when_baseline_equals_target_but_misses() -> None:
    # "below 1.0" with a baseline of exactly 1.0: the path is flat at 1.0
    flat = ind(comparator=Comparator.BELOW, target=1.0)
    r = status_of(flat, obs(y2025=1.0, y2027=1.0), 2027)
    assert r.status is Status.LIMITED_PROGRESS
    assert r.progress is None
    assert status_of(flat, obs(y2025=1.0, y2027=1.2), 2027).status is Status.DETERIORATING
    assert status_of(flat, obs(y2025=1.0, y2027=0.9), 2027).status is Status.ACHIEVED


def test_baseline_already_meeting_target_keeps_a_flat_path() -> None:
    """Falling back below a target the baseline had met is deteriorating, not on track."""
    poverty = ind(comparator=Comparator.BELOW, target=1.0)
    r = status_of(poverty, obs(y2025=0.8, y2027=1.5), 2027)
    assert r.status is Status.DETERIORATING
    assert r.expected == 0.8 and r.progress is None
    assert r.reason is Reason.BASELINE_MEETS_TARGET
    assert r.gap == pytest.approx(0.7)  # 1.5 - 0.8
    income = ind(measure=Measure.AMOUNT, trajectory=Trajectory.COMPOUND, target=120.0)
    fell = status_of(income, obs(y2025=130, y2027=110), 2027)
    assert fell.status is Status.DETERIORATING
    kept = status_of(income, obs(y2025=130, y2027=125), 2027)
    assert kept.status is Status.ACHIEVED


# -- the target year ------------------------------------------------------------------


def test_level_at_the_target_year_not_met_is_missed_not_a_band() -> None:
    # 80 -> 100: in 2030, 99 gives R = 19/20 = 0.95, an "on track" band; but the year is over
    r = status_of(ind(), obs(y2025=80, y2030=99), 2030)
    assert r.status is Status.MISSED
    assert r.progress == pytest.approx(0.95)
    assert r.expected == pytest.approx(100)
    assert r.required_per_year is None  # no year left
    met = status_of(ind(), obs(y2025=80, y2030=100), 2030)
    assert met.status is Status.ACHIEVED


def test_level_at_the_target_year_without_baseline_not_met_is_missed() -> None:
    r = status_of(ind(), obs(y2030=99), 2030)
    assert r.status is Status.MISSED
    assert r.baseline is None


# -- missing data and missing baseline -------------------------------------------------


def test_no_value_is_no_data_not_zero() -> None:
    r = status_of(ind(), obs(y2025=80), 2027)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.NO_VALUE
    assert r.actual is None
    assert r.missing_years == (2027,)
    assert r.expected == pytest.approx(88)  # the path is still known


def test_no_baseline_still_shows_percent_of_target() -> None:
    amount = ind(measure=Measure.AMOUNT, target=80.0)
    r = status_of(amount, obs(y2027=55), 2027)
    assert r.status is Status.NO_BASELINE
    assert r.reason is Reason.NO_BASELINE
    assert r.percent_of_target == pytest.approx(68.75)  # 55 / 80
    assert r.expected is None and r.progress is None
    assert r.missing_years == (2025,)


def test_no_baseline_but_target_met_is_achieved() -> None:
    assert status_of(ind(target=80.0), obs(y2027=85), 2027).status is Status.ACHIEVED


# -- cumulative -----------------------------------------------------------------------


def test_cumulative_by_hand() -> None:
    r = status_of(revenue(), obs(y2025=75, y2026=82), 2026)
    assert r.cumulative == 82
    assert r.expected == pytest.approx(81)  # 405 x 1/5
    assert r.progress == pytest.approx(82 / 81)
    assert r.status is Status.ON_TRACK
    assert r.percent_of_target == pytest.approx(82 / 405 * 100)
    assert r.required_per_year == pytest.approx((405 - 82) / 4)  # 80.75
    r = status_of(revenue(), obs(y2026=82, y2027=70), 2027)
    assert r.cumulative == 152  # 82 + 70
    assert r.expected == pytest.approx(162)  # 405 x 2/5
    assert r.progress == pytest.approx(152 / 162)  # 0.938
    assert r.status is Status.NEEDS_ACCELERATION
    assert r.gap == pytest.approx(-10)  # 152 - 162
    assert r.period_years == (2, 5)
    assert r.years_counted == (2026, 2027)


def test_cumulative_even_share_by_hand() -> None:
    rev = revenue()
    assert expected_total(rev, 2025) is None  # before the period
    assert expected_total(rev, 2026) == pytest.approx(81)  # 405 x 1/5
    assert expected_total(rev, 2028) == pytest.approx(243)  # 405 x 3/5
    assert expected_total(rev, 2030) == pytest.approx(405)  # the whole target
    assert expected_total(rev, 2031) == pytest.approx(405)  # after the period: still all of it
    with pytest.raises(ValueError):
        expected_total(ind(), 2027)  # a level indicator has no period


def test_cumulative_achieved_once_total_is_reached() -> None:
    r = status_of(revenue(), obs(y2026=200, y2027=205), 2027)
    assert r.status is Status.ACHIEVED
    assert r.cumulative == 405  # 200 + 205


def test_cumulative_short_at_the_period_end_is_missed() -> None:
    # 80 a year: 400 over 2026-2030, 5 short of 405
    r = status_of(revenue(), obs(y2026=80, y2027=80, y2028=80, y2029=80, y2030=80), 2030)
    assert r.status is Status.MISSED
    assert r.cumulative == 400
    assert r.expected == pytest.approx(405)
    assert r.progress == pytest.approx(400 / 405)  # 0.988: a band would say "on track"
    assert r.target_gap == pytest.approx(-5)
    assert r.required_per_year is None
    assert r.period_years == (5, 5)


def test_cumulative_gap_in_period_is_named() -> None:
    r = status_of(revenue(), obs(y2026=82, y2028=80), 2028)
    assert r.status is Status.NO_DATA
    assert r.missing_years == (2027,)
    assert r.reason is Reason.GAP_IN_PERIOD
    assert r.cumulative is None  # never interpolated
    assert r.actual == 80  # the year's own figure is still shown
    assert r.expected == pytest.approx(243)  # 405 x 3/5: the share due is known


def test_cumulative_missing_year_itself_is_no_value() -> None:
    r = status_of(revenue(), obs(y2026=82), 2027)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.NO_VALUE
    assert r.missing_years == (2027,)


# -- average ----------------------------------------------------------------------------


def test_geometric_average_by_hand() -> None:
    # growth 11% then 8%: (1.11 x 1.08)^(1/2) - 1 = 1.1988^0.5 - 1 = 9.4897%
    assert average([11, 8], geometric=True) == pytest.approx(9.4897, abs=1e-4)
    # the arithmetic mean would be 9.5
    assert average([11, 8], geometric=False) == pytest.approx(9.5)


def test_average_needs_acceleration_by_hand() -> None:
    r = status_of(growth(), obs(y2026=11, y2027=8), 2027)
    assert r.status is Status.NEEDS_ACCELERATION  # 9.4897 is not above 10
    assert r.average == pytest.approx(9.4897, abs=1e-4)
    assert r.gap == pytest.approx(9.4897 - 10, abs=1e-4)
    assert r.target_gap == pytest.approx(-0.5103, abs=1e-4)
    assert r.percent_of_target is None  # a growth rate is compared in points
    assert r.years_counted == (2026, 2027)
    assert r.missing_years == ()
    assert r.reason is None
    assert r.period_years == (2, 5)
    assert r.actual == 8
    # n = 2 recorded, m = 3 left: ((1.10)^5 / (1.11 x 1.08))^(1/3) - 1
    #   = (1.61051 / 1.1988)^(1/3) - 1 = 1.343435^(1/3) - 1 = 10.3415%
    assert r.required_average == pytest.approx(((1.1**5 / (1.11 * 1.08)) ** (1 / 3) - 1) * 100)
    assert r.required_average == pytest.approx(10.3415, abs=1e-4)


def test_average_on_track_when_the_average_so_far_meets_the_target() -> None:
    # (1.12 x 1.10)^(1/2) - 1 = 1.232^0.5 - 1 = 10.9955% > 10
    r = status_of(growth(), obs(y2026=12, y2027=10), 2027)
    assert r.status is Status.ON_TRACK
    assert r.average == pytest.approx(10.9955, abs=1e-4)
    assert r.required_average is None


def test_average_strictly_above_exactly_the_target_is_not_met() -> None:
    r = status_of(growth(), obs(y2026=10, y2027=10), 2027)
    assert r.average == pytest.approx(10)
    assert r.status is Status.NEEDS_ACCELERATION  # "trên 10%": 10 is not above 10


def test_average_with_a_year_missing_in_the_middle() -> None:
    # 2027 missing: left out; n = 2 recorded years (2026, 2028), the average as above
    r = status_of(growth(), obs(y2026=11, y2028=8), 2028)
    assert r.status is Status.NEEDS_ACCELERATION
    assert r.average == pytest.approx(9.4897, abs=1e-4)
    assert r.years_counted == (2026, 2028)
    assert r.missing_years == (2027,)
    assert r.reason is Reason.YEARS_SKIPPED
    assert r.period_years == (3, 5)
    # n = 2, m = 2030 - 2028 = 2: ((1.1)^4 / 1.1988)^(1/2) - 1 = 1.221305^0.5 - 1 = 10.5127%
    assert r.required_average == pytest.approx(((1.1**4 / 1.1988) ** 0.5 - 1) * 100)
    assert r.required_average == pytest.approx(10.5127, abs=1e-4)


def test_average_without_the_years_own_value_is_no_data() -> None:
    r = status_of(growth(), obs(y2026=11, y2027=8), 2028)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.NO_VALUE
    assert r.missing_years == (2028,)
    assert r.average is None


def test_average_achieved_at_the_period_end() -> None:
    r = status_of(growth(), obs(y2026=12, y2027=12, y2028=12, y2029=12, y2030=12), 2030)
    assert r.status is Status.ACHIEVED
    assert r.average == pytest.approx(12)  # (1.12^5)^(1/5) - 1
    assert r.required_average is None
    assert r.period_years == (5, 5)


def test_average_at_the_period_end_needs_every_year() -> None:
    """The verdict on the whole term is not given over 4 of its 5 years (as for a total)."""
    r = status_of(growth(), obs(y2026=12, y2027=12, y2029=12, y2030=12), 2030)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.GAP_IN_PERIOD
    assert r.missing_years == (2028,)


def test_average_missed_at_the_period_end_though_the_plain_mean_is_above() -> None:
    # 50, -20, 10, 10, 10: plain mean 60 / 5 = 12, but compounded
    # (1.5 x 0.8 x 1.1^3)^(1/5) - 1 = 1.5972^(1/5) - 1 = 9.8176%: not above 10
    r = status_of(growth(), obs(y2026=50, y2027=-20, y2028=10, y2029=10, y2030=10), 2030)
    assert r.average == pytest.approx(9.8176, abs=1e-4)
    assert r.status is Status.MISSED
    assert r.required_average is None


def test_average_missed_at_the_period_end_with_low_growth() -> None:
    r = status_of(growth(), obs(y2026=9, y2027=9, y2028=9, y2029=9, y2030=9), 2030)
    assert r.status is Status.MISSED
    assert r.average == pytest.approx(9)


def test_arithmetic_average_for_a_percent_measure() -> None:
    r = status_of(share_average(), obs(y2026=40, y2027=50), 2027)
    assert r.average == pytest.approx(45)  # (40 + 50) / 2, not compounded
    assert r.status is Status.NEEDS_ACCELERATION
    # (T (n + m) - Σ) / m = (50 x 5 - 90) / 3 = 160 / 3 = 53.33
    assert r.required_average == pytest.approx(160 / 3)
    ok = status_of(share_average(), obs(y2026=40, y2027=50, y2028=66), 2028)
    assert ok.average == pytest.approx(52)  # 156 / 3
    assert ok.status is Status.ON_TRACK


def test_average_estimate_flag_follows_any_counted_year() -> None:
    series = {2026: Entry(11.0, estimate=True), 2027: Entry(8.0)}
    assert status_of(growth(), series, 2027).estimate is True
    assert status_of(growth(), obs(y2026=11, y2027=8), 2027).estimate is False


# -- milestone --------------------------------------------------------------------------


def test_milestone_no_before_the_deadline_is_pending_never_missed() -> None:
    for year in range(2026, 2030):
        r = status_of(milestone(), {year: Entry(False)}, year)
        assert r.status is Status.PENDING, year
        assert r.actual is False


def test_milestone_earlier_no_and_no_value_this_year_is_pending() -> None:
    r = status_of(milestone(), obs(y2026=False), 2027)
    assert r.status is Status.PENDING
    assert r.actual is None


def test_milestone_yes_is_achieved_since_the_first_year_of_the_run() -> None:
    r = status_of(milestone(), obs(y2026=False, y2027=True, y2028=True), 2028)
    assert r.status is Status.ACHIEVED
    assert r.since == 2027  # the run of "yes" started in 2027
    assert r.reason is None
    assert r.actual is True


def test_milestone_yes_then_a_later_no_is_pending_again() -> None:
    r = status_of(milestone(), obs(y2027=True, y2028=False), 2028)
    assert r.status is Status.PENDING
    assert r.since is None


def test_milestone_no_at_the_deadline_is_missed() -> None:
    r = status_of(milestone(), obs(y2030=False), 2030)
    assert r.status is Status.MISSED
    # reached, then lost by the deadline: missed too
    lost = status_of(milestone(), obs(y2028=True, y2029=True, y2030=False), 2030)
    assert lost.status is Status.MISSED


def test_milestone_reached_earlier_and_no_value_this_year_is_achieved() -> None:
    r = status_of(milestone(), obs(y2027=True, y2028=True), 2030)
    assert r.status is Status.ACHIEVED
    assert r.since == 2027
    assert r.reason is Reason.REACHED_EARLIER
    assert r.actual is None  # nothing recorded for 2030 itself


def test_milestone_without_any_value_is_no_data() -> None:
    r = status_of(milestone(), {}, 2028)
    assert r.status is Status.NO_DATA
    assert r.reason is Reason.NO_VALUE
    assert r.missing_years == (2028,)
    # a later value does not count for an earlier year
    assert status_of(milestone(), obs(y2029=True), 2028).status is Status.NO_DATA


def test_milestone_earlier_no_and_nothing_in_the_deadline_year_is_no_data() -> None:
    r = status_of(milestone(), obs(y2028=False), 2030)
    assert r.status is Status.NO_DATA  # the deadline year's figure is needed
    assert r.reason is Reason.NO_VALUE
    assert r.missing_years == (2030,)


def test_milestone_with_a_no_target_is_refused_or_honoured() -> None:
    text = PLAN.read_text(encoding="utf-8")
    block = _block(text, "ward_criteria")
    changed = text.replace(block, block.replace("    target: true\n", "    target: false\n"))
    refused = bool(planfile.validate(changed).problems)
    no_target = replace(milestone(), target=False)
    honoured = status_of(no_target, obs(y2030=False), 2030).status is Status.ACHIEVED
    assert refused or honoured


# -- annual and maintained --------------------------------------------------------------


def test_annual_threshold_strict_and_inclusive() -> None:
    rating = ind(kind=kinds.ANNUAL, comparator=Comparator.ABOVE, target=90.0)
    assert status_of(rating, obs(y2027=90), 2027).status is Status.MISSED  # not above 90
    assert status_of(rating, obs(y2027=90.5), 2027).status is Status.ACHIEVED
    admission = ind(kind=kinds.ANNUAL, comparator=Comparator.AT_LEAST, target=3.0)
    r = status_of(admission, obs(y2027=3), 2027)
    assert r.status is Status.ACHIEVED
    assert r.expected == 3 and r.gap == 0
    missing = status_of(admission, obs(y2026=3), 2027)
    assert missing.status is Status.NO_DATA
    assert missing.missing_years == (2027,)


def test_maintained_yes_no() -> None:
    kept = ind(kind=kinds.MAINTAINED, measure=Measure.YES_NO, target=True)
    assert status_of(kept, obs(y2027=True), 2027).status is Status.ACHIEVED
    assert status_of(kept, obs(y2027=False), 2027).status is Status.MISSED
    assert status_of(kept, {}, 2027).status is Status.NO_DATA


def test_estimate_flag_is_carried() -> None:
    r = status_of(ind(), {2025: Entry(80.0), 2027: Entry(88.0, estimate=True)}, 2027)
    assert r.estimate is True


# -- revenue, read both ways ------------------------------------------------------------
# "(1) Tổng thu ngân sách nhà nước trên địa bàn đến năm 2030 đạt 405 tỷ đồng": the total
# over 2026-2030 (cumulative) or the revenue of 2030 (level). The YAML comment says how to
# switch (one line); the tests below take both readings from the plan file as it is.


def _block(text: str, ind_id: str) -> str:
    """The lines of one indicator in the plan text."""
    m = re.search(rf"(?ms)^  - id: {ind_id}\n.*?(?=^  - id: |^\S|\Z)", text)
    assert m is not None, ind_id
    return m.group(0)


def revenue_read_as(kind: str) -> tuple[Indicator, int]:
    """The plan's revenue indicator with ``kind:`` set to ``kind``, validated; and the
    number of lines that differ from the plan file."""
    text = PLAN.read_text(encoding="utf-8")
    block = _block(text, "revenue")
    new_block, n = re.subn(r"(?m)^    kind: \w+$", f"    kind: {kind}", block)
    assert n == 1
    changed = text.replace(block, new_block)
    diff = sum(a != b for a, b in zip(text.splitlines(), changed.splitlines(), strict=True))
    checked = planfile.validate(changed)
    assert checked.problems == []
    assert checked.content is not None
    return checked.content.index["revenue"], diff


FIGURES = obs(y2025=75, y2026=82, y2027=88)


def test_revenue_switching_the_reading_is_one_line() -> None:
    total, d1 = revenue_read_as("cumulative")
    level, d2 = revenue_read_as("level")
    assert sorted((d1, d2)) == [0, 1]  # the file holds one reading; the other is one line away
    assert total.kind is kinds.CUMULATIVE and total.period == Span(2026, 2030)
    assert level.kind is kinds.LEVEL and level.period is None
    assert level.trajectory is Trajectory.COMPOUND  # "the compound path is then used"
    for reading in (total, level):
        assert reading.target == 405 and reading.target_year == 2030
        assert reading.reading_note is True
        assert reading.measure is Measure.AMOUNT


def test_revenue_read_as_the_total_2026_2030() -> None:
    total, _ = revenue_read_as("cumulative")
    base = status_of(total, FIGURES, 2025)
    assert base.status is Status.BASELINE and base.actual == 75  # before the period
    r = status_of(total, FIGURES, 2026)
    assert r.cumulative == 82 and r.expected == pytest.approx(81)  # 405 x 1/5
    assert r.status is Status.ON_TRACK  # R = 82 / 81 = 1.012
    r = status_of(total, FIGURES, 2027)
    assert r.cumulative == 170  # 82 + 88
    assert r.expected == pytest.approx(162)  # 405 x 2/5
    assert r.progress == pytest.approx(170 / 162)  # 1.049
    assert r.status is Status.ON_TRACK
    assert r.required_per_year == pytest.approx(235 / 3)  # (405 - 170) / 3 = 78.33 a year


def test_revenue_read_as_the_level_of_2030() -> None:
    level, _ = revenue_read_as("level")
    base = status_of(level, FIGURES, 2025)
    assert base.status is Status.BASELINE and base.met is False  # 75 < 405
    r = status_of(level, FIGURES, 2026)
    # compound path 75 -> 405: e = 75 x 5.4^(1/5) = 105.08; R = (82 - 75) / 30.08 = 0.233
    assert r.expected == pytest.approx(75 * 5.4**0.2)
    assert r.expected == pytest.approx(105.085, abs=1e-3)
    assert r.progress == pytest.approx(0.2327, abs=1e-4)
    assert r.status is Status.LIMITED_PROGRESS
    r = status_of(level, FIGURES, 2027)
    # e = 75 x 5.4^(2/5) = 147.24; R = 13 / 72.24 = 0.180
    assert r.expected == pytest.approx(147.238, abs=1e-3)
    assert r.progress == pytest.approx(0.1800, abs=1e-4)
    assert r.status is Status.LIMITED_PROGRESS
    assert r.required_per_year == pytest.approx(317 / 3)  # (405 - 88) / 3
    assert r.required_rate == pytest.approx(66.338, abs=1e-3)  # (405/88)^(1/3) - 1
    assert r.percent_of_target == pytest.approx(88 / 405 * 100)  # 21.7%


def test_revenue_five_years_of_81_billion_both_ways() -> None:
    """81 billion a year: the total reaches 405 (achieved), the 2030 level is 81 (missed)."""
    five = obs(y2025=75, y2026=81, y2027=81, y2028=81, y2029=81, y2030=81)
    total, _ = revenue_read_as("cumulative")
    level, _ = revenue_read_as("level")
    t = status_of(total, five, 2030)
    assert t.status is Status.ACHIEVED and t.cumulative == pytest.approx(405)  # 5 x 81
    v = status_of(level, five, 2030)
    assert v.status is Status.MISSED and v.actual == 81  # 81 < 405 in the target year
    # a single year of 405 in 2030 is the reverse: level achieved, total short
    one = obs(y2025=75, y2026=0, y2027=0, y2028=0, y2029=0, y2030=405)
    assert status_of(level, one, 2030).status is Status.ACHIEVED
    assert status_of(total, one, 2030).status is Status.ACHIEVED  # 0+0+0+0+405 = 405
    short = obs(y2025=75, y2026=0, y2027=0, y2028=0, y2029=0, y2030=404)
    assert status_of(level, short, 2030).status is Status.MISSED
    assert status_of(total, short, 2030).status is Status.MISSED  # 404 < 405


# -- invariants ---------------------------------------------------------------------

finite = st.floats(min_value=0.1, max_value=1e6, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2025, max_value=2030)


@given(b=finite, t=finite, y=years, shape=st.sampled_from(list(Trajectory)))
def test_trajectory_stays_between_baseline_and_target(
    b: float, t: float, y: int, shape: Trajectory
) -> None:
    e = expected_level(b, t, y, 2025, 2030, shape)
    low, high = min(b, t), max(b, t)
    assert low * (1 - 1e-9) <= e <= high * (1 + 1e-9)


@given(b=finite, t=finite, y1=years, y2=years)
def test_compound_trajectory_is_monotonic(b: float, t: float, y1: int, y2: int) -> None:
    lo, hi = sorted((y1, y2))
    e1 = expected_level(b, t, lo, 2025, 2030, Trajectory.COMPOUND)
    e2 = expected_level(b, t, hi, 2025, 2030, Trajectory.COMPOUND)
    assert (e2 - e1) * (t - b) >= -1e-9 * max(abs(e1), abs(e2))


# One indicator of each kind and measure, as a plan may hold them.
INDICATORS = (
    ind(target=90.0),
    ind(measure=Measure.AMOUNT, trajectory=Trajectory.COMPOUND, target=120.0),
    ind(comparator=Comparator.BELOW, target=1.0),
    ind(measure=Measure.RATE, comparator=Comparator.ABOVE, target=10.0),
    revenue(),
    growth(),
    share_average(),
    ind(kind=kinds.ANNUAL, comparator=Comparator.ABOVE, target=90.0),
    ind(kind=kinds.MAINTAINED, measure=Measure.YES_NO, target=True),
    milestone(),
)


def _value(measure: Measure) -> st.SearchStrategy[float | bool]:
    """A figure ntm accepts for ``measure``, as typed (at most 6 decimal places)."""
    if measure is Measure.YES_NO:
        return st.booleans()
    low, high = VALID_RANGES[measure]
    return st.floats(low, high, allow_nan=False).map(lambda v: round(v, 6))


@st.composite
def cases(draw: st.DrawFn) -> tuple[Indicator, dict[int, Entry], int]:
    indicator = draw(st.sampled_from(INDICATORS))
    recorded = draw(st.lists(years, unique=True))
    series = {y: Entry(draw(_value(indicator.measure)), draw(st.booleans())) for y in recorded}
    return indicator, series, draw(years)


def _floats(r: Result) -> dict[str, float]:
    return {f.name: v for f in fields(r) if isinstance(v := getattr(r, f.name), float)}


@settings(max_examples=300)
@given(case=cases())
def test_status_is_total_and_finite(case: tuple[Indicator, dict[int, Entry], int]) -> None:
    """Every figure ntm accepts gives exactly one status, and every number is finite."""
    indicator, series, year = case
    r = evaluate(indicator, series, year, BASE_YEAR, BANDS)
    assert isinstance(r.status, Status)
    assert r.year == year
    bad = {k: v for k, v in _floats(r).items() if not math.isfinite(v)}
    assert bad == {}
    if r.status is Status.NO_DATA:
        assert r.reason is not None


@given(
    a=st.floats(min_value=0, max_value=100, allow_nan=False),
    b=st.floats(min_value=0, max_value=100, allow_nan=False),
)
def test_level_status_is_total_for_any_share(a: float, b: float) -> None:
    r = status_of(ind(), obs(y2025=b, y2027=a), 2027)
    assert isinstance(r.status, Status)
    if r.progress is not None:
        assert math.isfinite(r.progress)
    if a >= 100:
        assert r.status is Status.ACHIEVED


def test_compound_path_is_finite_for_a_tiny_baseline() -> None:
    income = ind(measure=Measure.AMOUNT, trajectory=Trajectory.COMPOUND, target=120.0)
    r = status_of(income, obs(y2025=1e-309, y2026=80), 2026)
    # e = b (T/b)^(1/5) = exp(ln b + (ln T - ln b) / 5): about 1.6e-247, finite
    assert r.expected is not None and math.isfinite(r.expected)
    assert r.gap is not None and math.isfinite(r.gap)


@settings(max_examples=300)
@given(case=cases(), data=st.data())
def test_no_value_is_never_zero(
    case: tuple[Indicator, dict[int, Entry], int], data: st.DataObject
) -> None:
    """Taking a figure out never turns a status into "achieved" silently: either the
    status does not become achieved, or the result names the year that is missing (an
    average over the recorded years) or says the milestone was reached earlier."""
    indicator, series, year = case
    if not series:
        return
    removed = data.draw(st.sampled_from(sorted(series)))
    before = evaluate(indicator, series, year, BASE_YEAR, BANDS)
    rest = {y: e for y, e in series.items() if y != removed}
    after = evaluate(indicator, rest, year, BASE_YEAR, BANDS)
    if after.status is Status.ACHIEVED and before.status is not Status.ACHIEVED:
        assert removed in after.missing_years or after.reason is Reason.REACHED_EARLIER
        assert indicator.kind in (kinds.AVERAGE, kinds.MILESTONE)
    if removed == year and indicator.kind is not kinds.MILESTONE:
        # the year's own figure gone: nothing is judged for that year
        assert after.status is Status.NO_DATA
        assert after.actual is None


@given(
    v=st.floats(min_value=-99, max_value=1000, allow_nan=False),
    n=st.integers(min_value=1, max_value=6),
    geometric=st.booleans(),
)
def test_average_of_equal_values_is_that_value(v: float, n: int, geometric: bool) -> None:
    assert average([v] * n, geometric) == pytest.approx(v, rel=1e-9, abs=1e-9)


@given(v=st.floats(min_value=-99, max_value=1000, allow_nan=False))
def test_average_kind_of_equal_values_is_that_value(v: float) -> None:
    v = round(v, 6)
    series = {y: Entry(v) for y in range(2026, 2031)}
    r = status_of(growth(), series, 2030)
    assert r.average == pytest.approx(v, rel=1e-9, abs=1e-9)
    assert r.status is (Status.ACHIEVED if meets(v, 10, Comparator.ABOVE) else Status.MISSED)


@given(
    values=st.lists(
        st.floats(min_value=-50, max_value=100, allow_nan=False), min_size=1, max_size=4
    ),
    target=st.floats(min_value=-50, max_value=100, allow_nan=False),
    left=st.integers(min_value=1, max_value=4),
    geometric=st.booleans(),
)
def test_required_average_then_achieving_it_gives_the_target(
    values: list[float], target: float, left: int, geometric: bool
) -> None:
    r = required_average(values, target, left, geometric)
    assert r is not None
    assert average([*values, *([r] * left)], geometric) == pytest.approx(target, abs=1e-6)


def test_required_average_none_when_no_year_is_left() -> None:
    assert required_average([11, 8], 10, 0, geometric=True) is None
    assert required_average([-100, 8], 10, 2, geometric=True) is None  # Π(1 + g) = 0


def test_required_average_by_hand_arithmetic() -> None:
    # (T (n + m) - Σg) / m = (10 x 5 - 19) / 3 = 31 / 3
    assert required_average([11, 8], 10, 3, geometric=False) == pytest.approx(31 / 3)


@settings(max_examples=200)
@given(
    first=st.lists(
        st.floats(min_value=-50, max_value=100, allow_nan=False), min_size=1, max_size=4
    ),
    target=st.floats(min_value=-50, max_value=100, allow_nan=False),
    geometric=st.booleans(),
)
def test_recording_the_required_average_achieves_the_target(
    first: list[float], target: float, geometric: bool
) -> None:
    """The average the status asks for, recorded in every year left, meets an "at least"
    target at the period's end (geometric for a growth rate, arithmetic for a share)."""
    measure = Measure.RATE if geometric else Measure.PERCENT
    if not geometric:
        first = [abs(v) for v in first]  # a share is 0-100
        target = abs(target)
    indicator = replace(growth(), measure=measure, comparator=Comparator.AT_LEAST, target=target)
    series = {2026 + i: Entry(v) for i, v in enumerate(first)}
    year = max(series)
    r = status_of(indicator, series, year)
    if r.status is Status.ON_TRACK:
        return  # nothing more is needed
    assert r.status is Status.NEEDS_ACCELERATION
    assert r.required_average is not None
    for y in range(year + 1, 2031):
        series[y] = Entry(r.required_average)
    end = status_of(indicator, series, 2030)
    assert end.average == pytest.approx(target, abs=1e-6)
    assert end.status is Status.ACHIEVED

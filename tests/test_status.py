"""The status method, with hand-computed numbers (README "Status method")."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_tracker.model import Comparator, Indicator, StatusBands, Trajectory, indicator_from_raw
from ntm_tracker.status import (
    Observation,
    Status,
    band,
    evaluate,
    expected_level,
    meets,
    required_pace,
)

BANDS = StatusBands()


def ind(**kw: object) -> Indicator:
    base: dict[str, object] = {
        "id": "x",
        "number": "1",
        "field": "economy",
        "name": {"vi": "x", "en": "x"},
        "unit": {"vi": "%", "en": "%"},
        "kind": "level",
        "measure": "percent",
        "comparator": "at_least",
        "target": 100,
        "target_year": 2030,
    }
    base.update(kw)
    return indicator_from_raw(base)


def obs(**values: float) -> dict[int, Observation]:
    return {int(y[1:]): Observation(v) for y, v in values.items()}


# -- trajectories -----------------------------------------------------------------


def test_linear_trajectory_by_hand() -> None:
    # 80 -> 100 over 2025-2030: 4 points a year
    assert expected_level(80, 100, 2025, 2025, 2030) == 80
    assert expected_level(80, 100, 2027, 2025, 2030) == pytest.approx(88)
    assert expected_level(80, 100, 2030, 2025, 2030) == pytest.approx(100)


def test_linear_trajectory_downwards() -> None:
    # poverty 2.5 -> 1.0: 0.3 points a year down
    assert expected_level(2.5, 1.0, 2027, 2025, 2030) == pytest.approx(1.9)


def test_compound_trajectory_by_hand() -> None:
    # 10 -> 160 over 4 years is x2 a year: 20, 40, 80, 160
    c = Trajectory.COMPOUND
    assert expected_level(10, 160, 2026, 2025, 2029, c) == pytest.approx(20)
    assert expected_level(10, 160, 2027, 2025, 2029, c) == pytest.approx(40)
    assert expected_level(10, 160, 2029, 2025, 2029, c) == pytest.approx(160)


def test_compound_falls_back_to_linear_without_positive_ends() -> None:
    c = Trajectory.COMPOUND
    assert expected_level(0, 100, 2027, 2025, 2030, c) == pytest.approx(40)
    assert expected_level(-10, 10, 2026, 2025, 2030, c) == pytest.approx(-6)


def test_years_after_target_stay_at_target() -> None:
    assert expected_level(80, 100, 2032, 2025, 2030) == 100


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
        (88.0, Status.ON_TRACK),  # R = 1
        (87.6, Status.ON_TRACK),  # R = 0.95 exactly: the edge belongs to on track
        (87.5, Status.NEEDS_ACCELERATION),  # R = 0.9375
        (84.8, Status.NEEDS_ACCELERATION),  # R = 0.60 exactly
        (84.7, Status.LIMITED_PROGRESS),  # R = 0.5875
        (80.0, Status.LIMITED_PROGRESS),  # R = 0
        (79.9, Status.DETERIORATING),  # R < 0
        (100.0, Status.ACHIEVED),  # meets the 2030 target already
    ],
)
def test_level_bands_and_edges(actual: float, status: Status) -> None:
    # baseline 80 (2025), target 100 (2030): expected 2027 = 88
    r = evaluate(ind(), obs(y2025=80, y2027=actual), 2027, 2025, BANDS)
    assert r.status is status
    assert r.expected == pytest.approx(88)
    assert r.gap == pytest.approx(actual - 88)


def test_progress_by_hand() -> None:
    r = evaluate(ind(), obs(y2025=80, y2027=86), 2027, 2025, BANDS)
    assert r.progress == pytest.approx(0.75)  # (86 - 80) / (88 - 80)
    assert r.percent_of_target == pytest.approx(86.0)
    assert r.required_per_year == pytest.approx(14 / 3)  # (100 - 86) / 3 years


def test_custom_bands_from_plan() -> None:
    bands = StatusBands(on_track=0.9, needs_acceleration=0.5)
    r = evaluate(ind(), obs(y2025=80, y2027=87.3), 2027, 2025, bands)  # R = 0.9125
    assert r.status is Status.ON_TRACK


def test_band_function_edges() -> None:
    assert band(0.95, BANDS) is Status.ON_TRACK
    assert band(0.6, BANDS) is Status.NEEDS_ACCELERATION
    assert band(0.0, BANDS) is Status.LIMITED_PROGRESS
    assert band(-0.01, BANDS) is Status.DETERIORATING


def test_downward_indicator_progress() -> None:
    # poverty below 1.0: baseline 2.5, 2027 expected 1.9, actual 2.3
    poverty = ind(comparator="below", target=1.0)
    r = evaluate(poverty, obs(y2025=2.5, y2027=2.3), 2027, 2025, BANDS)
    assert r.progress == pytest.approx(1 / 3)  # (2.3 - 2.5) / (1.9 - 2.5)
    assert r.status is Status.LIMITED_PROGRESS
    assert r.percent_of_target is None  # a ceiling has no "% of target"
    assert r.target_gap == pytest.approx(1.3)  # 1.3 points above the ceiling
    assert r.required_per_year == pytest.approx(-1.3 / 3)
    worse = evaluate(poverty, obs(y2025=2.5, y2027=2.6), 2027, 2025, BANDS)
    assert worse.status is Status.DETERIORATING


def test_compound_status_and_pace_by_hand() -> None:
    income = ind(measure="amount", trajectory="compound", target=120)
    r = evaluate(income, obs(y2025=70, y2027=87), 2027, 2025, BANDS)
    # expected = 70 * (120/70) ** 0.4 = 86.84...
    assert r.expected == pytest.approx(70 * (120 / 70) ** 0.4)
    assert r.status is Status.ON_TRACK
    assert r.required_per_year == pytest.approx(11.0)  # (120 - 87) / 3
    assert r.required_rate == pytest.approx(((120 / 87) ** (1 / 3) - 1) * 100)
    assert r.required_rate == pytest.approx(11.315, abs=1e-3)


def test_required_pace_none_when_no_year_left() -> None:
    assert required_pace(90, 100, 2030, 2030, Trajectory.LINEAR) == (None, None)


# -- flat trajectory (e = b) ------------------------------------------------------------


def test_baseline_year_itself() -> None:
    r = evaluate(ind(), obs(y2025=80), 2025, 2025, BANDS)
    assert r.status is Status.LIMITED_PROGRESS  # e = b, not worse than b
    assert r.progress is None


def test_flat_path_when_baseline_equals_target_but_misses() -> None:
    # "below 1.0" with a baseline of exactly 1.0: the path is flat at 1.0
    flat = ind(comparator="below", target=1.0)
    assert evaluate(flat, obs(y2025=1.0, y2027=1.0), 2027, 2025, BANDS).status is (
        Status.LIMITED_PROGRESS
    )
    assert evaluate(flat, obs(y2025=1.0, y2027=1.2), 2027, 2025, BANDS).status is (
        Status.DETERIORATING
    )
    assert evaluate(flat, obs(y2025=1.0, y2027=0.9), 2027, 2025, BANDS).status is (Status.ACHIEVED)


# -- missing data and missing baseline -------------------------------------------------


def test_no_value_is_no_data_not_zero() -> None:
    r = evaluate(ind(), obs(y2025=80), 2027, 2025, BANDS)
    assert r.status is Status.NO_DATA
    assert r.actual is None
    assert r.missing_years == (2027,)
    assert r.expected == pytest.approx(88)  # the path is still known


def test_no_baseline_still_shows_percent_of_target() -> None:
    r = evaluate(ind(target=80), obs(y2027=55), 2027, 2025, BANDS)
    assert r.status is Status.NO_BASELINE
    assert r.percent_of_target == pytest.approx(68.75)
    assert r.expected is None and r.progress is None
    assert r.missing_years == (2025,)


def test_no_baseline_but_target_met_is_achieved() -> None:
    assert evaluate(ind(target=80), obs(y2027=85), 2027, 2025, BANDS).status is Status.ACHIEVED


# -- cumulative -----------------------------------------------------------------------


def revenue() -> Indicator:
    return ind(
        kind="cumulative",
        measure="amount",
        target=405,
        period={"start": 2026, "end": 2030},
    )


def test_cumulative_by_hand() -> None:
    r = evaluate(revenue(), obs(y2025=75, y2026=82), 2026, 2025, BANDS)
    assert r.cumulative == 82
    assert r.expected == pytest.approx(81)  # 405 x 1/5
    assert r.progress == pytest.approx(82 / 81)
    assert r.status is Status.ON_TRACK
    assert r.percent_of_target == pytest.approx(82 / 405 * 100)
    assert r.required_per_year == pytest.approx((405 - 82) / 4)
    r = evaluate(revenue(), obs(y2026=82, y2027=70), 2027, 2025, BANDS)
    assert r.cumulative == 152
    assert r.expected == pytest.approx(162)  # 405 x 2/5
    assert r.progress == pytest.approx(152 / 162)  # 0.938
    assert r.status is Status.NEEDS_ACCELERATION
    assert r.gap == pytest.approx(-10)
    assert r.period_years == (2, 5)


def test_cumulative_achieved_once_total_is_reached() -> None:
    r = evaluate(revenue(), obs(y2026=200, y2027=205), 2027, 2025, BANDS)
    assert r.status is Status.ACHIEVED
    assert r.cumulative == 405


def test_cumulative_gap_in_period_is_named() -> None:
    r = evaluate(revenue(), obs(y2026=82, y2028=80), 2028, 2025, BANDS)
    assert r.status is Status.NO_DATA
    assert r.missing_years == (2027,)
    assert r.reason == "gap_in_period"
    assert r.cumulative is None  # never interpolated


def test_cumulative_before_its_period() -> None:
    r = evaluate(revenue(), obs(y2025=75), 2025, 2025, BANDS)
    assert r.status is Status.NO_DATA
    assert r.reason == "before_period"
    assert r.actual == 75


# -- annual and maintained --------------------------------------------------------------


def test_annual_threshold_strict_and_inclusive() -> None:
    rating = ind(kind="annual", comparator="above", target=90)
    assert evaluate(rating, obs(y2027=90), 2027, 2025, BANDS).status is Status.MISSED
    assert evaluate(rating, obs(y2027=90.5), 2027, 2025, BANDS).status is Status.ACHIEVED
    admission = ind(kind="annual", comparator="at_least", target=3)
    r = evaluate(admission, obs(y2027=3), 2027, 2025, BANDS)
    assert r.status is Status.ACHIEVED
    assert r.expected == 3 and r.gap == 0
    assert evaluate(admission, obs(y2026=3), 2027, 2025, BANDS).status is Status.NO_DATA


def test_maintained_yes_no() -> None:
    kept = ind(kind="maintained", measure="yes_no", target=True)
    yes = {2027: Observation(True)}
    no = {2027: Observation(False)}
    assert evaluate(kept, yes, 2027, 2025, BANDS).status is Status.ACHIEVED
    assert evaluate(kept, no, 2027, 2025, BANDS).status is Status.MISSED
    assert evaluate(kept, {}, 2027, 2025, BANDS).status is Status.NO_DATA


def test_estimate_flag_is_carried() -> None:
    r = evaluate(ind(), {2025: Observation(80), 2027: Observation(88, True)}, 2027, 2025, BANDS)
    assert r.estimate is True


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


@given(a=st.floats(min_value=0, max_value=100, allow_nan=False), b=st.floats(0, 100))
def test_status_is_total_for_any_value(a: float, b: float) -> None:
    """Every value gives exactly one status, and R is finite when it is given."""
    r = evaluate(ind(), obs(y2025=b, y2027=a), 2027, 2025, BANDS)
    assert isinstance(r.status, Status)
    if r.progress is not None:
        assert math.isfinite(r.progress)
    if a >= 100:
        assert r.status is Status.ACHIEVED


def test_baseline_already_meeting_target_keeps_a_flat_path() -> None:
    """Falling back below a target the baseline had met is deteriorating, not on track."""
    poverty = ind(comparator="below", target=1.0)
    r = evaluate(poverty, obs(y2025=0.8, y2027=1.5), 2027, 2025, BANDS)
    assert r.status is Status.DETERIORATING
    assert r.expected == 0.8 and r.progress is None
    assert r.reason == "baseline_meets_target"
    income = ind(measure="amount", trajectory="compound", target=120)
    assert evaluate(income, obs(y2025=130, y2027=110), 2027, 2025, BANDS).status is (
        Status.DETERIORATING
    )
    assert evaluate(income, obs(y2025=130, y2027=125), 2027, 2025, BANDS).status is (
        Status.ACHIEVED
    )

"""Verdicts as reports give them: against a target, against the year's plan, with ranges
and the plan's judging (strict or inclusive bounds, the "cơ bản đạt" margin, "vượt").

Every case is worked out by hand in its comment.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from ntm_tracker.core import kinds
from ntm_tracker.core.domain import (
    Comparator,
    Entry,
    Indicator,
    Judging,
    Measure,
    Sector,
    StatusBands,
    Text,
)
from ntm_tracker.core.numbers import NumberError, Range, parse_range
from ntm_tracker.core.report import compare
from ntm_tracker.core.result import Status, Verdict
from ntm_tracker.core.status import evaluate, judge, meets

STRICT = Judging()
LENIENT = Judging(bounds="inclusive", margin=0.5)
E, M, N, X = Verdict.EXCEEDED, Verdict.MET, Verdict.NEARLY_MET, Verdict.NOT_MET


def verdict(
    value: float,
    target: float | Range,
    comparator: Comparator,
    judging: Judging = STRICT,
    *,
    points: bool = True,
    decimals: int = 1,
) -> Verdict:
    return judge(value, target, comparator, decimals=decimals, points=points, judging=judging)


# -- ranges as resolutions write them --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("8,5-9,5", 8.5, 9.5),
        ("8,5 - 9,5%", 8.5, 9.5),
        ("8,5–9,5", 8.5, 9.5),  # an en dash, as Word writes it
        ("từ 8,5 đến 9,5", 8.5, 9.5),
        ("7-8", 7.0, 8.0),
        ("1.234,5-2.000,5", 1234.5, 2000.5),
    ],
)
def test_a_range_reads_as_typed(text: str, low: float, high: float) -> None:
    assert parse_range(text) == (low, high)


@pytest.mark.parametrize(("text", "code"), [("9,5-8,5", "range_order"), ("8,5", "not_a_range")])
def test_what_is_not_a_range(text: str, code: str) -> None:
    with pytest.raises(NumberError) as found:
        parse_range(text)
    assert found.value.code == code


# -- a target to reach ----------------------------------------------------------------------


def test_a_range_to_reach_is_met_from_its_low_end_and_exceeded_above_its_high_end() -> None:
    growth = Range(8.5, 9.5)  # "tăng trưởng 8,5-9,5%"
    assert verdict(8.4, growth, Comparator.AT_LEAST) is X  # 0,1 points short
    assert verdict(8.5, growth, Comparator.AT_LEAST) is M  # the low end itself
    assert verdict(9.5, growth, Comparator.AT_LEAST) is M  # the high end: still within
    assert verdict(9.6, growth, Comparator.AT_LEAST) is E  # beyond the range: vượt
    # Thừa Thiên Huế 2019: "7,5-8,0", 7,18 recorded: "Không đạt"
    assert verdict(7.18, Range(7.5, 8.0), Comparator.AT_LEAST, decimals=2) is X
    # the national plan of 2019: GDP "6,6-6,8", 7,02: "Vượt"; investment "33-34", 33,9: "Đạt"
    assert verdict(7.02, Range(6.6, 6.8), Comparator.AT_LEAST, decimals=2) is E
    assert verdict(33.9, Range(33.0, 34.0), Comparator.AT_LEAST) is M


def test_a_plain_figure_is_exceeded_by_any_better_figure_as_shown() -> None:
    assert verdict(89.3, 88.1, Comparator.AT_LEAST) is E  # BHYT 2019: 89,3 against 88,1
    assert verdict(89.0, 89.0, Comparator.AT_LEAST) is M  # equal: đạt
    assert verdict(88.96, 89.0, Comparator.AT_LEAST) is M  # 88,96 shows as 89,0: equal
    assert verdict(88.94, 89.0, Comparator.AT_LEAST) is X  # shows as 88,9
    assert verdict(89.3, 88.1, Comparator.AT_LEAST, Judging(exceeded=False)) is M


def test_a_strict_bound_is_met_only_beyond_it_unless_the_reports_count_it() -> None:
    # "trên 90%": 90 is not above 90; the plan's judging may count it (many reports do)
    assert verdict(90.0, 90.0, Comparator.ABOVE) is X
    assert verdict(90.0, 90.0, Comparator.ABOVE, LENIENT) is M
    # beyond a strict bound is what "trên" asks: met, not "vượt"
    assert verdict(95.0, 90.0, Comparator.ABOVE) is M
    # Thừa Thiên Huế 2019: "< 7,6", 7,6 recorded, "Đạt": the report's reading is inclusive
    assert verdict(7.6, 7.6, Comparator.BELOW) is X
    assert verdict(7.6, 7.6, Comparator.BELOW, Judging(bounds="inclusive")) is M


def test_the_margin_of_basically_met() -> None:
    # in points for shares and rates: 7,1 against "từ 7,5%" is 0,4 short, within 0,5
    assert verdict(7.1, 7.5, Comparator.AT_LEAST, LENIENT) is N
    assert verdict(6.9, 7.5, Comparator.AT_LEAST, LENIENT) is X  # 0,6 short
    assert verdict(7.1, 7.5, Comparator.AT_LEAST) is X  # no margin: no "cơ bản đạt"
    # in % of the target for amounts: 99,6 against 100 is 0,4% short; 99,4 is 0,6% short
    assert verdict(99.6, 100.0, Comparator.AT_LEAST, LENIENT, points=False) is N
    assert verdict(99.4, 100.0, Comparator.AT_LEAST, LENIENT, points=False) is X


# -- a ceiling and a band -------------------------------------------------------------------


def test_a_ceiling() -> None:
    assert verdict(3.1, 4.0, Comparator.BELOW) is M  # "dưới 4", 3,1: đạt (strict: no vượt)
    assert verdict(2.1, 2.2, Comparator.AT_MOST) is E  # "không quá 2,2", 2,1: vượt
    assert verdict(2.2, 2.2, Comparator.AT_MOST) is M
    assert verdict(2.3, 2.2, Comparator.AT_MOST) is X
    assert verdict(2.3, 2.2, Comparator.AT_MOST, LENIENT) is N  # 0,1 points over
    ceiling = Range(4.0, 4.5)  # a ceiling given as a range counts from its high end
    assert verdict(4.4, ceiling, Comparator.AT_MOST) is M
    assert verdict(3.9, ceiling, Comparator.AT_MOST) is E


def test_a_band_is_met_inside_it_and_never_exceeded() -> None:
    share = Range(20.0, 22.0)  # "cơ cấu nông nghiệp 20-22%"
    assert verdict(21.0, share, Comparator.WITHIN) is M
    assert verdict(20.0, share, Comparator.WITHIN) is M
    assert verdict(22.4, share, Comparator.WITHIN) is X
    assert verdict(22.4, share, Comparator.WITHIN, LENIENT) is N  # 0,4 points outside
    assert verdict(19.0, share, Comparator.WITHIN, LENIENT) is X  # 1 point outside


def test_meets_with_ranges_and_inclusive_bounds() -> None:
    assert meets(8.5, Range(8.5, 9.5), Comparator.AT_LEAST)
    assert not meets(8.4, Range(8.5, 9.5), Comparator.AT_LEAST)
    assert meets(4.5, Range(4.0, 4.5), Comparator.AT_MOST)
    assert not meets(23.0, Range(20.0, 22.0), Comparator.WITHIN)
    assert not meets(90.0, 90.0, Comparator.ABOVE)
    assert meets(90.0, 90.0, Comparator.ABOVE, Judging(bounds="inclusive"))


# -- the verdict of a status, and the year's plan ------------------------------------------

RATING = Indicator(
    id="rating",
    number="11a",
    field=Sector.PARTY_GOVERNMENT,
    name=Text("Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ", "Party organisations rated good"),
    unit=Text("%", "%"),
    kind=kinds.ANNUAL,
    measure=Measure.PERCENT,
    comparator=Comparator.ABOVE,
    target=90.0,
    target_year=2030,
)


def status_of(ind: Indicator, value: float, judging: Judging) -> tuple[Status, Verdict | None]:
    r = evaluate(ind, {2026: Entry(value)}, 2026, 2025, StatusBands(), judging)
    return r.status, r.verdict


def test_a_year_that_settles_a_target_gets_its_verdict() -> None:
    assert status_of(RATING, 92.0, STRICT) == (Status.ACHIEVED, M)  # above 90: met
    assert status_of(RATING, 90.0, STRICT) == (Status.MISSED, X)  # 90 is not above 90
    assert status_of(RATING, 90.0, Judging(bounds="inclusive")) == (Status.ACHIEVED, M)
    assert status_of(RATING, 89.8, LENIENT) == (Status.MISSED, N)  # 0,2 points short
    # a target to reach with a plain figure: "đạt 3%" exceeded by 3,5
    admission = replace(RATING, comparator=Comparator.AT_LEAST, target=3.0)
    assert status_of(admission, 3.5, STRICT) == (Status.ACHIEVED, E)
    assert status_of(admission, 3.5, Judging(exceeded=False)) == (Status.ACHIEVED, M)


def test_a_range_target_drives_the_status_from_its_deciding_end() -> None:
    growth = replace(RATING, comparator=Comparator.AT_LEAST, target=Range(8.5, 9.5))
    assert status_of(growth, 8.0, STRICT) == (Status.MISSED, X)
    assert status_of(growth, 9.0, STRICT) == (Status.ACHIEVED, M)
    assert status_of(growth, 10.0, STRICT) == (Status.ACHIEVED, E)


def test_the_year_s_plan_is_a_floor_a_ceiling_or_a_band() -> None:
    # the plan is a floor even where the resolution's words are strict ("trên 90%")
    c = compare(RATING, 2026, Entry(92.0), Entry(92.0), None)
    assert c.plan_verdict is M  # equal to the plan: đạt kế hoạch
    c = compare(RATING, 2026, Entry(93.0), Entry(92.0), None)
    assert c.plan_verdict is E
    c = compare(RATING, 2026, Entry(91.5), Entry(92.0), None)
    assert c.plan_verdict is X
    c = compare(RATING, 2026, Entry(91.5), Entry(92.0), None, LENIENT)
    assert c.plan_verdict is N
    # a plan given as a range, "7,5-8%": met from 7,5, exceeded above 8
    growth = replace(RATING, comparator=Comparator.AT_LEAST)
    plan = Entry(7.5, span=Range(7.5, 8.0))
    assert compare(growth, 2026, Entry(7.8), plan, None).plan_verdict is M
    assert compare(growth, 2026, Entry(8.2), plan, None).plan_verdict is E
    # a ceiling: poverty 2,3 against a plan of 2,2 is not met
    poverty = replace(RATING, comparator=Comparator.BELOW, target=1.0)
    assert compare(poverty, 2026, Entry(2.3), Entry(2.2), None).plan_verdict is X
    assert compare(poverty, 2026, Entry(2.2), Entry(2.2), None).plan_verdict is M
    assert compare(poverty, 2026, Entry(2.0), Entry(2.2), None).plan_verdict is E


def test_an_estimate_given_as_a_range_counts_by_its_deciding_end() -> None:
    """'ước 8-8,5%' against 'trên 8%': judged at 8, the end that decides a target to
    reach; the status says not met (strictly above 8 is asked)."""
    from ntm_tracker.core.domain import figure_of

    growth = replace(RATING, comparator=Comparator.ABOVE, target=8.0)
    value, span = figure_of(growth, Range(8.0, 8.5))
    assert (value, span) == (8.0, Range(8.0, 8.5))
    assert status_of(growth, value, STRICT) == (Status.MISSED, X)
    poverty = replace(RATING, comparator=Comparator.BELOW, target=2.5)
    assert figure_of(poverty, Range(2.3, 2.5)) == (2.5, Range(2.3, 2.5))  # the high end

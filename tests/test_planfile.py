"""The plan file's validator: every kind of problem with its code and line, `ntm check`
listing them all, loading stopping at the first, the default period, the shipped plan.

Broken plans are the real plan with one edit; the expected line is found in the edited
text (the line the edit touched), so the tests say which line, not a number that a
change of the plan's comments would move.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_tracker.cli import ExitCode
from ntm_tracker.core import kinds
from ntm_tracker.core.domain import Plan, Span
from ntm_tracker.core.problems import Problem
from ntm_tracker.storage import planfile
from ntm_tracker.storage.store import shipped_plan
from tests.conftest import DEMO, PLAN, ROOT, Invoke

TEXT = PLAN.read_text(encoding="utf-8")
_CONTENT = planfile.validate(TEXT).content
assert _CONTENT is not None
PLAN_NOW: Plan = _CONTENT
SHIPPED = ROOT / "ntm_tracker" / "shipped" / "targets.yaml"


# -- helpers -------------------------------------------------------------------------------


def block(text: str, ind_id: str) -> str:
    m = re.search(rf"(?ms)^  - id: {ind_id}\n.*?(?=^  - id: |^\S|\Z)", text)
    assert m is not None, ind_id
    return m.group(0)


def in_block(text: str, ind_id: str, old: str, new: str) -> str:
    """Replace ``old`` (exactly once) inside indicator ``ind_id``."""
    b = block(text, ind_id)
    assert b.count(old) == 1, (ind_id, old)
    return text.replace(b, b.replace(old, new))


def top(text: str, old: str, new: str) -> str:
    """Replace ``old`` (exactly once) in the whole text."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def set_key(text: str, ind_id: str, key: str, value: str) -> str:
    """``key: value`` in indicator ``ind_id``: the line replaced, or added after
    ``target_year``."""
    b = block(text, ind_id)
    new, n = re.subn(rf"(?m)^    {key}: .*$", f"    {key}: {value}", b)
    if n == 0:
        new, n = re.subn(r"(?m)^(    target_year: .*)$", rf"\1\n    {key}: {value}", b)
    assert n == 1, (ind_id, key)
    return text.replace(b, new)


def line_in(text: str, ind_id: str, line: str) -> int:
    """The number of the line equal to ``line`` inside indicator ``ind_id``."""
    b = block(text, ind_id)
    start = text.index(b)
    offset = b.splitlines().index(line)
    return text[:start].count("\n") + offset + 1


def line_of(text: str, line: str, nth: int = 1) -> int:
    """The number of the ``nth`` line equal to ``line`` (1-based)."""
    found = [i for i, t in enumerate(text.splitlines(), 1) if t == line]
    assert len(found) >= nth, line
    return found[nth - 1]


def problems(text: str) -> list[Problem]:
    checked = planfile.validate(text)
    assert checked.content is None  # a plan with an error is never handed out
    return checked.problems


def only(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, [(p.code, p.line) for p in found]
    return found[0]


# -- the shipped plan is valid ------------------------------------------------------------------


def test_the_plan_is_valid() -> None:
    checked = planfile.validate(TEXT)
    assert checked.problems == []
    assert checked.content is not None
    plan = checked.content
    assert (plan.term.start, plan.term.end, plan.baseline_year) == (2025, 2030, 2025)
    assert plan.language == "vi"
    assert len(plan.indicators) == 24  # 15 figures of section II and S1 to S9


def test_the_plan_survives_its_cache_form() -> None:
    """The cache keeps the validated plain data; the plan built from it is the same."""
    checked = planfile.validate(TEXT)
    assert checked.content is not None
    assert planfile.from_data(planfile.to_data(checked.content)) == checked.content


# -- schema problems, each with its line --------------------------------------------------------


def test_missing_field_points_at_its_indicator() -> None:
    text = in_block(TEXT, "revenue", "    target: 405\n", "")
    p = only(text)
    assert p.code == "plan.missing"
    assert p.line == line_of(text, "  - id: revenue")
    assert (p.params["indicator"], p.params["field"]) == ("revenue", "target")


def test_missing_top_level_field() -> None:
    text = top(TEXT, "commune: Xuân Trường\n", "")
    p = only(text)
    assert p.code == "plan.missing"
    assert (p.params["indicator"], p.params["field"]) == (None, "commune")


def test_unknown_field() -> None:
    text = in_block(TEXT, "revenue", '    number: "1"\n', '    number: "1"\n    colour: red\n')
    p = only(text)
    assert p.code == "plan.unknown_key"
    assert p.line == line_of(text, "    colour: red")
    assert (p.params["indicator"], p.params["field"]) == ("revenue", "colour")


def test_unknown_top_level_field() -> None:
    text = top(TEXT, "language: vi\n", "language: vi\nlanguages: [vi]\n")
    p = only(text)
    assert p.code == "plan.unknown_key"
    assert p.line == line_of(text, "languages: [vi]")


@pytest.mark.parametrize(
    ("ind_id", "old", "new", "code", "field"),
    [
        ("revenue", "    target_year: 2030\n", "    target_year: twenty\n", "plan.not_whole",
         "target_year"),
        ("poverty", "    decimals: 2\n", "    decimals: two\n", "plan.not_whole", "decimals"),
        ("revenue", "    target: 405\n", "    target: ten\n", "plan.target_value", "target"),
        ("ward_criteria", "    supplementary: true\n", "    supplementary: maybe\n",
         "plan.not_yes_no", "supplementary"),
        ("revenue", "    reading_note: true\n", "    reading_note: [true]\n", "plan.not_yes_no",
         "reading_note"),
    ],
)  # fmt: skip
def test_wrong_type_of_an_indicator_field(
    ind_id: str, old: str, new: str, code: str, field: str
) -> None:
    text = in_block(TEXT, ind_id, old, new)
    p = only(text)
    assert p.code == code
    assert p.params["indicator"] == ind_id and p.params["field"] == field
    changed = next(t for t in new.splitlines() if t not in old.splitlines())
    assert p.line == line_of(text, changed)


@pytest.mark.parametrize(
    ("value", "code", "field"),
    [("[1, 2, 3]", "plan.pair", "plausible"), ("[1, lots]", "plan.not_a_number", "plausible.1")],
)
def test_plausible_must_be_two_numbers(value: str, code: str, field: str) -> None:
    text = set_key(TEXT, "income", "plausible", value)
    p = only(text)
    assert p.code == code
    assert p.params["indicator"] == "income" and p.params["field"] == field
    assert p.line == line_in(text, "income", f"    plausible: {value}")


def test_name_must_be_a_mapping() -> None:
    old = "    name:\n      vi: Tổng thu ngân sách nhà nước trên địa bàn\n"
    old += "      en: Total state budget revenue collected in the commune\n"
    text = in_block(TEXT, "revenue", old, "    name: [a, b]\n")
    p = only(text)
    assert p.code == "plan.text_by_language"  # a text in both languages: says how
    assert p.line == line_of(text, "    name: [a, b]")
    words = in_block(TEXT, "revenue", old, "    name: Tổng thu ngân sách\n")
    p = only(words)
    assert p.code == "plan.text_by_language"
    assert (p.params["key"], p.params["text"]) == ("name", "Tổng thu ngân sách")
    office = only(top(TEXT, "  place: Xuân Trường\n", "  place: Xuân Trường\n  x: [1]\n"))
    assert office.code == "plan.unknown_key"
    frame = only(top(TEXT, "status_bands:\n  on_track: 0.95\n  needs_acceleration: 0.60\n",
                     "status_bands: [0.95, 0.60]\n"))  # fmt: skip
    assert frame.code == "plan.not_mapping"


def test_indicators_must_be_a_list() -> None:
    text = TEXT.split("\nindicators:\n")[0] + "\nindicators: x\n"
    p = only(text)
    assert p.code == "plan.not_list"
    assert p.line == line_of(text, "indicators: x")


def test_a_band_must_be_a_number() -> None:
    text = top(TEXT, "  on_track: 0.95\n", "  on_track: high\n")
    p = only(text)
    assert p.code == "plan.not_a_number"
    assert p.params["field"] == "status_bands.on_track"
    assert p.line == line_of(text, "  on_track: high")


def test_bad_choice_lists_the_choices() -> None:
    text = in_block(TEXT, "income", "    kind: level\n", "    kind: levle\n")
    p = only(text)
    assert p.code == "plan.choice"
    assert p.line == line_of(text, "    kind: levle")
    assert p.params["text"] == "levle"
    assert p.params["choices"] == (
        "level", "cumulative", "average", "annual", "maintained", "milestone", "growth",
        "reduction", "indicative",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("ind_id", "old", "new", "choices"),
    [
        ("revenue", "    trajectory: compound\n", "    trajectory: exponential\n",
         ("linear", "compound")),
        ("revenue", "    comparator: at_least\n", "    comparator: over\n",
         ("at_least", "or_more", "above", "below", "at_most", "within")),
        ("revenue", "    measure: amount\n", "    measure: money\n",
         ("percent", "rate", "amount", "yes_no")),
        ("revenue", "    field: economy\n", "    field: finance\n",
         ("economy", "culture_society", "environment", "party_government", "defence_security")),
    ],
)  # fmt: skip
def test_other_choices(ind_id: str, old: str, new: str, choices: tuple[str, ...]) -> None:
    text = in_block(TEXT, ind_id, old, new)
    p = only(text)
    assert p.code == "plan.choice"
    assert p.params["choices"] == choices
    assert p.line == line_of(text, new.rstrip("\n"))


def test_language_choice() -> None:
    text = top(TEXT, "language: vi\n", "language: fr\n")
    p = only(text)
    assert (p.code, p.params["choices"]) == ("plan.choice", ("en", "vi"))
    assert p.line == line_of(text, "language: fr")


@pytest.mark.parametrize(
    ("old", "new", "field", "code", "example"),
    [
        ("  - id: revenue\n", "  - id: Revenue\n", "id", "plan.bad_id", "revenue"),
        ("  - id: revenue\n", "  - id: 1revenue\n", "id", "plan.bad_id", "thu_nhap"),
        ("  - id: revenue\n", "  - id: Thu ngân sách\n", "id", "plan.bad_id", "thu_ngan_sach"),
        ('    number: "1"\n', '    number: "1-a"\n', "number", "plan.bad_number", None),
    ],
)
def test_pattern(old: str, new: str, field: str, code: str, example: str | None) -> None:
    """An id or a number that cannot be one; an id is shown as it could be written."""
    text = in_block(TEXT, "revenue", old, new)
    p = only(text)
    assert p.code == code
    assert p.params["field"] == field
    assert p.params.get("example") == example
    assert p.line == line_of(text, new.rstrip("\n"))


@pytest.mark.parametrize(
    ("where", "old", "new", "op", "limit"),
    [
        ("poverty", "    decimals: 2\n", "    decimals: 7\n", "≤", 6),
        ("poverty", "    decimals: 2\n", "    decimals: -1\n", "≥", 0),
        (None, "baseline_year: 2025\n", "baseline_year: 1800\n", "≥", 1900),
        (None, "  end: 2030\n", "  end: 2300\n", "≤", 2200),
        (None, "  max_jump_factor: 3\n", "  max_jump_factor: 1\n", ">", 1),
        (None, "  on_track: 0.95\n", "  on_track: 0\n", ">", 0),
    ],
)
def test_limits(where: str | None, old: str, new: str, op: str, limit: float) -> None:
    text = in_block(TEXT, where, old, new) if where else top(TEXT, old, new)
    found = problems(text)
    p = found[0]
    assert p.code == "plan.limit"
    assert (p.params["op"], p.params["limit"]) == (op, limit)
    assert p.line == line_of(text, new.rstrip("\n"))


def test_too_long_id() -> None:
    long_id = "r" * 65
    text = in_block(TEXT, "revenue", "  - id: revenue\n", f"  - id: {long_id}\n")
    p = only(text)
    assert (p.code, p.params["limit"]) == ("plan.too_long", 64)
    assert p.line == line_of(text, f"  - id: {long_id}")


def test_empty_name_text() -> None:
    old = "      vi: Tổng thu ngân sách nhà nước trên địa bàn\n"
    text = in_block(TEXT, "revenue", old, '      vi: ""\n')
    p = only(text)
    assert p.code == "plan.empty_text"
    assert p.line == line_of(text, '      vi: ""')


# -- rules that tie fields together -------------------------------------------------------------


def test_yes_no_target_on_a_numeric_kind() -> None:
    text = in_block(TEXT, "revenue", "    target: 405\n", "    target: true\n")
    p = only(text)
    assert p.code == "plan.target_type"
    assert p.params["indicator"] == "revenue"
    assert p.line == line_in(text, "revenue", "    target: true")


def test_number_target_on_a_yes_no_kind() -> None:
    text = in_block(TEXT, "ntm_criteria", "    target: true\n", "    target: 1.5\n")
    p = only(text)
    assert p.code == "plan.target_type"
    assert p.line == line_of(text, "    target: 1.5")


def test_yes_no_measure_on_a_level() -> None:
    text = in_block(TEXT, "income", "    measure: amount\n", "    measure: yes_no\n")
    p = only(text)  # the target 120 is a number, as a level's must be
    assert p.code == "plan.yes_no_kind"
    assert p.line == line_of(text, "    measure: yes_no")


def test_period_on_a_level_indicator() -> None:
    new = "    kind: level\n    period: {start: 2026, end: 2030}\n"
    text = in_block(TEXT, "income", "    kind: level\n", new)
    p = only(text)
    assert p.code == "plan.period_kind"
    assert p.params["indicator"] == "income"
    assert p.line == line_of(text, "    period: {start: 2026, end: 2030}")


def test_period_end_must_be_the_target_year() -> None:
    new = "    kind: cumulative\n    period: {start: 2026, end: 2029}\n"
    text = in_block(TEXT, "revenue", "    kind: cumulative\n", new)
    p = only(text)
    assert p.code == "plan.period_end"
    assert p.params == {"indicator": "revenue", "year": 2030}
    assert p.line == line_of(text, "    period: {start: 2026, end: 2029}")


@pytest.mark.parametrize(
    ("ind", "kind", "period", "code"),
    [
        ("investment_growth", "average", "{start: 2031, end: 2030}", "plan.period_order"),
        ("investment_growth", "average", "{start: 2030, end: 2028}", "plan.period_order"),
        ("revenue", "cumulative", "{start: 2024, end: 2030}", "plan.period_in_term"),
    ],
    ids=["start after end", "far backwards", "outside the term"],
)
def test_a_wrong_period_is_a_located_problem(ind: str, kind: str, period: str, code: str) -> None:
    text = in_block(TEXT, ind, f"    kind: {kind}\n", f"    kind: {kind}\n    period: {period}\n")
    p = only(text)
    assert p.code == code
    assert p.line == line_of(text, f"    period: {period}")


def test_duplicate_id_points_at_the_second() -> None:
    text = in_block(TEXT, "income", "  - id: income\n", "  - id: revenue\n")
    p = only(text)
    assert p.code == "plan.id_twice"
    assert p.params == {"indicator": "revenue"}
    assert p.line == line_of(text, "  - id: revenue", nth=2)


def test_duplicate_number_points_at_the_second() -> None:
    text = in_block(TEXT, "income", '    number: "3"\n', '    number: "2"\n')
    p = only(text)
    assert p.code == "plan.number_twice"
    assert p.params == {"number": "2"}
    assert p.line == line_of(text, '    number: "2"', nth=2)


def test_duplicate_number_ignores_case() -> None:
    text = in_block(TEXT, "e_health", '    number: "6b"\n', '    number: "6A"\n')
    assert only(text).code == "plan.number_twice"


@pytest.mark.parametrize("year", ["2031", "2025", "2020"])
def test_target_year_outside_the_term(year: str) -> None:
    text = in_block(TEXT, "income", "    target_year: 2030\n", f"    target_year: {year}\n")
    p = only(text)
    assert p.code == "plan.target_year"
    assert p.params == {"indicator": "income", "low": 2026, "high": 2030}  # after the baseline
    assert p.line == line_of(text, f"    target_year: {year}")


@pytest.mark.parametrize(
    ("ind_id", "old", "new", "code"),
    [
        # "trên 100%" can never be met by a share
        ("party_org_rating", "    target: 90\n", "    target: 100\n", "plan.target_impossible"),
        # "dưới 0%" neither
        ("poverty", "    target: 1.0\n", "    target: 0\n", "plan.target_impossible"),
        # a share of 101%
        ("cultural_families", "    target: 91\n", "    target: 101\n", "plan.target_range"),
        ("income", "    target: 120\n", "    target: -5\n", "plan.target_range"),
    ],
)
def test_impossible_targets(ind_id: str, old: str, new: str, code: str) -> None:
    text = in_block(TEXT, ind_id, old, new)
    p = only(text)
    assert p.code == code
    assert p.params["indicator"] == ind_id
    assert p.line == line_in(text, ind_id, new.rstrip("\n"))


def test_at_least_100_percent_is_possible() -> None:
    """ "đạt 100%" is a target a share can meet; only "above 100" cannot."""
    assert planfile.validate(TEXT).content is not None
    assert TEXT.count("    target: 100\n") >= 3


def test_cumulative_rules() -> None:
    down = in_block(TEXT, "revenue", "    comparator: at_least\n", "    comparator: below\n")
    assert only(down).code == "plan.cumulative_direction"
    zero = in_block(TEXT, "revenue", "    target: 405\n", "    target: 0\n")
    assert only(zero).code == "plan.cumulative_target"


def test_plausible_range_order() -> None:
    text = set_key(TEXT, "income", "plausible", "[200, 10]")
    p = only(text)
    assert p.code == "plan.plausible_order"
    assert p.line == line_of(text, "    plausible: [200, 10]")


def test_plan_wide_rules() -> None:
    bands = top(TEXT, "  needs_acceleration: 0.60\n", "  needs_acceleration: 0.95\n")
    assert only(bands).code == "plan.bands_order"
    base = top(TEXT, "baseline_year: 2025\n", "baseline_year: 2023\n")
    assert "plan.baseline_in_term" in [p.code for p in problems(base)]
    term = top(TEXT, "  end: 2030\n", "  end: 2024\n")
    assert "plan.term_order" in [p.code for p in problems(term)]


def test_a_plan_of_one_year_is_judged_against_the_year_before() -> None:
    """An HĐND year plan: term 2026 alone, the baseline 2025 just before it, every
    target for 2026."""
    text = top(TEXT, "  start: 2025\n  end: 2030\n", "  start: 2026\n  end: 2026\n")
    text = text.replace("target_year: 2030", "target_year: 2026")
    checked = planfile.validate(text)
    assert checked.problems == []
    assert checked.content is not None
    assert list(checked.content.years) == [2025, 2026]


def test_every_problem_is_listed_in_line_order() -> None:
    text = in_block(TEXT, "income", "  - id: income\n", "  - id: revenue\n")
    text = in_block(text, "cultural_families", "    target: 91\n", "    target: 101\n")
    text = in_block(text, "waste_collection", "    target_year: 2030\n", "    target_year: 2031\n")
    found = problems(text)
    assert [p.code for p in found] == ["plan.id_twice", "plan.target_range", "plan.target_year"]
    lines = [p.line or 0 for p in found]
    assert lines == sorted(lines)
    assert lines == [
        line_of(text, "  - id: revenue", nth=2),
        line_of(text, "    target: 101"),
        line_of(text, "    target_year: 2031"),
    ]


# -- a figure split by a comma in braces ------------------------------------------------------

FLOW = (
    '  - {id: growth, number: "X1", field: economy, name: {vi: Tăng trưởng}, unit: {vi: "%"}, '
    "kind: level, measure: rate, comparator: at_least, target: 7,5, target_year: 2030}\n"
)


def with_flow(text: str, line: str = FLOW) -> str:
    return top(text, "\nnot_tracked:\n", "\n" + line + "not_tracked:\n")


def test_a_figure_split_in_braces_is_one_problem_at_its_line() -> None:
    """`{target: 7,5}`: YAML reads `target: 7` and a key `5`; one problem says to quote it
    (no unknown field '5', no rule about a target of 7)."""
    text = with_flow(TEXT)
    p = only(text)
    assert p.code == "plan.split_decimal"
    assert p.line == line_of(text, FLOW.rstrip("\n"))
    assert p.params == {"indicator": "growth", "field": "target", "text": "7,5", "dotted": "7.5"}


def test_split_figures_everywhere_in_the_plan() -> None:
    bands = "status_bands:\n  on_track: 0.95\n  needs_acceleration: 0.60\n"
    text = top(TEXT, bands, "status_bands: {on_track: 0,95, needs_acceleration: 0,6}\n")
    text = set_key(text, "income", "plausible", "{low: 1.234,5}")
    found = problems(text)
    assert [
        (p.code, p.params["field"], p.params["text"], p.params.get("dotted")) for p in found
    ] == [
        ("plan.split_decimal", "status_bands.on_track", "0,95", "0.95"),
        ("plan.split_decimal", "status_bands.needs_acceleration", "0,6", "0.6"),
        ("plan.split_decimal", "plausible.low", "1.234,5", "1234.5"),
        ("plan.pair", "plausible", "{...}", None),  # a mapping for [min, max]: its own error
    ]


def test_the_figure_put_back_together_is_checked_as_meant() -> None:
    """After the split, the rules see 7,5: a share target of 107,5 is refused as such."""
    line = FLOW.replace("measure: rate", "measure: percent").replace("7,5", "107,5")
    found = problems(with_flow(TEXT, line))
    assert [p.code for p in found] == ["plan.split_decimal", "plan.target_range"]
    assert found[1].params["value"] == 107.5


def test_plan_and_year_files_share_the_rule_of_the_split_figure() -> None:
    """One rule (yamlio.split_figure) for both: a digits-only key with no value, right after
    a figure."""
    from ntm_tracker.storage.yamlio import parse, split_figure

    data = parse("{target: 7,5, b: 1, 2: x, c: -3,25}").data
    assert [split_figure(data, k) for k in data] == [
        None, ("target", "7,5"), None, None, None, ("c", "-3,25"),
    ]  # fmt: skip
    assert split_figure(parse("{a: x, 5: }").data, "5") is None  # no figure before
    assert split_figure(parse("{5: }").data, "5") is None


@given(
    whole=st.from_regex(r"-?[0-9]{1,7}", fullmatch=True),
    part=st.from_regex(r"[0-9]{1,4}", fullmatch=True),
)
def test_any_figure_split_in_braces_is_found_as_typed(whole: str, part: str) -> None:
    from ntm_tracker.storage.yamlio import parse, split_figure, with_point

    data = parse(f"{{note: x, target: {whole},{part}, b: y}}").data
    assert [split_figure(data, k) for k in data] == [
        None,
        None,
        ("target", f"{whole},{part}"),
        None,
    ]
    assert float(with_point(f"{whole},{part}")) == float(f"{whole}.{part}")


# -- every problem in one pass ----------------------------------------------------------------


def test_a_type_error_does_not_hide_the_rules_of_other_indicators() -> None:
    """A typo in one indicator and a target year outside the term in another: both at once
    (the rules run on every indicator that validates on its own)."""
    text = in_block(TEXT, "revenue", "    target: 405\n", "    target: lots\n")
    text = in_block(text, "waste_collection", "    target_year: 2030\n", "    target_year: 2031\n")
    text = in_block(text, "income", "  - id: income\n", "  - id: schools\n")
    found = problems(text)
    assert [(p.code, p.line) for p in found] == [
        ("plan.target_value", line_of(text, "    target: lots")),
        ("plan.id_twice", line_of(text, "  - id: schools", nth=2)),
        ("plan.target_year", line_of(text, "    target_year: 2031")),
    ]
    assert found[2].params == {"indicator": "waste_collection", "low": 2026, "high": 2030}


def test_a_type_error_in_the_header_does_not_hide_the_rules_of_the_indicators() -> None:
    text = top(TEXT, "language: vi\n", "language: fr\n")
    text = top(text, "  needs_acceleration: 0.60\n", "  needs_acceleration: 0.99\n")
    text = in_block(text, "cultural_families", "    target: 91\n", "    target: 101\n")
    text = in_block(text, "waste_collection", "    target_year: 2030\n", "    target_year: 2031\n")
    assert [p.code for p in problems(text)] == [
        "plan.choice", "plan.bands_order", "plan.target_range", "plan.target_year",
    ]  # fmt: skip


def test_with_the_term_wrong_each_indicator_s_own_rules_still_show() -> None:
    """The target year is judged against the term: with the term unreadable, that rule
    waits, the others do not."""
    text = top(TEXT, "  end: 2030\n", "  end: soon\n")
    text = in_block(text, "cultural_families", "    target: 91\n", "    target: 101\n")
    text = in_block(text, "waste_collection", "    target_year: 2030\n", "    target_year: 2031\n")
    assert [p.code for p in problems(text)] == ["plan.not_whole", "plan.target_range"]


def test_with_every_indicator_wrong_the_plan_s_own_rules_still_show() -> None:
    text = top(TEXT, "  needs_acceleration: 0.60\n", "  needs_acceleration: 0.99\n")
    for ind in PLAN_NOW.indicators:
        text = in_block(text, ind.id, f"  - id: {ind.id}\n", f"  - id: {ind.id}\n    x: 1\n")
    found = problems(text)
    assert [p.code for p in found] == ["plan.bands_order"] + ["plan.unknown_key"] * len(
        PLAN_NOW.indicators
    )


def test_check_lists_a_type_error_and_a_target_year_in_one_pass(here: Path, ntm: Invoke) -> None:
    bands = "status_bands:\n  on_track: 0.95\n  needs_acceleration: 0.60\n"
    text = top(TEXT, bands, "status_bands: {on_track: 0,95, needs_acceleration: 0.6}\n")
    text = in_block(text, "income", "    kind: level\n", "    kind: levle\n")
    text = in_block(text, "waste_collection", "    target_year: 2030\n", "    target_year: 2031\n")
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    b, k, w = (
        line_of(text, "status_bands: {on_track: 0,95, needs_acceleration: 0.6}"),
        line_of(text, "    kind: levle"),
        line_of(text, "    target_year: 2031"),
    )
    r = ntm("--data-dir", "data", "check", "--lang", "vi")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout == (
        f"data/targets.yaml:{b}: lỗi: mục 'status_bands.on_track': trong ngoặc nhọn {{...}} dấu "
        "phẩy ngăn cách các mục nên 0,95 bị tách làm hai; viết 0,95 trong dấu nháy: '0,95', "
        "hoặc 0.95.\n"
        f"data/targets.yaml:{k}: lỗi: chỉ tiêu 'income', mục 'kind': 'levle' không thuộc các giá "
        f"trị {', '.join(repr(n) for n in kinds.names())}.\n"
        f"data/targets.yaml:{w}: lỗi: chỉ tiêu 'waste_collection': năm mục tiêu phải từ 2026 "
        "đến 2030.\n"
        "Đã kiểm tra 1 tệp: 3 lỗi.\n"
    )


# -- YAML-level problems --------------------------------------------------------------------


def test_yaml_problems() -> None:
    assert only("").code == "plan.empty"
    assert only("# only a comment\n").code == "plan.empty"
    listed = only("- a\n- b\n")
    assert (listed.code, listed.line) == ("plan.not_a_plan", 1)
    dup = top(TEXT, "commune: Xuân Trường\n", "commune: Xuân Trường\ncommune: X\n")
    p = only(dup)
    assert p.code == "yaml.duplicate_key"
    assert p.line == line_of(dup, "commune: X")
    assert p.params == {"key": "commune", "first": line_of(dup, "commune: Xuân Trường")}
    broken = only("title: [\n")
    assert broken.code == "yaml.invalid" and broken.line is not None


# -- the default period ---------------------------------------------------------------------


def _plan(text: str) -> Plan:
    checked = planfile.validate(text)
    assert checked.problems == []
    assert checked.content is not None
    return checked.content


def test_default_period_runs_from_after_the_baseline_to_the_target_year() -> None:
    plan = _plan(TEXT)
    assert "period:" not in block(TEXT, "revenue")  # the plan relies on the default
    assert plan.index["revenue"].period == Span(2026, 2030)
    assert plan.index["investment_growth"].period == Span(2026, 2030)
    levels = [i for i in plan.indicators if i.kind not in (kinds.CUMULATIVE, kinds.AVERAGE)]
    assert all(i.period is None for i in levels)


def test_default_period_follows_the_target_year_and_the_baseline() -> None:
    earlier = in_block(TEXT, "revenue", "    target_year: 2030\n", "    target_year: 2028\n")
    assert _plan(earlier).index["revenue"].period == Span(2026, 2028)
    later_base = top(TEXT, "baseline_year: 2025\n", "baseline_year: 2026\n")
    assert _plan(later_base).index["investment_growth"].period == Span(2027, 2030)


def test_default_period_survives_the_cache_form() -> None:
    earlier = in_block(TEXT, "revenue", "    target_year: 2030\n", "    target_year: 2028\n")
    checked = planfile.validate(earlier)
    assert checked.content is not None
    cached = planfile.from_data(planfile.to_data(checked.content))
    assert cached.index["revenue"].period == Span(2026, 2028)


def test_an_explicit_period_is_kept() -> None:
    new = "    kind: cumulative\n    period: {start: 2027, end: 2030}\n"
    text = in_block(TEXT, "revenue", "    kind: cumulative\n", new)
    assert _plan(text).index["revenue"].period == Span(2027, 2030)


def test_switching_a_level_to_a_total_is_one_line() -> None:
    text = in_block(TEXT, "income", "    kind: level\n", "    kind: cumulative\n")
    assert _plan(text).index["income"].period == Span(2026, 2030)


# -- ntm check and loading -------------------------------------------------------------------

BROKEN_RULES = [
    ("revenue", "    target: 405\n", "    target: true\n"),
    ("income", "  - id: income\n", "  - id: revenue\n"),
    ("waste_collection", "    target_year: 2030\n", "    target_year: 2031\n"),
    ("party_org_rating", "    target: 90\n", "    target: 100\n"),
]


def broken_rules() -> str:
    text = TEXT
    for ind_id, old, new in BROKEN_RULES:
        text = in_block(text, ind_id, old, new)
    return text


def test_check_lists_every_problem_with_file_and_line_in_english(here: Path, ntm: Invoke) -> None:
    text = broken_rules()
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    r = ntm("--data-dir", "data", "check", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    t, d, w, a = (
        line_in(text, "revenue", "    target: true"),
        line_of(text, "  - id: revenue", nth=2),
        line_of(text, "    target_year: 2031"),
        line_in(text, "party_org_rating", "    target: 100"),
    )
    assert r.stdout == (
        f"data/targets.yaml:{t}: error: indicator 'revenue': a yes/no target takes "
        "true/false, the others a number.\n"
        f"data/targets.yaml:{d}: error: the id 'revenue' is used twice; give one of the two "
        "indicators another id.\n"
        f"data/targets.yaml:{w}: error: indicator 'waste_collection': the target year must "
        "lie from 2026 to 2030.\n"
        f"data/targets.yaml:{a}: error: indicator 'party_org_rating': the target can never be "
        'met (100 is the limit of a percentage); check the comparator ("đạt" is at_least) and '
        "the target.\n"
        "Checked 1 file: 4 errors.\n"
    )


def test_check_lists_every_problem_with_file_and_line_in_vietnamese(
    here: Path, ntm: Invoke
) -> None:
    text = broken_rules()
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    r = ntm("--data-dir", "data", "check", "--lang", "vi")
    assert r.exit_code == ExitCode.DATA_ERROR
    t, d, w, a = (
        line_in(text, "revenue", "    target: true"),
        line_of(text, "  - id: revenue", nth=2),
        line_of(text, "    target_year: 2031"),
        line_in(text, "party_org_rating", "    target: 100"),
    )
    assert r.stdout == (
        f"data/targets.yaml:{t}: lỗi: chỉ tiêu 'revenue': mục tiêu có/không ghi true/false, "
        "các loại khác ghi số.\n"
        f"data/targets.yaml:{d}: lỗi: mã 'revenue' được dùng hai lần; hãy đặt mã khác cho một "
        "trong hai chỉ tiêu.\n"
        f"data/targets.yaml:{w}: lỗi: chỉ tiêu 'waste_collection': năm mục tiêu phải từ 2026 "
        "đến 2030.\n"
        f"data/targets.yaml:{a}: lỗi: chỉ tiêu 'party_org_rating': mục tiêu không bao giờ đạt "
        'được (100 là giới hạn của tỷ lệ (%)); hãy xem lại comparator ("đạt" là at_least) và '
        "mục tiêu.\n"
        "Đã kiểm tra 1 tệp: 4 lỗi.\n"
    )


def test_check_lists_field_problems_in_both_languages(here: Path, ntm: Invoke) -> None:
    text = in_block(TEXT, "revenue", '    number: "1"\n', '    number: "1"\n    colour: red\n')
    text = in_block(text, "investment_growth", "    target: 10\n", "    target: ten\n")
    text = in_block(text, "income", "    kind: level\n", "    kind: levle\n")
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    c, t, k = (
        line_of(text, "    colour: red"),
        line_of(text, "    target: ten"),
        line_of(text, "    kind: levle"),
    )
    kinds = (
        "'level', 'cumulative', 'average', 'annual', 'maintained', 'milestone', 'growth', "
        "'reduction', 'indicative'"
    )
    en = ntm("--data-dir", "data", "check", "--lang", "en")
    assert en.exit_code == ExitCode.DATA_ERROR
    assert en.stdout == (
        f"data/targets.yaml:{c}: error: indicator 'revenue', field 'colour' is not a known "
        "field; check its spelling or remove it.\n"
        f"data/targets.yaml:{t}: error: indicator 'investment_growth', field 'target': 'ten' "
        "is neither a number nor yes/no; write a figure (96,5), a range (8,5-9,5) or, for a "
        "yes/no target, true.\n"
        f"data/targets.yaml:{k}: error: indicator 'income', field 'kind': 'levle' is not one "
        f"of {kinds}.\n"
        "Checked 1 file: 3 errors.\n"
    )
    vi = ntm("--data-dir", "data", "check", "--lang", "vi")
    assert vi.exit_code == ExitCode.DATA_ERROR
    assert vi.stdout == (
        f"data/targets.yaml:{c}: lỗi: chỉ tiêu 'revenue', mục 'colour' không phải mục hợp lệ; "
        "hãy kiểm tra chính tả hoặc xóa đi.\n"
        f"data/targets.yaml:{t}: lỗi: chỉ tiêu 'investment_growth', mục 'target': 'ten' không "
        "phải số, cũng không phải có/không; hãy ghi một số (96,5), một khoảng (8,5-9,5) hoặc "
        "true với mục tiêu có/không.\n"
        f"data/targets.yaml:{k}: lỗi: chỉ tiêu 'income', mục 'kind': 'levle' không thuộc các "
        f"giá trị {kinds}.\n"
        "Đã kiểm tra 1 tệp: 3 lỗi.\n"
    )


def test_check_reports_a_backwards_period(here: Path, ntm: Invoke) -> None:
    new = "    kind: average\n    period: {start: 2030, end: 2028}\n"
    text = in_block(TEXT, "investment_growth", "    kind: average\n", new)
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    r = ntm("--data-dir", "data", "check", "--lang", "en")
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert r.exit_code == ExitCode.DATA_ERROR
    line = line_of(text, "    period: {start: 2030, end: 2028}")
    assert r.stdout == (
        f"data/targets.yaml:{line}: error: indicator 'investment_growth': the period must start "
        "before it ends.\nChecked 1 file: 1 error.\n"
    )


def test_check_of_the_shipped_plan_is_clean(here: Path, ntm: Invoke) -> None:
    r = ntm("--data-dir", "data", "check", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == "Checked 1 file: no problems.\n"


def test_loading_stops_at_the_first_problem_and_counts_the_rest(here: Path, ntm: Invoke) -> None:
    text = broken_rules()
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    first = line_in(text, "revenue", "    target: true")
    r = ntm("--data-dir", "data", "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout == ""
    assert r.stderr == (
        f"Error: data/targets.yaml, line {first}: indicator 'revenue': a yes/no target takes "
        "true/false, the others a number. (There are 3 more problems; `ntm check` lists them "
        "all.) Fix the file and try again.\n"
    )
    vi = ntm("--data-dir", "data", "status", "--lang", "vi")
    assert vi.exit_code == ExitCode.DATA_ERROR
    assert vi.stderr == (
        f"Lỗi: data/targets.yaml, dòng {first}: chỉ tiêu 'revenue': mục tiêu có/không ghi "
        "true/false, các loại khác ghi số. (Còn 3 lỗi khác; `ntm check` liệt kê tất cả.) Hãy "
        "sửa tệp rồi chạy lại.\n"
    )


def test_loading_with_one_more_problem_says_it_in_the_singular(here: Path, ntm: Invoke) -> None:
    text = in_block(TEXT, "income", "  - id: income\n", "  - id: revenue\n")
    text = in_block(text, "cultural_families", "    target: 91\n", "    target: 101\n")
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    r = ntm("--data-dir", "data", "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    line = line_of(text, "  - id: revenue", nth=2)
    assert r.stderr == (
        f"Error: data/targets.yaml, line {line}: the id 'revenue' is used twice; give one of "
        "the two indicators another id. (There is 1 more problem; `ntm check` lists them all.) "
        "Fix the file and try again.\n"
    )


def test_loading_a_single_problem_has_no_count(here: Path, ntm: Invoke) -> None:
    text = in_block(TEXT, "revenue", "    target: 405\n", "")
    (here / "targets.yaml").write_text(text, encoding="utf-8")
    r = ntm("--data-dir", "data", "status", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr == (
        f"Error: data/targets.yaml, line {line_of(text, '  - id: revenue')}: indicator "
        "'revenue', field 'target' is missing; add it. Fix the file and try again.\n"
    )


# -- the shipped plan -------------------------------------------------------------------------


def test_shipped_plan_is_the_data_plan_and_the_demo_plan_byte_for_byte() -> None:
    shipped = SHIPPED.read_bytes()
    assert shipped == PLAN.read_bytes()
    assert shipped == (DEMO / "targets.yaml").read_bytes()
    assert shipped_plan() == shipped  # what `ntm init` writes


def test_shipped_plan_is_declared_as_package_data() -> None:
    """Without it a wheel lacks the plan and `ntm init` of an installed ntm fails."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config.get("tool", {}).get("setuptools", {}).get("package-data", {})
    declared = any(
        fnmatch.fnmatch("shipped/targets.yaml", p) for p in patterns.get("ntm_tracker", [])
    )
    manifest = ROOT / "MANIFEST.in"
    listed = manifest.is_file() and "shipped" in manifest.read_text(encoding="utf-8")
    assert declared or listed


def test_init_copies_the_shipped_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm("init", "newdata", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == (
        "Created the data folder newdata with the plan newdata/targets.yaml and empty "
        "actuals/ and plans/. Record figures with `ntm record YEAR INDICATOR VALUE`.\n"
    )
    assert (tmp_path / "newdata" / "targets.yaml").read_bytes() == SHIPPED.read_bytes()
    assert sorted(p.name for p in (tmp_path / "newdata").iterdir()) == [
        "actuals",
        "plans",
        "targets.yaml",
    ]
    assert list((tmp_path / "newdata" / "actuals").iterdir()) == []
    # the new folder is ready to use
    check = ntm("--data-dir", "newdata", "check", "--lang", "en")
    assert (check.exit_code, check.stdout) == (ExitCode.OK, "Checked 1 file: no problems.\n")


def test_init_uses_the_data_dir_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm("--data-dir", "other", "init", "--lang", "vi")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == (
        "Đã tạo thư mục dữ liệu other gồm tệp kế hoạch other/targets.yaml và các thư mục "
        "actuals/, plans/ (trống). Nhập số liệu bằng `ntm record NĂM CHỈ_TIÊU SỐ_LIỆU`.\n"
    )
    assert (tmp_path / "other" / "targets.yaml").read_bytes() == SHIPPED.read_bytes()


def test_init_refuses_to_overwrite_a_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "targets.yaml").write_text("# my own plan\n", encoding="utf-8")
    r = ntm("init", "mine", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout == ""
    assert r.stderr == (
        "Error: mine/targets.yaml: a plan is already here; ntm init does not overwrite it.\n"
    )
    assert (folder / "targets.yaml").read_text(encoding="utf-8") == "# my own plan\n"
    assert not (folder / "actuals").exists()  # nothing else was made either
    vi = ntm("init", "mine", "--lang", "vi")
    assert vi.exit_code == ExitCode.DATA_ERROR
    assert vi.stderr == "Lỗi: mine/targets.yaml: ở đây đã có tệp kế hoạch; ntm init không ghi đè.\n"


def test_init_twice_keeps_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ntm: Invoke
) -> None:
    monkeypatch.chdir(tmp_path)
    assert ntm("init", "d", "--lang", "en").exit_code == ExitCode.OK
    plan = tmp_path / "d" / "targets.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again = ntm("init", "d", "--lang", "en")
    assert again.exit_code == ExitCode.DATA_ERROR
    assert plan.read_text(encoding="utf-8").endswith("# edited\n")

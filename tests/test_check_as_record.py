"""`ntm check` applies every rule `record` and `plan` apply: a figure typed into a year
file by hand is refused by check exactly where the command would refuse it, and warned
about where the command warns.

Each case is one figure, tried both ways: through the command's path (the core's reading
of what was typed, then the store's change) and as a line of a year file that `check`
reads. The two must agree on whether it is refused, and on the problem.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.domain import Book
from ntm_tracker.core.entering import NewValue, parse_value
from ntm_tracker.core.plausible import entered_warnings
from ntm_tracker.core.problems import InputError, Severity
from ntm_tracker.storage import yearfile
from ntm_tracker.storage.cache import Cache
from ntm_tracker.storage.store import Store
from tests.conftest import Invoke

# (book, indicator, figure as typed, estimate, the problem both give; None: accepted)
CASES = [
    (Book.ACTUALS, "health_insurance", "101", False, "value.out_of_range"),
    (Book.PLANS, "health_insurance", "101", False, "value.out_of_range"),
    (Book.ACTUALS, "health_insurance", "100,5", True, "value.out_of_range"),
    (Book.PLANS, "health_insurance", "-0,5", False, "value.out_of_range"),
    (Book.ACTUALS, "revenue", "-3", False, "value.out_of_range"),
    (Book.ACTUALS, "health_insurance", "95-101", True, "value.out_of_range"),
    (Book.ACTUALS, "health_insurance", "có", False, "value.not_a_number"),
    (Book.PLANS, "schools", "yes", False, "value.not_a_number"),
    (Book.ACTUALS, "ntm_criteria", "5", False, "value.not_yes_no"),
    (Book.ACTUALS, "ntm_criteria", "1-2", False, "value.not_yes_no"),
    (Book.ACTUALS, "revenue", "12.500", False, "value.ambiguous"),
    (Book.ACTUALS, "health_insurance", "9-8", True, "value.range_order"),
    (Book.ACTUALS, "health_insurance", "93-94", False, "range_needs_estimate"),
    (Book.ACTUALS, "health_insurance", "93-94", True, None),
    (Book.PLANS, "health_insurance", "93-94", False, None),  # a year's plan may be a range
    (Book.ACTUALS, "health_insurance", "94,5", False, None),
    (Book.PLANS, "ntm_criteria", "có", False, None),
]
IDS = [f"{b.value}-{i}-{t}-{'est' if e else 'final'}" for b, i, t, e, _ in CASES]


def by_command(data: Path, book: Book, ind_id: str, text: str, estimate: bool) -> str | None:
    """The problem the command's path refuses the figure with (None: recorded)."""
    store = Store(data, Cache(None))
    with store.editing() as loaded:
        ind = loaded.data.plan.index[ind_id]
        try:
            value = parse_value(ind, text)
            store.change(loaded, [NewValue(ind, 2026, value, estimate, None, book)])
        except InputError as exc:
            return exc.problem.code
    return None


def by_check(data: Path, book: Book, ind_id: str, text: str, estimate: bool) -> str | None:
    """The error of a year file holding the figure (None: no error)."""
    plan, _ = Store(data, Cache(None)).load_plan()
    flag = ", estimate: true" if estimate else ""
    file = f"year: 2026\nvalues:\n  {ind_id}: {{value: '{text}'{flag}}}\n"
    errors = yearfile.validate(file, 2026, plan, book).errors
    assert len(errors) <= 1, errors
    assert all(e.line == 3 for e in errors)
    return errors[0].code if errors else None


@pytest.mark.parametrize(("book", "ind_id", "text", "estimate", "code"), CASES, ids=IDS)
def test_check_refuses_what_the_command_refuses(
    data_dir: Path, book: Book, ind_id: str, text: str, estimate: bool, code: str | None
) -> None:
    command = by_command(data_dir, book, ind_id, text, estimate)
    check = by_check(data_dir, book, ind_id, text, estimate)
    if code == "range_needs_estimate":  # one rule, worded for each way in
        assert (command, check) == ("input.range_needs_estimate", "year.range_needs_estimate")
    else:
        assert (command, check) == (code, code)


def test_a_range_in_the_actuals_without_estimate_in_both_languages(here: Path, ntm: Invoke) -> None:
    (here / "actuals" / "2026.yaml").write_text(
        "year: 2026\nvalues:\n  health_insurance: 93-94\n  e_health: {value: 40-45, "
        "estimate: true}\n",
        encoding="utf-8",
    )
    (here / "plans" / "2026.yaml").write_text(
        "year: 2026\nvalues:\n  health_insurance: 93-94\n", encoding="utf-8"
    )
    en = ntm("--data-dir", "data", "check", "--lang", "en")
    assert en.exit_code == ExitCode.DATA_ERROR
    assert en.stdout == (
        "data/actuals/2026.yaml:3: error: '93-94' is a range, and a range is an estimate "
        "(health_insurance); write {value: 93-94, estimate: true}, or the final figure.\n"
        "Checked 3 files: 1 error.\n"
    )
    vi = ntm("--data-dir", "data", "check", "--lang", "vi")
    assert vi.stdout == (
        "data/actuals/2026.yaml:3: lỗi: '93-94' là số liệu dạng khoảng, tức là số ước tính "
        "(health_insurance); hãy ghi {value: 93-94, estimate: true}, hoặc ghi số liệu chính "
        "thức.\nĐã kiểm tra 3 tệp: 1 lỗi.\n"
    )
    status = ntm("--data-dir", "data", "status", "--lang", "en")  # loading refuses it too
    assert status.exit_code == ExitCode.DATA_ERROR
    assert status.stderr.startswith("Error: data/actuals/2026.yaml, line 3: '93-94' is a range")


def test_check_warns_about_a_plan_figure_as_the_plan_command_does(here: Path, ntm: Invoke) -> None:
    """`ntm plan 2027 revenue 500` warns (outside the plausible range 1-405) and records;
    check says the same of the file."""
    r = ntm("--data-dir", "data", "plan", "2027", "revenue", "500", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    warning = (
        "indicator 'revenue': 500 lies outside the plausible range 1-405 set in the plan; "
        "check the figure."
    )
    assert r.stderr == f"Warning: {warning}\n"
    lines = (here / "plans" / "2027.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines, 1) if t.startswith("  revenue:"))
    check = ntm("--data-dir", "data", "check", "--lang", "en")
    assert check.exit_code == ExitCode.OK
    assert check.stdout == (
        f"data/plans/2027.yaml:{line}: warning: {warning}\nChecked 2 files: 1 warning.\n"
    )


def test_the_warnings_of_a_year_s_plan_are_the_ones_the_command_gives(data_dir: Path) -> None:
    """A plan figure is not compared with last year's (no jump warning), as `ntm plan`."""
    store = Store(data_dir, Cache(None))
    with store.editing() as loaded:
        ind = loaded.data.plan.index["income"]
        items = [
            NewValue(ind, 2026, 10.0, book=Book.PLANS),
            NewValue(ind, 2027, 90.0, book=Book.PLANS),
        ]
        store.change(loaded, items)
    said = entered_warnings(loaded.data, items)
    assert said == []
    from ntm_tracker.storage.check import check_data

    report = check_data(Store(data_dir, Cache(None)))
    assert [p for p in report.problems if p.severity is Severity.WARNING] == []

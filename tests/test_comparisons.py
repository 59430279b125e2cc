"""The year's own figure against the year's plan and against last year (`report.compare`,
`build_status_report`, the status JSON), and `ntm plan` end to end.

Amounts are compared as a ratio (% of the plan, % of last year); shares and growth rates
in percentage points (their ``percent_*`` is None); yes/no figures only as met or not.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.domain import Comparator, Entry, Indicator, Plan
from ntm_tracker.core.report import Comparison, build_status_report, compare
from ntm_tracker.core.result import Verdict
from ntm_tracker.storage.planfile import validate
from ntm_tracker.storage.store import Store
from tests.conftest import DEMO, PLAN, Invoke


@pytest.fixture(scope="module")
def plan() -> Plan:
    checked = validate(PLAN.read_text(encoding="utf-8"))
    assert checked.content is not None
    return checked.content


def ind(plan: Plan, indicator: str) -> Indicator:
    return plan.index[indicator]


def e(value: float | bool, estimate: bool = False) -> Entry:
    return Entry(value, estimate)


# -- compare(): the year's plan -------------------------------------------------------------


def test_amount_against_its_plan_in_percent(plan: Plan) -> None:
    c = compare(ind(plan, "revenue"), 2027, e(70.0), e(78.0), None)
    assert c.annual_plan == 78.0
    assert c.percent_of_annual_plan == pytest.approx(89.74358974)  # 70 / 78 × 100
    assert c.change_from_annual_plan == -8.0  # 70 - 78
    assert c.meets_annual_plan is False
    c = compare(ind(plan, "income"), 2027, e(87.0), e(86.0), None)
    assert c.percent_of_annual_plan == pytest.approx(101.1627907)  # 87 / 86 × 100
    assert c.meets_annual_plan is True
    c = compare(ind(plan, "income"), 2027, e(86.0), e(86.0), None)
    assert c.percent_of_annual_plan == 100.0 and c.meets_annual_plan is True  # exactly met


def test_rate_against_its_plan_in_points(plan: Plan) -> None:
    c = compare(ind(plan, "health_insurance"), 2027, e(93.5), e(94.0), None)
    assert c.change_from_annual_plan == pytest.approx(-0.5)  # 93.5 - 94: -0.5 points
    assert c.percent_of_annual_plan is None  # never "99.5% of the plan" for a share
    assert c.meets_annual_plan is False
    growth = compare(ind(plan, "investment_growth"), 2027, e(8.0), e(10.5), None)
    assert growth.change_from_annual_plan == pytest.approx(-2.5)
    assert growth.percent_of_annual_plan is None  # a growth rate is a rate too
    above = compare(ind(plan, "party_admission"), 2027, e(3.2), e(3.0), None)
    assert above.change_from_annual_plan == pytest.approx(0.2)
    assert above.meets_annual_plan is True


def test_lower_is_better_plans(plan: Plan) -> None:
    poverty = ind(plan, "poverty")  # below 1.0 by 2030
    c = compare(poverty, 2027, e(2.3), e(2.2), None)
    assert c.change_from_annual_plan == pytest.approx(0.1)  # 0.1 points ABOVE the plan
    assert c.meets_annual_plan is False
    assert c.percent_of_annual_plan is None
    assert compare(poverty, 2027, e(2.1), e(2.2), None).meets_annual_plan is True
    assert compare(poverty, 2027, e(2.2), e(2.2), None).meets_annual_plan is True  # "at most"
    # an amount judged downwards is not a ratio either (102% of a "lower" plan means nothing)
    fewer = replace(ind(plan, "income"), comparator=Comparator.AT_MOST)
    c = compare(fewer, 2027, e(90.0), e(100.0), e(95.0))
    assert c.percent_of_annual_plan is None and c.percent_of_previous is None
    assert c.meets_annual_plan is True
    assert c.change_from_previous == -5.0


def test_yes_no_plans(plan: Plan) -> None:
    kept = ind(plan, "ntm_criteria")
    c = compare(kept, 2027, e(True), e(True), e(True))
    assert c == Comparison(
        annual_plan=True, plan_verdict=Verdict.MET, previous_year=2026, previous=True
    )  # no ratio, no change for yes/no
    assert compare(kept, 2027, e(False), e(True), None).meets_annual_plan is False
    assert compare(kept, 2027, e(False), e(False), None).meets_annual_plan is True


def test_yes_beats_a_plan_of_no(plan: Plan) -> None:
    c = compare(ind(plan, "land_certificates"), 2027, e(True), e(False), None)
    assert c.meets_annual_plan is True


def test_no_plan(plan: Plan) -> None:
    c = compare(ind(plan, "income"), 2027, e(87.0), None, e(80.0))
    assert (c.annual_plan, c.percent_of_annual_plan) == (None, None)
    assert (c.change_from_annual_plan, c.meets_annual_plan) == (None, None)
    # a plan but no figure yet: the plan is shown, nothing is compared
    c = compare(ind(plan, "income"), 2027, None, e(86.0), e(80.0))
    assert c.annual_plan == 86.0
    assert c.percent_of_annual_plan is None and c.meets_annual_plan is None
    assert c.change_from_previous is None and c.previous == 80.0


# -- compare(): last year ------------------------------------------------------------------


def test_amount_against_last_year(plan: Plan) -> None:
    c = compare(ind(plan, "revenue"), 2027, e(70.0), None, e(82.0))
    assert c.previous_year == 2026 and c.previous == 82.0
    assert c.change_from_previous == -12.0  # 70 - 82
    assert c.percent_of_previous == pytest.approx(85.36585366)  # 70 / 82 × 100
    up = compare(ind(plan, "income"), 2027, e(87.0), None, e(80.0))
    assert up.change_from_previous == 7.0
    assert up.percent_of_previous == pytest.approx(108.75)  # 87 / 80 × 100


def test_rate_against_last_year_in_points(plan: Plan) -> None:
    c = compare(ind(plan, "health_insurance"), 2027, e(93.5), None, e(93.0))
    assert c.change_from_previous == pytest.approx(0.5)
    assert c.percent_of_previous is None
    c = compare(ind(plan, "investment_growth"), 2027, e(8.0), None, e(11.0))
    assert c.change_from_previous == pytest.approx(-3.0) and c.percent_of_previous is None


def test_no_previous_year(plan: Plan) -> None:
    c = compare(ind(plan, "income"), 2027, e(87.0), e(86.0), None)
    assert (c.previous_year, c.previous, c.previous_estimate) == (None, None, False)
    assert (c.change_from_previous, c.percent_of_previous) == (None, None)
    # last year's figure of zero: a change, but no "% of zero"
    c = compare(ind(plan, "revenue"), 2027, e(70.0), None, e(0.0))
    assert c.change_from_previous == 70.0 and c.percent_of_previous is None


def test_previous_year_with_an_estimate(plan: Plan) -> None:
    c = compare(ind(plan, "income"), 2027, e(87.0), None, e(80.0, estimate=True))
    assert c.previous == 80.0 and c.previous_estimate is True
    assert c.percent_of_previous == pytest.approx(108.75)


# -- the status report and its JSON ----------------------------------------------------------


def status_json(ntm: Invoke, folder: Path, *args: str) -> dict[str, Any]:
    r = ntm("--data-dir", str(folder), "status", "--format", "json", *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    data: dict[str, Any] = json.loads(r.stdout)
    return {d["id"]: d for d in data["indicators"]}


def test_build_status_report_of_the_demo() -> None:
    report = build_status_report(Store(DEMO).load().data, 2027)
    rows = {r.indicator.id: r for r in report.rows}
    assert report.has_annual_plan and report.has_previous
    assert rows["revenue"].planned == Entry(78.0)
    assert rows["revenue"].comparison.percent_of_annual_plan == pytest.approx(70 / 78 * 100)
    assert rows["e_health"].planned is None and rows["e_health"].comparison.annual_plan is None
    assert rows["health_insurance"].entry is not None
    assert rows["health_insurance"].entry.estimate is True
    first = build_status_report(Store(DEMO).load().data, 2025)
    assert not first.has_annual_plan and not first.has_previous
    assert first.is_baseline_year


def test_status_json_fields(ntm: Invoke) -> None:
    rows = status_json(ntm, DEMO)
    revenue = rows["revenue"]
    assert revenue["annual_plan"] == 78.0
    assert revenue["percent_of_annual_plan"] == pytest.approx(89.74358974)
    assert revenue["change_from_annual_plan"] == -8.0
    assert revenue["previous_year"] == 2026 and revenue["previous"] == 82.0
    assert revenue["change_from_previous"] == -12.0
    assert revenue["percent_of_previous"] == pytest.approx(85.36585366)
    hi = rows["health_insurance"]
    assert hi["annual_plan"] == 94.0 and hi["percent_of_annual_plan"] is None
    assert hi["change_from_annual_plan"] == pytest.approx(-0.5)
    assert hi["change_from_previous"] == pytest.approx(0.5) and hi["percent_of_previous"] is None
    poverty = rows["poverty"]
    assert poverty["annual_plan"] == 2.2 and poverty["percent_of_annual_plan"] is None
    assert poverty["change_from_annual_plan"] == pytest.approx(0.1)
    none = rows["e_health"]  # no plan for 6b in 2027
    assert [none[k] for k in ("annual_plan", "percent_of_annual_plan")] == [None, None]
    kept = rows["ntm_criteria"]
    assert kept["previous"] is True and kept["change_from_previous"] is None
    first = status_json(ntm, DEMO, "2025")
    assert {r["previous_year"] for r in first.values()} == {None}
    assert {r["annual_plan"] for r in first.values()} == {None}


# -- `ntm plan` end to end -----------------------------------------------------------------


def write_year(folder: Path, book: str, year: int, values: dict[str, str]) -> None:
    body = "".join(f"  {k}: {v}\n" for k, v in values.items())
    (folder / book / f"{year}.yaml").write_text(f"year: {year}\nvalues:\n{body}", "utf-8")


@pytest.fixture
def recorded(here: Path) -> Path:
    """income 70 (2025) and 80 (2026), revenue 82 (2026), no plan yet."""
    write_year(here, "actuals", 2025, {"income": "70"})
    write_year(here, "actuals", 2026, {"income": "80", "revenue": "82"})
    return here


def test_plan_records_into_the_plans_folder(ntm: Invoke, recorded: Path) -> None:
    r = ntm("plan", "2026", "income", "78", "--note", "NQ HĐND xã", "--lang", "en")
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == "Recorded the 2026 plan for (3) income: 78 million VND.\n"
    text = (recorded / "plans" / "2026.yaml").read_text("utf-8")
    assert text.startswith(
        "# Số liệu kế hoạch năm 2026. Ghi bằng `ntm plan`; có thể sửa tay, kiểm tra bằng "
        "`ntm check`.\n# Plan figures for 2026. Written by `ntm plan`; hand edits are fine, "
        '`ntm check` checks them.\nyear: 2026\nvalues:\n  income: {value: 78, note: "NQ HĐND '
        'xã", recorded_at: '
    )
    assert not (recorded / "actuals" / "2026.yaml").read_text("utf-8").count("78")
    planned = Store(recorded).load().data.plans.entry("income", 2026)
    assert planned is not None and (planned.value, planned.note) == (78.0, "NQ HĐND xã")
    r = ntm("plan", "2026", "revenue", "80", "--lang", "vi")
    assert r.stdout == "Đã ghi kế hoạch năm 2026 của chỉ tiêu (1) revenue: 80 tỷ đồng.\n"
    r = ntm("plan", "2027", "10", "có", "--lang", "vi")  # by number, a yes/no figure
    assert r.stdout == "Đã ghi kế hoạch năm 2027 của chỉ tiêu (10) ntm_criteria: có.\n"


def test_plan_conflict_force_and_history(ntm: Invoke, recorded: Path) -> None:
    assert ntm("plan", "2026", "income", "78").exit_code == ExitCode.OK
    r = ntm("plan", "2026", "income", "79", "--lang", "en")
    assert r.exit_code == ExitCode.CONFLICT
    assert r.stdout == ""
    assert r.stderr.startswith("Error: income 2026 already has the plan figure 78.")
    assert "--force" in r.stderr
    kept = Store(recorded).load().data.plans.entry("income", 2026)
    assert kept is not None and kept.value == 78.0  # nothing was written
    r = ntm("plan", "2026", "income", "79", "--force", "--lang", "en")
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == (
        "Replaced the 2026 plan for (3) income: 79 million VND. (It was 78 million VND.)\n"
    )
    year = Store(recorded).load().data.plans.years[2026]
    assert year.values["income"].value == 79.0
    assert [(h.indicator, h.value) for h in year.history] == [("income", 78.0)]
    r = ntm("plan", "2026", "income", "79", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    assert r.stdout == "Unchanged: the 2026 plan for (3) income is already 79 million VND.\n"
    r = ntm("unset", "2026", "income", "--plan", "--lang", "en")
    assert r.stdout == (
        "Removed the 2026 plan for (3) income (it was 79 million VND); it stays in the plan "
        "file's history.\n"
    )
    year = Store(recorded).load().data.plans.years[2026]
    assert "income" not in year.values and len(year.history) == 2
    # the actual figures were never touched
    actual = Store(recorded).load().data.actuals.entry("income", 2026)
    assert actual is not None and actual.value == 80.0


def test_plan_refusals(ntm: Invoke, recorded: Path) -> None:
    r = ntm("plan", "2031", "income", "78", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Error: The year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.\n"
    )
    r = ntm("plan", "2026", "income", "abc", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Error: 'abc' is not a number (indicator 'income'); write it like 96,5 or 96.5.\n"
    )
    r = ntm("plan", "2026", "ntm_criteria", "80", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert not (recorded / "plans" / "2026.yaml").exists()


def test_reports_show_the_plan(ntm: Invoke, recorded: Path) -> None:
    assert ntm("plan", "2026", "income", "78").exit_code == ExitCode.OK
    # 80 / 78 = 102.56% of the plan
    row = status_json(ntm, recorded, "2026")["income"]
    assert row["annual_plan"] == 78.0
    assert row["percent_of_annual_plan"] == pytest.approx(102.5641026)
    r = ntm("summary", "2026", "--lang", "vi")
    assert (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2026 đạt 80 triệu đồng, đạt 102,6% "
        "kế hoạch (KH 78 triệu đồng), tăng 14,3% so với cùng kỳ" in r.stdout
    )
    assert "\t120\t70\t78\t80\t102,6%\t114,3%\tVượt\t" in r.stdout  # the appendix row of (3)
    r = ntm("explain", "income", "2026", "--lang", "en")
    assert "102.6% of the plan (78 million VND)." in r.stdout
    r = ntm("export", "--format", "json")
    rows = [x for x in json.loads(r.stdout) if x["id"] == "income"]
    assert [x["annual_plan"] for x in rows] == [None, 78, None, None, None, None]
    r = ntm("history", "income", "--format", "json")
    assert [y["annual_plan"] for y in json.loads(r.stdout)["years"]] == [
        None, 78.0, None, None, None, None,
    ]  # fmt: skip
    r = ntm("status", "2026", "--lang", "en")
    assert "Plan" in r.stdout.splitlines()[2]


def test_reports_say_nothing_of_a_plan_where_none_exists(ntm: Invoke, recorded: Path) -> None:
    r = ntm("summary", "2026", "--lang", "vi")
    body = r.stdout[: r.stdout.index("PHỤ LỤC")]
    assert "kế hoạch năm" not in body
    income = next(line for line in body.splitlines() if line.startswith("(3) "))
    assert income == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2026 đạt 80 triệu đồng, tăng 14,3% so "
        "với cùng kỳ (tăng 10 triệu đồng); đạt 66,7% so với mục tiêu Nghị quyết (120 triệu "
        "đồng), đạt tiến độ."
    )
    r = ntm("summary", "2026", "--lang", "en")
    assert "year's plan" not in r.stdout[: r.stdout.index("APPENDIX")]
    r = ntm("explain", "income", "2026", "--lang", "en")
    assert "plan" not in r.stdout.lower()
    r = ntm("status", "2026", "--lang", "en")
    assert "Plan" not in r.stdout
    r = ntm("export", "--lang", "en")
    table = list(csv.reader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert table[0][7] == "Year's plan"
    assert {row[7] for row in table[1:]} == {""}
    r = ntm("history", "income", "--format", "json")
    assert {y["annual_plan"] for y in json.loads(r.stdout)["years"]} == {None}


def test_last_years_estimate_is_marked_in_the_appendix(ntm: Invoke, here: Path) -> None:
    write_year(here, "actuals", 2025, {"income": "70"})
    write_year(here, "actuals", 2026, {"income": "{value: 80, estimate: yes}"})
    write_year(here, "actuals", 2027, {"income": "87"})
    row = status_json(ntm, here, "2027")["income"]
    assert (row["previous"], row["percent_of_previous"]) == (80.0, pytest.approx(108.75))
    r = ntm("summary", "2027", "--lang", "vi")
    cells = next(line for line in r.stdout.splitlines() if line.startswith("3\t")).split("\t")
    assert cells[4:7] == ["80 (ước)", "-", "87"]  # last year's figure keeps its mark
    assert "Số liệu có ghi" not in r.stdout  # no figure of 2027 itself is an estimate


def test_the_estimate_mark_is_always_explained(ntm: Invoke, here: Path) -> None:
    write_year(here, "actuals", 2025, {"income": "70"})
    write_year(here, "actuals", 2026, {"income": "{value: 80, estimate: yes}"})
    write_year(here, "actuals", 2027, {"income": "87"})
    r = ntm("summary", "2027", "--lang", "vi")
    assert "80 (ước)" in r.stdout
    assert "(ước): số ước thực hiện." in r.stdout

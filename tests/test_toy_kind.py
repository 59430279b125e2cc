"""A kind of target defined in this file alone works end to end.

The toy kind "near" asks a figure to stay within 5% of its target every year (a form no
resolution ntm knows uses, so nothing but this file can know about it). Registered here
with its words, it gets a plan, figures recorded through the command line, and then
status (table and JSON), summary, explain, history and chart, without any other module
of ntm naming it: reports and renderers ask the kind, and none branches on which it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.domain import Entry, Indicator
from ntm_tracker.core.explain import Explanation
from ntm_tracker.core.kind import (
    Basis,
    TargetKind,
    Where,
    actual_line,
    register,
    unregister,
)
from ntm_tracker.core.phrase import Fig, Goal, Num, Pct, Phrase
from ntm_tracker.core.problems import Problem
from ntm_tracker.core.report import Row
from ntm_tracker.core.result import Reason, Result, Status
from ntm_tracker.i18n import en, vi
from tests.conftest import Invoke

TOLERANCE = 5.0  # % of the target either way


class Near(TargetKind):
    name = "near"

    def check(self, ind: Indicator) -> Iterator[tuple[Where, Problem]]:
        if isinstance(ind.target, bool) or ind.goal <= 0:
            yield ("target",), Problem("plan.cumulative_target", {"indicator": ind.id})

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        target = ind.goal
        obs = series.get(year)
        if obs is None:
            return Result(
                Status.NO_DATA, year, target=target, reason=Reason.NO_VALUE, missing_years=(year,)
            )
        a = float(obs.value)
        off = abs(a - target) / target * 100
        status = Status.ACHIEVED if off <= TOLERANCE else Status.MISSED
        return Result(status, year, actual=a, target=target, gap=off, estimate=obs.estimate)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"off_by_percent": r.gap}

    def scope(self, ind: Indicator) -> Phrase:
        return Phrase("scope.near", tolerance=TOLERANCE)

    def against(self, row: Row) -> Phrase:
        r = row.result
        return Phrase("sum.near", off=Pct(r.gap or 0.0), target=Goal(row.indicator))

    def explain(self, ex: Explanation) -> list[Phrase]:
        ind, r = ex.indicator, ex.row.result
        lines = [Phrase("explain.kind_near", target=Goal(ind), tolerance=TOLERANCE)]
        lines.append(actual_line(ex))
        if r.gap is not None:
            lines.append(Phrase("explain.near_off", a=Fig(ind, r.actual), off=Num(r.gap, 2)))
        return lines


WORDS = {
    "en": {
        "kind.near": "near the target every year",
        "note.reading_near": "Target ({number}) is read as near its figure every year.",
        "scope.near": "within {tolerance}% every year",
        "sum.near": "{off} away from the target ({target})",
        "explain.kind_near": "Kind: near {target}, within {tolerance}%, every year.",
        "explain.near_off": "Off by |a - T| / T = {off}% ({a}).",
        "chart.near": "Near {target} every year.",
    },
    "vi": {
        "kind.near": "sát mục tiêu hằng năm",
        "note.reading_near": "Chỉ tiêu ({number}) được hiểu là sát mục tiêu hằng năm.",
        "scope.near": "lệch không quá {tolerance}% hằng năm",
        "sum.near": "lệch {off} so với mục tiêu ({target})",
        "explain.kind_near": "Loại: sát {target}, lệch không quá {tolerance}%, hằng năm.",
        "explain.near_off": "Độ lệch |a - T| / T = {off}% ({a}).",
        "chart.near": "Sát {target} hằng năm.",
    },
}

PLAN = """\
title:
  vi: Kế hoạch thử
  en: A test plan
commune: Thử
term: {start: "2025", end: "2027"}
baseline_year: "2025"
language: en
indicators:
  - id: rice
    number: "1"
    field: economy
    name: {vi: Sản lượng lúa, en: Rice output}
    unit: {vi: tấn, en: tonnes}
    kind: near
    measure: amount
    comparator: at_least
    target: "200"
    target_year: "2027"
    decimals: "0"
"""


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    register(Near())
    for lang, module in (("en", en), ("vi", vi)):
        for key, text in WORDS[lang].items():
            monkeypatch.setitem(module.WORDS, key, text)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "targets.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield folder
    unregister("near")


def test_the_toy_kind_goes_through_every_report(toy: Path, ntm: Invoke) -> None:
    assert ntm("record", "2026", "rice", "204").exit_code == 0
    r = ntm("record", "2027", "rice", "180")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == "Recorded (1) rice 2027 = 180 tonnes. Status 2027: not met.\n"

    status = json.loads(ntm("status", "2026", "--format", "json").stdout)
    row = status["indicators"][0]
    assert (row["kind"], row["status"], row["actual"]) == ("near", "achieved", 204.0)
    assert row["off_by_percent"] == pytest.approx(2.0)

    table = ntm("status", "2027").stdout
    assert "within 5% every year" in table and "not met" in table

    summary = ntm("summary", "2026").stdout
    assert (
        "(1) Rice output: 204 tonnes in 2026; 2% away from the target (200 tonnes): target "
        "exceeded." in summary.splitlines()
    )

    explained = ntm("explain", "rice", "2027")
    assert explained.exit_code == 0
    assert explained.stdout.splitlines()[2:5] == [
        "Kind: near 200 tonnes, within 5%, every year.",
        "Actual a (2027) = 180",
        "Off by |a - T| / T = 10.00% (180 tonnes).",
    ]

    history = ntm("history", "rice")
    assert history.exit_code == 0
    assert "2027" in history.stdout and "not met" in history.stdout

    chart = ntm("chart", "rice")
    assert chart.exit_code == 0
    assert chart.stdout.splitlines()[1] == "Near 200 tonnes every year."

    vi_summary = ntm("summary", "2026", "--lang", "vi").stdout
    assert "lệch 2% so với mục tiêu (200 tấn)" in vi_summary


def test_a_plan_naming_an_unknown_kind_lists_the_registered_ones(toy: Path, ntm: Invoke) -> None:
    plan = toy / "targets.yaml"
    plan.write_text(PLAN.replace("kind: near", "kind: nearby"), encoding="utf-8")
    r = ntm("status")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "'nearby'" in r.stderr and "'near'" in r.stderr and "'level'" in r.stderr

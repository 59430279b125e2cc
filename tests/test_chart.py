"""`ntm chart`: the terminal chart (goldens, hand-checked bars), the PNG, the errors."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.chart import ChartPoint, build_chart
from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode
from ntm_tracker.model import Kind
from ntm_tracker.render.chart import BAR_WIDTH, _bar, _Scale, chart_png, chart_text
from ntm_tracker.status import Result, Status, expected_total
from ntm_tracker.store import Store
from ntm_tracker.yamlio import display
from tests.conftest import ROOT
from tests.test_export import FIXTURE, check_golden

runner = CliRunner()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def ntm(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(FIXTURE), *args])


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the PNG header (the IHDR chunk comes first)."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# -- terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "lang"),
    [
        ("income", "en"),  # level, compound path, an estimate, a value after a gap-free run
        ("3", "vi"),  # the same by number, Vietnamese words and numbers
        ("revenue", "vi"),  # cumulative: running total, even share, a missing year
        ("investment_growth", "en"),  # annual: a negative value, the target line only
        ("health_station", "vi"),  # maintained: yes/no per year
        ("e_health", "en"),  # no baseline: no path
    ],
)
def test_terminal_chart_golden(indicator: str, lang: str) -> None:
    r = ntm("chart", indicator, "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    check_golden(f"chart_{indicator}_{lang}.txt", r.stdout.encode("utf-8"))


def test_income_chart_by_hand() -> None:
    """Scale 0-120 over 40 columns: 3 columns a million. 80 -> 27 columns, path 78.0 -> 26."""
    lines = ntm("chart", "income").stdout.splitlines()
    assert lines[3].startswith("Year  Actual   Path  0")
    row_2026 = lines[5]
    assert row_2026.startswith("2026      80   78.0  ")
    bar = row_2026[len("2026      80   78.0  ") :][: BAR_WIDTH + 1]
    assert bar == "█" * 26 + "│" + " " * 13 + "┆"  # the path mark inside the bar: ahead
    assert "2027  87 (e)   86.8  " + "▒" * 29 + "│" in lines[6]  # an estimate is shaded
    assert lines[8].startswith("2029       -  107.7  " + " " * 36 + "│")  # no value: no bar


def test_bar_marks() -> None:
    scale = _Scale([0.0, 10.0])  # 4 columns a unit
    result = Result(Status.ON_TRACK, 2026)
    point = ChartPoint(2026, 5.0, False, 6.0, result, None)
    assert _bar(scale, point, 10.0) == "█" * 20 + "    │" + " " * 15 + "┆"
    estimate = ChartPoint(2026, 5.0, True, None, result, None)
    assert _bar(scale, estimate, None) == "▒" * 20
    negative = _Scale([-5.0, 15.0])  # zero at column 10
    assert _bar(negative, ChartPoint(2026, -2.5, False, None, result, None), None) == (
        " " * 5 + "█" * 5
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_indicator_charts_without_trailing_spaces(lang: str) -> None:
    store = Store(FIXTURE)
    plan = store.load_plan()
    actuals = store.load_actuals(plan)
    for ind in plan.indicators:
        text = chart_text(build_chart(plan, actuals, ind), lang)
        assert text.endswith("\n") and "\n\n\n" not in text
        assert all(line == line.rstrip() for line in text.splitlines()), ind.id


def test_chart_with_nothing_recorded(data_dir: Path) -> None:
    r = runner.invoke(app, ["--data-dir", str(data_dir), "chart", "poverty"])
    assert r.exit_code == 0, r.stderr
    assert "No 2025 value is recorded, so there is no path." in r.stdout
    assert "Forecast: too few points (0 years recorded; at least 2 are needed)." in r.stdout


def test_path_of_a_cumulative_indicator_is_the_even_share() -> None:
    plan = Store(FIXTURE).load_plan()
    revenue = plan.by_id()["revenue"]  # >= 405 over 2026-2030: 81 a year
    assert [expected_total(revenue, y) for y in range(2025, 2032)] == [
        None, 81.0, 162.0, 243.0, 324.0, 405.0, 405.0,
    ]  # fmt: skip
    with pytest.raises(ValueError, match="not cumulative"):
        expected_total(plan.by_id()["income"], 2026)


def test_chart_points_come_from_the_status() -> None:
    store = Store(FIXTURE)
    plan = store.load_plan()
    chart = build_chart(plan, store.load_actuals(plan), plan.by_id()["revenue"])
    assert [p.year for p in chart.points] == [2026, 2027, 2028, 2029, 2030]  # the period
    first, missing, after_gap = chart.points[:3]
    assert (first.value, first.expected, first.result.status) == (82.0, 81.0, Status.ON_TRACK)
    assert (missing.value, missing.recorded, missing.expected) == (None, None, 162.0)
    assert after_gap.value is None and after_gap.recorded is not None  # never a partial total
    assert chart.indicator.kind is Kind.CUMULATIVE


# -- PNG -----------------------------------------------------------------------------------


def test_png(tmp_path: Path) -> None:
    out = tmp_path / "income.png"
    r = ntm("chart", "income", "--png", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"Chart written to {display(out)}\n"
    data = out.read_bytes()
    assert png_size(data) == (900, 500)
    assert 20_000 < len(data) < 500_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["income.png"]


@pytest.mark.parametrize("indicator", ["revenue", "investment_growth", "health_station"])
def test_png_of_each_kind_in_vietnamese(indicator: str) -> None:
    store = Store(FIXTURE)
    plan = store.load_plan()
    chart = build_chart(plan, store.load_actuals(plan), plan.by_id()[indicator])
    assert png_size(chart_png(chart, "vi")) == (900, 500)


def test_png_message_in_vietnamese(tmp_path: Path) -> None:
    out = tmp_path / "thu-nhap.png"
    r = ntm("chart", "income", "--png", str(out), "--lang", "vi")
    assert r.stdout == f"Đã vẽ biểu đồ vào tệp {display(out)}\n"


def test_missing_matplotlib_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.setitem(sys.modules, name, None)  # makes `import matplotlib...` fail
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "x.png"
    r = ntm("chart", "income", "--png", str(out))
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stderr == (
        "Error: Drawing a PNG needs the matplotlib package; "
        "install it with: pip install matplotlib (in a clone: pip install -e '.[charts]')\n"
    )
    assert not out.exists()
    assert ntm("chart", "income").exit_code == 0  # the terminal chart needs no extra


# -- errors --------------------------------------------------------------------------------


def test_unknown_indicator() -> None:
    r = ntm("chart", "incme")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stdout == ""
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1
    assert "incme" in r.stderr and "income" in r.stderr  # says what was meant


def test_png_into_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "x.png"
    r = ntm("chart", "income", "--png", str(out))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        f"Error: The folder {display(out.parent)} does not exist; create it first.\n"
    )


def test_bad_language() -> None:
    r = ntm("chart", "income", "--lang", "de")
    assert (r.exit_code, r.stderr) == (
        ExitCode.USAGE_ERROR,
        "Error: --lang must be 'en' or 'vi', not 'de'.\n",
    )


def test_readme_image_exists() -> None:
    assert png_size((ROOT / "docs" / "chart-income.png").read_bytes()) == (900, 500)

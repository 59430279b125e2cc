"""`ntm check`: every finding with file and line, errors exit 1, warnings only with --strict."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.check import Severity, check_data, impossible_target
from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode
from ntm_tracker.model import plan_from_raw
from ntm_tracker.store import Store

runner = CliRunner()


@pytest.fixture
def here(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder, with the working folder set so that messages say data/..."""
    monkeypatch.chdir(data_dir.parent)
    return data_dir


def check(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["check", *args])


def write(data: Path, name: str, text: str) -> None:
    (data / "actuals" / name).write_text(text, encoding="utf-8")


def line_of(path: Path, text: str, after: str = "") -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(after) if after else 0
    return lines.index(text, start) + 1


def test_demo_data_is_clean(demo_dir: Path) -> None:
    r = runner.invoke(app, ["--data-dir", str(demo_dir), "check"])
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Checked 4 files: no problems.\n", "")


def test_empty_data_folder_is_clean(here: Path) -> None:
    assert check().stdout == "Checked 1 file: no problems.\n"


def test_collects_every_finding_with_file_and_line(here: Path) -> None:
    plan = here / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "    comparator: above\n    target: 90\n", "    comparator: above\n    target: 100\n"
    )
    text = text.replace("  - id: schools\n", "  - id: schools\n    plausible: [50, 100]\n")
    plan.write_text(text, encoding="utf-8")
    target_line = line_of(plan, "    target: 100", "  - id: party_rating")
    write(here, "2025.yaml", "year: 2025\nvalues:\n  schools: 80\n  income: 70\n")
    write(here, "2026.yaml", "year: 2026\nvalues:\n  schools: 40\n  revenu: 5\n  poverty: 120\n"
          "  ntm_criteria: 3\n  income: 300\n")  # fmt: skip
    write(here, "2027.yaml", "year: 2027\nvalues:\n  schools: 1\n  schools: 2\n")
    write(here, "2028.yaml", "year: 2028\nvalues:\n  income: abc\n  revenue: {value: 3, x: 1}\n")
    write(here, "2029.yaml", "year: 2030\n")
    write(here, "2031.yaml", "year: 2031\n")
    write(here, "old.yaml", "year: 2026\n")
    write(here, ".2026.yaml.k3j_x.tmp", "year: 20")
    write(here, "readme.txt", "not ours")
    r = check()
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stdout.splitlines() == [
        f"data/targets.yaml:{target_line}: error: indicator 'party_rating': target '> 100' can "
        "never be met, a percent is at most 100",
        "data/actuals/.2026.yaml.k3j_x.tmp: warning: left over from an interrupted write; ntm "
        "ignores it and it can be deleted",
        "data/actuals/2026.yaml:3: warning: indicator 'schools': 40 lies outside the plausible "
        "range 50-100 set in the plan; check the figure",
        "data/actuals/2026.yaml:4: error: indicator 'revenu' is not in the plan (did you mean "
        "'revenue'?)",
        "data/actuals/2026.yaml:5: error: 120 is out of range for 'poverty': a value in % must "
        "be between 0 and 100",
        "data/actuals/2026.yaml:6: error: indicator 'ntm_criteria': value must be yes or no",
        "data/actuals/2026.yaml:7: warning: indicator 'income' went from 70 in 2025 to 300, a "
        "factor of 4.3 (more than checks.max_jump_factor 3); check the figure",
        "data/actuals/2027.yaml:4: error: key 'schools' is written twice (first on line 3)",
        "data/actuals/2028.yaml:3: error: indicator 'income', field 'value': 'abc' is neither "
        "a number (like 96,5) nor yes/no (có/không)",
        "data/actuals/2028.yaml:4: error: indicator 'revenue', field 'x': Extra inputs are not "
        "permitted",
        "data/actuals/2029.yaml:1: error: says year 2030 but the file name says 2029",
        "data/actuals/2031.yaml:1: error: year 2031 lies outside the term 2025-2030",
        "data/actuals/old.yaml: error: an actuals file must be named after its year, like "
        "2026.yaml",
        "Checked 7 files: 10 errors, 3 warnings.",
    ]
    data = json.loads(check("--format", "json").stdout)
    assert (data["ok"], data["errors"], data["warnings"]) == (False, 10, 3)
    assert data["files"][0] == "data/targets.yaml"
    assert data["findings"][0] == {
        "file": "data/targets.yaml",
        "line": target_line,
        "severity": "error",
        "message": "indicator 'party_rating': target '> 100' can never be met, a percent is at "
        "most 100",
    }


def test_plan_schema_errors_are_all_listed(here: Path) -> None:
    plan = here / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("target: 96.5", "target: lots").replace("kind: annual", "kind: yearly", 1)
    plan.write_text(text, encoding="utf-8")
    write(here, "2026.yaml", "year: 2026\nvalues:\n  revenue: 82\n")
    r = check()
    assert r.exit_code == ExitCode.DATA_ERROR
    kind_line = line_of(plan, "    kind: yearly")
    target_line = line_of(plan, "    target: lots")
    assert r.stdout == (
        f"data/targets.yaml:{kind_line}: error: indicator 'investment_growth', field 'kind': "
        "Input should be 'level', 'cumulative', 'annual' or 'maintained'\n"
        f"data/targets.yaml:{target_line}: error: indicator 'health_insurance', field 'target': "
        "Input should be a valid number, unable to parse string as a number\n"
        "Checked 2 files: 2 errors.\n"
    )


def test_warnings_alone_exit_zero_unless_strict(here: Path) -> None:
    write(here, "2026.yaml", "year: 2026\nvalues:\n  revenue: 10\n")
    write(here, "2027.yaml", "year: 2027\nvalues:\n  revenue: 82\n")
    expected = (
        "data/actuals/2027.yaml:3: warning: indicator 'revenue' went from 10 in 2026 to 82, a "
        "factor of 8.2 (more than checks.max_jump_factor 3); check the figure\n"
        "Checked 3 files: 1 warning.\n"
    )
    r = check()
    assert (r.exit_code, r.stdout) == (0, expected)
    r = check("--strict")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, expected)


def test_jump_factor_is_set_in_the_plan(here: Path) -> None:
    plan = here / "targets.yaml"
    text = plan.read_text(encoding="utf-8").replace("max_jump_factor: 3", "max_jump_factor: 10")
    plan.write_text(text, encoding="utf-8")
    write(here, "2026.yaml", "year: 2026\nvalues:\n  revenue: 10\n  poverty: 2.5\n")
    write(here, "2027.yaml", "year: 2027\nvalues:\n  revenue: 82\n  poverty: 0.2\n")
    assert check().stdout == (
        "data/actuals/2027.yaml:4: warning: indicator 'poverty' went from 2.5 in 2026 to 0.2, a "
        "factor of 12.5 (more than checks.max_jump_factor 10); check the figure\n"
        "Checked 3 files: 1 warning.\n"
    )


def test_rates_and_missing_years_are_not_compared(here: Path) -> None:
    write(here, "2025.yaml", "year: 2025\nvalues:\n  investment_growth: 1\n  income: 10\n")
    write(here, "2026.yaml", "year: 2026\nvalues:\n  investment_growth: 40\n")
    write(here, "2027.yaml", "year: 2027\nvalues:\n  income: 90\n")
    assert check().stdout == "Checked 4 files: no problems.\n"


def test_impossible_targets() -> None:
    import yaml

    from tests.conftest import PLAN

    raw = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    plan = plan_from_raw(raw)
    assert [impossible_target(i) for i in plan.indicators] == [None] * len(plan.indicators)
    poverty = dataclasses.replace(plan.by_id()["poverty"], target=0.0)
    assert impossible_target(poverty) == (
        "indicator 'poverty': target '< 0' can never be met, a percent is at least 0"
    )


def test_unknown_format_and_missing_folder(here: Path, tmp_path: Path) -> None:
    r = check("--format", "xml")
    assert (r.exit_code, r.stderr) == (
        ExitCode.USAGE_ERROR,
        "Error: Unknown format 'xml'; choose one of: text, json.\n",
    )
    r = runner.invoke(app, ["--data-dir", str(tmp_path / "none"), "check"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.startswith("Error: Data folder ")


def test_core_returns_typed_findings(here: Path) -> None:
    write(here, "2026.yaml", "year: 2026\nvalues:\n  schools: 120\n")
    report = check_data(Store(here))
    assert [(f.severity, f.line) for f in report.findings] == [(Severity.ERROR, 3)]
    assert report.exit_code(strict=False) == ExitCode.DATA_ERROR
    assert str(report.findings[0]) == (
        "data/actuals/2026.yaml:3: error: 120 is out of range for 'schools': a value in % must "
        "be between 0 and 100"
    )


def test_readme_example_is_real_output(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's `ntm check` example with mistakes, reproduced exactly."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n$ ntm check\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(data_dir.parent)
    plan = data_dir / "targets.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "    comparator: above\n    target: 90\n", "    comparator: above\n    target: 100\n"
    )
    plan.write_text(
        text.replace("  - id: schools\n", "  - id: schools\n    plausible: [50, 100]\n")
    )
    write(data_dir, "2025.yaml", "year: 2025\nvalues:\n  schools: 80\n  income: 70\n")
    write(data_dir, "2026.yaml", "year: 2026\nvalues:\n  schools: 40\n  revenu: 5\n  poverty: 120\n"
          "  ntm_criteria: 3\n  income: 300\n")  # fmt: skip
    write(data_dir, "2027.yaml", "year: 2027\nvalues:\n  schools: 1\n  schools: 2\n")
    write(data_dir, ".2026.yaml.k3j_x.tmp", "year: 20")
    r = check()
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, shown)


def test_a_jump_to_zero_is_a_warning(demo_dir: Path) -> None:
    path = demo_dir / "actuals" / "2027.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  schools: 78\n", "  schools: 0\n"))
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "check"])
    assert r.exit_code == 0
    assert (
        "warning: indicator 'schools' went from 84 in 2026 to 0; check that 0 is the real figure"
        in r.stdout
    )

"""One reproduction per user error of the whole tool: its exact text and its exit code.

In the style of hledger's error tests: each case sets up the smallest data folder that
causes the error, runs one command in the folder's parent (so paths read `data/...`),
and checks stderr, stdout and the exit code. A new error message gets a new case here.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode
from tests.conftest import PLAN

runner = CliRunner()
Setup = Callable[[Path], None]


def nothing(data: Path) -> None:
    """The data folder as the fixture made it: the shipped plan, no values."""


def actuals(name: str, text: str | bytes) -> Setup:
    def setup(data: Path) -> None:
        path = data / "actuals" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return setup


def plan_text(old: str, new: str) -> Setup:
    def setup(data: Path) -> None:
        plan = data / "targets.yaml"
        text = plan.read_text(encoding="utf-8")
        assert old in text
        plan.write_text(text.replace(old, new, 1), encoding="utf-8")

    return setup


def recorded(text: str) -> Setup:
    return actuals("2026.yaml", f"year: 2026\nvalues:\n{text}")


def remove(relative: str) -> Setup:
    def setup(data: Path) -> None:
        path = data / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return setup


def csv_in(text: str) -> Setup:
    """An import file in.csv next to the data folder (the working folder of every case)."""

    def setup(data: Path) -> None:
        (data.parent / "in.csv").write_text(text, encoding="utf-8")

    return setup


def plan_line(text: str) -> int:
    return PLAN.read_text(encoding="utf-8").splitlines().index(text) + 1


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    args: list[str]
    code: ExitCode
    stderr: str


CASES = [
    # -- the data folder
    Case("missing data folder", remove(""), ["status"], ExitCode.DATA_ERROR,
         "Data folder 'data' not found. Run ntm in the folder that holds 'data/', or give the "
         "folder with --data-dir PATH (or NTM_DATA_DIR)."),
    Case("missing plan", remove("targets.yaml"), ["status"], ExitCode.DATA_ERROR,
         "No plan file in 'data': expected data/targets.yaml."),
    Case("plan is a folder", lambda d: (remove("targets.yaml")(d), (d / "targets.yaml").mkdir()),
         ["status"], ExitCode.DATA_ERROR, "data/targets.yaml is a folder, not a file."),
    # -- the plan
    Case("empty plan", lambda d: (d / "targets.yaml").write_text("# nothing yet\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/targets.yaml is empty; it must hold the plan (title, indicators...)."),
    Case("plan that is a list", lambda d: (d / "targets.yaml").write_text("- revenue\n"),
         ["status"], ExitCode.DATA_ERROR,
         "data/targets.yaml: expected a mapping (title:, term:, indicators: ...), found a list."),
    Case("plan field with a wrong value", plan_text("target: 96.5", "target: lots"), ["status"],
         ExitCode.DATA_ERROR,
         f"data/targets.yaml, line {plan_line('    target: 96.5')}: indicator 'health_insurance', "
         "field 'target': Input should be a valid number, unable to parse string as a number. "
         "Fix the file and try again."),
    Case("plan with several errors", plan_text("target: 96.5", "target: lots\n    colour: red"),
         ["status"], ExitCode.DATA_ERROR,
         f"data/targets.yaml, line {plan_line('    target: 96.5')}: indicator 'health_insurance', "
         "field 'target': Input should be a valid number, unable to parse string as a number "
         "(and 1 more; `ntm check` lists them). Fix the file and try again."),
    # -- actuals files
    Case("malformed YAML", recorded("  revenue: [82\n  income: 80\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 4: did not find expected ',' or ']'; fix the YAML there "
         "and try again."),
    Case("duplicate key", recorded("  revenue: 82\n  revenue: 83\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 4: key 'revenue' is written twice (first on line 3); fix "
         "the YAML there and try again."),
    Case("empty year file", actuals("2026.yaml", ""), ["status"], ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml is empty; it holds no values, so delete it, then record again."),
    Case("year file with a list", actuals("2026.yaml", "- 82\n"), ["status"], ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml: expected a mapping (year:, values:), found a list."),
    Case("year file not UTF-8", actuals("2026.yaml", b"year: 2026\n# \xe9\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 2: the file is not UTF-8 text; save it again as UTF-8."),
    Case("year file named otherwise", actuals("2026-final.yaml", "year: 2026\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026-final.yaml: an actuals file must be named after its year, like "
         "2026.yaml; rename or move it."),
    Case("year file for another year", actuals("2026.yaml", "year: 2027\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 1: says year 2027 but the file name says 2026; make them "
         "agree."),
    Case("year file outside the term", actuals("2031.yaml", "year: 2031\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2031.yaml: year 2031 lies outside the term 2025-2030; move or delete the "
         "file."),
    Case("unknown indicator in a file", recorded("  incom: 80\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 3: indicator 'incom' is not in the plan (did you mean "
         "'income'?). Fix the file and try again."),
    Case("value out of range in a file", recorded("  schools: 101\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 3: 101 is out of range for 'schools': a value in % must "
         "be between 0 and 100. Fix the file and try again."),
    Case("yes/no value for a number", recorded("  revenue: yes\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 3: indicator 'revenue': value must be a number, not "
         "yes/no. Fix the file and try again."),
    Case("maintained value not yes/no", recorded("  ntm_criteria: 2\n"), ["status"],
         ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 3: indicator 'ntm_criteria': value must be yes or no. "
         "Fix the file and try again."),
    Case("NaN in a file", recorded("  revenue: .nan\n"), ["status"], ExitCode.DATA_ERROR,
         "data/actuals/2026.yaml, line 3: indicator 'revenue', field 'value': value must be a "
         "finite number. Fix the file and try again."),
    Case("actuals is a file", lambda d: ((d / "actuals").rmdir(), (d / "actuals").touch()),
         ["status"], ExitCode.DATA_ERROR,
         "'data/actuals' is a file; it must be a folder of YEAR.yaml files."),
    # -- record
    Case("unknown indicator with close matches", nothing, ["record", "2026", "heath", "1"],
         ExitCode.USAGE_ERROR,
         "Unknown indicator 'heath'. Did you mean 'e_health', 'health_station'? Run "
         "`ntm indicators` to list ids and numbers."),
    Case("unknown indicator number", nothing, ["record", "2026", "12", "1"], ExitCode.USAGE_ERROR,
         "Unknown indicator '12'. Run `ntm indicators` to list ids and numbers."),
    Case("bad number", nothing, ["record", "2026", "revenue", "82x"], ExitCode.USAGE_ERROR,
         "'82x' is not a number; write it like 96,5 or 96.5 (indicator 'revenue')."),
    Case("infinite number", nothing, ["record", "2026", "revenue", "1e999"], ExitCode.USAGE_ERROR,
         "'1e999' is not a finite number (indicator 'revenue')."),
    Case("not yes or no", nothing, ["record", "2026", "10", "maybe"], ExitCode.USAGE_ERROR,
         "'maybe' is not yes or no; write yes/no (or có/không) (indicator 'ntm_criteria')."),
    Case("year out of term", nothing, ["record", "2031", "revenue", "82"], ExitCode.USAGE_ERROR,
         "Year 2031 is outside the term 2025-2030; give a year from 2025 to 2030."),
    Case("percent out of range", nothing, ["record", "2026", "6a", "100,5"], ExitCode.USAGE_ERROR,
         "100.5 is out of range for 'health_insurance': a value in % must be between 0 and 100."),
    Case("negative amount", nothing, ["record", "2026", "revenue", "-1"], ExitCode.USAGE_ERROR,
         "-1 is out of range for 'revenue': a value in billion VND must be at least 0."),
    Case("growth below -100%", nothing, ["record", "2026", "2", "-101"], ExitCode.USAGE_ERROR,
         "-101 is out of range for 'investment_growth': a value in % a year must be at least "
         "-100."),
    Case("note too long", nothing, ["record", "2026", "revenue", "1", "--note", "x" * 2001],
         ExitCode.USAGE_ERROR, "The note is 2001 characters long; shorten it to 2000 at most."),
    Case("note not text", nothing, ["record", "2026", "revenue", "1", "--note", "\udcff"],
         ExitCode.USAGE_ERROR,
         "The note contains bytes that are not text; type it again or save the file as UTF-8."),
    Case("conflict without --force", recorded("  revenue: {value: 82, estimate: true}\n"),
         ["record", "2026", "revenue", "83"], ExitCode.CONFLICT,
         "revenue 2026 is already recorded as 82 (estimate). Add --force to replace it; the old "
         "value is kept in the file's history."),
    Case("typed control character", nothing, ["record", "2026", "revenue", "8\x07"],
         ExitCode.USAGE_ERROR,
         "'8\\x07' is not a number; write it like 96,5 or 96.5 (indicator 'revenue')."),
    # -- options
    Case("bad language", nothing, ["status", "--lang", "fr"], ExitCode.USAGE_ERROR,
         "--lang must be 'en' or 'vi', not 'fr'."),
    Case("bad status format", nothing, ["status", "--format", "xml"], ExitCode.USAGE_ERROR,
         "Unknown format 'xml'; choose one of: table, json, csv."),
    Case("bad check format", nothing, ["check", "--format", "xml"], ExitCode.USAGE_ERROR,
         "Unknown format 'xml'; choose one of: text, json."),
    Case("bad log format", nothing, ["log", "--format", "xml"], ExitCode.USAGE_ERROR,
         "Unknown format 'xml'; choose one of: table, json."),
    Case("log of an unknown indicator", nothing, ["log", "revenu"], ExitCode.USAGE_ERROR,
         "Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm indicators` to list ids "
         "and numbers."),
    # -- import
    Case("import of a missing file", nothing, ["import", "figures.csv"], ExitCode.DATA_ERROR,
         "figures.csv does not exist."),
    Case("import with an open quote", csv_in('year,indicator,value\n2026,revenue,"8\n'),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv:2: the CSV cannot be read (unexpected end of data); check the quotes on this "
         "row."),
    Case("import without known columns", csv_in("name,amount\nrevenue,3\n"),
         ["import", "in.csv"], ExitCode.DATA_ERROR,
         "in.csv:1: the first line must name the columns (id, year, value, estimate, note) or be "
         "a row year,indicator,value; found 'name,amount'."),
    Case("import with nothing to import", csv_in("year,indicator,value\n"), ["import", "in.csv"],
         ExitCode.DATA_ERROR, "in.csv has no values to import."),
    Case("import of a spreadsheet", nothing, ["import", "figures.xlsx"], ExitCode.USAGE_ERROR,
         "figures.xlsx is a spreadsheet; save it as CSV UTF-8 first (File > Save As > CSV "
         "UTF-8)."),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_error(case: Case, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)
    case.setup(data_dir)
    r = runner.invoke(app, case.args)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert (r.exit_code, r.stderr) == (case.code, f"Error: {case.stderr}\n")
    assert r.stdout == ""


def test_every_case_has_its_own_message() -> None:
    messages = [c.stderr for c in CASES]
    assert len(set(messages)) == len(messages)


def test_import_errors_list_rows_then_one_error_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_dir.parent)
    Path("in.csv").write_text("year,indicator,value\n2026,revenu,1\n2026,income,1\n")
    r = runner.invoke(app, ["import", "in.csv"])
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "in.csv:2: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm indicators` to "
        "list ids and numbers.\n"
        "Error: 1 bad row in in.csv; nothing was written. Fix the rows above and import again.\n"
    )


def test_click_usage_errors_exit_2(data_dir: Path) -> None:
    r = runner.invoke(app, ["--data-dir", str(data_dir), "record", "20x6", "revenue", "1"])
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.endswith("Error: Invalid value for 'YEAR': '20x6' is not a valid int.\n")
    r = runner.invoke(app, ["nosuchcommand"])
    assert r.exit_code == ExitCode.USAGE_ERROR


def test_interrupt_exit_code(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker import store

    def interrupted(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store.Store, "load_plan", interrupted)
    r = runner.invoke(app, ["--data-dir", str(data_dir), "status"])
    assert (r.exit_code, r.stderr) == (ExitCode.INTERRUPTED, "Interrupted; nothing was written.\n")


# -- errors that need the environment changed ----------------------------------------


def test_lock_timeout(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import filelock

    def busy(self: filelock.FileLock, *args: object, **kwargs: object) -> None:
        raise filelock.Timeout(self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", busy)
    r = runner.invoke(app, ["--data-dir", str(data_dir), "record", "2026", "revenue", "82"])
    assert (r.exit_code, r.stderr) == (
        ExitCode.LOCKED,
        "Error: Another ntm command is writing to this data folder; wait a moment and try again.\n",
    )


def test_file_too_large(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker import yamlio

    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 100)
    size = (data_dir / "targets.yaml").stat().st_size
    r = runner.invoke(app, ["status"])
    assert (r.exit_code, r.stderr) == (
        ExitCode.DATA_ERROR,
        f"Error: data/targets.yaml is too large ({size} bytes) to be an ntm file.\n",
    )


def test_file_not_readable(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir.parent)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    r = runner.invoke(app, ["status"])
    assert (r.exit_code, r.stderr) == (
        ExitCode.DATA_ERROR,
        "Error: data/targets.yaml cannot be read: permission denied.\n",
    )


def test_cannot_write(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.chdir(data_dir.parent)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    r = runner.invoke(app, ["record", "2026", "revenue", "82"])
    assert (r.exit_code, r.stderr) == (
        ExitCode.DATA_ERROR,
        "Error: Cannot write data/actuals/2026.yaml: No space left on device. Nothing was "
        "changed.\n",
    )


def test_same_value_given_twice_to_the_core(data_dir: Path) -> None:
    from ntm_tracker.errors import UsageError
    from ntm_tracker.store import NewValue, Store, find_indicator

    store = Store(data_dir)
    plan = store.load_plan()
    item = NewValue(find_indicator(plan, "revenue"), 2026, 1.0)
    with pytest.raises(UsageError, match=r"^revenue 2026 is given twice; keep one\.$"):
        store.record_many(plan, [item, item])


def test_several_conflicts_from_the_core(data_dir: Path) -> None:
    from ntm_tracker.store import NewValue, RecordConflict, Store, find_indicator

    store = Store(data_dir)
    plan = store.load_plan()
    items = [NewValue(find_indicator(plan, i), 2026, 1.0) for i in ("revenue", "income")]
    store.record_many(plan, items)
    again = [NewValue(i.indicator, 2026, 2.0) for i in items]
    with pytest.raises(RecordConflict) as info:
        store.record_many(plan, again)
    assert str(info.value) == (
        "2 values are already recorded (revenue 2026 = 1, income 2026 = 1). Add --force to "
        "replace them; the old values are kept in the files' history. Nothing was written."
    )
    assert info.value.exit_code == ExitCode.CONFLICT


def test_readme_exit_code_table_matches_exit_codes() -> None:
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `([A-Z_]+)` \| (.+) \|$", section, flags=re.M)
    assert [(int(code), name) for code, name, _ in rows] == [(c.value, c.name) for c in ExitCode]


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--output", "{data}/actuals/2026.yaml"],
        ["summary", "2027", "--output", "{data}/targets.yaml"],
        ["summary", "2027", "--output", "{data}/notes.txt"],
        ["chart", "income", "--png", "somewhere.yml"],
    ],
)
def test_output_never_replaces_data_files(demo_dir: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in demo_dir.rglob("*") if p.is_file()}
    argv = [a.replace("{data}", str(demo_dir)) for a in args]
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), *argv])
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: Refusing to write ")
    assert r.stderr.endswith(
        "it would replace data files; write reports outside the data folder, "
        "e.g. --output summary.txt.\n"
    )
    assert {p: p.read_bytes() for p in demo_dir.rglob("*") if p.is_file()} == before


def test_year_file_with_upper_case_extension_is_reported(demo_dir: Path) -> None:
    (demo_dir / "actuals" / "2026.yaml").rename(demo_dir / "actuals" / "2026.YAML")
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.endswith(
        "2026.YAML: an actuals file must be named after its year, like 2026.yaml; "
        "rename or move it.\n"
    )
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "check"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "2026.YAML" in r.stdout + r.stderr


def test_hand_edits_in_the_office_s_own_notation(demo_dir: Path) -> None:
    """`poverty: 2,1` and `ntm_criteria: có` typed into a year file are read as meant."""
    path = demo_dir / "actuals" / "2027.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  poverty: 2.3\n", "  poverty: 2,3\n")
    text = text.replace("  ntm_criteria: yes\n", "  ntm_criteria: có\n")
    path.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "status", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    by_id = {i["id"]: i for i in __import__("json").loads(r.stdout)["indicators"]}
    assert by_id["poverty"]["actual"] == 2.3
    assert by_id["ntm_criteria"]["actual"] is True
    path.write_text(text.replace("  poverty: 2,3\n", "  poverty: hai\n"), encoding="utf-8")
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert "'hai' is neither a number (like 96,5) nor yes/no (có/không)" in r.stderr


def test_tab_indentation_is_named(demo_dir: Path) -> None:
    (demo_dir / "actuals" / "2027.yaml").write_text("year: 2027\nvalues:\n\tincome: 87\n")
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "status"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.endswith(
        "2027.yaml, line 3: a tab character on this line; YAML needs spaces instead of tabs; "
        "fix the YAML there and try again.\n"
    )


def test_an_impossible_date_is_named_with_its_line(demo_dir: Path) -> None:
    # PyYAML reads 2027-13-02 as a date and fails with a bare ValueError: no traceback
    path = demo_dir / "actuals" / "2027.yaml"
    path.write_text("year: 2027\nvalues:\n  income: 87\n  poverty: 2027-13-02\n")
    problem = "'2027-13-02' looks like a date but is not one (put it in quotes if it is text)"
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "status"])
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr.endswith(f"2027.yaml, line 4: {problem}; fix the YAML there and try again.\n")
    r = CliRunner().invoke(app, ["--data-dir", str(demo_dir), "check"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert f"2027.yaml:4: error: {problem}\n" in r.stdout

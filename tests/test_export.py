"""`ntm export`: the tidy table, byte-exact CSV/JSON goldens, xlsx round trip, CLI errors."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode
from ntm_tracker.export import COLUMNS, build_export, plain
from ntm_tracker.report import build_status_report, row_to_dict
from ntm_tracker.store import Store
from ntm_tracker.yamlio import display
from tests.conftest import PLAN, ROOT

runner = CliRunner()
FIXTURE = ROOT / "tests" / "fixtures" / "export"
GOLDEN = ROOT / "tests" / "golden"
BOM = b"\xef\xbb\xbf"


def ntm(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(FIXTURE), *args])


def check_golden(name: str, data: bytes) -> None:
    """Byte-exact comparison; NTM_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("NTM_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs; rerun with NTM_UPDATE_GOLDEN=1 and review"


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline="")))


def test_fixture_plan_is_the_shipped_plan() -> None:
    assert (FIXTURE / "targets.yaml").read_bytes() == PLAN.read_bytes()


# -- the table ----------------------------------------------------------------------------


def test_one_row_per_indicator_and_year_in_plan_order() -> None:
    store = Store(FIXTURE)
    plan = store.load_plan()
    table = build_export(plan, store.load_actuals(plan), "en")
    assert table.columns[:11] == (
        "id", "number", "name", "unit", "year", "value", "estimate", "expected", "target",
        "status", "note",
    )  # fmt: skip
    assert [(r.id, r.year) for r in table.rows] == [
        (ind.id, y) for ind in plan.indicators for y in range(2025, 2031)
    ]


def test_figures_are_the_status_report_figures() -> None:
    """No second copy of the maths: every figure equals the status JSON of its year."""
    store = Store(FIXTURE)
    plan = store.load_plan()
    actuals = store.load_actuals(plan)
    rows = {(r.id, r.year): r for r in build_export(plan, actuals, "en").rows}
    for year in range(2025, 2031):
        for status_row in build_status_report(plan, actuals, year).rows:
            d = row_to_dict(status_row)
            row = rows[(d["id"], year)]
            assert row.value == plain(d["actual"])
            for name in ("expected", "target", "baseline", "gap", "progress"):
                if name == "expected" and d["kind"] == "cumulative" and d[name] is None:
                    continue  # the even share with a year missing: status.expected_total
                assert getattr(row, name) == plain(d[name]), (d["id"], year, name)
            assert row.cumulative == plain(d.get("cumulative"))
            assert row.status_code == d["status"]
            assert row.note == d["note"]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [(None, None), (True, True), (False, False), (80.0, 80), (81.00000000000001, 81),
     (0.1 + 0.2, 0.3), (2 / 3, 0.666666666667), (-2.5, -2.5), (0.0, 0)],
)  # fmt: skip
def test_plain_keeps_12_significant_digits(raw: float | None, shown: float | None) -> None:
    got = plain(raw)
    assert got == shown and type(got) is type(shown)


# -- CSV and JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_csv_golden(lang: str) -> None:
    r = ntm("export", "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert r.stdout_bytes.startswith(BOM)
    check_golden(f"export_{lang}.csv", r.stdout_bytes)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_json_golden(lang: str) -> None:
    r = ntm("export", "--format", "json", "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert not r.stdout_bytes.startswith(BOM)
    check_golden(f"export_{lang}.json", r.stdout_bytes)


def test_csv_cells() -> None:
    rows = {(r["id"], r["year"]): r for r in csv_rows(ntm("export", "-l", "vi").stdout_bytes)}
    assert list(next(iter(rows.values()))) == list(COLUMNS)
    income = rows[("income", "2027")]
    assert income["name"] == "Thu nhập bình quân đầu người trên địa bàn"
    assert (income["value"], income["estimate"], income["note"]) == (
        "87", "true", "Ước thực hiện đến 31/12",
    )  # fmt: skip
    assert income["status"] == "đúng tiến độ" and income["status_code"] == "on_track"
    # missing values are empty, never 0; the path is still known
    assert rows[("poverty", "2029")]["value"] == ""
    assert rows[("poverty", "2029")]["estimate"] == ""
    assert rows[("poverty", "2029")]["expected"] == "1.3"
    # a note with a comma and quotes survives the CSV quoting
    assert rows[("revenue", "2026")]["note"] == 'Theo báo cáo "quyết toán", đã kiểm tra'
    # cumulative: the year's value, the running total, the even share; a gap blocks the total
    assert [rows[("revenue", "2026")][k] for k in ("value", "cumulative", "expected")] == [
        "82", "82", "81",
    ]  # fmt: skip
    gap = rows[("revenue", "2028")]
    assert (gap["value"], gap["cumulative"], gap["expected"]) == ("90", "", "243")
    assert gap["status"] == "chưa có số liệu (2027)"
    assert rows[("revenue", "2025")]["expected"] == ""  # before the period
    assert rows[("revenue", "2025")]["status"] == "ngoài giai đoạn 2026-2030"
    # no baseline, a kept criterion missed, a negative value
    assert rows[("e_health", "2026")]["status_code"] == "no_baseline"
    assert rows[("health_station", "2026")]["value"] == "false"
    assert rows[("investment_growth", "2027")]["value"] == "-2.5"


def test_json_values() -> None:
    records = json.loads(ntm("export", "-f", "json").stdout)
    assert len(records) == 17 * 6 and list(records[0]) == list(COLUMNS)
    by = {(r["id"], r["year"]): r for r in records}
    assert by[("income", 2027)]["estimate"] is True
    assert by[("income", 2027)]["value"] == 87
    assert by[("poverty", 2029)]["value"] is None
    assert by[("poverty", 2029)]["estimate"] is None
    assert by[("health_insurance", 2027)]["value"] == 93.5
    assert by[("ntm_criteria", 2025)]["value"] is True
    assert by[("income", 2030)]["expected"] == 120


# -- xlsx ----------------------------------------------------------------------------------


def test_xlsx_round_trip(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "chi-tieu.xlsx"
    r = ntm("export", "--format", "xlsx", "--output", str(out), "--lang", "vi")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"Đã xuất số liệu ra tệp {display(out)}\n"
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header == list(COLUMNS)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 1 + 17 * 6
    rows = {(row[0], row[4]): row for row in sheet.iter_rows(min_row=2, values_only=True)}
    income = dict(zip(header, rows[("income", 2027)], strict=True))
    assert income["name"] == "Thu nhập bình quân đầu người trên địa bàn"
    assert income["value"] == 87 and isinstance(income["value"], int)
    assert income["estimate"] is True
    assert (
        isinstance(income["expected"], float) and income["expected"] == 86.8423010588
    )  # 70 x (120/70)^(2/5)
    missing = dict(zip(header, rows[("poverty", 2029)], strict=True))
    assert missing["value"] is None and missing["estimate"] is None
    widths = {c: sheet.column_dimensions[c].width for c in "ABCE"}
    assert widths["A"] == len("universal_education") + 2  # the longest id
    assert widths["C"] == 62  # the longest name is capped at 60 characters, then wraps
    assert 6 <= widths["E"] <= 8


def test_xlsx_needs_output() -> None:
    r = ntm("export", "--format", "xlsx")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stdout == ""
    assert r.stderr == (
        "Error: xlsx is a file format, not for the screen: add --output FILE, "
        "e.g. ntm export --format xlsx --output export.xlsx\n"
    )


def test_missing_openpyxl_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("openpyxl", "openpyxl.styles", "openpyxl.utils"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import openpyxl` fail
    out = tmp_path / "x.xlsx"
    r = ntm("export", "-f", "xlsx", "-o", str(out))
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stderr == (
        "Error: Writing xlsx needs the openpyxl package; "
        "install it with: pip install openpyxl (in a clone: pip install -e '.[xlsx]')\n"
    )
    assert not out.exists()


# -- writing files ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_output_file_has_the_screen_bytes(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    out.write_text("old content")
    r = ntm("export", "-f", fmt, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == f"Export written to {display(out)}\n"
    assert out.read_bytes() == ntm("export", "-f", fmt).stdout_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left


def test_output_in_a_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.csv"
    r = ntm("export", "-o", str(out))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        f"Error: The folder {display(out.parent)} does not exist; create it first.\n"
    )


def test_output_is_a_folder(tmp_path: Path) -> None:
    r = ntm("export", "-o", str(tmp_path))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == f"Error: {display(tmp_path)} is a folder; give a file name.\n"


def test_output_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder (simulated: tests may run as root, who may write anywhere)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("ntm_tracker.yamlio.atomic_write_bytes", refuse)
    out = tmp_path / "x.csv"
    r = ntm("export", "-o", str(out))
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        f"Error: Cannot write {display(out)}: Permission denied; choose another file or folder.\n"
    )
    assert r.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf"], "Error: Unknown format 'pdf'; choose one of: csv, json, xlsx.\n"),
        (["--lang", "fr"], "Error: --lang must be 'en' or 'vi', not 'fr'.\n"),
    ],
)
def test_usage_errors(args: list[str], message: str) -> None:
    r = ntm("export", *args)
    assert (r.exit_code, r.stderr, r.stdout) == (ExitCode.USAGE_ERROR, message, "")


def test_missing_data_folder(tmp_path: Path) -> None:
    r = runner.invoke(app, ["--data-dir", str(tmp_path / "none"), "export"])
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.startswith("Error: Data folder ") and r.stderr.count("\n") == 1


def test_empty_data_exports_every_row_with_empty_values(data_dir: Path) -> None:
    r = runner.invoke(app, ["--data-dir", str(data_dir), "export"])
    assert r.exit_code == 0, r.stderr
    rows = csv_rows(r.stdout_bytes)
    assert len(rows) == 17 * 6
    assert {row["value"] for row in rows} == {""}
    assert {row["status_code"] for row in rows} == {"no_data"}


def test_readme_csv_excerpt_is_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `ntm export`") :]
    excerpt = section[section.index("```text\n") + 8 :]
    excerpt = excerpt[: excerpt.index("```")]
    r = runner.invoke(app, ["--data-dir", str(ROOT / "examples" / "demo"), "export"])
    lines = r.stdout_bytes[len(BOM) :].decode("utf-8").split("\r\n")
    assert len(excerpt.splitlines()) == 6
    for line in excerpt.splitlines():
        assert line in lines, line


def test_json_text_puts_each_key_and_each_record_on_its_own_line() -> None:
    from ntm_tracker.render.data import json_text

    data = {"year": 2027, "counts": {"a": 1}, "rows": [{"id": "x", "v": None}, {"id": "ý"}]}
    assert json_text(data) == (
        "{\n"
        '  "year": 2027,\n'
        '  "counts": {"a": 1},\n'
        '  "rows": [\n'
        '    {"id": "x", "v": null},\n'
        '    {"id": "ý"}\n'
        "  ]\n"
        "}\n"
    )
    assert json_text([{"a": 1}, {"b": [1, 2]}]) == '[\n  {"a": 1},\n  {"b": [1, 2]}\n]\n'
    assert json_text({"rows": [], "n": [1, 2]}) == '{\n  "rows": [],\n  "n": [1, 2]\n}\n'
    assert json_text({}) == "{}\n"
    assert json.loads(json_text(data)) == data

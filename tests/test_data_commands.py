"""`ntm log` (the audit trail) and `ntm import` (bulk entry, all or nothing)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ntm_tracker.audit import change_log
from ntm_tracker.cli import app
from ntm_tracker.errors import ExitCode
from ntm_tracker.store import Store, find_indicator
from ntm_tracker.yamlio import display

runner = CliRunner()
T0 = datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture
def here(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(data_dir.parent)
    return data_dir


def ntm(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "actuals").glob("*.yaml"))}


def history_example(data: Path) -> None:
    """revenue 2026: 80 (estimate, by lan) replaced by 82 (by minh) a day later; income 70."""
    store = Store(data)
    plan = store.load_plan()
    revenue, income = find_indicator(plan, "revenue"), find_indicator(plan, "income")
    store.record(plan, revenue, 2026, 80.0, estimate=True, note="ước", now=T0, user="lan")
    store.record(plan, income, 2025, 70.0, now=T0 + timedelta(hours=1), user="lan")
    later = T0 + timedelta(days=1)
    store.record(plan, revenue, 2026, 82.5, note="quyết toán", force=True, now=later, user="minh")


# -- log -------------------------------------------------------------------------------


def test_log_table_is_chronological(here: Path) -> None:
    history_example(here)
    r = ntm("log")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "Time              User    Year    Indicator    Value    Previous    Note\n"
        "----------------  ------  ------  -----------  -------  ----------  ----------\n"
        "2026-01-15 09:30  lan     2026    revenue      80 (e)   -           ước\n"
        "2026-01-15 10:30  lan     2025    income       70       -\n"
        "2026-01-16 09:30  minh    2026    revenue      82.5     80 (e)      quyết toán\n"
    )


def test_log_filters_and_vietnamese(here: Path) -> None:
    history_example(here)
    r = ntm("log", "1", "--year", "2026", "--lang", "vi")
    assert r.stdout == (
        "Thời gian         Người ghi    Năm    Chỉ tiêu    Giá trị    Trước đó    Ghi chú\n"
        "----------------  -----------  -----  ----------  ---------  ----------  ----------\n"
        "2026-01-15 09:30  lan          2026   revenue     80 (ư)     -           ước\n"
        "2026-01-16 09:30  minh         2026   revenue     82,5       80 (ư)      quyết toán\n"
    )
    assert ntm("log", "income", "--year", "2026").stdout == "No values recorded yet.\n"
    assert ntm("log", "--lang", "vi", "--year", "2030").stdout == "Chưa có thay đổi nào.\n"


def test_log_json(here: Path) -> None:
    history_example(here)
    data = json.loads(ntm("log", "revenue", "--format", "json").stdout)
    assert data == [
        {"time": "2026-01-15T09:30:00+07:00", "user": "lan", "indicator": "revenue",
         "year": 2026, "action": "recorded", "value": 80.0, "estimate": True, "previous": None,
         "previous_estimate": None, "note": "ước", "current": False},
        {"time": "2026-01-16T09:30:00+07:00", "user": "minh", "indicator": "revenue",
         "year": 2026, "action": "replaced", "value": 82.5, "estimate": False, "previous": 80.0,
         "previous_estimate": True, "note": "quyết toán", "current": True},
    ]  # fmt: skip


def test_log_hand_typed_values_come_first(demo_dir: Path) -> None:
    store = Store(demo_dir)
    plan = store.load_plan()
    entries = change_log(plan, store.load_actuals(plan), "revenue")
    assert [(e.year, e.value, e.recorded_at, e.action) for e in entries] == [
        (2025, 75.0, None, "recorded"),
        (2026, 82.0, None, "recorded"),
        (2027, 70.0, None, "recorded"),
    ]


def test_log_errors(here: Path) -> None:
    r = ntm("log", "revenu")
    assert (r.exit_code, r.stderr) == (
        ExitCode.USAGE_ERROR,
        "Error: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm indicators` to "
        "list ids and numbers.\n",
    )
    r = ntm("log", "--year", "2040")
    assert r.exit_code == ExitCode.USAGE_ERROR
    r = ntm("log", "--format", "csv")
    assert r.stderr == "Error: Unknown format 'csv'; choose one of: table, json.\n"


def test_replacing_without_force_is_refused_and_says_the_current_value(here: Path) -> None:
    history_example(here)
    before = snapshot(here)
    r = ntm("record", "2026", "revenue", "90")
    assert (r.exit_code, r.stdout) == (ExitCode.CONFLICT, "")
    assert r.stderr == (
        "Error: revenue 2026 is already recorded as 82.5. Add --force to replace it; the old "
        "value is kept in the file's history.\n"
    )
    assert snapshot(here) == before


# -- import ----------------------------------------------------------------------------


def csv_file(tmp: Path, text: str, *, bom: bool = False, name: str = "in.csv") -> Path:
    """Write the CSV file in ``tmp``, the working folder, and return its relative path."""
    (tmp / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return Path(name)


def test_import_export_layout_with_semicolons_and_bom(here: Path, tmp_path: Path) -> None:
    f = csv_file(
        tmp_path,
        "id;number;indicator;year;value;estimate;note\r\n"
        "revenue;1;Tổng thu;2026;82,5;;Quyết toán\r\n"
        "health_insurance;6a;BHYT;2026;94,5;yes;BHXH huyện\r\n"
        "ntm_criteria;10;NTM;2026;có;;\r\n"
        "income;3;Thu nhập;2026;;;\r\n",
        bom=True,
    )
    r = ntm("import", str(f))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        f"Imported {f}: 3 recorded; 1 row without a value skipped.\n"
        "  revenue 2026 = 82.5\n"
        "  health_insurance 2026 = 94.5 (estimate)\n"
        "  ntm_criteria 2026 = yes\n"
    )
    doc = yaml.safe_load((here / "actuals" / "2026.yaml").read_text(encoding="utf-8"))
    assert doc["values"]["revenue"]["value"] == 82.5
    assert doc["values"]["revenue"]["note"] == "Quyết toán"
    assert doc["values"]["health_insurance"]["estimate"] is True
    assert doc["values"]["ntm_criteria"]["value"] is True


def test_import_minimal_layout_without_header(here: Path, tmp_path: Path) -> None:
    f = csv_file(tmp_path, '2025,income,70\n2026,income,"80,5",ghi chú,x\n2026,6a,94\n')
    r = ntm("import", str(f))
    assert r.stdout.splitlines()[0] == f"Imported {f}: 3 recorded."
    store = Store(here)
    actuals = store.load_actuals(store.load_plan())
    assert actuals.entry("income", 2026).value == 80.5  # type: ignore[union-attr]
    assert actuals.entry("income", 2026).estimate is True  # type: ignore[union-attr]
    assert actuals.entry("health_insurance", 2026).value == 94  # type: ignore[union-attr]


def test_import_dry_run_writes_nothing_and_force_replaces(here: Path, tmp_path: Path) -> None:
    history_example(here)
    before = snapshot(here)
    f = csv_file(tmp_path, "year,indicator,value\n2026,revenue,83\n2027,income,85\n")
    r = ntm("import", str(f))
    assert (r.exit_code, r.stdout) == (ExitCode.CONFLICT, "")
    assert r.stderr == (
        f"{f}:2: revenue 2026 is already recorded as 82.5.\n"
        "Error: 1 value is already recorded; add --force to replace it (the old values are "
        "kept in history). Nothing was written.\n"
    )
    r = ntm("import", str(f), "--dry-run", "--force")
    assert r.stdout == (
        f"Dry run of {f}, nothing written: 1 to record, 1 to replace.\n"
        "  revenue 2026 = 83 (was 82.5)\n"
        "  income 2027 = 85\n"
    )
    assert snapshot(here) == before
    r = ntm("import", str(f), "--force")
    assert r.stdout.startswith(f"Imported {f}: 1 recorded, 1 replaced.\n")
    assert [e.value for e in change_log(
        Store(here).load_plan(), Store(here).load_actuals(Store(here).load_plan()), "revenue"
    )] == [80.0, 82.5, 83.0]  # fmt: skip
    r = ntm("import", str(f), "--force")
    assert r.stdout == f"Imported {f}: 2 unchanged.\n"


def test_import_reports_every_bad_row_and_writes_nothing(here: Path, tmp_path: Path) -> None:
    history_example(here)
    before = snapshot(here)
    f = csv_file(
        tmp_path,
        "year,indicator,value,note,estimate\n"
        "2026,revenu,1\n"
        "2031,income,2\n"
        "twenty,income,2\n"
        "2026,schools,101\n"
        "2026,income,96,5\n"
        "2026,poverty,1.5,,maybe\n"
        "2026,ntm_criteria,perhaps\n"
        "2027,income,5\n"
        "2027,3,6\n"
        "2027,waste_collection,1,2,3,4\n"
        "2027,clean_water,97\n",
    )
    r = ntm("import", str(f))
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr.splitlines() == [
        f"{f}:2: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm indicators` to "
        "list ids and numbers.",
        f"{f}:3: Year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.",
        f"{f}:4: 'twenty' is not a year; write it like 2026.",
        f"{f}:5: 101 is out of range for 'schools': a value in % must be between 0 and 100.",
        f"{f}:6: '96,5' looks like a decimal comma split into two cells; quote it (\"96,5\") "
        "or separate the cells with ';'.",
        f"{f}:7: estimate 'maybe' is not yes or no; leave it empty for a final figure.",
        f"{f}:8: 'perhaps' is not yes or no; write yes/no (or có/không) (indicator "
        "'ntm_criteria').",
        f"{f}:10: income 2027 is also on line 9; keep one of the two rows.",
        f"{f}:11: the row has 6 cells but the file has 5 columns; a decimal comma in a "
        "comma-separated file must be quoted (\"96,5\"), or separate the cells with ';'.",
        f"Error: 9 bad rows in {f}; nothing was written. Fix the rows above and import again.",
    ]
    assert snapshot(here) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "{f} has no values to import."),
        (b"year,indicator,value\n", "{f} has no values to import."),
        (b"name,amount\nrevenue,3\n", "{f}:1: the first line must name the columns (id, year, "
         "value, estimate, note) or be a row year,indicator,value; found 'name,amount'."),
        (b"year;indicator;value\n2026;revenue;8\xff\n", "{f}, line 2: the file is not UTF-8 "
         "text; save it again as UTF-8."),
    ],
)  # fmt: skip
def test_import_file_errors(here: Path, tmp_path: Path, content: bytes, message: str) -> None:
    f = Path("in.csv")
    (tmp_path / f).write_bytes(content)
    r = ntm("import", str(f))
    assert (r.exit_code, r.stderr) == (ExitCode.DATA_ERROR, "Error: " + message.format(f=f) + "\n")
    assert snapshot(here) == {}


def test_import_missing_file_and_spreadsheet(here: Path, tmp_path: Path) -> None:
    r = ntm("import", "none.csv")
    assert (r.exit_code, r.stderr) == (ExitCode.DATA_ERROR, "Error: none.csv does not exist.\n")
    r = ntm("import", "figures.xlsx")
    assert (r.exit_code, r.stderr) == (
        ExitCode.USAGE_ERROR,
        "Error: figures.xlsx is a spreadsheet; save it as CSV UTF-8 first "
        "(File > Save As > CSV UTF-8).\n",
    )


def test_readme_import_example_is_real_output(here: Path, tmp_path: Path) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n$ ntm import figures.csv\n", 1)[1].split("```", 1)[0]
    f = csv_file(
        tmp_path,
        "year,indicator,value\n2026,revenu,1\n2026,income,80\n2026,poverty,2.1\n"
        "2026,schools,101\n2026,income,96,5\n2026,waste_collection,88\n2027,income,85\n"
        "2027,clean_water,97\n2027,clean_water,97\n",
        name="figures.csv",
    )
    r = ntm("import", str(f))
    assert (r.exit_code, r.stdout, r.stderr) == (ExitCode.DATA_ERROR, "", shown)


def test_shipped_import_example_matches_the_readme() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("`examples/import.csv`:\n\n```text\n", 1)[1].split("```", 1)[0]
    shipped = (ROOT / "examples" / "import.csv").read_bytes().decode("utf-8")
    assert shipped == shown.replace("\n", "\r\n")  # as Excel writes it


def test_export_then_import_round_trip(demo_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    """`ntm export` CSV (BOM, comma, raw numbers, every column) imports back value for value."""
    out = tmp_path / "export.csv"
    r = runner.invoke(app, ["--data-dir", str(demo_dir), "export", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    r = runner.invoke(app, ["--data-dir", str(data_dir), "import", str(out)])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(
        f"Imported {display(out)}: 49 recorded; 53 rows without a value skipped.\n"
    )
    status = ["status", "--format", "json"]
    mine = runner.invoke(app, ["--data-dir", str(data_dir), *status]).stdout
    assert mine == runner.invoke(app, ["--data-dir", str(demo_dir), *status]).stdout
    r = runner.invoke(app, ["--data-dir", str(demo_dir), "import", str(out)])
    assert r.stdout == f"Imported {display(out)}: 49 unchanged; 53 rows without a value skipped.\n"
    # the same file re-saved by Excel in Vietnamese: ';' and decimal commas
    text = out.read_bytes().decode("utf-8-sig")
    excel = tmp_path / "excel.csv"
    excel.write_text(text.replace(",", ";").replace("93.5", "93,5"), encoding="utf-8")
    r = runner.invoke(app, ["--data-dir", str(demo_dir), "import", str(excel)])
    assert r.stdout == (
        f"Imported {display(excel)}: 49 unchanged; 53 rows without a value skipped.\n"
    )

"""`ntm import`: many figures from a CSV file, all of them or none.

The layouts it reads (an export in either language, as Excel saves it again; the
minimal rows; the year's plan column), what it says, and every way a file can be wrong:
each bad row listed with its line and nothing written.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.domain import Book
from ntm_tracker.storage.store import Store
from tests.conftest import Invoke

FIX_ROWS = "Fix the rows above and import again."


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".ntm.lock"
    }


def write_csv(data: Path, text: str | bytes, name: str = "in.csv") -> Path:
    """The import file, next to the data folder (the working folder of `here`)."""
    path = data.parent / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def figures(data: Path, book: Book = Book.ACTUALS) -> dict[tuple[str, int], object]:
    """{(id, year): (value, estimate, note)} as the store loads the folder."""
    loaded = Store(data).load().data.book(book)
    return {
        (ind, year): (e.value, e.estimate, e.note)
        for year, yf in loaded.years.items()
        for ind, e in yf.values.items()
    }


def values(data: Path, book: Book = Book.ACTUALS) -> dict[tuple[str, int], object]:
    return {k: v[0] for k, v in figures(data, book).items()}  # type: ignore[index]


# -- layouts ----------------------------------------------------------------------------


def demo_counts(demo: Path) -> tuple[int, int]:
    """(figures in the demo, export rows without one): what an export of it imports."""
    data = Store(demo).load().data
    n = sum(len(yf.values) for b in Book for yf in data.book(b).years.values())
    filled = {
        (ind, year) for b in Book for year, yf in data.book(b).years.items() for ind in yf.values
    }
    rows = len(data.plan.indicators) * len(data.plan.term.years)  # 22 ids x 2025-2030
    return n, rows - len(filled)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_export_imports_back(
    demo_dir: Path, data_dir: Path, ntm: Invoke, tmp_path: Path, lang: str
) -> None:
    """Every figure and plan figure of the demo, through an export in either language,
    into an empty folder: the same status, figure for figure."""
    out = tmp_path / f"export-{lang}.csv"
    r = ntm("--data-dir", str(demo_dir), "export", "--output", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    n, skipped = demo_counts(demo_dir)
    r = ntm("--data-dir", str(data_dir), "import", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(
        f"Imported {out}: {n} recorded; {skipped} rows without a figure skipped.\n"
    )
    assert len(r.stdout.splitlines()) == 1 + n  # one line per figure
    assert figures(data_dir) == figures(demo_dir)
    assert figures(data_dir, Book.PLANS) == figures(demo_dir, Book.PLANS)
    status = ("status", "--format", "json", "--lang", "en")
    assert (
        ntm("--data-dir", str(data_dir), *status).stdout
        == ntm("--data-dir", str(demo_dir), *status).stdout
    )
    r = ntm("--data-dir", str(demo_dir), "import", str(out), "--lang", "en")
    assert r.stdout == (
        f"Imported {out}: {n} unchanged; {skipped} rows without a figure skipped.\n"
    )


def excel_saved(text: str) -> str:
    """The export as Excel in Vietnamese saves it: ';' between cells, decimal commas,
    no BOM kept, CRLF."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([c.replace(".", ",") if _is_number(c) else c for c in row])
    return out.getvalue()


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_export_saved_again_by_excel_imports_back(
    demo_dir: Path, ntm: Invoke, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "export.csv"
    assert ntm("--data-dir", str(demo_dir), "export", "-o", str(out), "--lang", lang).exit_code == 0
    excel = tmp_path / "excel.csv"
    excel.write_text(excel_saved(out.read_text(encoding="utf-8")), encoding="utf-8")
    assert ";93,5;" in excel.read_text(encoding="utf-8")  # health_insurance 2027, a comma
    n, skipped = demo_counts(demo_dir)
    before = snapshot(demo_dir)
    r = ntm("--data-dir", str(demo_dir), "import", str(excel), "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        f"Imported {excel}: {n} unchanged; {skipped} rows without a figure skipped.\n"
    )
    assert snapshot(demo_dir) == before


def test_minimal_rows_without_a_header(here: Path, ntm: Invoke) -> None:
    """year,indicator,value[,note,estimate]; a quoted decimal comma; an indicator number."""
    write_csv(here, '2025,income,70\n2026,income,"80,5",ghi chú,x\n2026,6a,94\n')
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Imported in.csv: 3 recorded.\n"
        "  income 2025 = 70 million VND\n"
        "  income 2026 = 80.5 million VND (estimate)\n"
        "  health_insurance 2026 = 94%\n"
    )
    assert figures(here) == {
        ("income", 2025): (70.0, False, None),
        ("income", 2026): (80.5, True, "ghi chú"),
        ("health_insurance", 2026): (94.0, False, None),
    }


HEADERS = [
    ("id,year,value", "income,2026,81"),
    ("Indicator id,Year,Value", "income,2026,81"),  # the English export's words
    ("Mã chỉ tiêu;Năm;Số liệu", "income;2026;81"),  # the Vietnamese export's words
    ("year;id;value;comment;note", "2026;income;81;ignored;"),  # another order, a column ignored
    ("\ufeffID , YEAR , VALUE ", "income,2026,81"),  # BOM, capitals and spaces
    ("id,year,value\r", "income,2026,81\r"),  # CRLF
]


@pytest.mark.parametrize(("header", "row"), HEADERS, ids=[h for h, _ in HEADERS])
def test_headers_that_name_the_columns(here: Path, ntm: Invoke, header: str, row: str) -> None:
    write_csv(here, f"{header}\n{row}\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == "Imported in.csv: 1 recorded.\n  income 2026 = 81 million VND\n"
    assert values(here) == {("income", 2026): 81.0}


@pytest.mark.parametrize("header", ["year,indicator,value", "indicator,year,value,note,estimate"])
def test_a_header_with_indicator_for_the_id(here: Path, ntm: Invoke, header: str) -> None:
    cells = {"year": "2026", "indicator": "income", "value": "81", "note": "", "estimate": ""}
    write_csv(here, header + "\n" + ",".join(cells[c] for c in header.split(",")) + "\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert values(here) == {("income", 2026): 81.0}


def test_an_export_header_with_names_and_ids(here: Path, ntm: Invoke) -> None:
    """With a column of ids, the "Indicator" column holds names: it is not read as ids."""
    write_csv(here, "Indicator id,No.,Indicator,Year,Value\nincome,3,Average income,2026,81\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert values(here) == {("income", 2026): 81.0}


def test_semicolons_and_decimal_commas(here: Path, ntm: Invoke) -> None:
    write_csv(
        here,
        "\ufeffid;year;value;estimate;note\r\n"
        "revenue;2026;82;;Quyết toán\r\n"
        "health_insurance;2026;94,5;có;BHXH huyện\r\n"
        "poverty;2026;1.234,5;;\r\n"
        "ntm_criteria;2026;không;;\r\n"
        "schools;2026;;;\r\n",
    )
    r = ntm("import", "in.csv", "--lang", "en")
    assert r.exit_code == ExitCode.DATA_ERROR  # 1.234,5 is no percentage
    assert r.stderr == (
        "in.csv, line 4: 1,234.5 is out of range for 'poverty': a percentage must lie between "
        "0 and 100.\n"
        f"Error: in.csv: 1 bad row; nothing was written. {FIX_ROWS}\n"
    )
    write_csv(here, (here.parent / "in.csv").read_text(encoding="utf-8").replace("1.234,5", "2,1"))
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Imported in.csv: 4 recorded; 1 row without a figure skipped.\n"
        "  revenue 2026 = 82 billion VND\n"
        "  health_insurance 2026 = 94.5% (estimate)\n"
        "  poverty 2026 = 2.1%\n"
        "  ntm_criteria 2026 = no\n"
    )
    assert figures(here) == {
        ("revenue", 2026): (82.0, False, "Quyết toán"),
        ("health_insurance", 2026): (94.5, True, "BHXH huyện"),
        ("poverty", 2026): (2.1, False, None),
        ("ntm_criteria", 2026): (False, False, None),
    }


def test_the_output_in_vietnamese(here: Path, ntm: Invoke) -> None:
    write_csv(
        here, 'id,year,value,estimate\nhealth_insurance,2026,"94,5",có\nntm_criteria,2026,có,\n'
    )
    r = ntm("import", "in.csv", "--lang", "vi")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Đã nhập in.csv: ghi mới 2.\n"
        "  health_insurance năm 2026 = 94,5% (ước thực hiện)\n"
        "  ntm_criteria năm 2026 = có\n"
    )


def test_plan_figures_from_the_annual_plan_column(here: Path, ntm: Invoke) -> None:
    write_csv(here, 'id,year,value,annual_plan\nincome,2027,,90\nrevenue,2027,70,"75,5"\n')
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Imported in.csv: 3 recorded.\n"
        "  income 2027 plan = 90 million VND\n"
        "  revenue 2027 = 70 billion VND\n"
        "  revenue 2027 plan = 75.5 billion VND\n"
    )
    assert values(here) == {("revenue", 2027): 70.0}
    assert values(here, Book.PLANS) == {("income", 2027): 90.0, ("revenue", 2027): 75.5}
    assert sorted(p.name for p in (here / "plans").iterdir()) == ["2027.yaml"]


def test_plan_figures_in_vietnamese_headers(here: Path, ntm: Invoke) -> None:
    write_csv(here, "Mã chỉ tiêu;Năm;Kế hoạch năm\nincome;2027;90\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert values(here, Book.PLANS) == {("income", 2027): 90.0}
    assert values(here) == {}


# -- --dry-run and --force --------------------------------------------------------------


def recorded(here: Path, ntm: Invoke) -> None:
    assert ntm("record", "2026", "revenue", "82").exit_code == 0
    assert ntm("record", "2026", "income", "80").exit_code == 0


def test_dry_run_writes_nothing(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    before = snapshot(here)
    write_csv(here, "id,year,value\nrevenue,2026,83\nincome,2027,85\nincome,2026,80\n")
    r = ntm("import", "in.csv", "--dry-run", "--force", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Dry run of in.csv (CSV in UTF-8, cells separated by commas), nothing written: 1 to "
        "replace, 1 to record, 1 unchanged.\n"
        "  revenue 2026 = 83 billion VND (It was 82 billion VND.)\n"
        "  income 2027 = 85 million VND\n"
    )
    assert snapshot(here) == before


def test_dry_run_without_force_shows_the_conflicts(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    before = snapshot(here)
    write_csv(here, "id,year,value\nrevenue,2026,83\nincome,2027,85\n")
    r = ntm("import", "in.csv", "-n", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.CONFLICT, "")
    assert r.stderr == (
        "Error: in.csv, line 2: revenue 2026 already has the figure 82. Add --force to replace "
        "(the old figure is kept in the year file's history).\n"
    )
    assert snapshot(here) == before


def test_dry_run_does_not_wait_for_the_lock(here: Path, ntm: Invoke) -> None:
    import filelock

    write_csv(here, "id,year,value\nrevenue,2026,83\n")
    with filelock.FileLock(str(here / ".ntm.lock")):
        r = ntm("import", "in.csv", "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")


def test_force_replaces_and_keeps_the_old_figures_in_the_history(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    write_csv(here, "id,year,value\nrevenue,2026,83\ninvestment_growth,2026,5\n")
    before = snapshot(here)
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.CONFLICT, "")
    assert snapshot(here) == before
    r = ntm("import", "in.csv", "--force", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Imported in.csv: 1 replaced, 1 recorded.\n"
        "  revenue 2026 = 83 billion VND (It was 82 billion VND.)\n"
        "  investment_growth 2026 = 5%\n"
    )
    assert values(here) == {
        ("revenue", 2026): 83.0,
        ("income", 2026): 80.0,
        ("investment_growth", 2026): 5.0,
    }
    r = ntm("log", "revenue", "--format", "json", "--lang", "en")
    assert [(e["action"], e["value"]) for e in json.loads(r.stdout)] == [
        ("recorded", 82.0),
        ("replaced", 83.0),
    ]
    r = ntm("import", "in.csv", "--force", "--lang", "en")
    assert r.stdout == "Imported in.csv: 2 unchanged.\n"


def test_force_replaces_one_figure_and_adds_one_after_the_others(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)  # revenue (1) and income (3), no history yet
    write_csv(here, "id,year,value\nrevenue,2026,83\nschools,2026,70\n")  # schools is (5)
    r = ntm("import", "in.csv", "--force", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert values(here) == {
        ("revenue", 2026): 83.0,
        ("income", 2026): 80.0,
        ("schools", 2026): 70.0,
    }


def test_several_conflicts_are_each_listed(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    before = snapshot(here)
    write_csv(here, "id,year,value\nrevenue,2026,83\nincome,2026,85\nschools,2026,70\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.CONFLICT, "")
    assert r.stderr == (
        "in.csv, line 2: revenue 2026 already has the figure 82.\n"
        "in.csv, line 3: income 2026 already has the figure 80.\n"
        "Error: 2 figures are already recorded; nothing was written. Add --force to replace "
        "(the old figure is kept in the year file's history).\n"
    )
    assert snapshot(here) == before
    r = ntm("import", "in.csv", "--lang", "vi")
    assert r.stderr == (
        "in.csv, dòng 2: revenue năm 2026 đã có số liệu thực hiện là 82.\n"
        "in.csv, dòng 3: income năm 2026 đã có số liệu thực hiện là 80.\n"
        "Lỗi: Có 2 số liệu đã được ghi trước đó; chưa ghi gì. Thêm --force để thay (số liệu "
        "cũ vẫn lưu trong mục history của tệp năm).\n"
    )


def test_force_replaces_two_figures_of_one_year(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    assert ntm("record", "2026", "income", "81", "--force").exit_code == 0  # a history now
    write_csv(here, "id,year,value\nrevenue,2026,83\nincome,2026,85\n")
    r = ntm("import", "in.csv", "--force", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert values(here) == {("revenue", 2026): 83.0, ("income", 2026): 85.0}
    r = ntm("log", "--format", "json", "--lang", "en")
    assert sorted((e["indicator"], e["value"]) for e in json.loads(r.stdout)) == [
        ("income", 80.0), ("income", 81.0), ("income", 85.0), ("revenue", 82.0), ("revenue", 83.0)
    ]  # fmt: skip


# -- bad files and bad rows -------------------------------------------------------------


def test_every_bad_row_is_listed_and_nothing_written(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)
    before = snapshot(here)
    write_csv(
        here,
        "id,year,value,note,estimate\n"
        "revenu,2026,1\n"  # 2
        "income,2031,2\n"  # 3
        "income,twenty,2\n"  # 4
        "schools,2026,101\n"  # 5
        "income,2026,96,5\n"  # 6: a decimal comma, unquoted
        "poverty,2026,1.5,,maybe\n"  # 7
        "ntm_criteria,2026,perhaps\n"  # 8
        "income,2027,5\n"  # 9
        "3,2027,6\n"  # 10: income by its number: the same figure twice
        "waste_collection,2027,1,2,3,4\n"  # 11
        "clean_water,2027,97\n"  # 12: good
        "revenue,2027,abc\n"  # 13
        "investment_growth,2027,-101\n"  # 14
        "revenue,2027,yes\n"  # 15
        "ntm_criteria,2027,1.5\n"  # 16
        "revenue,2027,1e999\n",  # 17
    )
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr.splitlines() == [
        "in.csv, line 2: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm "
        "indicators` to list ids and numbers.",
        "in.csv, line 3: The year 2031 is outside the term 2025-2030; give a year from 2025 "
        "to 2030.",
        "in.csv, line 4: 'twenty' is not a year; write it like 2026.",
        "in.csv, line 5: 101 is out of range for 'schools': a percentage must lie between 0 "
        "and 100.",
        "in.csv, line 6: '96,5' looks like a decimal comma split into two cells; quote it "
        "(\"96,5\") or separate the cells with ';'.",
        "in.csv, line 7: estimate 'maybe' is not yes or no; leave it empty for a final figure.",
        "in.csv, line 8: 'perhaps' is not yes or no (indicator 'ntm_criteria'); write yes/no "
        "(có/không).",
        "in.csv, line 10: income 2027 is also on line 9; keep one of the two rows.",
        "in.csv, line 11: the file has 5 columns (separated by ',') but this row has 6; a "
        'decimal comma in a comma-separated file must be quoted ("96,5"), and every row must '
        "use the same separator.",
        "in.csv, line 13: 'abc' is not a number (indicator 'revenue'); write it like 96,5 or 96.5.",
        "in.csv, line 14: -101 is out of range for 'investment_growth': a growth rate must lie "
        "between -100 and 1,000,000.",
        "in.csv, line 15: 'yes' is not a number (indicator 'revenue'); write it like 96,5 or 96.5.",
        "in.csv, line 16: '1.5' is not yes or no (indicator 'ntm_criteria'); write yes/no "
        "(có/không).",
        "in.csv, line 17: '1e999' is written with an exponent (indicator 'revenue'); write the "
        "figure out in full, like 80 rather than 8e1.",
        f"Error: in.csv: 14 bad rows; nothing was written. {FIX_ROWS}",
    ]
    assert snapshot(here) == before


def test_bad_rows_in_vietnamese(here: Path, ntm: Invoke) -> None:
    write_csv(here, "id,year,value\nrevenu,2026,1\nincome,2026,abc\n")
    r = ntm("import", "in.csv", "--lang", "vi")
    assert r.exit_code == ExitCode.DATA_ERROR
    assert r.stderr.splitlines() == [
        "in.csv, dòng 2: Không có chỉ tiêu 'revenu'. Có phải là 'revenue'? Chạy `ntm "
        "indicators` để xem mã và số thứ tự các chỉ tiêu.",
        "in.csv, dòng 3: 'abc' không phải là số (chỉ tiêu 'income'); viết như 96,5 hoặc 96.5.",
        "Lỗi: in.csv: 2 dòng có lỗi; chưa ghi gì. Hãy sửa các dòng trên rồi nhập lại.",
    ]


@pytest.mark.parametrize(
    ("text", "line", "cells"),
    [
        ("id;year;value\nincome;2026;80\nincome,2027,81\n", 3, 1),  # a ',' row in a ';' file
        ("id;year;value\nincome;2026;80\n2027,income,81\n", 3, 1),
        ("id,year,value\nincome,2026,80\nincome;2027;81\n", 3, 1),  # a ';' row in a ',' file
    ],
)
def test_a_row_with_the_other_separator_is_an_error(
    here: Path, ntm: Invoke, text: str, line: int, cells: int
) -> None:
    """Not a row silently skipped: the whole import stops and names the row."""
    write_csv(here, text)
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    sep = ";" if text.startswith("id;") else ","
    assert r.stderr == (
        f"in.csv, line {line}: the file has 3 columns (separated by '{sep}') but this row "
        f"has {cells}; a decimal comma in a comma-separated file must be quoted "
        '("96,5"), and every row must use the same separator.\n'
        f"Error: in.csv: 1 bad row; nothing was written. {FIX_ROWS}\n"
    )
    assert list((here / "actuals").iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "id,year,value\nincome,2027,80\nincome,2027,81\n",
        "id,year,value\nincome,2027,80\n3,2027,81\n",  # the same indicator by its number
        "id,year,annual_plan\nincome,2027,80\nincome,2027,81\n",
    ],
)
def test_the_same_figure_twice(here: Path, ntm: Invoke, text: str) -> None:
    write_csv(here, text)
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "in.csv, line 3: income 2027 is also on line 2; keep one of the two rows.\n"
        f"Error: in.csv: 1 bad row; nothing was written. {FIX_ROWS}\n"
    )


def test_a_figure_and_its_plan_figure_are_not_duplicates(here: Path, ntm: Invoke) -> None:
    write_csv(here, "id,year,value,annual_plan\nincome,2027,80,\nincome,2027,,85\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert values(here) == {("income", 2027): 80.0}
    assert values(here, Book.PLANS) == {("income", 2027): 85.0}


@pytest.mark.parametrize(
    "content",
    [b"", b"\xef\xbb\xbf", b"\n\n\r\n", b"id,year,value\n", b"id,year,value\nincome,2027,\n"],
    ids=["empty", "bom only", "blank lines", "header only", "rows without a figure"],
)
def test_a_file_with_nothing_to_import(here: Path, ntm: Invoke, content: bytes) -> None:
    write_csv(here, content)
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == "Error: in.csv: the file has no figures to import.\n"
    assert list((here / "actuals").iterdir()) == []


@pytest.mark.parametrize("name", ["figures.xls", "figures.XLS", "figures.ods"])
def test_an_older_spreadsheet_given_instead(here: Path, ntm: Invoke, name: str) -> None:
    write_csv(here, b"PK\x03\x04 not a CSV", name)
    r = ntm("import", name, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == (
        f"Error: {name}: this is an older Excel file (.xls) or an OpenDocument sheet; save it "
        "as an Excel Workbook (.xlsx) or as CSV UTF-8 (File > Save As) and import that.\n"
    )
    r = ntm("import", name, "--lang", "vi")
    assert r.stderr == (
        f"Lỗi: {name}: đây là tệp Excel đời cũ (.xls) hoặc bảng tính OpenDocument; hãy lưu "
        "thành Excel Workbook (.xlsx) hoặc CSV UTF-8 (Tệp > Lưu thành) rồi nhập tệp đó.\n"
    )


def test_an_xls_saved_under_a_csv_name(here: Path, ntm: Invoke) -> None:
    write_csv(here, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))  # Excel 97-2003
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr.startswith("Error: in.csv: this is an older Excel file (.xls)")


@pytest.mark.parametrize("name", ["in.csv", "in.xlsx"])
def test_a_damaged_workbook(here: Path, ntm: Invoke, name: str) -> None:
    write_csv(here, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe", name)
    r = ntm("import", name, "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        f"Error: {name}: the file cannot be read as an Excel workbook (.xlsx); open it in Excel "
        "and save it again as an Excel Workbook or as CSV UTF-8.\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'id,year,value\nincome,2026,"8\n', "in.csv, line 2: the CSV cannot be read here; "
         "check the quotes on this row."),
        (b"name,amount\nrevenue,3\n", "in.csv, line 1: the first line must name the columns "
         "(id or indicator, year, value, and if wanted estimate, note, annual_plan) or be a "
         "row year,indicator,value; found 'name,amount'."),
        (b"id;year;value\nincome;2026;8\x81\n", "in.csv: the text of the file is in an "
         "encoding ntm does not know (it reads UTF-8, UTF-16 and Windows-1258); save it from "
         "Excel as CSV UTF-8."),
        (b"\xef\xbb\xbfid;year;value\nincome;2026;8\xff\n", "in.csv, line 2: the file is not "
         "UTF-8 text; save it again as UTF-8. Fix the file and try again."),
        (b"\xff\xfei\x00d\x00;", "in.csv: the text of the file is in an encoding ntm does not "
         "know (it reads UTF-8, UTF-16 and Windows-1258); save it from Excel as CSV UTF-8."),
    ],
    ids=["open quote", "no header", "no known encoding", "a BOM, then not utf-8", "odd utf-16"],
)  # fmt: skip
def test_a_file_that_cannot_be_read(here: Path, ntm: Invoke, content: bytes, message: str) -> None:
    write_csv(here, content)
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout, r.stderr) == (ExitCode.DATA_ERROR, "", f"Error: {message}\n")
    assert list((here / "actuals").iterdir()) == []


def test_a_missing_file(here: Path, ntm: Invoke) -> None:
    r = ntm("import", "none.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (
        ExitCode.DATA_ERROR,
        "Error: none.csv: the file does not exist.\n",
    )


def test_an_import_is_refused_while_a_year_file_is_broken(here: Path, ntm: Invoke) -> None:
    (here / "actuals" / "2025.yaml").write_text("year: 2025\nvalues:\n  income: lots\n")
    write_csv(here, "id,year,value\nincome,2026,80\n")
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "Error: data/actuals/2025.yaml, line 3: 'lots' is not a number (indicator 'income'); "
        "write it like 96,5 or 96.5. Fix the file and try again.\n"
    )
    assert sorted(p.name for p in (here / "actuals").iterdir()) == ["2025.yaml"]


def test_the_shipped_example_imports(here: Path, ntm: Invoke) -> None:
    from tests.conftest import ROOT

    r = ntm("import", str(ROOT / "examples" / "import.csv"), "--dry-run", "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0].endswith(
        "nothing written: 4 to record; 1 row without a figure skipped."
    )


# -- figures that look wrong: said, and written all the same (as `ntm check` says them) ----


def test_import_warns_about_what_check_would_warn_about(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)  # income 2026 = 80
    # 2027: 900 is 11.25 times 80; revenue 2027 = 1234.5 lies outside the plan's 1-405 and
    # is 15.05 times 82;
    # 2028 is compared with the 2027 figure of the same file (900 -> 950: no warning)
    write_csv(here, 'id,year,value\nincome,2027,900\nrevenue,2027,"1.234,5"\nincome,2028,950\n')
    for dry_run in (["--dry-run"], []):
        r = ntm("import", "in.csv", *dry_run, "--lang", "en")
        assert r.exit_code == ExitCode.OK, r.stderr
        assert r.stderr == (
            "Warning: indicator 'income' went from 80 in 2026 to 900, 11.3 times as much (more "
            "than checks.max_jump_factor 3); check the figure.\n"
            "Warning: indicator 'revenue': 1,234.5 lies outside the plausible range 1-405 set "
            "in the plan; check the figure.\n"
            "Warning: indicator 'revenue' went from 82 in 2026 to 1,234.5, 15.1 times as much "
            "(more than checks.max_jump_factor 3); check the figure.\n"
        )
    assert Store(here).load().data.book(Book.ACTUALS).entry("income", 2027) is not None


def test_record_warns_after_writing_and_not_when_it_writes_nothing(here: Path, ntm: Invoke) -> None:
    recorded(here, ntm)  # income 2026 = 80
    r = ntm("record", "2027", "income", "900", "--lang", "en")
    assert r.exit_code == ExitCode.OK
    assert r.stdout.startswith("Recorded (3) income 2027 = 900 million VND.")
    assert r.stderr == (
        "Warning: indicator 'income' went from 80 in 2026 to 900, 11.3 times as much (more "
        "than checks.max_jump_factor 3); check the figure.\n"
    )
    r = ntm("record", "2027", "income", "1000", "--lang", "en")  # refused: no warning
    assert r.exit_code == ExitCode.CONFLICT
    assert "Warning" not in r.stderr


def test_a_vietnamese_header_with_ids_numbers_or_names(here: Path, ntm: Invoke) -> None:
    # a sheet typed by a clerk: "Chỉ tiêu" holds a number, an id or the full name
    write_csv(
        here,
        "\ufeffNăm;Chỉ tiêu;Số liệu;Ghi chú\r\n2026;7b;91;\r\n2026;poverty;2,1;\r\n"
        "2026;Tỷ lệ gia đình văn hóa;90,5;từ báo cáo\r\n".encode(),
    )
    r = ntm("import", "in.csv", "--dry-run", "--lang", "vi")
    assert (r.exit_code, r.stderr) == (ExitCode.OK, "")
    assert r.stdout == (
        "Chạy thử in.csv (CSV mã UTF-8 có BOM, các ô ngăn cách bằng dấu chấm phẩy), chưa ghi "
        "gì: sẽ ghi mới 3.\n"
        "  cultural_villages năm 2026 = 91%\n"
        "  poverty năm 2026 = 2,1%\n"
        "  cultural_families năm 2026 = 90,5%\n"
    )


def test_beside_a_column_of_ids_the_names_are_not_read(here: Path, ntm: Invoke) -> None:
    # an export: "Mã chỉ tiêu" holds the ids, "Chỉ tiêu" the (here shortened) names
    write_csv(here, "Mã chỉ tiêu;Chỉ tiêu;Năm;Số liệu\nschools;Tỷ lệ trường;2026;70\n")
    r = ntm("import", "in.csv", "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (ExitCode.OK, "")
    assert r.stdout.splitlines()[1:] == ["  schools 2026 = 70%"]


# -- files as Excel saves them on a Vietnamese Windows ------------------------------------

# The tone marks Windows-1258 keeps apart from their letter (it has no "ậ", only "â" and a
# combining dot below): what Excel's "CSV (Comma delimited)" writes on a Vietnamese Windows.
TONES = "\u0300\u0301\u0303\u0309\u0323"
SHEET = [
    ["Năm", "Chỉ tiêu", "Số liệu", "Ghi chú"],
    ["2026", "income", "80,5", "Ước thực hiện đến 31/12"],
    ["2026", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "2,1", ""],
    ["2026", "6a", "94,5", "Báo cáo BHXH huyện"],
]
SHEET_FIGURES = {
    ("income", 2026): (80.5, False, "Ước thực hiện đến 31/12"),
    ("poverty", 2026): (2.1, False, None),
    ("health_insurance", 2026): (94.5, False, "Báo cáo BHXH huyện"),
}
SHEET_LINES = (
    "  income 2026 = 80.5 million VND\n  poverty 2026 = 2.1%\n  health_insurance 2026 = 94.5%\n"
)


def cp1258(text: str) -> bytes:
    """``text`` in Windows-1258 as Windows writes it: each letter the code page lacks
    as its base letter (â, ơ, ư... are in it) followed by its tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def test_windows_1258_keeps_the_tone_mark_apart() -> None:
    assert cp1258("Việt") == b"Vi\xea\xf2t"  # ê, then the combining dot below
    assert cp1258("Năm") == b"N\xe3m"  # ă is a letter of the code page


def rows_text(rows: list[list[str]], sep: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


EXCEL_CSV = [
    # "CSV (Comma delimited)" on a Vietnamese Windows: the ANSI code page, ';' (the list
    # separator where the decimal mark is a comma)
    ("cp1258", lambda: cp1258(rows_text(SHEET, ";")), "Windows-1258 (Excel's CSV on a "
     "Vietnamese Windows), cells separated by semicolons"),
    # "Unicode Text": UTF-16 little-endian with its byte-order mark, tabs
    ("utf-16", lambda: codecs.BOM_UTF16_LE + rows_text(SHEET, "\t").encode("utf-16-le"),
     "UTF-16 (Excel's Unicode Text), cells separated by tabs"),
    ("utf-16 big-endian", lambda: codecs.BOM_UTF16_BE + rows_text(SHEET, "\t").encode("utf-16-be"),
     "UTF-16 (Excel's Unicode Text), cells separated by tabs"),
    # "CSV UTF-8 (Comma delimited)": a byte-order mark
    ("utf-8 with a bom", lambda: codecs.BOM_UTF8 + rows_text(SHEET, ";").encode(),
     "UTF-8 with a byte-order mark, cells separated by semicolons"),
    ("utf-8, commas", lambda: rows_text(SHEET, ",").encode(),
     "UTF-8, cells separated by commas"),
    ("utf-8, tabs", lambda: rows_text(SHEET, "\t").encode(), "UTF-8, cells separated by tabs"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "read_as"), [c[1:] for c in EXCEL_CSV], ids=[c[0] for c in EXCEL_CSV]
)
def test_a_csv_as_excel_saves_it(
    here: Path, ntm: Invoke, content: Callable[[], bytes], read_as: str
) -> None:
    """The encoding and the separator are found from the file, named in --dry-run, and
    the figures, names and notes read as typed (a cp1258 tone mark composed again)."""
    write_csv(here, content())
    r = ntm("import", "in.csv", "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == f"Dry run of in.csv (CSV in {read_as}), nothing written: 3 to record.\n" + (
        SHEET_LINES
    )
    r = ntm("import", "in.csv", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == "Imported in.csv: 3 recorded.\n" + SHEET_LINES
    assert figures(here) == SHEET_FIGURES


def test_what_was_detected_is_named_in_vietnamese(here: Path, ntm: Invoke) -> None:
    write_csv(here, cp1258(rows_text(SHEET, ";")))
    r = ntm("import", "in.csv", "--dry-run", "--lang", "vi")
    assert r.stdout.splitlines()[0] == (
        "Chạy thử in.csv (CSV mã Windows-1258 (CSV của Excel trên Windows tiếng Việt), các ô "
        "ngăn cách bằng dấu chấm phẩy), chưa ghi gì: sẽ ghi mới 3."
    )
    write_csv(here, codecs.BOM_UTF16_LE + rows_text(SHEET, "\t").encode("utf-16-le"))
    r = ntm("import", "in.csv", "--dry-run", "--lang", "vi")
    assert r.stdout.splitlines()[0] == (
        "Chạy thử in.csv (CSV mã UTF-16 (Unicode Text của Excel), các ô ngăn cách bằng dấu "
        "tab), chưa ghi gì: sẽ ghi mới 3."
    )


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def figures_sheet() -> list[list[object]]:
    """The sheet as a clerk types it in Excel: a title row, numbers as numbers, a share
    typed as 94,5% (Excel keeps 0.945 and shows it as a percentage), yes as TRUE."""
    return [
        ["SỐ LIỆU THỰC HIỆN NĂM 2026"],
        [],
        ["Năm", "Chỉ tiêu", "Số liệu", "Ghi chú", "Ước tính"],
        [2026, "income", 80.5, "Ước thực hiện đến 31/12", True],
        [2026, "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", 2.1],
        [2026, "6a", 0.945, "Báo cáo BHXH huyện", None, None, None],  # formatted empty cells
        [2026, "10", True],
        [2026, "revenue", 2.125],  # a figure with three places, not twelve thousand
    ]


def test_an_excel_workbook_imports(here: Path, ntm: Invoke) -> None:
    path = workbook(here.parent / "so-lieu.xlsx", {"Số liệu": figures_sheet(), "Nháp": [["x"]]})
    from openpyxl import load_workbook

    book = load_workbook(path)
    book["Số liệu"]["C6"].number_format = "0.0%"
    book.save(path)
    r = ntm("import", "so-lieu.xlsx", "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Dry run of so-lieu.xlsx (Excel workbook, sheet 'Số liệu'), nothing written: 5 to "
        "record.\n"
        "  income 2026 = 80.5 million VND (estimate)\n"
        "  poverty 2026 = 2.1%\n"
        "  health_insurance 2026 = 94.5%\n"
        "  ntm_criteria 2026 = yes\n"
        "  revenue 2026 = 2.125 billion VND\n"
    )
    r = ntm("import", "so-lieu.xlsx", "--lang", "vi")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith("Đã nhập so-lieu.xlsx: ghi mới 5.\n")
    assert figures(here) == {
        ("income", 2026): (80.5, True, "Ước thực hiện đến 31/12"),
        ("poverty", 2026): (2.1, False, None),
        ("health_insurance", 2026): (94.5, False, "Báo cáo BHXH huyện"),
        ("ntm_criteria", 2026): (True, False, None),
        ("revenue", 2026): (2.125, False, None),
    }


def test_another_sheet_by_its_name(here: Path, ntm: Invoke) -> None:
    workbook(
        here.parent / "so-lieu.xlsx",
        {"2025": [["year", "id", "value"], [2025, "income", 70]],
         "Năm 2026": [["year", "id", "value"], [2026, "income", 80]]},
    )  # fmt: skip
    r = ntm("import", "so-lieu.xlsx", "--sheet", " năm 2026 ", "--dry-run", "--lang", "en")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Dry run of so-lieu.xlsx (Excel workbook, sheet 'Năm 2026'), nothing written: 1 to "
        "record.\n  income 2026 = 80 million VND\n"
    )
    r = ntm("import", "so-lieu.xlsx", "--sheet", "2024", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.USAGE_ERROR, "")
    assert r.stderr == (
        "Error: so-lieu.xlsx: there is no sheet '2024' in this workbook; its sheets are '2025', "
        "'Năm 2026'.\n"
    )


def test_bad_rows_of_a_workbook_name_the_sheet_s_rows(here: Path, ntm: Invoke) -> None:
    workbook(here.parent / "s.xlsx", {"S": [["Số liệu năm"], ["year", "id", "value"],
                                           [2026, "revenu", 1], [2031, "income", 2]]})  # fmt: skip
    r = ntm("import", "s.xlsx", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr == (
        "s.xlsx, line 3: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm "
        "indicators` to list ids and numbers.\n"
        "s.xlsx, line 4: The year 2031 is outside the term 2025-2030; give a year from 2025 to "
        "2030.\n"
        "Error: s.xlsx: 2 bad rows; nothing was written. Fix the rows above and import again.\n"
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_xlsx_export_imports_back(
    demo_dir: Path, data_dir: Path, ntm: Invoke, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"export-{lang}.xlsx"
    r = ntm("--data-dir", str(demo_dir), "export", "--output", str(out), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    r = ntm("--data-dir", str(data_dir), "import", str(out), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    assert figures(data_dir) == figures(demo_dir)
    assert figures(data_dir, Book.PLANS) == figures(demo_dir, Book.PLANS)


def test_a_workbook_without_openpyxl(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook(here.parent / "s.xlsx", {"S": [["year", "id", "value"], [2026, "income", 80]]})
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails
    r = ntm("import", "s.xlsx", "--lang", "en")
    assert (r.exit_code, r.stdout) == (ExitCode.MISSING_EXTRA, "")
    assert r.stderr == (
        "Error: This needs the openpyxl package, which is not installed; install it with: "
        f'{sys.executable} -m pip install "ntm-tracker[xlsx]"\n'
    )
    assert list((here / "actuals").iterdir()) == []


# -- '-': the file on stdin -----------------------------------------------------------------


def test_a_csv_from_stdin(here: Path, ntm: Invoke) -> None:
    r = ntm("import", "-", "--lang", "en", input=cp1258(rows_text(SHEET, ";")))
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == "Imported standard input: 3 recorded.\n" + SHEET_LINES
    assert figures(here) == SHEET_FIGURES


def test_a_workbook_from_stdin(here: Path, ntm: Invoke, tmp_path: Path) -> None:
    path = workbook(tmp_path / "s.xlsx", {"S": [["year", "id", "value"], [2026, "income", 80]]})
    r = ntm("import", "-", "--dry-run", "--lang", "vi", input=path.read_bytes())
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        "Chạy thử dữ liệu từ đầu vào chuẩn (bảng tính Excel, trang 'S'), chưa ghi gì: sẽ ghi "
        "mới 1.\n  income năm 2026 = 80 triệu đồng\n"
    )


def test_bad_rows_from_stdin(here: Path, ntm: Invoke) -> None:
    r = ntm("import", "-", "--lang", "en", input="year,id,value\n2026,revenu,1\n")
    assert (r.exit_code, r.stdout) == (ExitCode.DATA_ERROR, "")
    assert r.stderr.splitlines() == [
        "standard input, line 2: Unknown indicator 'revenu'. Did you mean 'revenue'? Run `ntm "
        "indicators` to list ids and numbers.",
        "Error: standard input: 1 bad row; nothing was written. Fix the rows above and import "
        "again.",
    ]


def test_stdin_that_is_a_terminal_is_not_waited_for(
    here: Path, ntm: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ntm import -` typed alone would wait for a file that never comes."""
    import typer

    class Keyboard(io.BytesIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(typer, "get_binary_stream", lambda name: Keyboard())
    for lang, message in (
        ("en", "Error: 'ntm import -' reads the figures from a pipe (ntm import - < so-lieu.csv); "
               "give the file's name instead.\n"),
        ("vi", "Lỗi: 'ntm import -' đọc số liệu từ đường ống (ntm import - < so-lieu.csv); hãy "
               "ghi tên tệp thay cho dấu -.\n"),
    ):  # fmt: skip
        r = ntm("import", "-", "--lang", lang)
        assert (r.exit_code, r.stdout, r.stderr) == (ExitCode.USAGE_ERROR, "", message)

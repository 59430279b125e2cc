"""`ntm history` (table, JSON, CSV), `ntm chart` (text and PNG) and `ntm export` (CSV, JSON,
xlsx): exact output, hand-computed marks, golden files, and the missing-package exits.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.render.export import COLUMNS
from tests.conftest import DEMO, PLAN, Invoke
from tests.golden import check_golden


def run(ntm: Invoke, *args: str, folder: Path = DEMO) -> str:
    """The command's output as text (the test runner turns CRLF into LF: see ``raw``)."""
    r = ntm("--data-dir", str(folder), *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stderr == ""
    return str(r.stdout)


def raw(ntm: Invoke, *args: str, folder: Path = DEMO) -> bytes:
    """The command's output as the bytes written."""
    r = ntm("--data-dir", str(folder), *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    return bytes(r.stdout_bytes)


def without(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    """Make ``import package`` fail, as on a machine without it."""
    real = builtins.__import__

    def fake(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == package or name.startswith(package + "."):
            raise ImportError(f"No module named '{package}'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def rows_of(csv_text: str) -> list[list[str]]:
    assert csv_text.startswith("\ufeff")  # a BOM: Excel opens UTF-8 as UTF-8
    return list(csv.reader(io.StringIO(csv_text[1:])))


def folder_with(root: Path, actuals: dict[int, dict[str, str]]) -> Path:
    folder = root / "data"
    (folder / "actuals").mkdir(parents=True)
    (folder / "plans").mkdir()
    (folder / "targets.yaml").write_text(PLAN.read_text("utf-8"), "utf-8")
    for year, values in actuals.items():
        body = "".join(f"  {k}: {v}\n" for k, v in values.items())
        (folder / "actuals" / f"{year}.yaml").write_text(f"year: {year}\nvalues:\n{body}", "utf-8")
    return folder


# -- history -------------------------------------------------------------------------------


def test_history_table_in_english(ntm: Invoke) -> None:
    # path 70 × (120/70)^(k/5): 77.97, 86.84, 96.73, 107.74, 120
    assert run(ntm, "history", "income", "--lang", "en") == (
        "(3) Average income per person in the commune [million VND]: target 120 million VND "
        "(by 2030)\n"
        "\n"
        "Year               Figure    Plan    Path  Status    Note\n"
        "---------------  --------  ------  ------  --------  ------\n"
        "2025 (baseline)        70       -    70.0  baseline\n"
        "2026                   80      78    78.0  on track\n"
        "2027                   87      86    86.8  on track\n"
        "2028                    -       -    96.7  no data\n"
        "2029                    -       -   107.7  no data\n"
        "2030                    -       -   120.0  no data\n"
        "\n"
        "If the 2025-2027 trend continues, it would be about 113.0 million VND in 2030, short of "
        "the target.\n"
    )


def test_history_table_of_a_total_in_vietnamese(ntm: Invoke) -> None:
    out = run(ntm, "history", "revenue", "--lang", "vi").splitlines()
    assert out[0] == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn [tỷ đồng]: mục tiêu 405 tỷ đồng "
        "(tổng 2026-2030)"
    )
    assert out[2].split() == [
        "Năm",
        "Số",
        "liệu",
        "Kế",
        "hoạch",
        "Lũy",
        "kế",
        "Lộ",
        "trình",
        "Đánh",
        "giá",
        "Ghi",
        "chú",
    ]
    # the running total 82, 82 + 70 = 152; the even share 405 × k / 5 = 81, 162, 243, 324, 405
    assert [line.split()[:5] for line in out[5:8]] == [
        ["2026", "82", "80", "82", "81,0"],
        ["2027", "70", "78", "152", "162,0"],
        ["2028", "-", "-", "-", "243,0"],
    ]
    assert out[8].endswith("chưa có số liệu (2028, 2029)")  # no total without 2028
    assert out[-1] == (
        "Nếu giữ xu hướng 2026-2027, tổng giai đoạn 2026-2030 đạt khoảng 290,0 tỷ đồng, chưa "
        "đạt mục tiêu."
    )


def test_history_of_an_estimate_a_yes_no_target_and_no_baseline(ntm: Invoke) -> None:
    vi = run(ntm, "history", "health_insurance", "--lang", "vi").splitlines()
    assert vi[6].split() == [
        "2027", "93,5", "(ước)", "94", "93,8", "chưa", "đạt", "tiến", "độ", "Ước", "thực",
        "hiện", "đến", "31/12",
    ]  # fmt: skip
    en = run(ntm, "history", "S6", "--lang", "en").splitlines()
    assert en[0] == "(S6) Civil-defence exercise held [yes/no]: target kept (every year)"
    assert [line.split()[:2] for line in en[4:7]] == [
        ["2025", "(baseline)"],
        ["2026", "yes"],
        ["2027", "no"],
    ]
    assert en[6].split()[-2:] == ["not", "met"]
    e_health = run(ntm, "history", "6b", "--lang", "en").splitlines()
    assert e_health[5].split() == ["2026", "40", "-", "-", "no", "baseline", "(2025)"]
    assert e_health[-2] == (
        "No baseline: nothing is recorded for 2025, so no path can be drawn; record it with "
        "`ntm record 2025 e_health VALUE`."
    )


def test_history_json_has_raw_keys_in_every_language(ntm: Invoke) -> None:
    en = json.loads(run(ntm, "history", "income", "--format", "json", "--lang", "en"))
    vi = json.loads(run(ntm, "history", "income", "--format", "json", "--lang", "vi"))
    assert en == vi
    assert list(en) == [
        "id", "number", "kind", "comparator", "target", "target_year", "baseline_year",
        "baseline_missing", "years", "forecast",
    ]  # fmt: skip
    assert [y["year"] for y in en["years"]] == [2025, 2026, 2027, 2028, 2029, 2030]
    y2027 = en["years"][2]
    assert (y2027["value"], y2027["annual_plan"], y2027["status"]) == (87.0, 86.0, "on_track")
    assert y2027["expected"] == pytest.approx(70 * (120 / 70) ** 0.4)  # 86.84
    assert y2027["progress"] == pytest.approx(17 / (70 * (120 / 70) ** 0.4 - 70))
    assert en["forecast"]["projected"] == pytest.approx(113.0)


def test_history_csv(ntm: Invoke) -> None:
    data = raw(ntm, "history", "revenue", "--format", "csv", "--lang", "en")
    assert data.count(b"\r\n") == 7 and b"\n" not in data.replace(b"\r\n", b"")  # CRLF lines
    rows = rows_of(data.decode("utf-8"))
    assert rows[0] == [
        "Year", "Value", "Estimate", "Year's plan", "Expected on the path", "Gap",
        "Running total", "Average so far", "Progress R", "Status", "Reason", "Note",
    ]  # fmt: skip
    # 2027: C = 152 against e = 162, gap -10, R = 152 / 162 = 0.938271604938
    assert rows[3] == [
        "2027",
        "70",
        "false",
        "78",
        "162",
        "-10",
        "152",
        "",
        "0.938271604938",
        "needs_acceleration",
        "",
        "",
    ]
    vi = rows_of(run(ntm, "history", "revenue", "--format", "csv", "--lang", "vi"))
    assert vi[0][:4] == ["Năm", "Số liệu", "Ước tính", "Kế hoạch năm"]
    assert vi[1:] == rows[1:]  # only the header is in the language


def test_history_csv_of_the_baseline_year_has_no_noise(ntm: Invoke) -> None:
    rows = rows_of(run(ntm, "history", "income", "--format", "csv"))
    # 2025 is the baseline: on the path, gap 0 (not -2.84217094304e-14)
    assert rows[1][:6] == ["2025", "70", "false", "", "70", "0"]
    export = rows_of(run(ntm, "export", "--lang", "en"))
    income = next(r for r in export if r[0] == "income" and r[4] == "2025")
    assert (income[11], income[18]) == ("70", "0")  # expected, gap


def test_history_errors(ntm: Invoke) -> None:
    r = ntm("--data-dir", str(DEMO), "history", "incom", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr.startswith("Error: Unknown indicator 'incom'. Did you mean 'income'?")
    r = ntm("--data-dir", str(DEMO), "history", "income", "--format", "xml", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == "Error: Unknown format 'xml'; choose one of: 'table', 'json', 'csv'.\n"


# -- chart ---------------------------------------------------------------------------------


def test_income_chart_by_hand(ntm: Invoke) -> None:
    lines = run(ntm, "chart", "income", "--lang", "en").splitlines()
    assert lines[:2] == [
        "(3) Average income per person in the commune (million VND)",
        "Target 2030: 120 million VND. Path: from the 2025 figure to the target, the same rate "
        "of change each year.",
    ]
    # scale 0..120 over 40 columns: 87 → round(29.0) = 29 blocks; the path 86.84 → column
    # round(28.95) = 29; the target 120 → column 40
    row = lines[6]
    assert row.startswith("2027      87   86.8  ")
    bars = row[len("2027      87   86.8  ") :]
    assert bars.startswith("█" * 29 + "│" + " " * 10 + "┆")
    assert bars.endswith("┆  on track")
    assert lines[-2] == "█ actual   │ path   ┆ target: 120 million VND"
    assert lines[-1] == (
        "If the 2025-2027 trend continues, it would be about 113.0 million VND in 2030, short of "
        "the target."
    )


def test_chart_marks_an_estimate_with_a_lighter_bar(ntm: Invoke) -> None:
    lines = run(ntm, "chart", "6a", "--lang", "vi").splitlines()
    row = next(line for line in lines if line.startswith("2027"))
    assert "93,5 (ước)" in row and "▒" in row and "█" not in row
    assert "▒ có số ước (ước)" in lines[-2]


@pytest.mark.parametrize(
    ("indicator", "lang"),
    [
        ("income", "en"),
        ("revenue", "vi"),
        ("investment_growth", "en"),
        ("civil_defence", "en"),
        ("land_certificates", "vi"),
    ],
)
def test_golden_chart(ntm: Invoke, indicator: str, lang: str) -> None:
    out = run(ntm, "chart", indicator, "--lang", lang)
    assert all(line == line.rstrip() for line in out.splitlines())  # no trailing blanks
    check_golden(f"chart_{indicator}_{lang}.txt", out)


def test_total_chart_subtitle_reads_well(ntm: Invoke) -> None:
    assert "2026-2030 405" not in run(ntm, "chart", "revenue", "--lang", "vi")


def test_chart_with_nothing_recorded(ntm: Invoke, data_dir: Path) -> None:
    lines = run(ntm, "chart", "income", "--lang", "en", folder=data_dir).splitlines()
    assert (
        lines[1] == "Target 2030: 120 million VND. No 2025 figure is recorded, so there is no path."
    )
    assert lines[-1] == "No trend yet: it takes figures for at least two years."


def test_png(ntm: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "thu-nhap.png"
    r = ntm("--data-dir", str(DEMO), "chart", "income", "--png", str(out), "--lang", "vi")
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == f"Đã ghi tệp {out}\n"
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 500)  # 9 × 5 inches at 100 dpi


@pytest.mark.parametrize("indicator", ["revenue", "investment_growth", "poverty", "S2", "11a"])
def test_png_of_every_kind(ntm: Invoke, tmp_path: Path, indicator: str) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / f"{indicator}.png"
    run(ntm, "chart", indicator, "--png", str(out), "--lang", "en")
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_png_without_matplotlib(
    ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without(monkeypatch, "matplotlib")
    out = tmp_path / "chart.png"
    r = ntm("--data-dir", str(DEMO), "chart", "income", "--png", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stdout == ""
    assert r.stderr == (
        "Error: This needs the matplotlib package, which is not installed; install it with: "
        f'{sys.executable} -m pip install "ntm-tracker[charts]"\n'
    )
    assert not out.exists()
    # the text chart needs nothing
    assert run(ntm, "chart", "income", "--lang", "en").startswith("(3) ")


def test_png_needs_a_png_name(ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "chart.pdf"
    r = ntm("--data-dir", str(DEMO), "chart", "income", "--png", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert "format is png" in r.stderr and not out.exists()


# -- export --------------------------------------------------------------------------------


def test_export_csv_with_bom_crlf_and_english_headers(ntm: Invoke) -> None:
    data = raw(ntm, "export", "--lang", "en")
    assert data.startswith("\ufeffIndicator id,No.,Indicator,Unit,Year,Value,Estimate,".encode())
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    rows = rows_of(data.decode("utf-8"))
    assert len(rows) == 1 + 24 * 6  # a row per indicator and year of the term
    assert rows[0] == [
        "Indicator id", "No.", "Indicator", "Unit", "Year", "Value", "Estimate", "Year's plan",
        "% of the year's plan", "Previous year", "Change from the previous year",
        "Expected on the path", "Target", "Status", "Note", "Baseline", "Running total",
        "Average so far", "Gap", "Progress R", "Status code",
    ]  # fmt: skip
    hi = next(
        r
        for r in rows
        if r[:5]
        == [
            "health_insurance",
            "6a",
            "Share of the population covered by health insurance",
            "%",
            "2027",
        ]
    )
    # 93.5 - 93.8 = -0.3 from the path; R = 1.5 / 1.8 = 0.833333333333 (12 digits)
    assert hi[5:] == [
        "93.5",
        "true",
        "94",
        "",
        "93",
        "0.5",
        "93.8",
        "96.5",
        "behind schedule",
        "Ước thực hiện đến 31/12",
        "92",
        "",
        "",
        "-0.3",
        "0.833333333333",
        "needs_acceleration",
    ]
    revenue = next(r for r in rows if r[0] == "revenue" and r[4] == "2027")
    assert revenue[7:9] == ["78", "89.7435897436"]  # 70 / 78 × 100, 12 significant digits
    assert [r[0] for r in rows[1:7]] == ["revenue"] * 6  # plan order, then year
    assert [r[4] for r in rows[1:7]] == ["2025", "2026", "2027", "2028", "2029", "2030"]


def test_export_csv_headers_in_vietnamese(ntm: Invoke) -> None:
    rows = rows_of(run(ntm, "export", "--lang", "vi"))
    assert rows[0][:8] == [
        "Mã chỉ tiêu", "TT", "Chỉ tiêu", "ĐVT", "Năm", "Số liệu", "Ước tính", "Kế hoạch năm",
    ]  # fmt: skip
    assert rows[0][10] == "Tăng, giảm so với năm trước"  # quoted: it holds a comma
    en = rows_of(run(ntm, "export", "--lang", "en"))
    numbers = [5, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19]
    assert [[r[i] for i in numbers] for r in rows[1:]] == [[r[i] for i in numbers] for r in en[1:]]


def test_export_json_keeps_raw_keys(ntm: Invoke) -> None:
    en = json.loads(run(ntm, "export", "--format", "json", "--lang", "en"))
    vi = json.loads(run(ntm, "export", "--format", "json", "--lang", "vi"))
    assert len(en) == 144
    assert [list(r) for r in en] == [list(COLUMNS)] * 144 == [list(r) for r in vi]
    revenue = next(r for r in en if r["id"] == "revenue" and r["year"] == 2027)
    assert revenue["value"] == 70 and revenue["cumulative"] == 152 and revenue["expected"] == 162
    assert revenue["progress"] == pytest.approx(152 / 162)
    assert revenue["status_code"] == "needs_acceleration"
    assert revenue["status"] == "behind schedule"
    assert next(r for r in vi if r["id"] == "revenue" and r["year"] == 2027)["status"] == (
        "chưa đạt tiến độ"
    )
    kept = next(r for r in en if r["id"] == "ntm_criteria" and r["year"] == 2027)
    assert kept["value"] is True and kept["target"] is True


def test_export_xlsx(ntm: Invoke, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "chi-tieu.xlsx"
    r = ntm("--data-dir", str(DEMO), "export", "--output", str(out), "--lang", "en")
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == f"Written: {out}\n"
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Figures"
    assert [c.value for c in sheet[1]] == rows_of(run(ntm, "export", "--lang", "en"))[0]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U145"
    assert sheet.max_row == 145
    row = [c.value for c in sheet[4]]  # revenue 2027
    assert row[:8] == [
        "revenue",
        "1",
        "Total state budget revenue collected in the commune",
        "billion VND",
        2027,
        70,
        False,
        78,
    ]
    assert row[8] == pytest.approx(89.7435897436)  # a number, not text


def test_export_xlsx_needs_an_output_file(ntm: Invoke) -> None:
    r = ntm("--data-dir", str(DEMO), "export", "--format", "xlsx", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stdout == ""
    assert r.stderr == "Error: xlsx is a file format, not for the screen: add --output FILE.xlsx.\n"


def test_export_xlsx_without_openpyxl(
    ntm: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without(monkeypatch, "openpyxl")
    out = tmp_path / "chi-tieu.xlsx"
    r = ntm("--data-dir", str(DEMO), "export", "--output", str(out), "--lang", "vi")
    assert r.exit_code == ExitCode.MISSING_EXTRA
    assert r.stderr == (
        "Lỗi: Chức năng này cần gói openpyxl (chưa được cài đặt); hãy cài bằng lệnh: "
        f'{sys.executable} -m pip install "ntm-tracker[xlsx]"\n'
    )
    assert not out.exists()


@pytest.mark.parametrize(("fmt", "ext"), [("csv", "csv"), ("json", "json")])
def test_export_file_has_the_screen_bytes(ntm: Invoke, tmp_path: Path, fmt: str, ext: str) -> None:
    out = tmp_path / f"chi-tieu.{ext}"
    run(ntm, "export", "--output", str(out), "--lang", "en")
    assert out.read_bytes() == raw(ntm, "export", "--format", fmt, "--lang", "en")


def test_export_of_an_empty_folder(ntm: Invoke, data_dir: Path) -> None:
    rows = rows_of(run(ntm, "export", "--lang", "en", folder=data_dir))
    assert len(rows) == 145
    assert {r[5] for r in rows[1:]} == {""}  # no value anywhere
    assert {r[20] for r in rows[1:]} <= {"no_data"}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_golden_export_csv(ntm: Invoke, lang: str) -> None:
    check_golden(f"export_{lang}.csv", raw(ntm, "export", "--lang", lang))


def test_golden_export_json(ntm: Invoke) -> None:
    check_golden("export_en.json", raw(ntm, "export", "--format", "json", "--lang", "en"))


def test_golden_history(ntm: Invoke) -> None:
    check_golden("history_revenue_vi.txt", run(ntm, "history", "revenue", "--lang", "vi"))


# -- ntm status: the table and the CSV a clerk opens in Excel --------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_status_table(ntm: Invoke, lang: str) -> None:
    check_golden(f"status_2027_{lang}.txt", raw(ntm, "status", "2027", "--lang", lang))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_status_csv(ntm: Invoke, lang: str) -> None:
    check_golden(
        f"status_2027_{lang}.csv", raw(ntm, "status", "2027", "--format", "csv", "--lang", lang)
    )


def test_status_csv_puts_codes_in_words(ntm: Invoke) -> None:
    rows = list(csv.reader(io.StringIO(raw(ntm, "status", "2027", "--format", "csv").decode())))
    header, revenue = rows[0], rows[1]
    cell = dict(zip(header, revenue, strict=True))
    assert (cell["Lĩnh vực"], cell["Loại"], cell["So sánh"], cell["Đánh giá"]) == (
        "kinh tế",
        "tổng cả giai đoạn",
        "từ mức mục tiêu trở lên",
        "chưa đạt tiến độ",
    )
    assert (cell["Thực hiện"], cell["Ước tính"], cell["Kế hoạch năm"]) == ("70", "không", "78")

"""`ntm summary`, `ntm history`, `ntm explain`, `ntm status --forecast`: goldens, exact output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm_tracker.cli import app
from ntm_tracker.status import Status
from ntm_tracker.store import Store
from tests.conftest import PLAN, ROOT

runner = CliRunner()
FIXTURE = ROOT / "tests" / "fixtures" / "reports"
GOLDEN = ROOT / "tests" / "golden"


def ntm(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--data-dir", str(data), *args])


def check_golden(name: str, text: str) -> None:
    """Byte-exact comparison; NTM_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("NTM_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs; run `make golden` and review the diff"


def test_fixture_plan_is_the_shipped_plan() -> None:
    assert Store(FIXTURE).load_plan() == Store(PLAN.parent).load_plan()


# -- summary --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "fmt", "name"),
    [
        ("en", "text", "summary_2026_en.txt"),
        ("vi", "text", "summary_2026_vi.txt"),
        ("en", "markdown", "summary_2026_en.md"),
        ("vi", "markdown", "summary_2026_vi.md"),
    ],
)
def test_summary_golden(lang: str, fmt: str, name: str) -> None:
    r = ntm(FIXTURE, "summary", "2026", "--lang", lang, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    check_golden(name, r.stdout)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("year", ["2025", "2026", "2027"])
def test_summary_text_fits_an_a4_page(lang: str, year: str) -> None:
    out = ntm(FIXTURE, "summary", year, "--lang", lang).stdout
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "\x1b" not in out  # no colour


def lines_of(data: Path, *args: str) -> list[str]:
    """The summary's lines with wrapped sentences joined again."""
    r = ntm(data, "summary", *args)
    assert r.exit_code == 0, r.stderr
    joined: list[str] = []
    for line in r.stdout.splitlines():
        if line.startswith("    ") and joined:
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return joined


def test_summary_sentence_of_the_issue(demo_dir: Path) -> None:
    vi = lines_of(demo_dir, "2026", "--lang", "vi")
    assert (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2026 đạt 80 triệu đồng, bằng 66,7% "
        "chỉ tiêu năm 2030; cao hơn lộ trình 2,0 triệu đồng - đúng tiến độ."
    ) in vi
    en = lines_of(demo_dir, "2026", "--lang", "en")
    assert (
        "(3) Average income per person in the commune in 2026: 80 million VND, 66.7% of the "
        "2030 target; 2.0 million VND above the path - on track."
    ) in en


def test_summary_cumulative_and_below_comparator(demo_dir: Path) -> None:
    vi = lines_of(demo_dir, "2027", "--lang", "vi")
    assert (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2027 đạt 70 tỷ đồng, lũy kế 2026-2027 "
        "đạt 152 tỷ đồng, bằng 37,5% chỉ tiêu 405 tỷ đồng của cả giai đoạn; thấp hơn lộ trình "
        "10,0 tỷ đồng - cần đẩy nhanh."
    ) in vi
    assert (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2027 là 2,3%, cao hơn mục tiêu năm 2030 "
        "(dưới 1,00%) 1,30 điểm; cao hơn lộ trình 0,40 điểm - tiến độ chậm."
    ) in vi
    en = lines_of(demo_dir, "2027", "--lang", "en")
    assert (
        "(4) Share of households in multidimensional poverty in 2027: 2.3%, 1.30 points above "
        "the 2030 target (below 1.00%); 0.40 points above the path - limited progress."
    ) in en


def test_summary_estimates_missing_values_and_baseline_in_both_languages() -> None:
    vi = lines_of(FIXTURE, "2026", "--lang", "vi")
    en = lines_of(FIXTURE, "2026", "--lang", "en")
    # an estimate
    assert (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2026 đạt 76 triệu đồng (ước thực hiện), "
        "bằng 63,3% chỉ tiêu năm 2030; thấp hơn lộ trình 0,2 triệu đồng - đúng tiến độ."
    ) in vi
    assert (
        "(3) Average income per person in the commune in 2026: 76 million VND (estimate), 63.3% "
        "of the 2030 target; 0.2 million VND below the path - on track."
    ) in en
    assert "Số liệu có ghi (ước thực hiện) là số liệu tạm tính." in vi
    assert "Figures marked (estimate) are provisional." in en
    # a missing value
    assert "(8) Tỷ lệ dân số được sử dụng nước sạch: chưa có số liệu năm 2026." in vi
    assert "(8) Share of the population using clean water: no value recorded for 2026." in en
    assert "  - cần nhập số liệu: ntm record 2026 clean_water VALUE" in vi
    assert "  - record the value: ntm record 2026 clean_water VALUE" in en
    # a missing baseline, with too few points for a forecast
    assert (
        "(6b) Tỷ lệ người dân có hồ sơ sức khỏe điện tử năm 2026 đạt 45%, bằng 56,2% chỉ tiêu năm "
        "2030; chưa có số liệu gốc năm 2025 nên chưa đánh giá được tiến độ - thiếu số liệu gốc "
        "(2025)."
    ) in vi
    assert (
        "(6b) Share of residents with an electronic health record in 2026: 45%, 56.2% of the 2030 "
        "target; no 2025 baseline, so progress cannot be judged - no baseline (2025)."
    ) in en
    assert "  - Dự báo: chưa đủ số liệu (mới có số liệu 1 năm, cần ít nhất 2 năm)." in vi
    assert "  - Forecast: too few points (1 year recorded; at least 2 are needed)." in en


def test_summary_missing_cumulative_year_and_outside_period() -> None:
    en = lines_of(FIXTURE, "2027", "--lang", "en")
    assert (
        "(1) Total state budget revenue collected in the commune: no value recorded for 2027." in en
    )
    vi = lines_of(FIXTURE, "2025", "--lang", "vi")
    assert (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn: năm 2025 nằm ngoài giai đoạn 2026-2030, "
        "chưa tính."
    ) in vi


def test_summary_output_file(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = ntm(demo_dir, "summary", "2027", "--lang", "vi", "--output", "bao-cao.txt")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == "Đã ghi báo cáo vào bao-cao.txt\n"
    written = (tmp_path / "bao-cao.txt").read_bytes().decode("utf-8")
    assert written == ntm(demo_dir, "summary", "2027", "--lang", "vi").stdout
    r = ntm(demo_dir, "summary", "2027", "-o", "report.md", "-f", "markdown")
    assert r.stdout == "Summary written to report.md\n"
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# RESULTS OF")


def test_summary_errors(demo_dir: Path, tmp_path: Path) -> None:
    r = ntm(demo_dir, "summary", "2027", "--format", "pdf")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == "Error: Unknown format 'pdf'; choose one of: text, markdown.\n"
    r = ntm(demo_dir, "summary", "2031")
    assert r.exit_code == 2
    assert (
        r.stderr
        == "Error: Year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.\n"
    )
    r = ntm(demo_dir, "summary", "2027", "--output", str(tmp_path / "no" / "such.txt"))
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: The folder ") and r.stderr.endswith(
        "no does not exist; create it first.\n"
    )
    r = ntm(demo_dir, "summary", "2027", "--output", str(tmp_path))
    assert r.exit_code == 2 and r.stderr.endswith(" is a folder; give a file name.\n")
    r = ntm(demo_dir, "summary", "2027", "--lang", "fr")
    assert r.exit_code == 2 and r.stderr == "Error: --lang must be 'en' or 'vi', not 'fr'.\n"


def test_summary_markdown_table_is_a_pipe_table(demo_dir: Path) -> None:
    out = ntm(demo_dir, "summary", "2027", "--format", "markdown").stdout
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert table[0] == (
        "| No. | Indicator | Actual 2027 | Expected 2027 | Target | % of target | Status |"
    )
    assert table[1] == "|---:|---|---:|---:|---:|---:|---|"
    assert (
        "| 1 | Total state budget revenue collected in the commune [billion VND] | 70 Σ 152 |"
        in out
    )
    assert all(line.count(" | ") == 6 for line in table if not line.startswith("|-"))


# -- history --------------------------------------------------------------------------

HISTORY_INCOME = """\
(3) Average income per person in the commune [million VND]: target ≥ 120 (2030)

Year               Value  Estimate      Expected    Gap to path  Status              Note
---------------  -------  ----------  ----------  -------------  ------------------  ----------
2025 (baseline)       68                    68.0            0.0  limited progress
2026                  76  yes               76.2           -0.2  on track            Ước cả năm
2027                  83                    85.3           -2.3  needs acceleration
2028                   -                    95.6              -  no data
2029                   -                   107.1              -  no data
2030                   -                   120.0              -  no data

Forecast (least squares line through 3 recorded years, 2025-2027): 105.7 million VND in 2030; the \
target would not be reached.
"""


def test_history_table() -> None:
    r = ntm(FIXTURE, "history", "income")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == HISTORY_INCOME


def test_history_shows_missing_baseline_in_vietnamese() -> None:
    r = ntm(FIXTURE, "history", "6b", "--lang", "vi")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "(6b) Tỷ lệ người dân có hồ sơ sức khỏe điện tử [%]: mục tiêu ≥ 80 (2030)"
    assert lines[4].split() == ["2025", "(gốc)", "-", "-", "-", "chưa", "có", "số", "liệu"]
    assert lines[-2] == (
        "Thiếu số liệu gốc: chưa có số liệu năm 2025 nên chưa xác định được lộ trình; "
        "nhập bằng `ntm record 2025 e_health VALUE`."
    )
    assert lines[-1] == ("Dự báo: chưa đủ số liệu (mới có số liệu 1 năm, cần ít nhất 2 năm).")


def test_history_cumulative_has_a_total_column() -> None:
    out = ntm(FIXTURE, "history", "revenue").stdout.splitlines()
    assert out[2].split()[:5] == ["Year", "Value", "Estimate", "Total", "Expected"]
    assert out[5].split()[:6] == ["2026", "85", "yes", "85", "81.0", "+4.0"]


def test_history_json_and_csv() -> None:
    data = json.loads(ntm(FIXTURE, "history", "3", "--format", "json").stdout)
    assert data["id"] == "income" and data["baseline_missing"] is False
    assert [y["year"] for y in data["years"]] == [2025, 2026, 2027, 2028, 2029, 2030]
    y2026 = data["years"][1]
    assert y2026["value"] == 76 and y2026["estimate"] is True and y2026["status"] == "on_track"
    assert y2026["note"] == "Ước cả năm"
    assert data["forecast"]["method"] == "least_squares" and data["forecast"]["points"] == 3
    # mean 227 / 3 at 2026, slope ((-1)(68 - 227/3) + (1)(83 - 227/3)) / 2 = 7,5
    assert data["forecast"]["projected"] == pytest.approx(227 / 3 + 7.5 * 4)
    csv_lines = ntm(FIXTURE, "history", "e_health", "--format", "csv").stdout.splitlines()
    header = "year,value,estimate,expected,gap,cumulative,progress,status,reason,note"
    assert csv_lines[0] == "\ufeff" + header  # a BOM, so Excel reads UTF-8
    assert csv_lines[1] == "2025,,false,,,,,no_data,no_value,"
    assert csv_lines[2] == "2026,45,false,,,,,no_baseline,no_baseline,"


def test_history_errors() -> None:
    r = ntm(FIXTURE, "history", "incme")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (
        "Error: Unknown indicator 'incme'. Did you mean 'income'? "
        "Run `ntm indicators` to list ids and numbers.\n"
    )
    r = ntm(FIXTURE, "history", "income", "--format", "xml")
    assert r.exit_code == 2
    assert r.stderr == "Error: Unknown format 'xml'; choose one of: table, json, csv.\n"


# -- explain --------------------------------------------------------------------------

EXPLAIN_INCOME = """\
(3) Average income per person in the commune [million VND], 2027

Kind: level, compound path from the 2025 baseline; target at least 120 million VND in 2030.
Baseline b (2025) = 70
Actual a (2027) = 87
Target T (2030) = 120
Expected on the path: e = b × (T / b) ^ ((y - y0) / (yT - y0)) = \
70 × (120 / 70) ^ ((2027 - 2025) / (2030 - 2025)) = 86.8
Gap to the path: a - e = 87 - 86.8 = +0.2
Target met? a ≥ T: 87 ≥ 120: no.
Progress R = (a - b) / (e - b) = (87 - 70) / (86.8 - 70) = 1.01
Bands: on track R ≥ 0.95; needs acceleration 0.60 ≤ R < 0.95; limited progress 0 ≤ R < 0.60; \
deteriorating R < 0.
Status: on track (R = 1.01 lies in R ≥ 0.95).
Pace needed: needs to rise by 11.0 million VND a year to reach the 2030 target \
(at least 120 million VND), i.e. +11.3% a year.
Forecast (least squares line through 3 recorded years, 2025-2027): 113.0 million VND in 2030; \
the target would not be reached.
"""

EXPLAIN_REVENUE_VI = """\
(1) Tổng thu ngân sách nhà nước trên địa bàn [tỷ đồng], năm 2027

Loại: lũy kế giai đoạn 2026-2030; mục tiêu tổng từ 405 tỷ đồng trở lên.
Thực hiện a (2027) = 70
Số liệu 2026-2027: C = 82 + 70 = 152
Lộ trình đến năm 2027: e = T × k / n = 405 × 2 / 5 = 162,0
Chênh lệch so với lộ trình: C - e = 152 - 162,0 = -10,0
Đạt mục tiêu? C ≥ T: 152 ≥ 405: không.
Tiến độ R = C / e = 152 / 162,0 = 0,94
Ngưỡng: đúng tiến độ R ≥ 0,95; cần đẩy nhanh 0,60 ≤ R < 0,95; tiến độ chậm 0 ≤ R < 0,60; \
đi xuống R < 0.
Đánh giá: cần đẩy nhanh (R = 0,94 nằm trong khoảng 0,60 ≤ R < 0,95).
Tiến độ còn lại: cần bình quân 84,3 tỷ đồng mỗi năm trong 3 năm còn lại để đạt 405 tỷ đồng \
của giai đoạn 2026-2030.
Dự báo (đường thẳng bình phương tối thiểu qua 2 năm có số liệu, 2026-2027): tổng giai đoạn \
2026-2030 đạt 290,0 tỷ đồng; sẽ không đạt chỉ tiêu.
"""


def test_explain_level_compound(demo_dir: Path) -> None:
    r = ntm(demo_dir, "explain", "income")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == EXPLAIN_INCOME


def test_explain_cumulative_in_vietnamese(demo_dir: Path) -> None:
    r = ntm(demo_dir, "explain", "1", "--year", "2027", "--lang", "vi")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == EXPLAIN_REVENUE_VI


def test_explain_linear_below_annual_maintained_no_baseline(demo_dir: Path) -> None:
    poverty = ntm(demo_dir, "explain", "poverty").stdout.splitlines()
    assert poverty[6] == (
        "Expected on the path: e = b + (T - b) × (y - y0) / (yT - y0) = "
        "2.5 + (1.00 - 2.5) × (2027 - 2025) / (2030 - 2025) = 1.90"
    )
    assert "Target met? a < T: 2.3 < 1.00: no." in poverty
    assert "Status: limited progress (R = 0.33 lies in 0 ≤ R < 0.60)." in poverty
    annual = ntm(demo_dir, "explain", "11a").stdout.splitlines()[2:]
    assert annual == [
        "Kind: every year; target above 90% in each year.",
        "Actual a (2027) = 90",
        "Target met? a > T: 90 > 90: no.",
        "Status: missed (the target is not met).",
        "Pace needed: the coming years must be above 90%.",
    ]
    kept = ntm(demo_dir, "explain", "ntm_criteria", "--lang", "vi").stdout.splitlines()[2:]
    assert kept == [
        "Loại: duy trì hằng năm; yêu cầu: có.",
        "Thực hiện a (2027) = có",
        "Đánh giá: đạt (đã đạt mục tiêu).",
    ]
    e_health = ntm(demo_dir, "explain", "6b").stdout.splitlines()
    assert "Baseline b (2025): not recorded." in e_health
    assert "Status: no baseline (the 2025 value is needed to draw the path)." in e_health
    estimate = ntm(demo_dir, "explain", "6a").stdout.splitlines()
    assert "Actual a (2027) = 93.5 (estimate)" in estimate


def test_explain_numbers_equal_status_json(demo_dir: Path) -> None:
    from ntm_tracker.i18n import Formatter

    fmt = Formatter("en")
    plan = Store(demo_dir).load_plan()
    for year in ("2026", "2027"):
        rows = json.loads(ntm(demo_dir, "status", "--year", year, "--format", "json").stdout)
        for item in rows["indicators"]:
            ind = plan.by_id()[item["id"]]
            out = ntm(demo_dir, "explain", item["id"], "--year", year).stdout.splitlines()
            by_start = {line.split(" ")[0]: line for line in out[2:]}
            if item["expected"] is not None and ind.kind.value != "annual":
                line = by_start.get("Expected", "")
                assert line.endswith(f"= {fmt.computed(ind, item['expected'])}"), (item["id"], out)
            if item["gap"] is not None and ind.kind.value != "annual":
                gap = f"= {fmt.signed(ind, item['gap'])}"
                assert by_start["Gap"].endswith(gap), (item["id"], out)
            if item["progress"] is not None:
                assert by_start["Progress"].endswith(f"= {item['progress']:.2f}"), item["id"]
            if item["required_per_year"] is not None:
                pace = fmt.computed(ind, abs(item["required_per_year"]))
                assert f" {pace} " in by_start["Pace"], (item["id"], out)
            if item["forecast"]["projected"] is not None:
                projected = fmt.computed(ind, item["forecast"]["projected"])
                assert f" {projected}" in by_start["Forecast"], (item["id"], out)
            status = fmt.status(Status(item["status"]))
            assert by_start["Status:"].startswith(f"Status: {status}"), (item["id"], out)


def test_explain_errors(demo_dir: Path) -> None:
    r = ntm(demo_dir, "explain", "nothing")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr == (
        "Error: Unknown indicator 'nothing'. Run `ntm indicators` to list ids and numbers.\n"
    )
    r = ntm(demo_dir, "explain", "income", "--year", "2024")
    assert r.exit_code == 2
    assert (
        r.stderr
        == "Error: Year 2024 is outside the term 2025-2030; give a year from 2025 to 2030.\n"
    )


# -- status --forecast ----------------------------------------------------------------


def test_status_forecast_column_and_json(demo_dir: Path) -> None:
    plain = ntm(demo_dir, "status").stdout
    assert "Forecast" not in plain
    r = ntm(demo_dir, "status", "--forecast")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "Forecast" in lines[2] and "(target year)" in lines[3]
    income = next(i for i, line in enumerate(lines) if line.lstrip().startswith("3 "))
    assert lines[income].split()[-3:] == ["113.0", "on", "track"]
    assert "not reached" in lines[income + 1]
    vi = ntm(demo_dir, "status", "--forecast", "--lang", "vi").stdout
    assert "Dự báo" in vi and "Σ 290,0" in vi and "không đạt" in vi
    data = json.loads(ntm(demo_dir, "status", "--format", "json").stdout)
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["income"]["forecast"] == {
        "method": "least_squares",
        "points": 3,
        "years": [2025, 2026, 2027],
        "slope": pytest.approx(8.5),
        "intercept": pytest.approx(79 - 8.5 * 2026),
        "target_year": 2030,
        "projected": pytest.approx(113.0),
        "reaches_target": False,
        "reason": None,
    }
    assert by_id["revenue"]["forecast"]["projected"] == pytest.approx(290.0)
    assert by_id["party_rating"]["forecast"]["reason"] == "not_applicable"
    old = json.loads(ntm(demo_dir, "status", "--year", "2026", "--format", "json").stdout)
    assert {i["id"]: i for i in old["indicators"]}["income"]["forecast"]["years"] == [2025, 2026]


def test_summary_count_line_leaves_out_zero_counts(demo_dir: Path) -> None:
    out = ntm(demo_dir, "summary", "2026").stdout
    counts = " ".join(out.split("\n\n")[1].split())
    assert counts.startswith("17 indicators: ")
    assert " 0," not in counts and not counts.endswith(" 0.")

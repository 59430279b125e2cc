"""`ntm summary`: the annual report in the office's words (text and Markdown).

The count line is hand-computed on small data folders; every kind of target gets its
sentence checked in both languages; the attention section says the pace in words and
the trend without a method name; the layout is one paragraph per line in a file and
wrapped on a terminal; the demo report of 2027 is kept as golden files.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from ntm_tracker.cli import ExitCode
from ntm_tracker.core.report import build_status_report
from ntm_tracker.core.result import Status
from ntm_tracker.core.summary import SummaryReport, build_summary
from ntm_tracker.i18n import Words
from ntm_tracker.render.document import Frame
from ntm_tracker.render.summary import render_summary
from ntm_tracker.render.terminal import TerminalEnv
from ntm_tracker.storage.store import Store
from tests.conftest import DEMO, PLAN, Invoke
from tests.golden import check_golden

# -- helpers -----------------------------------------------------------------------------


def write_year(folder: Path, year: int, values: dict[str, str], book: str = "actuals") -> None:
    body = "".join(f"  {k}: {v}\n" for k, v in values.items())
    (folder / book).mkdir(parents=True, exist_ok=True)
    (folder / book / f"{year}.yaml").write_text(f"year: {year}\nvalues:\n{body}", "utf-8")


def folder_with(
    root: Path,
    actuals: dict[int, dict[str, str]],
    plans: dict[int, dict[str, str]] | None = None,
    plan_text: str | None = None,
) -> Path:
    folder = root / "data"
    (folder / "actuals").mkdir(parents=True, exist_ok=True)
    (folder / "plans").mkdir(exist_ok=True)
    (folder / "targets.yaml").write_text(
        plan_text if plan_text is not None else PLAN.read_text("utf-8"), "utf-8"
    )
    for year, values in actuals.items():
        write_year(folder, year, values)
    for year, values in (plans or {}).items():
        write_year(folder, year, values, "plans")
    return folder


def summary(ntm: Invoke, folder: Path, year: int, lang: str, *args: str) -> str:
    r = ntm("--data-dir", str(folder), "summary", str(year), "--lang", lang, *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stderr == ""
    return str(r.stdout)


def section(text: str, number: int) -> list[str]:
    """The non-blank lines of section I, II or III of the report, without its heading
    (section III ends at the first blank line: the notes and the appendix follow)."""
    lines = text.splitlines()
    heads = [
        i
        for i, line in enumerate(lines)
        if re.fullmatch(r"(I|II|III)\. .+", line) and line == line.upper()
    ]
    assert len(heads) == 3, heads
    start = heads[number - 1] + 1
    if number < 3:
        return [line for line in lines[start : heads[number]] if line]
    rest = lines[start:]
    while rest and not rest[0]:
        rest.pop(0)
    return rest[: rest.index("")] if "" in rest else rest


def sentence(text: str, number: str) -> str:
    """The section II sentence of the target numbered ``number``."""
    found = [line for line in section(text, 2) if line.startswith(f"({number}) ")]
    assert len(found) == 1, (number, found)
    return found[0]


def attention(text: str) -> list[str]:
    return section(text, 3)


def demo_report(year: int = 2027) -> SummaryReport:
    return build_summary(build_status_report(Store(DEMO).load().data, year))


# -- the count line ------------------------------------------------------------------------

SMALL = {
    2025: {
        "income": "70",
        "health_insurance": "92",
        "e_health": "40",
        "cultural_families": "88",
        "cultural_villages": "90",
    },
    2026: {
        "income": "80",  # e = 70 × (120/70)^(1/5) = 77.97, R = 10 / 7.97 = 1.25: on track
        "health_insurance": "92",  # e = 92.9, R = 0: slow progress
        "e_health": "40",  # e = 48, R = 0: slow progress
        "cultural_families": "91",  # the 2030 target 91 is met: achieved
        "cultural_villages": "89",  # below the 2025 figure: worsening
        "party_org_rating": "95",  # above 90: achieved
        "party_member_rating": "85",  # not above 90: not met
        "ward_criteria": "không",  # before 2030: not yet due
        "land_certificates": "có",  # reached
        "civil_defence": "không",  # kept every year: not met
    },
}


def test_count_line_main_targets_take_their_worst_figure(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, SMALL)
    # Main targets (11): 3 on track; 6 = worst(6a slow, 6b slow) = behind; 7 = worst(7a
    # achieved, 7b worsening) = behind; 11 = worst(11a achieved, 11b not met, 11c no data)
    # = not met; 1, 2, 4, 5, 8, 9, 10 without a figure. 1 + 2 + 1 + 7 = 11.
    # Figures (15): achieved 7a, 11a; on track 3; behind 6a, 6b, 7b; not met 11b; no figure
    # 1, 2, 4, 5, 8, 9, 10, 11c. 2 + 1 + 3 + 1 + 8 = 15.
    vi = summary(ntm, folder, 2026, "vi")
    assert section(vi, 1) == [
        "Năm 2026, trong 11 chỉ tiêu chủ yếu của Nghị quyết (gồm 15 chỉ tiêu cụ thể), có 1/11 "
        "chỉ tiêu đạt tiến độ đề ra, 2/11 chỉ tiêu chưa đạt tiến độ, 1/11 chỉ tiêu không đạt và "
        "7/11 chỉ tiêu chưa đủ số liệu để đánh giá. Tính theo từng chỉ tiêu cụ thể: 2/15 chỉ "
        "tiêu đạt và vượt, 1/15 chỉ tiêu đạt tiến độ đề ra, 3/15 chỉ tiêu chưa đạt tiến độ, "
        "1/15 chỉ tiêu không đạt và 8/15 chỉ tiêu chưa đủ số liệu để đánh giá.",
        # supplementary, counted apart: S2 reached, S6 not met, S1 before its deadline
        "Trong 9 chỉ tiêu bổ sung: 1/9 chỉ tiêu đạt, 1/9 chỉ tiêu không đạt, 1/9 chỉ tiêu "
        "chưa đến thời hạn đánh giá và 6/9 chỉ tiêu chưa đủ số liệu để đánh giá.",
    ]
    en = summary(ntm, folder, 2026, "en")
    assert section(en, 1) == [
        "In 2026, of the Resolution's 11 main targets (15 figures in all): 1/11 on track, 2/11 "
        "behind schedule, 1/11 not met and 7/11 not assessed yet (figures missing). Counting "
        "each figure on its own: 2/15 met or exceeded, 1/15 on track, 3/15 behind schedule, "
        "1/15 not met and 8/15 not assessed yet (figures missing).",
        "Of the 9 supplementary targets: 1/9 met, 1/9 not met, 1/9 not yet due and 6/9 not "
        "assessed yet (figures missing).",
    ]


def test_tallies_of_the_summary_model(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, SMALL)
    report = build_summary(build_status_report(Store(folder).load().data, 2026))
    assert (report.main.total, report.components.total, report.supplementary.total) == (11, 15, 9)
    assert dict(report.main.counts) == {
        Status.ON_TRACK: 1,
        Status.LIMITED_PROGRESS: 1,  # 6: both figures slow
        Status.DETERIORATING: 1,  # 7: 7b worsening outweighs 7a achieved
        Status.MISSED: 1,  # 11: 11b not met outweighs 11a achieved and 11c without data
        Status.NO_DATA: 7,
    }
    assert dict(report.components.counts) == {
        Status.ACHIEVED: 2,
        Status.ON_TRACK: 1,
        Status.LIMITED_PROGRESS: 2,
        Status.DETERIORATING: 1,
        Status.MISSED: 1,
        Status.NO_DATA: 8,
    }
    assert dict(report.supplementary.counts) == {
        Status.ACHIEVED: 1,
        Status.MISSED: 1,
        Status.PENDING: 1,
        Status.NO_DATA: 6,
    }
    assert [r.indicator.number for r in report.attention] == ["6a", "6b", "7b", "11b", "S6"]
    assert report.estimates is False


def test_count_line_of_the_demo(ntm: Invoke) -> None:
    # main: 10 achieved; 3, 7 (7a achieved, 7b on track) on track; 1, 2, 4, 5, 6 (6a behind,
    # 6b no baseline), 9 behind; 11 (11a not met) not met; 8 no figure
    vi = summary(ntm, DEMO, 2027, "vi")
    assert section(vi, 1)[0] == (
        "Năm 2027, trong 11 chỉ tiêu chủ yếu của Nghị quyết (gồm 15 chỉ tiêu cụ thể), có 1/11 "
        "chỉ tiêu đạt và vượt, 2/11 chỉ tiêu đạt tiến độ đề ra, 6/11 chỉ tiêu chưa đạt tiến độ, "
        "1/11 chỉ tiêu không đạt và 1/11 chỉ tiêu chưa đủ số liệu để đánh giá. Tính theo từng "
        "chỉ tiêu cụ thể: 4/15 chỉ tiêu đạt và vượt, 2/15 chỉ tiêu đạt tiến độ đề ra, 6/15 chỉ "
        "tiêu chưa đạt tiến độ, 1/15 chỉ tiêu không đạt và 2/15 chỉ tiêu chưa đủ số liệu để "
        "đánh giá."
    )


ONE_PLAN = """\
title: {vi: Kế hoạch thử, en: A test plan}
commune: Xuân Trường
term: {start: 2025, end: 2030}
baseline_year: 2025
indicators:
  - {id: income, number: "1", field: economy, name: {vi: Thu nhập, en: Income},
     unit: {vi: triệu đồng, en: million VND}, kind: level, measure: amount,
     comparator: at_least, target: 120, target_year: 2030}
  - {id: kept, number: "2", field: economy, name: {vi: Duy trì tiêu chí, en: Criteria kept},
     unit: {vi: có/không, en: yes/no}, kind: maintained, measure: yes_no,
     comparator: at_least, target: true, target_year: 2030}
"""


def test_nothing_behind_and_no_component_count(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {2025: {"income": "70", "kept": "có"}, 2026: {"income": "80", "kept": "có"}},
        plan_text=ONE_PLAN,
    )
    vi = summary(ntm, folder, 2026, "vi")
    # 80 on a path from 70 to 120: e = 80, R = 1: on track
    assert section(vi, 1) == [
        "Năm 2026, trong 2 chỉ tiêu chủ yếu của Nghị quyết, có 1/2 chỉ tiêu đạt và vượt và 1/2 "
        "chỉ tiêu đạt tiến độ đề ra."
    ]
    assert attention(vi) == ["Các chỉ tiêu đã có số liệu năm nay đều đạt hoặc đạt tiến độ đề ra."]
    en = summary(ntm, folder, 2026, "en")
    assert attention(en) == ["Every target with a figure for the year is met or on track."]
    assert "Counting each figure on its own" not in en


def test_count_line_does_not_call_every_figure_a_component(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {2025: {"income": "70"}}, plan_text=ONE_PLAN)
    # a plan without split targets counts its targets once, with no second count
    one = summary(ntm, folder, 2026, "vi")
    assert "Năm 2026, trong 2 chỉ tiêu chủ yếu của Nghị quyết, có " in one
    assert "cụ thể" not in one and "thành phần" not in one
    demo = summary(ntm, DEMO, 2027, "vi")
    assert "(gồm 15 chỉ tiêu cụ thể)" in demo and "thành phần" not in demo


# -- the baseline year ---------------------------------------------------------------------


def test_baseline_year_states_the_baseline_and_gives_no_progress_verdict(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2025, "vi")
    en = summary(ntm, DEMO, 2025, "en")
    assert section(vi, 1)[0] == (
        "Năm 2025 là năm đầu nhiệm kỳ; số liệu năm 2025 là căn cứ để đánh giá kết quả các năm "
        "tiếp theo."
    )
    assert section(en, 1)[0] == (
        "2025 is the first year of the term: its figures are the baseline against which the "
        "following years are judged."
    )
    assert sentence(vi, "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2025 đạt 70 triệu đồng (số liệu đầu "
        "nhiệm kỳ); mục tiêu Nghị quyết đến năm 2030 là 120 triệu đồng."
    )
    assert sentence(en, "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: 2.5% in "
        "2025 (the baseline of the term); the Resolution's target for 2030 is below 1.0%."
    )
    # a total over 2026-2030: the 2025 figure is before its period
    assert sentence(vi, "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2025 đạt 75 tỷ đồng; chỉ tiêu Nghị "
        "quyết tính cho giai đoạn 2026-2030."
    )
    assert sentence(en, "2") == (
        "(2) Growth rate of investment capital from the state budget managed by the commune: "
        "9.5% in 2025; the target counts the years 2026-2030."
    )
    # no progress verdict for a level target in its baseline year
    progress_words = ("tiến độ", "xấu đi")
    level = ["1", "2", "3", "4", "5", "6a", "7a", "7b", "8", "9"]
    for number in level:
        assert not any(w in sentence(vi, number) for w in progress_words), number
    for number in level:
        assert not any(
            w in sentence(en, number) for w in ("on track", "behind", "worsening", "early")
        )
    # a count of baselines, no "on track" or "behind" in the count
    assert "8/11 chỉ tiêu mới có số liệu đầu nhiệm kỳ" in section(vi, 1)[1]
    assert "tiến độ" not in section(vi, 1)[1]
    assert attention(en) == [
        "No figure for 2025 yet: (6b) Share of residents who have an electronic health record."
    ]


def test_baseline_already_meeting_the_target(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {2025: {"cultural_families": "92"}})
    assert sentence(summary(ntm, folder, 2025, "vi"), "7a") == (
        "(7a) Tỷ lệ gia đình văn hóa năm 2025 đạt 92% (số liệu đầu nhiệm kỳ), đã đạt mục tiêu "
        "Nghị quyết đến năm 2030 (91%)."
    )
    assert sentence(summary(ntm, folder, 2025, "en"), "7a") == (
        "(7a) Share of families recognised as cultural families: 92% in 2025 (the baseline of "
        "the term), already meeting the Resolution's target for 2030 (91%)."
    )


def test_record_says_the_baseline_of_the_term(ntm: Invoke, data_dir: Path) -> None:
    r = ntm("--data-dir", str(data_dir), "record", "2025", "income", "70", "--lang", "en")
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == (
        "Recorded (3) income 2025 = 70 million VND. This is the baseline of the term (2025).\n"
    )
    r = ntm("--data-dir", str(data_dir), "record", "2025", "poverty", "2,5", "--lang", "vi")
    assert r.stdout == (
        "Đã ghi chỉ tiêu (4) poverty năm 2025: 2,5%. Đây là số liệu đầu nhiệm kỳ (năm 2025).\n"
    )
    r = ntm("--data-dir", str(data_dir), "record", "2026", "income", "80", "--lang", "en")
    assert r.stdout == "Recorded (3) income 2026 = 80 million VND. Status 2026: on track.\n"


# -- estimates -----------------------------------------------------------------------------


def test_estimates_read_uoc_dat_and_an_estimated(ntm: Invoke, tmp_path: Path) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    assert "năm 2027 ước đạt 93,5%," in sentence(vi, "6a")
    assert ": an estimated 93.5% in 2027," in sentence(en, "6a")
    assert section(vi, 1)[-1] == (
        'Số liệu có ghi "ước" là số ước thực hiện, sẽ cập nhật khi có số liệu chính thức.'
    )
    # the appendix marks the figure and explains the mark
    assert "\t93,5 (ước)\t" in vi and "\t93.5 (est.)\t" in en
    folder = folder_with(
        tmp_path,
        {
            2025: {"poverty": "2.5"},
            2026: {"poverty": "2.4", "ntm_criteria": "có"},
            2027: {
                "poverty": "{value: 2.3, estimate: yes}",
                "ntm_criteria": "{value: có, estimate: yes}",
            },
        },
    )
    vi = summary(ntm, folder, 2027, "vi")
    en = summary(ntm, folder, 2027, "en")
    assert "năm 2027 ước giảm còn 2,3%, giảm 0,10 điểm phần trăm so với năm 2026;" in (
        sentence(vi, "4")
    )
    assert ": an estimated fall to 2.3% in 2027, down 0.10 percentage points on 2026;" in (
        sentence(en, "4")
    )
    assert sentence(vi, "10").endswith(": năm 2027 đạt yêu cầu (ước thực hiện).")
    assert sentence(en, "10").endswith(": met in 2027 (estimate).")


def test_no_estimate_note_without_estimates(ntm: Invoke) -> None:
    en = summary(ntm, DEMO, 2026, "en")
    assert "provisional" not in en and "(est.)" not in en


def test_english_estimate_note_names_a_mark_the_report_uses(ntm: Invoke) -> None:
    en = summary(ntm, DEMO, 2027, "en")
    marked = [line for line in section(en, 2) if "(estimate)" in line]
    assert "marked (estimate)" not in en or marked


# -- one sentence per kind -------------------------------------------------------------------


def test_level_amount(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {2025: {"income": "70"}, 2026: {"income": "80"}, 2027: {"income": "76"}},
        plans={2026: {"income": "78"}, 2027: {"income": "86"}},
    )
    # 2026: 80 / 78 = 102.56% of the plan; +10 on 70 = +14.29%; 80 / 120 = 66.7%;
    # e = 70 × (120/70)^(1/5) = 77.97, R = 10 / 7.97 = 1.25: on track
    assert sentence(summary(ntm, folder, 2026, "en"), "3") == (
        "(3) Average income per person in the commune: 80 million VND in 2026, 102.6% of the "
        "year's plan (78 million VND), up 10.0 million VND (14.3%) on 2025; 66.7% of the "
        "Resolution's target for 2030 (120 million VND): on track."
    )
    # 2027: 76 / 86 = 88.37%; 76 - 80 = -4, 76 / 80 = 95.0%; 76 / 120 = 63.3%;
    # e = 86.84, R = 6 / 16.84 = 0.36: slow progress
    assert sentence(summary(ntm, folder, 2027, "vi"), "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2027 đạt 76 triệu đồng, bằng 88,4% "
        "kế hoạch năm (86 triệu đồng), giảm 4,0 triệu đồng, bằng 95,0% so với năm 2026; bằng "
        "63,3% mục tiêu Nghị quyết đến năm 2030 (120 triệu đồng), chậm tiến độ."
    )
    assert sentence(summary(ntm, folder, 2027, "en"), "3") == (
        "(3) Average income per person in the commune: 76 million VND in 2027, 88.4% of the "
        "year's plan (86 million VND), down 4.0 million VND on 2026 (95.0% of the 2026 figure); "
        "63.3% of the Resolution's target for 2030 (120 million VND): well behind schedule."
    )


def test_a_rise_is_said_once(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    assert "(tăng " not in sentence(vi, "3")


def test_percent_of_last_year_rounds_as_by_hand(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    assert "(8,8%)" in sentence(vi, "3") or "8,8%" in sentence(vi, "3")
    assert "\t101,2%\t108,8%\t" in vi


def test_level_rate_in_points(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 93.5 - 94 = -0.5 points; 93.5 - 93 = +0.5; 93.5 - 96.5 = -3.0;
    # e = 92 + 4.5 × 2/5 = 93.8, R = 1.5 / 1.8 = 0.83: behind schedule
    assert sentence(vi, "6a") == (
        "(6a) Tỷ lệ dân số tham gia bảo hiểm y tế năm 2027 ước đạt 93,5%, thấp hơn kế hoạch năm "
        "(94%) 0,5 điểm phần trăm, tăng 0,5 điểm phần trăm so với năm 2026; còn thấp hơn mục "
        "tiêu Nghị quyết đến năm 2030 (96,5%) 3,0 điểm phần trăm, chưa đạt tiến độ."
    )
    assert sentence(en, "6a") == (
        "(6a) Share of the population covered by health insurance: an estimated 93.5% in 2027, "
        "0.5 percentage points below the year's plan (94%), up 0.5 percentage points on 2026; "
        "3.0 percentage points short of the Resolution's target for 2030 (96.5%): behind "
        "schedule."
    )
    # a rate is never a ratio of rates
    assert "%) so với" not in sentence(vi, "6a") and "% of the year's plan" not in sentence(
        en, "6a"
    )


def test_lower_is_better(ntm: Invoke, tmp_path: Path) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 2.3 - 2.2 = +0.10 over the plan; 2.3 - 2.4 = -0.10; 2.3 - 1.0 = +1.30;
    # e = 2.5 - 1.5 × 2/5 = 1.90, R = -0.2 / -0.6 = 0.33: slow progress
    assert sentence(vi, "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2027 giảm còn 2,3%, cao hơn kế hoạch "
        "năm (2,2%) 0,10 điểm phần trăm, giảm 0,10 điểm phần trăm so với năm 2026; cao hơn mục "
        "tiêu Nghị quyết đến năm 2030 (dưới 1,0%) 1,30 điểm phần trăm, chậm tiến độ."
    )
    assert sentence(en, "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: down "
        "to 2.3% in 2027, 0.10 percentage points above the year's plan (2.2%), down 0.10 "
        "percentage points on 2026; 1.30 percentage points above the Resolution's target for "
        "2030 (below 1.0%): well behind schedule."
    )
    folder = folder_with(
        tmp_path,
        {2025: {"poverty": "2.5"}, 2026: {"poverty": "2.6"}, 2028: {"poverty": "2.1"}},
        plans={2026: {"poverty": "2.4"}},
    )
    # a rise of a lower-is-better rate: worsening, said as such
    assert sentence(summary(ntm, folder, 2026, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2026 tăng lên 2,6%, cao hơn kế hoạch "
        "năm (2,4%) 0,20 điểm phần trăm, tăng 0,10 điểm phần trăm so với năm 2025; cao hơn mục "
        "tiêu Nghị quyết đến năm 2030 (dưới 1,0%) 1,60 điểm phần trăm, cao hơn năm 2025, chưa "
        "đạt tiến độ."
    )
    assert sentence(summary(ntm, folder, 2026, "en"), "4").endswith(
        "1.60 percentage points above the Resolution's target for 2030 (below 1.0%): above its "
        "2025 level, the wrong way."
    )
    # without last year's figure: neither "fell" nor "rose"; e(2028) = 2.5 - 1.5 × 3/5 = 1.6,
    # R = -0.4 / -0.9 = 0.44: slow progress
    assert sentence(summary(ntm, folder, 2028, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2028 là 2,1%; cao hơn mục tiêu Nghị "
        "quyết đến năm 2030 (dưới 1,0%) 1,10 điểm phần trăm, chậm tiến độ."
    )
    assert sentence(summary(ntm, folder, 2028, "en"), "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: 2.1% in "
        "2028; 1.10 percentage points above the Resolution's target for 2030 (below 1.0%): well "
        "behind schedule."
    )


def test_cumulative_with_its_note(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 70 / 78 = 89.74%; 70 - 82 = -12, 70 / 82 = 85.37%; C = 152 = 37.53% of 405;
    # e = 405 × 2/5 = 162, R = 0.94: behind schedule
    assert sentence(vi, "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2027 đạt 70 tỷ đồng, bằng 89,7% kế "
        "hoạch năm (78 tỷ đồng), giảm 12,0 tỷ đồng, bằng 85,4% so với năm 2026; lũy kế "
        "2026-2027 đạt 152 tỷ đồng, bằng 37,5% mục tiêu Nghị quyết cả giai đoạn 2026-2030 (405 "
        "tỷ đồng)(*), chưa đạt tiến độ."
    )
    assert sentence(en, "1") == (
        "(1) Total state budget revenue collected in the commune: 70 billion VND in 2027, 89.7% "
        "of the year's plan (78 billion VND), down 12.0 billion VND on 2026 (85.4% of the 2026 "
        "figure); the total for 2026-2027 is 152 billion VND, 37.5% of the Resolution's target "
        "for 2026-2030 (405 billion VND)(*): behind schedule."
    )
    # the (*) note that says how target (1) is read, under the sentences
    assert (
        "(*) Chỉ tiêu (1) được tính là tổng thu cả giai đoạn 2026-2030; cách viết của Nghị quyết "
        "cũng có thể hiểu là số thu riêng năm 2030." in vi.splitlines()
    )
    assert (
        "(*) Target (1) is read as the total over 2026-2030; the resolution's words also allow "
        "the figure of 2030 alone." in en.splitlines()
    )


def test_cumulative_achieved_early_and_a_gap_in_the_period(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {y: {"revenue": "110"} for y in (2026, 2027, 2028, 2029)},
    )
    # 4 × 110 = 440 ≥ 405 in 2029: one year early; 440 / 405 = 108.6%
    assert sentence(summary(ntm, folder, 2029, "vi"), "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2029 đạt 110 tỷ đồng, bằng năm 2028; "
        "lũy kế 2026-2029 đạt 440 tỷ đồng, bằng 108,6% mục tiêu Nghị quyết cả giai đoạn "
        "2026-2030 (405 tỷ đồng)(*), hoàn thành sớm 1 năm."
    )
    assert sentence(summary(ntm, folder, 2029, "en"), "1").endswith(
        "the total for 2026-2029 is 440 billion VND, 108.6% of the Resolution's target for "
        "2026-2030 (405 billion VND)(*): achieved one year early."
    )
    gap = folder_with(tmp_path / "gap", {2027: {"revenue": "70"}})
    assert sentence(summary(ntm, gap, 2027, "vi"), "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn: chưa tính được lũy kế đến năm 2027 do "
        "thiếu số liệu năm 2026."
    )
    assert sentence(summary(ntm, gap, 2027, "en"), "1") == (
        "(1) Total state budget revenue collected in the commune: the total cannot be worked "
        "out for 2027, the figures for 2026 are missing."
    )
    assert sentence(summary(ntm, gap, 2025, "en"), "1") == (
        "(1) Total state budget revenue collected in the commune: no figure for 2025; the target "
        "counts the years from 2026."
    )


def test_average(ntm: Invoke) -> None:
    # ((1.11 × 1.08)^(1/2) - 1) × 100 = 9.49% a year: not above 10, before 2030: behind
    assert sentence(summary(ntm, DEMO, 2027, "vi"), "2") == (
        "(2) Tốc độ tăng vốn đầu tư thuộc nguồn vốn ngân sách nhà nước do cấp xã quản lý năm "
        "2027 đạt 8%, thấp hơn kế hoạch năm (10,5%) 2,5 điểm phần trăm, giảm 3,0 điểm phần trăm "
        "so với năm 2026; bình quân 2026-2027 đạt 9,5%/năm, so với mục tiêu Nghị quyết bình "
        "quân giai đoạn 2026-2030 là trên 10%(**), chưa đạt tiến độ."
    )
    assert sentence(summary(ntm, DEMO, 2027, "en"), "2") == (
        "(2) Growth rate of investment capital from the state budget managed by the commune: 8% "
        "in 2027, 2.5 percentage points below the year's plan (10.5%), down 3.0 percentage "
        "points on 2026; the average for 2026-2027 is 9.5% a year, against the Resolution's "
        "target of above 10% on average over 2026-2030(**): behind schedule."
    )


def test_annual(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # "trên 90%" is strict: 90 is not above 90
    assert sentence(vi, "11a") == (
        "(11a) Tỷ lệ tổ chức đảng trực thuộc được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ "
        "trở lên năm 2027 đạt 90%, giảm 1,0 điểm phần trăm so với năm 2026; chỉ tiêu hằng năm là "
        "trên 90%, không đạt."
    )
    assert sentence(en, "11c") == (
        "(11c) New Party members admitted in the year, as a share of all the Organisation's "
        "members: 3.2% in 2027, 0.2 percentage points above the year's plan (3%), up 0.2 "
        "percentage points on 2026; the yearly target is 3%: met."
    )
    assert sentence(en, "S7") == (
        "(S7) Share of the military call-up quota fulfilled: 100% in 2027, the same as in 2026; "
        "the yearly target is 100%: met."
    )


def test_maintained(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    assert sentence(vi, "10") == (
        "(10) Duy trì, nâng cao chất lượng các tiêu chí NTM nâng cao, kiểu mẫu theo bộ tiêu chí "
        "mới: năm 2027 đạt yêu cầu."
    )
    assert (
        sentence(vi, "S6") == "(S6) Tổ chức diễn tập phòng thủ dân sự: năm 2027 chưa đạt yêu cầu."
    )
    assert sentence(en, "S6") == "(S6) Civil-defence exercise held: not met in 2027."


def test_milestone_before_at_and_after_its_deadline(ntm: Invoke, tmp_path: Path) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    assert sentence(vi, "S1") == (
        "(S1) Xã Xuân Trường cơ bản đạt các tiêu chí của phường: năm 2027 chưa đạt; thời hạn là "
        "năm 2030."
    )
    assert sentence(en, "S1") == (
        "(S1) Xuân Trường commune basically meets the criteria of a ward: not reached in 2027; "
        "the deadline is 2030."
    )
    assert sentence(vi, "S2").endswith(": đã đạt (từ năm 2027).")
    folder = folder_with(
        tmp_path,
        {
            2027: {"land_certificates": "có"},
            2030: {"ward_criteria": "không", "land_certificates": "có"},
        },
    )
    vi = summary(ntm, folder, 2030, "vi")
    en = summary(ntm, folder, 2030, "en")
    assert sentence(vi, "S1") == (
        "(S1) Xã Xuân Trường cơ bản đạt các tiêu chí của phường: đến năm 2030 chưa đạt, không "
        "hoàn thành mục tiêu."
    )
    assert sentence(en, "S1") == (
        "(S1) Xuân Trường commune basically meets the criteria of a ward: not reached by 2030, "
        "the deadline."
    )
    assert sentence(en, "S2").startswith("(S2) Land-use right certificates ")
    assert sentence(en, "S2").endswith(": reached (since 2030).") or sentence(en, "S2").endswith(
        ": reached (since 2027)."
    )  # which year: test_a_milestone_is_reached_since_its_first_yes
    # the "yes" of 2027 keeps it reached in 2029, a year without a figure
    assert sentence(summary(ntm, folder, 2029, "vi"), "S2").endswith(": đã đạt (từ năm 2027).")


def test_a_milestone_is_reached_since_its_first_yes(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, {2027: {"land_certificates": "có"}, 2030: {"land_certificates": "có"}}
    )
    assert sentence(summary(ntm, folder, 2030, "vi"), "S2").endswith(": đã đạt (từ năm 2027).")


def test_no_data_no_baseline_and_achieved_early(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    assert sentence(vi, "8") == "(8) Tỷ lệ dân số được sử dụng nước sạch: chưa có số liệu năm 2027."
    assert sentence(en, "8") == (
        "(8) Share of the population with access to clean water: no figure for 2027 yet."
    )
    assert sentence(vi, "6b") == (
        "(6b) Tỷ lệ người dân có hồ sơ sức khỏe điện tử năm 2027 đạt 55%, tăng 15,0 điểm phần "
        "trăm so với năm 2026; còn thấp hơn mục tiêu Nghị quyết đến năm 2030 (80%) 25,0 điểm "
        "phần trăm; chưa có số liệu năm 2025 (đầu nhiệm kỳ) nên chưa đánh giá được tiến độ."
    )
    assert sentence(en, "6b") == (
        "(6b) Share of residents who have an electronic health record: 55% in 2027, up 15.0 "
        "percentage points on 2026; 25.0 percentage points short of the Resolution's target for "
        "2030 (80%); progress cannot be judged without the 2025 figure."
    )
    # 91.2 ≥ 91 in 2027, three years before 2030
    assert sentence(vi, "7a") == (
        "(7a) Tỷ lệ gia đình văn hóa năm 2027 đạt 91,2%, cao hơn kế hoạch năm (90%) 1,2 điểm "
        "phần trăm, tăng 1,7 điểm phần trăm so với năm 2026; đã đạt mục tiêu Nghị quyết đến năm "
        "2030 (91%), hoàn thành sớm 3 năm."
    )
    assert sentence(en, "7a").endswith(
        "this already meets the Resolution's target for 2030 (91%): achieved 3 years early."
    )


def test_achieved_in_the_target_year(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {2025: {"poverty": "2.5"}, 2030: {"poverty": "0.9"}})
    assert sentence(summary(ntm, folder, 2030, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2030 là 0,9%; đã đạt mục tiêu Nghị "
        "quyết đến năm 2030 (dưới 1,0%), hoàn thành chỉ tiêu."
    )
    assert sentence(summary(ntm, folder, 2030, "en"), "4").endswith(
        "0.9% in 2030; this already meets the Resolution's target for 2030 (below 1.0%): target "
        "achieved."
    )


# -- the attention section -----------------------------------------------------------------


def test_attention_section_of_the_demo(ntm: Invoke) -> None:
    vi = attention(summary(ntm, DEMO, 2027, "vi"))
    assert vi[0] == (
        # (405 - 152) / 3 = 84.33 a year; the trend 82, 70: 82 + 70 + 58 + 46 + 34 = 290
        "(1) Tổng thu ngân sách nhà nước trên địa bàn (chưa đạt tiến độ): 3 năm còn lại "
        "(2028-2030) cần đạt bình quân 84,3 tỷ đồng mỗi năm để hoàn thành mục tiêu 405 tỷ "
        "đồng(*). Nếu giữ xu hướng 2026-2027, tổng giai đoạn 2026-2030 đạt khoảng 290,0 tỷ "
        "đồng, chưa đạt mục tiêu."
    )
    assert vi[2] == (
        # (1.0 - 2.3) / 3 = -0.43 points a year; the trend 2.5, 2.4, 2.3: 2.3 - 0.1 × 3 = 2.0
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều (chậm tiến độ): cần giảm bình quân 0,43 "
        "điểm phần trăm mỗi năm để đạt dưới 1,0% vào năm 2030. Nếu giữ xu hướng 2025-2027, đến "
        "năm 2030 ở mức khoảng 2,00%, chưa đạt mục tiêu."
    )
    en = attention(summary(ntm, DEMO, 2027, "en"))
    assert [line.split(" ")[0] for line in en] == [
        "(1)", "(2)", "(4)", "(5)", "(6a)", "(6b)", "(9)", "(11a)", "(S6)", "No",
    ]  # fmt: skip
    assert en[1] == (
        "(2) Growth rate of investment capital from the state budget managed by the commune "
        "(behind schedule): the years 2028-2030 need above 10.3% a year on average."
    )
    assert en[4] == (
        # (96.5 - 93.5) / 3 = 1.0 a year; trend 92, 93, 93.5: slope 0.75, 93.5 + 0.75 × 3 = 95.8
        "(6a) Share of the population covered by health insurance (behind schedule): it needs to "
        "rise by 1.0 percentage points a year on average to reach 96.5% by 2030. If the "
        "2025-2027 trend continues, it would be about 95.8% in 2030, short of the target."
    )
    assert en[5] == (
        "(6b) Share of residents who have an electronic health record: progress cannot be "
        "judged until the 2025 figure is recorded."
    )
    assert en[7] == (
        "(11a) Share of the Party organisations under the Committee rated as completing their "
        "tasks well or better (not met): the coming years must reach above 90% each year."
    )
    assert (
        en[9] == "No figure for 2027 yet: (8) Share of the population with access to clean water."
    )


def test_a_target_not_met_is_not_met_again(ntm: Invoke) -> None:
    assert "met again" not in summary(ntm, DEMO, 2027, "en")


METHOD_WORDS = (
    "least squares", "least_squares", "regression", "extrapolat", "linear", "slope",
    "bình phương", "hồi quy", "ngoại suy", "tuyến tính", "hệ số góc",
)  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_no_method_name_and_no_shell_command(ntm: Invoke, lang: str, fmt: str, year: int) -> None:
    out = summary(ntm, DEMO, year, lang, "--format", fmt)
    assert "ntm " not in out
    assert "`" not in out
    assert not [w for w in METHOD_WORDS if w in out.lower()]


def test_no_shell_command_even_with_nothing_recorded(ntm: Invoke, data_dir: Path) -> None:
    for lang in ("vi", "en"):
        out = summary(ntm, data_dir, 2026, lang)
        assert "ntm " not in out and "`" not in out
    assert attention(summary(ntm, data_dir, 2026, "en"))[0].startswith(
        "No figure for 2026 yet: (1) Total state budget revenue collected in the commune; (2) "
    )


# -- layout --------------------------------------------------------------------------------


def test_text_has_one_paragraph_per_line_when_not_a_terminal(ntm: Invoke) -> None:
    out = summary(ntm, DEMO, 2027, "vi")
    body = section(out, 2)
    assert len(body) == 15 + 1 + 9  # 15 sentences, the sub-heading, 9 supplementary ones
    assert all(line.endswith(".") for line in body if line.startswith("("))
    assert max(len(line) for line in out.splitlines()) > 200  # no hard wrap
    # the appendix table: tab-separated, 12 cells a row, for Word or Excel
    table = out[out.index("PHỤ LỤC") :].splitlines()[3:27]
    assert {line.count("\t") for line in table} == {11}


def _demo_text(width: int, lang: str = "en") -> str:
    env = TerminalEnv(color=False, width=width, is_tty=True)
    return render_summary(demo_report(), "text", Words(lang), Frame(), env).decode("utf-8")


@pytest.mark.parametrize("width", [60, 80, 120])
def test_text_wraps_at_the_terminal_width(width: int) -> None:
    wrapped = _demo_text(width)
    pipe = TerminalEnv(color=False, width=width, is_tty=False)  # a file or a pipe
    flat = render_summary(demo_report(), "text", Words("en"), Frame(), pipe).decode("utf-8")
    before_table = wrapped[: wrapped.index("APPENDIX")]
    assert max(len(line) for line in before_table.splitlines()) <= width
    # the same paragraphs, only wrapped: join each paragraph's lines again
    paragraphs = flat[: flat.index("APPENDIX")].splitlines()
    for paragraph in paragraphs:
        if paragraph:
            assert (
                textwrap.fill(paragraph, width, break_long_words=False, break_on_hyphens=False)
                in before_table
            )


def _appendix_width(width: int) -> int:
    text = _demo_text(width)
    return max(len(line) for line in text[text.index("APPENDIX") :].splitlines())


@pytest.mark.parametrize("width", [150, 160, 200])
def test_appendix_table_fits_a_wide_terminal(width: int) -> None:
    # the name column takes what is left; its lines break between words, so the widest
    # line may end short of the terminal by less than a word
    assert width - 16 < _appendix_width(width) <= width


@pytest.mark.parametrize("width", [80, 100, 120])
def test_appendix_table_on_a_narrow_terminal_fits_and_keeps_a_readable_name_column(
    width: int,
) -> None:
    # twelve columns cannot all fit 80 characters: the comparisons and last year's figure
    # are left out (and named under the table) before the name shrinks below 20
    assert _appendix_width(width) <= width
    text = _demo_text(width)
    lines = text[text.index("APPENDIX") :].splitlines()
    rule = next(line for line in lines if line.startswith("---"))
    assert [len(dashes) for dashes in rule.split()][1] >= 16
    if width == 80:
        assert any(line.startswith("Left out to fit the window: ") for line in lines)
    else:  # the verdict against the year's plan goes only when wrapping cannot make room
        assert "Against the" in lines[3], lines[3]


def test_appendix_columns_and_rows_in_resolution_order(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    lines = vi[vi.index("\nPHỤ LỤC\n") + 1 :].splitlines()
    assert lines[:3] == [
        "PHỤ LỤC",
        "Kết quả thực hiện các chỉ tiêu chủ yếu của Nghị quyết năm 2027, xã Xuân Trường",
        "",
    ]
    assert lines[3].split("\t") == [
        "TT", "Chỉ tiêu", "ĐVT", "Mục tiêu NQ đến năm 2030", "Thực hiện năm 2026",
        "Kế hoạch năm 2027", "Thực hiện (ước TH) năm 2027", "So sánh với KH năm",
        "So sánh với năm 2026", "Đánh giá so với KH năm", "Đánh giá tiến độ thực hiện NQ",
        "Ghi chú",
    ]  # fmt: skip
    numbers = [line.split("\t")[0] for line in lines[4:27]]
    assert numbers == [
        "1", "2", "3", "4", "5", "6a", "6b", "7a", "7b", "8", "9", "10", "11a", "11b", "11c",
        "", "S1", "S2", "S3", "S4", "S5", "S6", "S7",
    ]  # fmt: skip
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[4:27]}
    # amounts: % of the plan and of last year; rates: the change in points; each with its
    # unit, under headers that name neither; the year against its plan in the office's words
    assert rows["1"][3:] == [
        "405 (tổng 2026-2030)", "82", "78", "70", "89,7%", "85,4%", "Chưa đạt",
        "chưa đạt tiến độ", "lũy kế 2026-2027: 152; (*)",
    ]  # fmt: skip
    assert rows["4"][3:] == [
        "dưới 1,0", "2,4", "2,2", "2,3", "+0,10 điểm %", "-0,10 điểm %", "Chưa đạt",
        "chậm tiến độ", "",
    ]  # fmt: skip
    assert rows["6a"][6:] == [
        "93,5 (ước)",
        "-0,5 điểm %",
        "+0,5 điểm %",
        "Chưa đạt",
        "chưa đạt tiến độ",
        "Ước thực hiện đến 31/12",
    ]
    assert rows["2"][-1] == "bình quân đến nay: 9,5; (**)"  # its own note mark
    # above the plan: Vượt (less poverty would be too); below: Chưa đạt; no plan: -
    verdicts = [rows[n][9] for n in ("3", "7a", "11c", "4", "6b", "10")]
    assert verdicts == ["Vượt", "Vượt", "Vượt", "Chưa đạt", "-", "-"]
    assert rows["11a"][3] == "trên 90 (hằng năm)"
    assert rows["10"][2:5] == ["", "duy trì", "có"]
    assert lines[4 + 15].split("\t")[1] == "Chỉ tiêu bổ sung"
    en = summary(ntm, DEMO, 2027, "en")
    header = en[en.index("\nAPPENDIX\n") :].splitlines()[4].split("\t")
    assert header == [
        "No.", "Indicator", "Unit", "Resolution target (to 2030)", "Actual 2026", "Plan 2027",
        "Actual (estimate) 2027", "Compared with the plan", "Compared with 2026",
        "Against the year's plan", "Progress towards the Resolution's target", "Notes",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_no_symbols_a_clerk_would_not_write(ntm: Invoke, lang: str, fmt: str) -> None:
    out = summary(ntm, DEMO, 2027, lang, "--format", fmt)
    for symbol in ("Σ", "≥", "≤", "(ư)", "→"):
        assert symbol not in out, symbol


def test_markdown_layout(ntm: Invoke) -> None:
    md = summary(ntm, DEMO, 2027, "vi", "--format", "markdown")
    lines = md.splitlines()
    assert lines[0] == "# KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU CỦA NGHỊ QUYẾT NĂM 2027"
    assert "## I. KẾT QUẢ CHUNG" in lines and "## PHỤ LỤC" in lines
    assert "### Các chỉ tiêu bổ sung (theo mục I, III của Chương trình hành động)" in lines
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 25
    assert table[1] == "|---|---|---|---|---:|---:|---:|---:|---:|---|---|---|"
    assert table[2 + 15] == "|  | **Chỉ tiêu bổ sung** |  |  |  |  |  |  |  |  |  |  |"
    assert "(405 tỷ đồng)(\\*)" in md  # a literal star, not emphasis


def test_summary_errors(ntm: Invoke, tmp_path: Path) -> None:
    r = ntm("--data-dir", str(DEMO), "summary", "2031", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR and r.stdout == ""
    assert r.stderr == (
        "Error: The year 2031 is outside the term 2025-2030; give a year from 2025 to 2030.\n"
    )
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--format", "pdf", "--lang", "en")
    assert r.exit_code == ExitCode.USAGE_ERROR
    assert r.stderr == (
        "Error: Unknown format 'pdf'; choose one of: 'text', 'markdown', 'docx', 'xlsx'.\n"
    )


def test_text_and_markdown_files(ntm: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.md"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "--format", "markdown", "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.stderr
    assert r.stdout == f"Đã ghi tệp {out}\n"
    assert out.read_text("utf-8") == summary(ntm, DEMO, 2027, "vi", "--format", "markdown")


# -- golden files --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_golden_summary_2027(ntm: Invoke, lang: str, fmt: str, ext: str) -> None:
    check_golden(f"summary_2027_{lang}.{ext}", summary(ntm, DEMO, 2027, lang, "--format", fmt))


def test_the_year_against_its_plan_in_the_office_words(ntm: Invoke, demo_dir: Path) -> None:
    # at the plan (at the places shown): Đạt; poverty under its plan: Vượt; a yes/no
    # target with a plan of "có" met: Đạt
    plans = demo_dir / "plans" / "2027.yaml"
    text = plans.read_text("utf-8").replace("  income: 86\n", "  income: 87,04\n")
    text = text.replace("  poverty: 2,2\n", "  poverty: 2,4\n") + "  ntm_criteria: có\n"
    plans.write_text(text, "utf-8")
    out = summary(ntm, demo_dir, 2027, "vi")
    rows = {
        line.split("\t")[0]: line.split("\t")
        for line in out[out.index("\nPHỤ LỤC\n") :].splitlines()[4:27]
    }
    assert [rows[n][9] for n in ("3", "4", "10")] == ["Đạt", "Vượt", "Đạt"]
    assert rows["3"][7] == "100,0%"

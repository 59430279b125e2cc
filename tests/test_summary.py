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


def run_summary(ntm: Invoke, folder: Path, year: int, lang: str, *args: str) -> tuple[str, str]:
    """``ntm summary`` on ``folder``: (stdout, stderr)."""
    r = ntm("--data-dir", str(folder), "summary", str(year), "--lang", lang, *args)
    assert r.exit_code == ExitCode.OK, r.stderr
    return str(r.stdout), str(r.stderr)


def summary(ntm: Invoke, folder: Path, year: int, lang: str, *args: str) -> str:
    """The report printed; a warning on stderr may only name figures still missing (what
    the warning says is checked in test_a_missing_figure_is_a_marked_blank_and_a_warning)."""
    out, err = run_summary(ntm, folder, year, lang, *args)
    assert err == "" or err.startswith(("Cảnh báo: năm ", "Warning: ")), err
    assert err.count("\n") <= 1
    return out


_HEADING = re.compile(r"(?:[IVX]+\. [^a-zđ]+|\d\. .+|[a-z]\) .+)")


def under(text: str, heading: str) -> list[str]:
    """The non-blank lines after the line ``heading`` (its first line from the top that
    starts so) up to the next heading ('II. …', '2. …', 'b) …') or the end of the body."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
    found = []
    for line in lines[start:]:
        if _HEADING.fullmatch(line) or line.startswith(("(*)", "PHỤ LỤC", "APPENDIX")):
            break
        if line:
            found.append(line)
    return found


def overview(text: str) -> list[str]:
    """The lines of I.1, the count of the year: 'Năm 2027, so với kế hoạch năm có …'."""
    return under(text, "1. Đánh giá chung" if "\nI. KẾT QUẢ" in text else "1. Overview")


def sentence(text: str, number: str) -> str:
    """The result sentence of the target numbered ``number`` (section I.2)."""
    body = text[text.index("\n2. ") : text.index("\nII. ")]
    found = [line for line in body.splitlines() if line.startswith(f"({number}) ")]
    assert len(found) == 1, (number, found)
    return found[0]


def limits(text: str) -> list[str]:
    """The lines of II.1, the shortcomings of the year."""
    return under(text, "1. Hạn chế" if "\nII. HẠN CHẾ" in text else "1. Shortcomings")


def focus(text: str) -> list[str]:
    """The lines of III.1, the targets to focus on next year (the pace each needs)."""
    rest = text[text.index("\nIII. ") + 1 :]
    return under(rest, "1. ")


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
    # No plan figures: no count against the year's plan.
    vi = summary(ntm, folder, 2026, "vi")
    assert overview(vi) == [
        "So với mục tiêu Nghị quyết, trong 11 chỉ tiêu chủ yếu có 1/11 chỉ tiêu đạt tiến độ, "
        "2/11 chỉ tiêu chậm tiến độ, 1/11 chỉ tiêu chưa đạt, 7/11 chỉ tiêu chưa đủ số liệu "
        "đánh giá.",
        # supplementary, counted apart: S2 reached, S6 not met, S1 before its deadline,
        # S3-S5, S7-S9 without a figure
        "Các mục tiêu, nhiệm vụ cụ thể khác (9 mục tiêu): 1 mục tiêu đạt, 1 mục tiêu chưa đạt, "
        "1 mục tiêu chưa đến hạn, 6 mục tiêu chưa đủ số liệu đánh giá.",
    ]
    en = summary(ntm, folder, 2026, "en")
    assert overview(en) == [
        "Against the targets of the Resolution, of the 11 main targets: 1/11 on track, 2/11 "
        "behind schedule, 1/11 not met and 7/11 not yet assessable.",
        "Other specific goals and tasks, 9 in all: 1 met, 1 not met, 1 not yet due and 6 not "
        "yet assessable.",
    ]


def test_tallies_of_the_summary_model(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, SMALL)
    report = build_summary(build_status_report(Store(folder).load().data, 2026))
    assert (report.main.total, report.supplementary.total) == (11, 9)
    assert dict(report.main.counts) == {
        Status.ON_TRACK: 1,
        Status.LIMITED_PROGRESS: 1,  # 6: both figures slow
        Status.DETERIORATING: 1,  # 7: 7b worsening outweighs 7a achieved
        Status.MISSED: 1,  # 11: 11b not met outweighs 11a achieved and 11c without data
        Status.NO_DATA: 7,
    }
    assert dict(report.supplementary.counts) == {
        Status.ACHIEVED: 1,
        Status.MISSED: 1,
        Status.PENDING: 1,
        Status.NO_DATA: 6,
    }
    assert [r.indicator.number for r in report.behind] == ["6a", "6b", "7b"]
    assert [r.indicator.number for r in report.missed] == ["11b"]  # the main targets'
    assert [r.indicator.number for r in report.others_short] == ["S6"]  # the other goals
    assert report.short_of_plan == () and report.against_plan.total == 0
    assert [r.indicator.number for r in report.attention] == ["6a", "6b", "7b", "11b", "S6"]
    assert report.estimates is False


def test_count_lines_of_the_demo(ntm: Invoke) -> None:
    # against the year's plan, by main target (its worst figure): plans for 1, 2, 3, 4, 5,
    # 6 (6a), 7 (7a), 9, 11 (11c) = 9; met or exceeded 3 (101.2% of 86), 7 (91.2 > 90),
    # 11 (3.2 > 3); not met 1, 2, 4, 5, 6, 9
    # against the resolution: 10 achieved; 3, 7 (7a achieved, 7b on track) on track; 1, 2,
    # 4, 5, 6 (6a behind, 6b no baseline), 9 behind; 11 (11a not met) not met; 8 no figure
    vi = summary(ntm, DEMO, 2027, "vi")
    assert overview(vi) == [
        "Năm 2027, so với kế hoạch năm có 3/9 chỉ tiêu đạt và vượt kế hoạch, 6/9 chỉ tiêu chưa "
        "đạt.",
        "So với mục tiêu Nghị quyết, trong 11 chỉ tiêu chủ yếu có 1/11 chỉ tiêu đã đạt và vượt, "
        "2/11 chỉ tiêu đạt tiến độ, 6/11 chỉ tiêu chậm tiến độ, 1/11 chỉ tiêu chưa đạt, 1/11 "
        "chỉ tiêu chưa đủ số liệu đánh giá.",
        # S2, S3, S4, S5, S7, S9 met; S6 not met; S1, S8 before 2030
        "Các mục tiêu, nhiệm vụ cụ thể khác (9 mục tiêu): 6 mục tiêu đạt, 1 mục tiêu chưa đạt, "
        "2 mục tiêu chưa đến hạn.",
    ]
    en = summary(ntm, DEMO, 2027, "en")
    assert overview(en) == [
        "In 2027, of the targets with a plan figure for the year, 3/9 met or exceeded it and "
        "6/9 fell short of it.",
        "Against the targets of the Resolution, of the 11 main targets: 1/11 met, 2/11 on "
        "track, 6/11 behind schedule, 1/11 not met and 1/11 not yet assessable.",
        "Other specific goals and tasks, 9 in all: 6 met, 1 not met and 2 not yet due.",
    ]
    # 2026: plans for 1 (82 > 80), 3 (80 > 78): exceeded; 4 (2.4 at its plan 2.4): met
    assert overview(summary(ntm, DEMO, 2026, "vi"))[0] == (
        "Năm 2026, so với kế hoạch năm có 3/3 chỉ tiêu đạt và vượt kế hoạch (vượt 2, đạt 1)."
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


def test_nothing_short_of_the_plan_nor_behind(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {2025: {"income": "70", "kept": "có"}, 2026: {"income": "80", "kept": "có"}},
        plan_text=ONE_PLAN,
    )
    vi = summary(ntm, folder, 2026, "vi")
    # 80 on a path from 70 to 120: e = 70 × (120/70)^(1/5) = 77.97 ≤ 80: on track
    assert overview(vi) == [
        "So với mục tiêu Nghị quyết, trong 2 chỉ tiêu chủ yếu có 1/2 chỉ tiêu đã đạt và vượt, "
        "1/2 chỉ tiêu đạt tiến độ."
    ]
    # no plan figure for the year: the line says nothing of a plan
    assert limits(vi) == [
        "Trong các chỉ tiêu đã có số liệu, không có chỉ tiêu nào chậm tiến độ hoặc chưa đạt "
        "mục tiêu Nghị quyết."
    ]
    assert focus(vi) == ["Phấn đấu thực hiện đạt và vượt các chỉ tiêu năm 2027."]
    en = summary(ntm, folder, 2026, "en")
    assert overview(en) == [
        "Against the targets of the Resolution, of the 2 main targets: 1/2 met and 1/2 on track."
    ]
    assert limits(en) == [
        "No target with a figure is behind schedule or short of the target of the Resolution."
    ]
    assert focus(en) == ["Meet or exceed the targets for 2027."]


# -- the baseline year ---------------------------------------------------------------------


def test_baseline_year_states_the_baseline_and_gives_no_progress_verdict(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2025, "vi")
    en = summary(ntm, DEMO, 2025, "en")
    # 10 and 11 (11a 92, 11b 91 above 90; 11c 3.1 from 3) are met; 6 (6b no figure) has
    # no figure; the 8 others have their baseline only
    assert overview(vi) == [
        "Năm 2025 là năm đầu nhiệm kỳ; số liệu năm 2025 là căn cứ để đánh giá kết quả các năm "
        "tiếp theo.",
        "So với mục tiêu Nghị quyết, trong 11 chỉ tiêu chủ yếu có 2/11 chỉ tiêu đã đạt và vượt, "
        "8/11 chỉ tiêu mới có số liệu đầu nhiệm kỳ, 1/11 chỉ tiêu chưa đủ số liệu đánh giá.",
        "Các mục tiêu, nhiệm vụ cụ thể khác (9 mục tiêu): 6 mục tiêu đạt, 3 mục tiêu chưa đến hạn.",
    ]
    assert overview(en)[:2] == [
        "2025 is the first year of the term: its figures are the baseline against which the "
        "following years are judged.",
        "Against the targets of the Resolution, of the 11 main targets: 2/11 met, 8/11 with "
        "only the baseline figure and 1/11 not yet assessable.",
    ]
    assert sentence(vi, "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2025 đạt 70 triệu đồng (số liệu đầu "
        "nhiệm kỳ); mục tiêu Nghị quyết đến năm 2030 là 120 triệu đồng."
    )
    assert sentence(vi, "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2025 ở mức 2,5% (số liệu đầu nhiệm "
        "kỳ); mục tiêu Nghị quyết đến năm 2030 là dưới 1,0%."
    )
    assert sentence(en, "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: stood "
        "at 2.5% in 2025 (the baseline of the term); the target of the Resolution for 2030 is "
        "below 1.0%."
    )
    # a total and an average over 2026-2030: the 2025 figure is before their period
    assert sentence(vi, "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2025 đạt 75 tỷ đồng; chỉ tiêu Nghị "
        "quyết tính cho giai đoạn 2026-2030."
    )
    assert sentence(en, "2") == (
        "(2) Growth rate of investment capital from the state budget managed by the commune: "
        "9.5% in 2025; the target of the Resolution is counted over 2026-2030."
    )
    # no progress verdict for a level target in its baseline year
    for number in ["1", "2", "3", "4", "5", "6a", "7a", "7b", "8", "9"]:
        assert "tiến độ" not in sentence(vi, number), number
        assert not any(
            w in sentence(en, number) for w in ("on track", "behind", "ahead", "start of the term")
        ), number
    # nothing behind, nothing missed, no plan figure: the shortcomings say so, and the
    # tasks for next year ask to keep what is met and meet its plan
    assert limits(vi) == [
        "Trong các chỉ tiêu đã có số liệu, không có chỉ tiêu nào chậm tiến độ hoặc chưa đạt "
        "mục tiêu Nghị quyết."
    ]
    assert focus(vi) == ["Phấn đấu thực hiện đạt và vượt các chỉ tiêu năm 2026."]


def test_baseline_already_meeting_the_target(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {2025: {"cultural_families": "92"}})
    assert sentence(summary(ntm, folder, 2025, "vi"), "7a") == (
        "(7a) Tỷ lệ gia đình văn hóa năm 2025 đạt 92% (số liệu đầu nhiệm kỳ), đã đạt mục tiêu "
        "Nghị quyết đến năm 2030 (91%)."
    )
    assert sentence(summary(ntm, folder, 2025, "en"), "7a") == (
        "(7a) Share of families recognised as cultural families: 92% in 2025 (the baseline of "
        "the term), already meeting the target of the Resolution for 2030 (91%)."
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
    # the appendix marks the figure and explains the mark under the table
    assert "\t93,5 (ước)\t" in vi and "\t93.5 (est.)\t" in en
    assert "(ước): số ước thực hiện. Với các chỉ tiêu tỷ lệ (%)" in vi
    assert "(est.): estimate. For percentages" in en
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
    assert "năm 2027 ước giảm còn 2,3%, giảm 0,1 điểm phần trăm so với cùng kỳ;" in (
        sentence(vi, "4")
    )
    assert (
        ": an estimated fall to 2.3% in 2027, down 0.1 percentage points on the year before;"
        in (sentence(en, "4"))
    )
    assert sentence(vi, "10").endswith(": năm 2027 đạt yêu cầu (ước thực hiện).")
    assert sentence(en, "10").endswith(": met in 2027 (estimate).")


def test_no_estimate_note_without_estimates(ntm: Invoke) -> None:
    en = summary(ntm, DEMO, 2026, "en")
    assert "(est.)" not in en and "an estimated" not in en and "(estimate)." not in en


# -- one sentence per kind -------------------------------------------------------------------


def test_level_amount(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {2025: {"income": "70"}, 2026: {"income": "80"}, 2027: {"income": "76"}},
        plans={2026: {"income": "78"}, 2027: {"income": "86"}},
    )
    # 2026: 80 / 78 = 102.56% of the plan; +10 on 70 = +14.29%; 80 / 120 = 66.7%;
    # e = 70 × (120/70)^(1/5) = 77.97 ≤ 80: on track
    assert sentence(summary(ntm, folder, 2026, "vi"), "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2026 đạt 80 triệu đồng, đạt 102,6% "
        "kế hoạch (KH 78 triệu đồng), tăng 14,3% so với cùng kỳ (tăng 10 triệu đồng); đạt "
        "66,7% so với mục tiêu Nghị quyết (120 triệu đồng), đạt tiến độ."
    )
    assert sentence(summary(ntm, folder, 2026, "en"), "3") == (
        "(3) Average income per person in the commune: 80 million VND in 2026, 102.6% of the "
        "plan (78 million VND), up 14.3% on the year before (10 million VND more); 66.7% of "
        "the target of the Resolution (120 million VND): on track."
    )
    # 2027: 76 / 86 = 88.37% ("bằng", not "đạt": short of the plan); 76 / 80 = 95.0%, -4;
    # 76 / 120 = 63.3%; e = 86.84 > 76: behind schedule
    vi = summary(ntm, folder, 2027, "vi")
    assert sentence(vi, "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2027 đạt 76 triệu đồng, bằng 88,4% "
        "kế hoạch (KH 86 triệu đồng), bằng 95% so với cùng kỳ (giảm 4 triệu đồng); đạt 63,3% "
        "so với mục tiêu Nghị quyết (120 triệu đồng), chậm tiến độ."
    )
    assert sentence(summary(ntm, folder, 2027, "en"), "3") == (
        "(3) Average income per person in the commune: 76 million VND in 2027, 88.4% of the "
        "plan (86 million VND), 95% of the year before (4 million VND less); 63.3% of the "
        "target of the Resolution (120 million VND): behind schedule."
    )
    # against the year's plan: one target with a plan, short of it; behind the path
    assert overview(vi)[0] == "Năm 2027, so với kế hoạch năm có 1/1 chỉ tiêu chưa đạt."
    assert limits(vi) == [
        "Bên cạnh kết quả đạt được, việc thực hiện các chỉ tiêu năm 2027 còn một số hạn chế:",
        "- Có 1 chỉ tiêu chưa đạt kế hoạch năm: (3) Thu nhập bình quân đầu người trên địa bàn "
        "bằng 88,4% kế hoạch (KH 86 triệu đồng).",
        "- Có 1 chỉ tiêu chậm tiến độ so với mục tiêu Nghị quyết: (3) Thu nhập bình quân đầu "
        "người trên địa bàn.",
    ]
    # (120 - 76) / 3 = 14.67 a year; (120 / 76)^(1/3) = 1.1643: about 16.4% a year
    assert focus(vi) == [
        "Để hoàn thành các mục tiêu Nghị quyết, năm 2028 và các năm tiếp theo cần tập trung:",
        "(3) Thu nhập bình quân đầu người trên địa bàn: cần tăng bình quân 14,7 triệu đồng mỗi "
        "năm để đạt 120 triệu đồng vào năm 2030 (khoảng 16,4%/năm).",
    ]


def test_percent_of_last_year_rounds_as_by_hand(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    # 87 / 80 = 108.75%: a rise of 8.8% (half up), said once, with the amount after it
    assert "tăng 8,8% so với cùng kỳ (tăng 7 triệu đồng);" in sentence(vi, "3")
    assert sentence(vi, "3").count("tăng") == 1 + 1
    assert "\t101,2%\t108,8%\t" in vi


def test_level_rate_in_points(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 93.5 - 94 = -0.5 points; 93.5 - 93 = +0.5; 93.5 - 96.5 = -3;
    # e = 92 + 4.5 × 2/5 = 93.8 > 93.5: behind schedule
    assert sentence(vi, "6a") == (
        "(6a) Tỷ lệ dân số tham gia bảo hiểm y tế năm 2027 ước đạt 93,5%, thấp hơn kế hoạch 0,5 "
        "điểm phần trăm (KH 94%), tăng 0,5 điểm phần trăm so với cùng kỳ; thấp hơn mục tiêu "
        "Nghị quyết 3 điểm phần trăm (mục tiêu 96,5%), chậm tiến độ."
    )
    assert sentence(en, "6a") == (
        "(6a) Share of the population covered by health insurance: an estimated 93.5% in 2027, "
        "0.5 percentage points below the plan (94%), up 0.5 percentage points on the year "
        "before; 3 percentage points short of the target of the Resolution (96.5%): behind "
        "schedule."
    )
    # a rate is never a ratio of rates
    assert "% kế hoạch" not in sentence(vi, "6a") and "% of the plan" not in sentence(en, "6a")


def test_lower_is_better(ntm: Invoke, tmp_path: Path) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 2.3 against a plan of 2.2: not met (said as the verdict: "cao hơn kế hoạch" would read
    # as praise); 2.3 - 2.4 = -0.1; 2.3 - 1.0 = +1.3; e = 2.5 - 1.5 × 2/5 = 1.9 < 2.3: behind
    assert sentence(vi, "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2027 giảm còn 2,3%, chưa đạt kế hoạch "
        "(KH 2,2%), giảm 0,1 điểm phần trăm so với cùng kỳ; cao hơn mục tiêu Nghị quyết 1,3 "
        "điểm phần trăm (mục tiêu dưới 1,0%), chậm tiến độ."
    )
    assert sentence(en, "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: down "
        "to 2.3% in 2027, not meeting the plan (2.2%), down 0.1 percentage points on the year "
        "before; 1.3 percentage points above the target of the Resolution (below 1.0%): behind "
        "schedule."
    )
    folder = folder_with(
        tmp_path,
        {2025: {"poverty": "2.5"}, 2026: {"poverty": "2.6"}, 2028: {"poverty": "2.1"}},
        plans={2026: {"poverty": "2.4"}},
    )
    # a rise of a lower-is-better rate: worse than at the start of the term, said as such
    assert sentence(summary(ntm, folder, 2026, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2026 tăng lên 2,6%, chưa đạt kế hoạch "
        "(KH 2,4%), tăng 0,1 điểm phần trăm so với cùng kỳ; cao hơn mục tiêu Nghị quyết 1,6 "
        "điểm phần trăm (mục tiêu dưới 1,0%), chậm tiến độ, tăng so với đầu nhiệm kỳ."
    )
    assert sentence(summary(ntm, folder, 2026, "en"), "4").endswith(
        "1.6 percentage points above the target of the Resolution (below 1.0%): behind "
        "schedule, above its level at the start of the term."
    )
    # without last year's figure: neither "fell" nor "rose"; e(2028) = 2.5 - 1.5 × 3/5 = 1.6
    assert sentence(summary(ntm, folder, 2028, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2028 ở mức 2,1%; cao hơn mục tiêu "
        "Nghị quyết 1,1 điểm phần trăm (mục tiêu dưới 1,0%), chậm tiến độ."
    )
    assert sentence(summary(ntm, folder, 2028, "en"), "4") == (
        "(4) Share of households that are poor by the multidimensional poverty standard: stood "
        "at 2.1% in 2028; 1.1 percentage points above the target of the Resolution (below "
        "1.0%): behind schedule."
    )


def test_cumulative_with_its_note(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # 70 / 78 = 89.74%; 70 / 82 = 85.37%, -12; C = 82 + 70 = 152 = 37.53% of 405;
    # e = 405 × 2/5 = 162 > 152: behind schedule
    assert sentence(vi, "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2027 đạt 70 tỷ đồng, bằng 89,7% kế "
        "hoạch (KH 78 tỷ đồng), bằng 85,4% so với cùng kỳ (giảm 12 tỷ đồng); lũy kế 2026-2027 "
        "đạt 152 tỷ đồng, đạt 37,5% so với mục tiêu Nghị quyết cả giai đoạn (405 tỷ đồng)(*), "
        "chậm tiến độ."
    )
    assert sentence(en, "1") == (
        "(1) Total state budget revenue collected in the commune: 70 billion VND in 2027, 89.7% "
        "of the plan (78 billion VND), 85.4% of the year before (12 billion VND less); the total "
        "for 2026-2027 is 152 billion VND, 37.5% of the target of the Resolution for the whole "
        "period (405 billion VND)(*): behind schedule."
    )
    # the (*) note says how target (1) is counted, once, under the text
    assert vi.splitlines().count("(*) Chỉ tiêu (1) tính tổng cả giai đoạn 2026-2030.") == 2
    assert en.splitlines().count("(*) Target (1) is counted as the total over 2026-2030.") == 2
    # (405 - 152) / 3 = 84.33 a year
    assert focus(vi)[1] == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn: 3 năm còn lại (2028-2030) cần đạt bình "
        "quân 84,3 tỷ đồng mỗi năm để hoàn thành mục tiêu 405 tỷ đồng(*)."
    )


def test_cumulative_achieved_early_and_a_gap_in_the_period(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {y: {"revenue": "110"} for y in (2026, 2027, 2028, 2029)},
    )
    # 4 × 110 = 440 ≥ 405 in 2029: one year early; 440 / 405 = 108.6%
    assert sentence(summary(ntm, folder, 2029, "vi"), "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2029 đạt 110 tỷ đồng, bằng cùng kỳ; "
        "lũy kế 2026-2029 đạt 440 tỷ đồng, đạt 108,6% so với mục tiêu Nghị quyết cả giai đoạn "
        "(405 tỷ đồng)(*), về đích trước 1 năm so với Nghị quyết."
    )
    assert sentence(summary(ntm, folder, 2029, "en"), "1").endswith(
        "the total for 2026-2029 is 440 billion VND, 108.6% of the target of the Resolution for "
        "the whole period (405 billion VND)(*): reached a year ahead of the date set by the "
        "Resolution."
    )
    # the year's figure is there, an earlier year of the period is not: the figure is said,
    # the total left as a marked blank, and the missing year named
    gap = folder_with(tmp_path / "gap", {2027: {"revenue": "70"}})
    assert sentence(summary(ntm, gap, 2027, "vi"), "1") == (
        "(1) Tổng thu ngân sách nhà nước trên địa bàn năm 2027 đạt 70 tỷ đồng; lũy kế 2026-2027 "
        "đạt […] (còn thiếu số liệu năm 2026)."
    )
    assert sentence(summary(ntm, gap, 2027, "en"), "1") == (
        "(1) Total state budget revenue collected in the commune: 70 billion VND in 2027; the "
        "total for 2026-2027 is […] (no figure yet for 2026)."
    )
    assert sentence(summary(ntm, gap, 2025, "en"), "1") == (
        "(1) Total state budget revenue collected in the commune: counted from 2026."
    )


def test_average(ntm: Invoke, tmp_path: Path) -> None:
    # ((1.11 × 1.08)^(1/2) - 1) × 100 = 9.49% a year: not above 10, before 2030: behind;
    # needed: (1.1^5 / (1.11 × 1.08))^(1/3) = 1.1033: above 10.3% a year over 2028-2030
    vi = summary(ntm, DEMO, 2027, "vi")
    assert sentence(vi, "2") == (
        "(2) Tốc độ tăng vốn đầu tư thuộc nguồn vốn ngân sách nhà nước do cấp xã quản lý năm "
        "2027 đạt 8%, thấp hơn kế hoạch 2,5 điểm phần trăm (KH 10,5%), giảm 3 điểm phần trăm so "
        "với cùng kỳ; bình quân 2026-2027 đạt 9,5%/năm, Nghị quyết đề ra trên 10%(**), chậm "
        "tiến độ."
    )
    assert sentence(summary(ntm, DEMO, 2027, "en"), "2") == (
        "(2) Growth rate of investment capital from the state budget managed by the commune: 8% "
        "in 2027, 2.5 percentage points below the plan (10.5%), down 3 percentage points on the "
        "year before; 9.5% a year on average over 2026-2027, against a target of above 10% set "
        "by the Resolution(**): behind schedule."
    )
    assert focus(vi)[2] == (
        "(2) Tốc độ tăng vốn đầu tư thuộc nguồn vốn ngân sách nhà nước do cấp xã quản lý: các "
        "năm 2028-2030 cần đạt bình quân trên 10,3%/năm."
    )
    # at the end of the period with years missing: a marked blank, the missing years named
    folder = folder_with(
        tmp_path,
        {y: {"investment_growth": "12"} for y in (2026, 2028, 2030)},
    )
    assert sentence(summary(ntm, folder, 2030, "vi"), "2") == (
        "(2) Tốc độ tăng vốn đầu tư thuộc nguồn vốn ngân sách nhà nước do cấp xã quản lý năm "
        "2030: […] (còn thiếu số liệu năm 2027 và 2029)."
    )


def test_annual(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # "trên 90%" is strict: 90 is not above 90
    assert sentence(vi, "11a") == (
        "(11a) Tỷ lệ tổ chức đảng trực thuộc được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ "
        "trở lên năm 2027 đạt 90%, giảm 1 điểm phần trăm so với cùng kỳ, chưa đạt chỉ tiêu "
        "(trên 90%)."
    )
    # "từ 3% trở lên", as the resolution words it; 3.2 over 3: exceeded
    assert sentence(vi, "11c") == (
        "(11c) Tỷ lệ kết nạp đảng viên mới trên tổng số đảng viên của đảng bộ năm 2027 đạt 3,2%, "
        "cao hơn kế hoạch 0,2 điểm phần trăm (KH 3%), tăng 0,2 điểm phần trăm so với cùng kỳ, "
        "vượt chỉ tiêu (từ 3% trở lên)."
    )
    assert sentence(en, "11c") == (
        "(11c) New Party members admitted in the year, as a share of all the Organisation's "
        "members: 3.2% in 2027, 0.2 percentage points above the plan (3%), up 0.2 percentage "
        "points on the year before, exceeding the target (3% or more)."
    )
    assert sentence(en, "S7") == (
        "(S7) Share of the military call-up quota fulfilled: 100% in 2027, the same as the year "
        "before, meeting the target (100%)."
    )
    assert focus(en)[7] == (
        "(11a) Share of the Party organisations under the Committee rated as completing their "
        "tasks well or better: the coming years must reach above 90% each year."
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
    assert focus(vi)[-1] == (
        "(S6) Tổ chức diễn tập phòng thủ dân sự: từ năm tới cần bảo đảm thực hiện đạt yêu cầu "
        "hằng năm."
    )


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
        "(S1) Xã Xuân Trường cơ bản đạt các tiêu chí của phường: đến năm 2030 chưa đạt."
    )
    assert sentence(en, "S1") == (
        "(S1) Xuân Trường commune basically meets the criteria of a ward: not reached by 2030, "
        "the deadline."
    )
    assert limits(vi)[1] == (
        "- Các mục tiêu, nhiệm vụ cụ thể khác chưa đạt: (S1) Xã Xuân Trường cơ bản đạt các tiêu "
        "chí của phường."
    )
    # reached since its first "có", also in a later year without a figure
    assert sentence(en, "S2").endswith(": reached (since 2027).")
    assert sentence(summary(ntm, folder, 2029, "vi"), "S2").endswith(": đã đạt (từ năm 2027).")


def test_no_data_no_baseline_and_achieved_early(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    en = summary(ntm, DEMO, 2027, "en")
    # no figure: a marked blank where the figure goes, for the office to fill in
    assert sentence(vi, "8") == "(8) Tỷ lệ dân số được sử dụng nước sạch năm 2027: […]."
    assert (
        sentence(en, "8") == "(8) Share of the population with access to clean water: […] in 2027."
    )
    # no 2025 figure: the distance to the target, no verdict on the pace
    assert sentence(vi, "6b") == (
        "(6b) Tỷ lệ người dân có hồ sơ sức khỏe điện tử năm 2027 đạt 55%, tăng 15 điểm phần "
        "trăm so với cùng kỳ; thấp hơn mục tiêu Nghị quyết 25 điểm phần trăm (mục tiêu 80%)."
    )
    # 91.2 ≥ 91 in 2027, three years before 2030
    assert sentence(vi, "7a") == (
        "(7a) Tỷ lệ gia đình văn hóa năm 2027 đạt 91,2%, cao hơn kế hoạch 1,2 điểm phần trăm "
        "(KH 90%), tăng 1,7 điểm phần trăm so với cùng kỳ; đã đạt mục tiêu Nghị quyết (91%), về "
        "đích trước 3 năm so với Nghị quyết."
    )
    assert sentence(en, "7a").endswith(
        "already meeting the target of the Resolution (91%): reached 3 years ahead of the date "
        "set by the Resolution."
    )


def test_achieved_in_the_target_year(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {2025: {"poverty": "2.5", "income": "70"}, 2030: {"poverty": "0.9", "income": "125"}},
    )
    vi = summary(ntm, folder, 2030, "vi")
    en = summary(ntm, folder, 2030, "en")
    # in its year the verdict says it; no "đã đạt ..., hoàn thành" twice
    assert sentence(vi, "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2030 ở mức 0,9%; thấp hơn mục tiêu "
        "Nghị quyết 0,1 điểm phần trăm (mục tiêu dưới 1,0%), hoàn thành mục tiêu."
    )
    # below a ceiling is "below", not "short of"
    assert sentence(en, "4").endswith(
        "0.9% in 2030; 0.1 percentage points below the target of the Resolution (below 1.0%): "
        "target achieved."
    )
    # 125 / 120 = 104.2%
    assert sentence(vi, "3") == (
        "(3) Thu nhập bình quân đầu người trên địa bàn năm 2030 đạt 125 triệu đồng; đạt 104,2% "
        "so với mục tiêu Nghị quyết (120 triệu đồng), vượt mục tiêu."
    )
    # the last year of the term: the tasks are those of the time to come, for the office
    assert under(vi, "III. ") == ["[Nêu nhiệm vụ, giải pháp thời gian tới.]./."]


# -- II. shortcomings and III. tasks ------------------------------------------------------


def test_shortcomings_of_the_demo(ntm: Invoke) -> None:
    vi = limits(summary(ntm, DEMO, 2027, "vi"))
    assert vi[0] == (
        "Bên cạnh kết quả đạt được, việc thực hiện các chỉ tiêu năm 2027 còn một số hạn chế:"
    )
    # short of the plan: each with how far; behind; missed (11a: 90 not above 90; S6 "không")
    assert vi[1] == (
        "- Có 6 chỉ tiêu chưa đạt kế hoạch năm: (1) Tổng thu ngân sách nhà nước trên địa bàn "
        "bằng 89,7% kế hoạch (KH 78 tỷ đồng); (2) Tốc độ tăng vốn đầu tư thuộc nguồn vốn ngân "
        "sách nhà nước do cấp xã quản lý thấp hơn kế hoạch 2,5 điểm phần trăm (KH 10,5%); (4) "
        "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều chưa đạt kế hoạch (KH 2,2%); (5) Tỷ lệ trường "
        "học đạt chuẩn Quốc gia thấp hơn kế hoạch 6 điểm phần trăm (KH 84%); (6a) Tỷ lệ dân số "
        "tham gia bảo hiểm y tế thấp hơn kế hoạch 0,5 điểm phần trăm (KH 94%); (9) Tỷ lệ thu "
        "gom chất thải rắn sinh hoạt thấp hơn kế hoạch 1 điểm phần trăm (KH 89%)."
    )
    assert vi[2].startswith("- Có 6 chỉ tiêu chậm tiến độ so với mục tiêu Nghị quyết: (1) ")
    assert vi[3] == (
        "- Có 1 chỉ tiêu chưa đạt mức Nghị quyết đề ra: (11a) Tỷ lệ tổ chức đảng trực thuộc được "
        "đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ trở lên."
    )
    en = limits(summary(ntm, DEMO, 2027, "en"))
    assert en[1].startswith(
        "- 6 targets fell short of the year's plan: (1) Total state budget revenue collected in "
        "the commune, 89.7% of the plan (78 billion VND); (2) "
    )
    assert en[3].startswith("- One target fell short of the level set by the Resolution: (11a) ")
    # the goals of sections I and III apart from the targets counted in section I
    assert (
        vi[4]
        == "- Các mục tiêu, nhiệm vụ cụ thể khác chưa đạt: (S6) Tổ chức diễn tập phòng thủ dân sự."
    )


def test_tasks_of_next_year_of_the_demo(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    assert under(vi, "III. ") == []  # straight to its sub-headings
    assert [n.split(" ")[0] for n in focus(vi)[1:]] == [
        "(1)", "(2)", "(4)", "(5)", "(6a)", "(9)", "(11a)", "(S6)",
    ]  # fmt: skip
    # (100 - 78) / 3 = 7.33; (96.5 - 93.5) / 3 = 1; (1.0 - 2.3) / 3 = -0.43
    assert focus(vi)[3:6] == [
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều: cần giảm bình quân 0,43 điểm phần trăm "
        "mỗi năm để đạt dưới 1,0% vào năm 2030.",
        "(5) Tỷ lệ trường học đạt chuẩn Quốc gia: cần tăng bình quân 7,3 điểm phần trăm mỗi năm "
        "để đạt 100% vào năm 2030.",
        "(6a) Tỷ lệ dân số tham gia bảo hiểm y tế: cần tăng bình quân 1 điểm phần trăm mỗi năm để "
        "đạt 96,5% vào năm 2030.",
    ]
    assert under(vi, "2. Giải pháp chủ yếu") == [
        "[Nêu các giải pháp chủ yếu để thực hiện các chỉ tiêu năm 2028.]./."
    ]
    en = summary(ntm, DEMO, 2027, "en")
    assert focus(en)[0] == (
        "To meet the targets of the Resolution, these need attention in 2028 and the years "
        "after it:"
    )
    assert focus(en)[5] == (
        "(6a) Share of the population covered by health insurance: it needs to rise by 1 "
        "percentage point a year on average to reach 96.5% by 2030."
    )


# The headings of the 2027 report (the Word report has the same, in bold).
SKELETON_2027 = (
    "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "1. Đánh giá chung",
    "2. Kết quả cụ thể",
    "a) Về kinh tế",
    "b) Về văn hóa - xã hội",
    "c) Về xây dựng Đảng, chính quyền",
    "Các mục tiêu, nhiệm vụ cụ thể khác",
    "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
    "1. Hạn chế",
    "2. Nguyên nhân",
    "III. NHIỆM VỤ, GIẢI PHÁP NĂM 2028",
    "1. Các chỉ tiêu cần tập trung thực hiện",
    "2. Giải pháp chủ yếu",
)


def test_the_skeleton_of_the_report(ntm: Invoke) -> None:
    vi = summary(ntm, DEMO, 2027, "vi")
    other = "Các mục tiêu, nhiệm vụ cụ thể khác"  # the sub-heading of sections I and III's goals
    lines = vi[: vi.index("PHỤ LỤC")].splitlines()
    heads = [line for line in lines if _HEADING.fullmatch(line) or line == other]
    assert heads == list(SKELETON_2027)
    # what only the office can write is a marked place, never a sentence made up
    assert under(vi, "2. Nguyên nhân") == [
        "[Nêu nguyên nhân khách quan và chủ quan của các hạn chế trên.]"
    ]
    # no forecast from a trend, no double note mark
    for lang in ("vi", "en"):
        out = summary(ntm, DEMO, 2027, lang)
        assert "xu hướng" not in out and "trend" not in out
        assert "(*)(*)" not in out and "(**)(**)" not in out


def test_a_missing_figure_is_a_marked_blank_and_a_warning(ntm: Invoke, tmp_path: Path) -> None:
    out, err = run_summary(ntm, DEMO, 2027, "vi")
    assert "(8) Tỷ lệ dân số được sử dụng nước sạch năm 2027: […]." in out
    assert err == (
        "Cảnh báo: năm 2027 chưa có số liệu của (8) Tỷ lệ dân số được sử dụng nước sạch; báo "
        "cáo để trống chỗ đó.\n"
    )
    _, err = run_summary(ntm, DEMO, 2027, "en")
    assert err == (
        "Warning: 2027 has no figure yet for (8) Share of the population with access to clean "
        "water: the report leaves it blank.\n"
    )
    # many missing: their numbers only, so the warning stays short
    folder = folder_with(tmp_path, {2026: {"income": "80"}})
    _, err = run_summary(ntm, folder, 2026, "en")
    assert err == (
        "Warning: 2026 has no figures yet for 23 targets: (1), (2), (4), (5), (6a), (6b), (7a), "
        "(7b), (8), (9), (10), (11a), (11b), (11c), (S1), (S2), (S3), (S4), (S5), (S6), (S7), "
        "(S8), (S9); the report leaves them blank.\n"
    )
    # written to a file: every place the office must fill in before sending it
    target = tmp_path / "bao-cao.txt"
    r = ntm("--data-dir", str(DEMO), "summary", "2027", "-o", str(target))
    assert r.exit_code == ExitCode.OK
    assert r.stderr == (
        "Cảnh báo: báo cáo còn 3 chỗ để trống cần điền trước khi gửi (đánh dấu […]): (8) Tỷ lệ "
        "dân số được sử dụng nước sạch; 2. Nguyên nhân; 2. Giải pháp chủ yếu.\n"
    )


YEAR_PLAN = """\
title: {vi: Kế hoạch phát triển kinh tế - xã hội năm 2026, en: Socio-economic plan for 2026}
commune: Xuân Trường
level: xa
body: council
document: year_plan
term: {start: 2026, end: 2026}
baseline_year: 2025
indicators:
  - {id: agri, number: "2a", field: economy, name: {vi: Tỷ trọng nông nghiệp, en: Share of
     agriculture}, unit: {vi: "%", en: "%"}, kind: level, measure: percent,
     comparator: trong khoảng, target: "20-22", target_year: 2026, structure: co_cau}
  - {id: industry, number: "2b", field: economy, name: {vi: Tỷ trọng công nghiệp - xây dựng,
     en: Share of industry and construction}, unit: {vi: "%", en: "%"}, kind: level,
     measure: percent, comparator: trong khoảng, target: "40-42", target_year: 2026,
     structure: co_cau}
  - {id: services, number: "2c", field: economy, name: {vi: Tỷ trọng dịch vụ, en: Share of
     services}, unit: {vi: "%", en: "%"}, kind: level, measure: percent,
     comparator: trong khoảng, target: "37-39", target_year: 2026, structure: co_cau}
"""


def test_structure_shares_in_a_plan_of_one_year(ntm: Invoke, tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path,
        {
            2025: {"agri": "23", "industry": "40", "services": "37"},
            2026: {"agri": "21,5", "industry": "39,5", "services": "39"},
        },
        plan_text=YEAR_PLAN,
    )
    vi = summary(ntm, folder, 2026, "vi")
    # 21.5 in 20-22 and 39 in 37-39 are met; 39.5 is 0.5 short of 40-42: 2 of 3 shares, more
    # than half: the structure "cơ bản đạt", and so the one target (2) against the plan
    assert overview(vi) == [
        "Năm 2026, so với kế hoạch năm có 1/1 chỉ tiêu cơ bản đạt.",
        "Cơ cấu (2): 2/3 tỷ trọng đạt chỉ tiêu, cơ bản đạt.",
    ]
    assert sentence(vi, "2a") == (
        "(2a) Tỷ trọng nông nghiệp năm 2026 giảm còn 21,5%, giảm 1,5 điểm phần trăm so với cùng "
        "kỳ; nằm trong mức mục tiêu kế hoạch (trong khoảng 20-22%), hoàn thành mục tiêu."
    )
    # outside the band: how far from its nearer end
    assert sentence(vi, "2b") == (
        "(2b) Tỷ trọng công nghiệp - xây dựng năm 2026 giảm còn 39,5%, giảm 0,5 điểm phần trăm "
        "so với cùng kỳ; thấp hơn mục tiêu kế hoạch 0,5 điểm phần trăm (mục tiêu trong khoảng "
        "40-42%), chưa đạt."
    )
    # the plan's targets are the year's plan: a share short of it is named once
    assert limits(vi) == [
        "Bên cạnh kết quả đạt được, việc thực hiện các chỉ tiêu năm 2026 còn một số hạn chế:",
        "- Có 1 chỉ tiêu chưa đạt kế hoạch năm: (2b) Tỷ trọng công nghiệp - xây dựng.",
    ]
    # the document's own name in the appendix, not the resolution's
    header = vi[vi.index("\nTT\t") + 1 :].splitlines()[0].split("\t")
    assert header[3] == "Mục tiêu KH đến năm 2026" and header[10] == "Đánh giá tiến độ thực hiện KH"
    en = summary(ntm, folder, 2026, "en")
    assert overview(en) == [
        "In 2026, of the targets with a plan figure for the year, 1/1 nearly met it.",
        "The structure (2): 2 of 3 shares met, nearly met.",
    ]
    assert sentence(en, "2c").endswith(
        "inside the target band of the plan (within 37-39%): target achieved."
    )
    # shares that do not add up to 100 are named by record and by check
    r = ntm(
        "--data-dir", str(folder), "record", "2026", "services", "45", "--force", "--lang", "en"
    )
    assert r.exit_code == ExitCode.OK
    assert r.stderr == (
        "Warning: the shares of 'co_cau' in 2026 add up to 106, not 100; check the figures.\n"
    )
    r = ntm("--data-dir", str(folder), "check", "--lang", "vi")
    assert r.exit_code == ExitCode.OK
    assert r.stdout.splitlines()[0].endswith(
        "2026.yaml: cảnh báo: các tỷ trọng của cơ cấu 'co_cau' năm 2026 cộng lại bằng 106, không "
        "phải 100; hãy kiểm tra lại số liệu."
    )


def test_sentences_that_broke_on_other_plans(ntm: Invoke, tmp_path: Path) -> None:
    # a target missed in its own year, before the end of the term: said once, and no
    # pace asked of it ("(1) ... (không đạt): ." was printed)
    plan = ONE_PLAN.replace("target: 120, target_year: 2030}", "target: 120, target_year: 2027}")
    folder = folder_with(
        tmp_path / "a", {2025: {"income": "70"}, 2027: {"income": "90"}}, plan_text=plan
    )
    vi = summary(ntm, folder, 2027, "vi")
    assert sentence(vi, "1") == (
        "(1) Thu nhập năm 2027 đạt 90 triệu đồng; đạt 75% so với mục tiêu Nghị quyết (120 triệu "
        "đồng), chưa đạt."
    )
    assert focus(vi) == ["Phấn đấu thực hiện đạt và vượt các chỉ tiêu năm 2028."]
    assert ": ." not in vi
    # one year left: that year is named, not "các năm tới"
    folder = folder_with(tmp_path / "b", {2029: {"party_org_rating": "88"}})
    assert focus(summary(ntm, folder, 2029, "vi")) == [
        "Để hoàn thành các mục tiêu Nghị quyết, năm 2030, năm cuối nhiệm kỳ, cần tập trung:",
        "(11a) Tỷ lệ tổ chức đảng trực thuộc được đánh giá, xếp loại từ hoàn thành tốt nhiệm vụ "
        "trở lên: năm 2030 cần đạt trên 90%.",
    ]
    # the same figure as last year is neither a rise nor a fall ("ước tăng lên 7,6% ... bằng
    # năm 2018")
    folder = folder_with(
        tmp_path / "c",
        {
            2025: {"poverty": "2.5"},
            2026: {"poverty": "2.4"},
            2027: {"poverty": "{value: 2.4, estimate: yes}"},
        },
    )
    assert sentence(summary(ntm, folder, 2027, "vi"), "4").startswith(
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2027 ước ở mức 2,4%, bằng cùng kỳ; "
    )
    # at a strict bound ("dưới 1,0%"): level with it, not met, and no "0,0 điểm phần trăm"
    folder = folder_with(tmp_path / "d", {2025: {"poverty": "2.5"}, 2030: {"poverty": "1.0"}})
    assert sentence(summary(ntm, folder, 2030, "vi"), "4") == (
        "(4) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều năm 2030 ở mức 1%; bằng mức mục tiêu Nghị "
        "quyết (dưới 1,0%), chưa đạt."
    )
    # the first year of a period: no "lũy kế 2026" or "bình quân 2026" of one year
    vi = summary(ntm, DEMO, 2026, "vi")
    assert sentence(vi, "1").endswith(
        "đạt 20,2% so với mục tiêu Nghị quyết cả giai đoạn 2026-2030 (405 tỷ đồng)(*), đạt tiến độ."
    )
    assert sentence(vi, "2").endswith(
        "; Nghị quyết đề ra bình quân giai đoạn 2026-2030 trên 10%(**), đạt tiến độ."
    )
    assert "lũy kế 2026 " not in vi and "bình quân 2026 " not in vi


def _plan(*rows: str, term: str = "{start: 2026, end: 2026}", extra: str = "") -> str:
    """A plan of a People's Council whose indicators are ``rows`` (flow mappings)."""
    head = (
        "title: {vi: Kế hoạch thử, en: A test plan}\ncommune: Xuân Trường\nlevel: xa\n"
        f"body: council\ndocument: year_plan\nterm: {term}\nbaseline_year: 2025\n{extra}"
        "indicators:\n"
    )
    return head + "".join(f"  - {r}\n" for r in rows)


def _share(id_: str, number: str, target: str) -> str:
    return (
        f'{{id: {id_}, number: "{number}", field: economy, name: {{vi: Tỷ trọng {id_}}}, '
        'unit: {vi: "%"}, kind: level, measure: percent, comparator: trong khoảng, '
        f'target: "{target}", target_year: 2026, structure: co_cau}}'
    )


def test_a_structure_with_half_its_shares_or_fewer_is_not_met(ntm: Invoke, tmp_path: Path) -> None:
    plan = _plan(
        _share("agri", "2a", "20-22"), _share("ind", "2b", "40-42"), _share("svc", "2c", "37-39")
    )
    folder = folder_with(tmp_path, {2026: {"agri": "23", "ind": "39", "svc": "38"}}, plan_text=plan)
    # only 38 lies in its band: 1 of 3, not more than half: chưa đạt
    assert overview(summary(ntm, folder, 2026, "vi")) == [
        "Năm 2026, so với kế hoạch năm có 1/1 chỉ tiêu chưa đạt.",
        "Cơ cấu (2): 1/3 tỷ trọng đạt chỉ tiêu, chưa đạt.",
    ]
    assert overview(summary(ntm, folder, 2026, "en"))[1] == (
        "The structure (2): 1 of 3 shares met, not met."
    )


def test_fields_are_lettered_as_vietnamese_documents_letter_them(
    ntm: Invoke, tmp_path: Path
) -> None:
    rows = [
        f'{{id: x{i}, number: "{i}", field: {field}, name: {{vi: Chỉ tiêu {i}}}, '
        'unit: {vi: "%"}, kind: level, measure: percent, comparator: đạt, target: 50, '
        "target_year: 2026}"
        for i, field in enumerate(
            ("economy", "culture_society", "environment", "party_government", "defence_security"),
            start=1,
        )
    ]
    folder = folder_with(tmp_path, {}, plan_text=_plan(*rows))
    heads = [line for line in summary(ntm, folder, 2026, "vi").splitlines() if line[1:3] == ") "]
    assert heads == [
        "a) Về kinh tế",
        "b) Về văn hóa - xã hội",
        "c) Về môi trường",
        "d) Về xây dựng Đảng, chính quyền",
        "đ) Về quốc phòng - an ninh",  # a, b, c, d, đ: no "e)" after "d)"
    ]
    en = summary(ntm, folder, 2026, "en")
    assert "c) Environment" in en.splitlines() and "e) Defence and security" in en.splitlines()


def test_a_figure_short_by_less_than_shows_is_not_level_with_the_target(
    ntm: Invoke, tmp_path: Path
) -> None:
    row = (
        '{id: share, number: "1", field: economy, name: {vi: Tỷ lệ, en: Share}, '
        'unit: {vi: "%", en: "%"}, kind: level, measure: percent, comparator: đạt, '
        "target: 50, target_year: 2026}"
    )
    folder = folder_with(tmp_path, {2026: {"share": "49,96"}}, plan_text=_plan(row))
    # 49.96 - 50 = -0.04, 0 at one decimal: not "bằng mức mục tiêu", not "0 điểm"
    assert sentence(summary(ntm, folder, 2026, "vi"), "1") == (
        "(1) Tỷ lệ năm 2026 đạt 49,96%; sát mức mục tiêu kế hoạch (50%), chưa đạt."
    )
    assert sentence(summary(ntm, folder, 2026, "en"), "1") == (
        "(1) Share: 49.96% in 2026; just short of the target of the plan (50%): not met."
    )


def test_nearly_met_against_the_plan_is_said_so_in_the_shortcomings(
    ntm: Invoke, tmp_path: Path
) -> None:
    row = (
        '{id: share, number: "1", field: economy, name: {vi: Tỷ lệ, en: Share}, '
        'unit: {vi: "%", en: "%"}, kind: level, measure: percent, comparator: đạt, '
        "target: 50, target_year: 2026}"
    )
    plan = _plan(row, extra="judging: {margin: 1}\n")
    folder = folder_with(tmp_path, {2026: {"share": "49,5"}}, plan_text=plan)
    vi = summary(ntm, folder, 2026, "vi")
    # 0.5 short of 50, within the margin of 1 point: cơ bản đạt, and said so in II
    assert overview(vi)[0] == "Năm 2026, so với kế hoạch năm có 1/1 chỉ tiêu cơ bản đạt(*)."
    assert limits(vi)[1] == "- Có 1 chỉ tiêu cơ bản đạt kế hoạch năm: (1) Tỷ lệ."
    # nothing recorded: no count, and the note on how counts judge has nowhere to go
    empty = folder_with(tmp_path / "empty", {}, plan_text=plan)
    out = summary(ntm, empty, 2026, "vi")
    assert "(*)" not in out and "2. Kết quả cụ thể\n" in out


def test_a_note_whose_mark_no_sentence_carries_is_left_out(ntm: Invoke, data_dir: Path) -> None:
    out = summary(ntm, data_dir, 2026, "vi")  # nothing recorded: (1) and (2) are blanks
    body = out[: out.index("PHỤ LỤC")]
    assert "(*)" not in body and "Chỉ tiêu (1) tính tổng" not in body


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
    en = summary(ntm, data_dir, 2026, "en")
    results = [line for line in en[: en.index("\nII. ")].splitlines() if line.startswith("(")]
    assert len(results) == 15 + 9 and all(line.endswith(": […] in 2026.") for line in results)
    assert limits(en) == [
        "No target with a figure is behind schedule or short of the target of the Resolution."
    ]


# -- layout --------------------------------------------------------------------------------


def test_text_has_one_paragraph_per_line_when_not_a_terminal(ntm: Invoke) -> None:
    out = summary(ntm, DEMO, 2027, "vi")
    body = under(out, "a) ") + under(out, "b) ") + under(out, "c) ")
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
        "Kết quả thực hiện các chỉ tiêu chủ yếu năm 2027, xã Xuân Trường",
        "",
    ]
    assert lines[3].split("\t") == [
        "TT", "Chỉ tiêu", "ĐVT", "Mục tiêu NQ đến năm 2030", "Thực hiện năm 2026",
        "Kế hoạch năm 2027", "Thực hiện (ước TH) năm 2027", "So sánh với KH năm",
        "So sánh với năm 2026", "Đánh giá so với KH năm", "Đánh giá tiến độ thực hiện NQ",
        "Ghi chú",
    ]  # fmt: skip
    numbers = [line.split("\t")[0] for line in lines[4:29]]
    assert numbers == [
        "1", "2", "3", "4", "5", "6a", "6b", "7a", "7b", "8", "9", "10", "11a", "11b", "11c",
        "", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9",
    ]  # fmt: skip
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[4:29]}
    # amounts: % of the plan and of last year; rates: the change in points; each with its
    # unit, under headers that name neither; the year against its plan in the office's words
    assert rows["1"][3:] == [
        "405 (tổng 2026-2030)", "82", "78", "70", "89,7%", "85,4%", "Chưa đạt",
        "Chậm tiến độ", "lũy kế 2026-2027: 152; (*)",
    ]  # fmt: skip
    assert rows["4"][3:] == [
        "dưới 1,0", "2,4", "2,2", "2,3", "+0,1 điểm %", "-0,1 điểm %", "Chưa đạt",
        "Chậm tiến độ", "",
    ]  # fmt: skip
    assert rows["6a"][6:] == [
        "93,5 (ước)",
        "-0,5 điểm %",
        "+0,5 điểm %",
        "Chưa đạt",
        "Chậm tiến độ",
        "Ước thực hiện đến 31/12",
    ]
    assert rows["2"][-1] == "bình quân đến nay: 9,5; (**)"  # its own note mark
    # above the plan: Vượt (less poverty would be too); below: Chưa đạt; no plan: -
    verdicts = [rows[n][9] for n in ("3", "7a", "11c", "4", "6b", "10")]
    assert verdicts == ["Vượt", "Vượt", "Vượt", "Chưa đạt", "-", "-"]
    assert rows["11a"][3] == "trên 90 (hằng năm)"
    assert rows["10"][2:5] == ["", "duy trì", "Đạt"]  # a yes/no in the office's words
    assert lines[4 + 15].split("\t")[1] == "Các mục tiêu, nhiệm vụ cụ thể khác"
    en = summary(ntm, DEMO, 2027, "en")
    header = en[en.index("\nAPPENDIX\n") :].splitlines()[4].split("\t")
    assert header == [
        "No.", "Indicator", "Unit", "Resolution target (to 2030)", "Actual 2026", "Plan 2027",
        "Actual (estimate) 2027", "Compared with the plan", "Compared with 2026",
        "Against the year's plan", "Progress towards the Resolution target", "Notes",
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
    assert lines[0] == "# KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2027"
    assert [line for line in lines if line.startswith("## ")] == [
        "## I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "## II. HẠN CHẾ VÀ NGUYÊN NHÂN",
        "## III. NHIỆM VỤ, GIẢI PHÁP NĂM 2028",
        "## PHỤ LỤC",
    ]
    assert "### 2. Kết quả cụ thể" in lines and "#### a) Về kinh tế" in lines
    assert "#### Các mục tiêu, nhiệm vụ cụ thể khác" in lines
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 15 + 1 + 9
    assert table[1] == "|---|---|---|---|---:|---:|---:|---:|---:|---|---|---|"
    assert (
        table[2 + 15]
        == "|  | **Các mục tiêu, nhiệm vụ cụ thể khác** |  |  |  |  |  |  |  |  |  |  |"
    )
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
        for line in out[out.index("\nPHỤ LỤC\n") :].splitlines()[4:29]
    }
    assert [rows[n][9] for n in ("3", "4", "10")] == ["Đạt", "Vượt", "Đạt"]
    assert rows["3"][7] == "100%"  # 87 / 87.04 = 99.95%: 100% at the places shown

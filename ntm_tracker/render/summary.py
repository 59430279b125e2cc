"""The annual report in the office's words: one composition, four files.

:func:`compose` turns the ``SummaryReport`` into a :class:`Document` of paragraphs and
the appendix table, every word from the catalog; :func:`render_summary` lays that out as
text, Markdown, a Word report (:mod:`ntm_tracker.render.office`) or an Excel sheet.
Plain text has one paragraph per line (a paste into Word flows); only on a terminal is
it wrapped to the terminal's width.

The sentence fragments (``value_words``, ``plan_words``...) are shared with ``explain``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Indicator
from ntm_tracker.core.numbers import Range, places_of
from ntm_tracker.core.phrase import NOTE as NOTE_MARK
from ntm_tracker.core.phrase import span
from ntm_tracker.core.result import Reason, Status, Verdict
from ntm_tracker.render import dispatch, on_one_line
from ntm_tracker.render.document import (
    Appendix,
    Cell,
    Document,
    Frame,
    Note,
    Paragraph,
    end_mark,
)
from ntm_tracker.render.status import dropped_line, layout, running_figure

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Plan
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.summary import SummaryReport, Tally
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv


# -- sentence fragments --------------------------------------------------------------------


def _amount(words: Words, ind: Indicator, value: float | bool | None) -> str:
    return words.with_unit(ind, value)


def _same(words: Words, ind: Indicator, diff: float) -> bool:
    """Whether a difference shows as nothing at the indicator's places."""
    return words.number(abs(diff), ind.decimals) == words.number(0, ind.decimals)


def value_words(words: Words, row: Row) -> str:
    """The year's figure with its verb: 'đạt 87 triệu đồng', 'ước đạt ...', 'giảm còn 2,3%',
    'ở mức 2,3%' (a figure to keep low that stayed where it was)."""
    ind, r, c = row.indicator, row.result, row.comparison
    estimate = "estimate_" if r.estimate and row.entry is not None and row.entry.estimate else ""
    value = _amount(words, ind, r.actual)
    if row.entry is not None and row.entry.span is not None:  # typed as a range
        value = words.amount(ind, words.range(ind, row.entry.span))
    verb = "reached"
    change = c.change_from_previous
    if not ind.comparator.higher_is_better:
        verb = "was"
        if change is not None and not _same(words, ind, change):
            verb = "fell_to" if change < 0 else "rose_to"
    return words(f"sum.value_{estimate}{verb}", value=value)


def plan_words(words: Words, row: Row) -> str:
    """Against the year's plan: 'bằng 89,7% kế hoạch (KH 78 tỷ đồng)', 'thấp hơn kế hoạch
    2,5 điểm phần trăm (KH 10,5%)'; for a figure to keep low, the verdict: 'chưa đạt kế
    hoạch (KH 2,2%)'; '' without a plan figure."""
    ind, c = row.indicator, row.comparison
    if c.annual_plan is None or row.result.actual is None:
        return ""
    plan = _amount(words, ind, c.annual_plan)
    if c.annual_plan_span is not None:
        plan = words.amount(ind, words.range(ind, c.annual_plan_span))
    if ind.is_yes_no:
        return words("sum.plan_met" if c.meets_annual_plan else "sum.plan_not_met", plan=plan)
    if not ind.comparator.higher_is_better and c.plan_verdict is not None:
        # a figure to keep low: "cao hơn kế hoạch" would read as praise; the verdict says it
        return words(f"sum.plan_verdict_{c.plan_verdict.value}", plan=plan)
    if c.percent_of_annual_plan is not None:
        reached = c.percent_of_annual_plan >= 100
        key = "sum.plan_percent_reached" if reached else "sum.plan_percent"
        return words(key, pct=words.percent(c.percent_of_annual_plan), plan=plan)
    diff = c.change_from_annual_plan
    if diff is None or _same(words, ind, diff):
        return words("sum.plan_equal", plan=plan)
    side = "above" if diff > 0 else "below"
    return words(f"sum.plan_{side}", plan=plan, diff=words.difference(ind, diff))


def previous_words(words: Words, row: Row) -> str:
    """Against the year before ("so với cùng kỳ"): 'tăng 8,8% so với cùng kỳ (tăng 7 triệu
    đồng)', 'bằng 85,4% so với cùng kỳ (giảm 12 tỷ đồng)'; '' without a figure."""
    ind, c = row.indicator, row.comparison
    if c.previous_year is None or c.change_from_previous is None:
        return ""
    change = c.change_from_previous
    if _same(words, ind, change):
        return words("sum.prev_same")
    diff = words.difference(ind, change)
    if c.percent_of_previous is not None:
        if change > 0:
            pct = words.percent(c.percent_of_previous - 100)
            return words("sum.prev_up_percent", diff=diff, pct=pct)
        return words("sum.prev_down_percent", diff=diff, pct=words.percent(c.percent_of_previous))
    return words(f"sum.prev_{'up' if change > 0 else 'down'}", diff=diff)


def _note(ind: Indicator) -> str:
    return NOTE_MARK if ind.reading_note else ""


def reading_note(words: Words, ind: Indicator, mark: str = NOTE_MARK) -> str:
    """How the plan reads a target whose wording allows more than one reading."""
    return f"{mark} " + words.say(ind.kind.reading(ind))


def note_mark(n: int) -> str:
    """The ``n``-th note's mark: (*), (**), (***)..."""
    return "(" + "*" * n + ")"


def note_marks(footnotes: tuple[Indicator, ...]) -> dict[str, str]:
    """One mark per note, by indicator id (two notes never share a mark; the Word report
    turns them into numbered footnotes)."""
    return {ind.id: note_mark(i + 1) for i, ind in enumerate(footnotes)}


def _marked(text: str, ind: Indicator, marks: dict[str, str]) -> str:
    """``text`` about ``ind`` with the note mark the kinds write, (*), made its own."""
    mark = marks.get(ind.id)
    return text.replace(NOTE_MARK, mark) if mark else text


def target_words(words: Words, row: Row) -> str:
    """Against the resolution's target, for a figure that is judged (the kind says how)."""
    return words.say(row.indicator.kind.against(row))


def verdict_words(words: Words, row: Row, baseline_year: int) -> str:
    """The verdict, to close the sentence: 'đạt tiến độ đề ra', 'hoàn thành sớm 3 năm'."""
    return words.say(row.indicator.kind.verdict(row, baseline_year))


def sentence(words: Words, row: Row, baseline_year: int) -> str:
    """One indicator's result for the year as one sentence, in the resolution's terms;
    without a figure, a marked blank where the figure goes."""
    ind, r = row.indicator, row.result
    head = subject_words(words, row)
    year = r.year
    blank = words("sum.blank")
    if r.status is Status.NO_DATA and r.actual is None:
        if r.reason is Reason.GAP_IN_PERIOD:
            missing = words.join([str(y) for y in r.missing_years])
            return words("sum.gap_in_period", head=head, year=year, blank=blank, missing=missing)
        if r.reason is Reason.BEFORE_PERIOD:
            assert ind.period is not None  # only a period has a "before"
            return words("sum.before_period_empty", head=head, year=year, start=ind.period.start)
        return words("sum.no_data", head=head, year=year, blank=blank)
    parts = [p for p in (plan_words(words, row), previous_words(words, row)) if p]
    lead = words("sum.lead", head=head, year=year, value=value_words(words, row))
    lead = ", ".join([lead, *parts])
    if r.status is Status.NO_DATA:  # the year's figure, but a year of the period missing
        assert ind.period is not None  # only a period has a gap
        missing = words.join([str(y) for y in r.missing_years])
        scope = span(ind.period.start, year)
        return words("sum.gap_with_figure", lead=lead, span=scope, blank=blank, missing=missing)
    own = ind.kind.sentence(row, head, lead)
    if own is not None:  # a kind whose sentence has its own shape (yes/no goals)
        return words.say(own)
    if r.status is Status.BASELINE:
        if r.reason is Reason.BEFORE_PERIOD:
            assert ind.period is not None  # only a period has a "before"
            return words("sum.before_period", lead=lead, start=ind.period.start, end=ind.period.end)
        key = "sum.baseline_met" if r.met else "sum.baseline"
        return words(key, lead=lead, year=ind.target_year, target=words.target(ind) + _note(ind))
    if r.status is Status.NO_BASELINE:
        return words("sum.no_baseline", lead=lead, target=target_words(words, row))
    verdict = verdict_words(words, row, baseline_year)
    return words("sum.sentence", lead=lead, target=target_words(words, row), verdict=verdict)


def pace_words(words: Words, row: Row) -> str:
    """What is needed from now on, in plain words; '' when nothing is."""
    pace = row.indicator.kind.pace(row)
    return words.say(pace) if pace is not None else ""


# -- the document --------------------------------------------------------------------------

_GROUPS = (
    ("met", (Status.ACHIEVED,)),
    ("on_track", (Status.ON_TRACK,)),
    ("behind", (Status.NEEDS_ACCELERATION, Status.LIMITED_PROGRESS, Status.DETERIORATING)),
    ("missed", (Status.MISSED,)),
    ("pending", (Status.PENDING,)),
    ("baseline", (Status.BASELINE,)),
    ("unknown", (Status.NO_DATA, Status.NO_BASELINE)),
)


def count_words(words: Words, t: Tally[Status], key: str) -> str:
    """'1/11 chỉ tiêu đã đạt và vượt, 2/11 chỉ tiêu đạt tiến độ, ...' (groups with none
    left out)."""
    parts = [
        words(f"{key}.{name}", n=t.of(*statuses), total=t.total)
        for name, statuses in _GROUPS
        if t.of(*statuses)
    ]
    return words.join(parts, "fmt.counts")


def plan_count_words(words: Words, v: Tally[Verdict]) -> str:
    """'8/11 chỉ tiêu đạt và vượt kế hoạch (vượt 3, đạt 5), 3/11 chỉ tiêu chưa đạt'."""
    exceeded, met = v.of(Verdict.EXCEEDED), v.of(Verdict.MET)
    parts = []
    if exceeded + met:
        split = words("count_plan.split", exceeded=exceeded, met=met) if exceeded and met else ""
        parts.append(words("count_plan.met", n=exceeded + met, total=v.total, split=split))
    for verdict in (Verdict.NEARLY_MET, Verdict.NOT_MET):
        if v.of(verdict):
            parts.append(words(f"count_plan.{verdict.value}", n=v.of(verdict), total=v.total))
    return words.join(parts, "fmt.counts")


def subject_words(words: Words, row: Row) -> str:
    """'(1) Tổng thu ngân sách nhà nước trên địa bàn': the target as the report names it."""
    return words("sum.subject", number=row.indicator.number, name=words.name(row.indicator))


def _short_of_plan(words: Words, row: Row) -> str:
    """'(1) Tổng thu ngân sách ... (bằng 89,7% kế hoạch (KH 78 tỷ đồng))'."""
    detail = plan_words(words, row)  # none in a one-year plan: the target is the plan
    return (
        words("sum.limit_name", head=subject_words(words, row), detail=detail)
        if detail
        else subject_words(words, row)
    )


def compose(report: SummaryReport, words: Words) -> Document:
    """The report's skeleton, as offices write it: I. the results (the count against the
    year's plan, then against the resolution; then each target, by field), II. the
    shortcomings and their causes, III. the next year's tasks and solutions. What only
    the office can write is a marked place ([…])."""
    words = words.tidy()  # a report writes 2,3 and 7, not 2,30 and 7,0
    sr = report.report
    plan, year = sr.plan, sr.year
    marks = note_marks(report.footnotes)
    body: list[Paragraph] = []
    title = [
        words("sum.title", year=year),
        words("sum.programme", place=words.place(plan), title=plan.title.get(words.lang)),
    ]

    def said(row: Row) -> Paragraph:
        return Paragraph(
            _marked(sentence(words, row, plan.baseline_year), row.indicator, marks), "item"
        )

    body.append(Paragraph(words("sum.h_results"), "heading"))
    body.append(Paragraph(words("sum.h_overall"), "subheading"))
    if sr.is_baseline_year:
        body.append(Paragraph(words("sum.baseline_year", year=year)))
    counts_at = len(body)
    if report.against_plan.total:
        counts = plan_count_words(words, report.against_plan)
        body.append(Paragraph(words("sum.count_plan", year=year, counts=counts)))
    if report.main.total and not report.one_year:
        counts = count_words(words, report.main, "count")
        body.append(Paragraph(words.plural("sum.count_main", report.main.total, counts=counts)))
    first_count = counts_at if len(body) > counts_at else None  # where a note on them goes
    if report.supplementary.total:
        counts = count_words(words, report.supplementary, "count_extra")
        total = report.supplementary.total
        body.append(Paragraph(words.plural("sum.count_extra", total, counts=counts)))
    if report.not_judged:
        body.append(Paragraph(words.plural("sum.count_not_judged", len(report.not_judged))))
    for structure in report.structures:
        if structure.verdict is not None:
            number = structure.rows[0].indicator.main_number
            verdict = words(f"sum.verdict_{structure.verdict.value}")
            total, met = len(structure.rows), structure.met
            text = words("sum.structure", number=number, met=met, total=total, verdict=verdict)
            body.append(Paragraph(text))
    appendix_at = len(body) - 1  # the counts sum up the appendix table
    body.append(Paragraph(words("sum.h_fields"), "subheading"))
    letters = words("fmt.letters")  # a, b, c, d, đ, e in Vietnamese
    for i, (field, rows) in enumerate(report.fields):
        name = words(f"sector.{field.value}")
        letter = letters[i % len(letters)]
        mark, text = words("sum.h_field", letter=letter, field=name).split(") ", 1)
        body.append(Paragraph(f"{mark}) {text[:1].upper()}{text[1:]}", "field"))  # a) Economy
        body += [said(r) for r in rows]
    extra = [r for r in sr.rows if r.indicator.supplementary]
    if extra:
        body.append(Paragraph(words("sum.h_extra"), "field"))
        body += [said(r) for r in extra]
    body += _shortcomings(words, report)
    body += _tasks(words, report)
    written = " ".join(p.text for p in body)
    notes = [  # a note whose mark no sentence carries (no figure yet) is left out
        Note(marks[i.id], words.say(i.kind.reading(i)))
        for i in report.footnotes
        if marks[i.id] in written
    ]
    remarks = _judging(words, plan)
    if remarks and first_count is not None:  # how the counts judge: a note on them
        mark = note_mark(len(marks) + 1)  # after every mark of a note
        notes.append(Note(mark, " ".join(remarks)))
        counted = body[first_count]
        text = counted.text[:-1] + mark + "." if counted.text.endswith(".") else counted.text + mark
        body[first_count] = Paragraph(text, counted.kind)
    return Document(
        title, body, appendix(report, words), notes, appendix_at, end=words("frame.end")
    )


def _judging(words: Words, plan: Plan) -> list[str]:
    """How the plan's reports judge, where it is not by the letter of the words."""
    judging = plan.judging
    lines = []
    if judging.inclusive:
        lines.append(words("sum.note_inclusive"))
    if judging.margin:
        lines.append(words("sum.note_margin", margin=words.plain(judging.margin)))
    if not judging.exceeded:
        lines.append(words("sum.note_no_exceeded"))
    return lines


def _shortcomings(words: Words, report: SummaryReport) -> list[Paragraph]:
    """II. What fell short, named from the figures; the causes, for the office to write."""
    year = report.year
    out = [
        Paragraph(words("sum.h_limits"), "heading"),
        Paragraph(words("sum.h_shortcomings"), "subheading"),
    ]
    # in a plan of one year its targets are the year's plan: each said once
    said_plan = {id(r) for r in (*report.short_of_plan, *report.nearly_met_plan)}
    plan_short = said_plan if report.one_year else set()
    lists = [
        ("sum.limit_plan", [_short_of_plan(words, r) for r in report.short_of_plan]),
        ("sum.limit_plan_nearly", [_short_of_plan(words, r) for r in report.nearly_met_plan]),
        ("sum.limit_behind", [subject_words(words, r) for r in report.behind]),
        (
            "sum.limit_missed",
            [subject_words(words, r) for r in report.missed if id(r) not in plan_short],
        ),
    ]
    others = [subject_words(words, r) for r in report.others_short]
    if not others and not any(names for _, names in lists):
        plans = report.against_plan.total  # without plan figures, say nothing of a plan
        out.append(Paragraph(words("sum.no_limits" if plans else "sum.no_limits_no_plan")))
    else:
        out.append(Paragraph(words("sum.limits_intro", year=year)))
        for key, names in lists:
            if names:
                out.append(Paragraph(words.plural(key, len(names), names="; ".join(names))))
        if others:  # the goals of sections I and III, apart from the counted targets
            out.append(Paragraph(words("sum.limit_other", names="; ".join(others))))
    out.append(Paragraph(words("sum.h_causes"), "subheading"))
    out.append(Paragraph(words("sum.causes_blank"), "placeholder"))
    return out


def _tasks(words: Words, report: SummaryReport) -> list[Paragraph]:
    """III. The next year's tasks: the pace each target behind needs, from the figures;
    the solutions, for the office to write."""
    sr = report.report
    year, end = sr.year, sr.plan.term.end
    if report.term_over:  # what comes next is the office's to write
        return [
            Paragraph(words("sum.h_tasks_end"), "heading"),
            Paragraph(words("sum.tasks_end_blank"), "placeholder"),
        ]
    following = year + 1
    out = [
        Paragraph(words("sum.h_tasks", year=following), "heading"),
        Paragraph(words("sum.h_targets_next"), "subheading"),
    ]
    tasks = [
        words("sum.task", head=subject_words(words, r), pace=pace)
        for r in report.attention
        if (pace := pace_words(words, r))
    ]
    if tasks:
        intro = "sum.tasks_intro_last" if following == end else "sum.tasks_intro"
        out.append(Paragraph(words(intro, next=following)))
        out += [Paragraph(t, "item") for t in tasks]
    else:
        out.append(Paragraph(words("sum.tasks_none", next=following)))
    out.append(Paragraph(words("sum.h_solutions"), "subheading"))
    out.append(Paragraph(words("sum.solutions_blank", next=following), "placeholder"))
    return out


def marked_places(report: SummaryReport, words: Words) -> list[str]:
    """Where the report leaves a marked place for the office ([…]): each target without
    its figure for the year, the causes, the solutions (or, after the term, what comes
    next); named as the report names them."""
    places = [subject_words(words, r) for r in report.to_record]
    places.append(words("sum.h_causes"))
    if report.term_over:
        places.append(words("sum.h_tasks_end"))
    else:
        places.append(words("sum.h_solutions"))
    return places


def appendix(report: SummaryReport, words: Words) -> Appendix:
    sr = report.report
    plan, year = sr.plan, sr.year
    # the two comparisons hold % of the reference for amounts and a change in points for
    # shares and rates: the headers name neither, each cell carries its own unit
    header = [
        words("app.number"),
        words("app.indicator"),
        words("app.unit"),
        words("app.target", year=max(i.target_year for i in plan.indicators)),
        words("app.previous", year=year - 1),
        words("app.plan", year=year),
        words("app.actual", year=year),
        words("app.vs_plan"),
        words("app.vs_previous", year=year - 1),
        words("app.verdict"),
        words("app.assessment"),
        words("app.notes"),
    ]
    marks = note_marks(report.footnotes)
    rows: list[list[Cell]] = []
    groups: list[int] = []
    supplementary_started = False
    for row in sr.rows:
        ind = row.indicator
        if ind.supplementary and not supplementary_started:
            supplementary_started = True
            groups.append(len(rows))
            rows.append([Cell(""), Cell(words("app.extra_group")), *[Cell("")] * (len(header) - 2)])
        rows.append(_appendix_row(words, row, marks))
    marked = report.estimates or any(r.comparison.previous_estimate for r in sr.rows)
    notes = [words("app.legend")] if marked else []
    notes += [reading_note(words, ind, marks[ind.id]) for ind in report.footnotes]
    title = [
        words("app.title"),
        words("app.subtitle", year=year, place=words.place(plan, in_sentence=True)),
    ]
    return Appendix(title, header, rows, groups, notes)


def _numeric(words: Words, text: str, shown: str, value: float, *, signed: bool = False) -> Cell:
    """A cell whose ``text`` shows the number ``value`` as ``shown`` with words around it
    ("dưới 1,0", "-2,5 điểm %"): a number in Excel, with the words in its format."""
    prefix, found, mark = text.partition(shown)
    if not found:
        return Cell(text)
    point = words.number(0.5, 1)[1]  # the decimal separator: "," or "."
    decimals = len(shown.rpartition(point)[2]) if point in shown else 0
    return Cell(text, value, decimals, mark, prefix, signed)


def _figure(
    words: Words, ind: Indicator, value: float | bool | None, estimate: bool = False
) -> Cell:
    mark = words("word.estimate_cell") if value is not None and estimate else ""
    text = words.value(ind, value) + (f" {mark}" if mark else "")
    if isinstance(value, bool):  # a yes/no goal in a report's words: Đạt / Chưa đạt
        return Cell(
            words("app.verdict_met" if value else "app.verdict_not_met")
            + (f" {mark}" if mark else "")
        )
    if value is None:
        return Cell(text)
    # 82 stays 82 in Excel
    return Cell(text, float(value), places_of(float(value)), f" {mark}" if mark else "")


def _ratio(words: Words, ind: Indicator, percent: float | None, change: float | None) -> Cell:
    """% of the reference for amounts; the change in points for rates; '-' without."""
    if percent is not None:
        shown = words.number(percent, 1, strip=words.is_tidy)  # as words.percent writes it
        return _numeric(words, words.percent(percent), shown, percent)
    if change is not None and not ind.is_yes_no:
        if _same(words, ind, change):  # no change as shown: "Bằng"
            return Cell(words("app.same"))
        shown = words.signed(change, ind.decimals)
        one = shown.lstrip("+-") == words.number(1, ind.decimals, strip=words.is_tidy)
        key = "cell.point_words" if one else "cell.points_words"  # "-1 pt", "-2 pts"
        return _numeric(words, words(key, x=shown), shown, change, signed=True)
    return Cell("-")


def progress_word(words: Words, row: Row) -> str:
    """Progress against the resolution in one word per class, as a report writes it:
    Vượt, Đạt, Đạt tiến độ, Chậm tiến độ, Chưa đạt, Chưa đến hạn..."""
    r = row.result
    if r.verdict is Verdict.EXCEEDED:
        return words("app.progress.exceeded")
    if r.verdict is Verdict.NEARLY_MET:
        return words("app.progress.nearly_met")
    for name, statuses in _GROUPS:
        if r.status in statuses:
            return words(f"app.progress.{name}")
    return words("app.progress.not_judged")


def _verdict(words: Words, row: Row) -> Cell:
    """The year against its plan, as offices judge it (the core's plan verdict): Vượt,
    Đạt, Cơ bản đạt or Chưa đạt."""
    verdict = row.comparison.plan_verdict
    return Cell(words(f"app.verdict_{verdict.value}") if verdict is not None else "-")


def _target_cell(words: Words, ind: Indicator) -> Cell:
    target = words.target_short(ind)
    if ind.kind.scope_in_cell:
        target += f" ({words.scope(ind)})"
    if ind.kind.target_words(ind) is not None or isinstance(ind.target, bool | Range):
        return Cell(target)  # said in words ("duy trì", "đạt") or a range ("8,5-9,5")
    return _numeric(words, target, words.target_number(ind), ind.goal)


def _appendix_row(words: Words, row: Row, marks: dict[str, str]) -> list[Cell]:
    ind, r, c = row.indicator, row.result, row.comparison
    vs_plan = _ratio(words, ind, c.percent_of_annual_plan, c.change_from_annual_plan)
    notes = []
    running = ind.kind.running(ind, r)
    if running is not None:
        figure = running_figure(words, ind, running)
        span_ = span(running.start, running.last)
        notes.append(words(f"app.{running.name}_so_far", span=span_, x=figure))
    if row.entry is not None and row.entry.note:
        notes.append(row.entry.note)
    if ind.reading_note:
        notes.append(marks.get(ind.id, NOTE_MARK))
    estimate = row.entry is not None and row.entry.estimate
    return [
        Cell(ind.number),
        Cell(words.name(ind)),
        Cell("" if ind.is_yes_no else words.unit(ind)),
        _target_cell(words, ind),
        _figure(words, ind, c.previous, c.previous_estimate),
        _figure(words, ind, c.annual_plan),
        _figure(words, ind, r.actual, estimate),
        vs_plan,
        _ratio(words, ind, c.percent_of_previous, c.change_from_previous),
        _verdict(words, row),
        Cell(progress_word(words, row)),
        Cell("; ".join(notes)),
    ]


# -- layouts -------------------------------------------------------------------------------

SUMMARY_FORMATS = ("text", "markdown", "docx", "xlsx")
BINARY = frozenset({"docx", "xlsx"})


def _wrap(text: str, width: int | None, indent: str = "") -> str:
    if width is None:
        return indent + text
    return textwrap.fill(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


_HEADINGS = ("heading", "subheading", "field")


def _ended(doc: Document) -> list[Paragraph]:
    """The body with "./." after its last sentence (a report ends so)."""
    *rest, last = doc.body
    return [*rest, Paragraph(end_mark(last.text, doc.end), last.kind)]


def to_text(
    doc: Document, width: int | None, dropped: Callable[[list[str]], str] | None = None
) -> str:
    """One paragraph per line (``width`` None: a file or a pipe, to paste into Word; the
    table tab-separated, which Word and Excel turn into columns), else wrapped and the
    table aligned for the terminal."""
    out = [*(_wrap(line, width) for line in doc.title), ""]
    for p in _ended(doc):
        if p.kind in _HEADINGS and out[-1] != "":
            out.append("")
        out.append(_wrap(p.text, width))
        if p.kind in _HEADINGS:
            out.append("")
    if doc.notes:
        out += ["", *(_wrap(n.line, width) for n in doc.notes)]
    a = doc.appendix
    out += ["", *a.title, ""]
    if width is None:  # a tab-separated row per line: a cell holds no tab and no line break
        out += ["\t".join(_pasted(c) for c in a.header)]
        out += ["\t".join(_pasted(c.text) for c in row) for row in a.rows]
    else:
        out.append(_terminal_table(a, width, dropped))
    if a.notes:
        out += ["", *(_wrap(n, width) for n in a.notes)]
    return "\n".join(out) + "\n"


# A figure as ntm writes it in a cell (-3,5; +1,2 điểm %; "-" for none): pasted into
# Excel it is a number or a word, never a formula; anything else that starts like one is text.
_SIGNED_FIGURE = re.compile(r"[+-](\d[\d.,]*( [\w%. ]*)?)?")


def _pasted(text: str) -> str:
    """A cell of the tab-separated appendix: one line, and after an apostrophe where Excel
    would take a note or a name for a formula once pasted (as in ntm's CSV files)."""
    from ntm_tracker.storage.csvfile import text_cell

    text = on_one_line(text)
    return text if _SIGNED_FIGURE.fullmatch(text) else text_cell(text)


def _terminal_table(
    a: Appendix, width: int, dropped: Callable[[list[str]], str] | None = None
) -> str:
    """The appendix laid out for a terminal by the status table's layout: no wider than
    ``width``; the name wraps first, then the comparisons and last year's figure are left
    out (``dropped`` says so), then every column wraps its words, and only if that is not
    enough the verdict against the year's plan is left out too."""
    from ntm_tracker.render.terminal import TerminalEnv

    texts = [[c.text.replace("\t", " ") for c in row] for row in a.rows]  # a line break stays
    right = frozenset({4, 5, 6, 7, 8})
    return layout(
        list(a.header),
        texts,
        TerminalEnv(width=width, is_tty=True),
        right=right,
        optional=(8, 7, 4, 3, 2),
        last=(9,),
        dropped=dropped,
    )


def _md(text: str, cell: bool = False) -> str:
    """Text in Markdown: its marks escaped (a note is shown, never run as HTML); in a
    table ``cell`` a line break is ``<br>``, which the table keeps."""
    for mark in ("\\", "|", "*", "_", "`", "<", "[", "]"):
        text = text.replace(mark, "\\" + mark)
    text = text.replace("\t", " ")
    if cell:
        return "<br>".join(line.strip() for line in text.split("\n"))
    return " ".join(text.split("\n"))


def to_markdown(doc: Document) -> str:
    first, *rest = doc.title
    out = [f"# {_md(first)}", "", *(f"{_md(line)}" for line in rest), ""]
    for p in _ended(doc):
        if p.kind == "heading":
            out += [f"## {_md(p.text)}", ""]
        elif p.kind == "subheading":
            out += [f"### {_md(p.text)}", ""]
        elif p.kind == "field":
            out += [f"#### {_md(p.text)}", ""]
        elif p.kind == "placeholder":
            out += [f"*{_md(p.text)}*", ""]
        else:
            out += [_md(p.text), ""]
    if doc.notes:
        out += [*(_md(n.line) + "  " for n in doc.notes), ""]
    a = doc.appendix
    out += [f"## {_md(a.title[0])}", "", _md(a.title[1]), ""]
    out.append("| " + " | ".join(_md(h, cell=True) for h in a.header) + " |")
    out.append(
        "|"
        + "|".join("---:" if i in (4, 5, 6, 7, 8) else "---" for i in range(len(a.header)))
        + "|"
    )
    for i, row in enumerate(a.rows):
        cells = [_md(c.text, cell=True) for c in row]
        if i in a.groups:
            cells[1] = f"**{cells[1]}**"
        out.append("| " + " | ".join(cells) + " |")
    if a.notes:
        out += ["", *(_md(n) + "  " for n in a.notes)]
    return "\n".join(out).rstrip() + "\n"


def render_text(
    report: SummaryReport, words: Words, frame: Frame, env: TerminalEnv | None
) -> bytes:
    width = env.width if env is not None and env.is_tty else None
    return to_text(compose(report, words), width, dropped_line(words)).encode("utf-8")


def render_markdown(
    report: SummaryReport, words: Words, frame: Frame, env: TerminalEnv | None
) -> bytes:
    return to_markdown(compose(report, words)).encode("utf-8")


def render_docx(
    report: SummaryReport, words: Words, frame: Frame, env: TerminalEnv | None
) -> bytes:
    from ntm_tracker.render.office import docx_report

    return docx_report(compose(report, words), report, words, frame)


def render_xlsx(
    report: SummaryReport, words: Words, frame: Frame, env: TerminalEnv | None
) -> bytes:
    from ntm_tracker.render.office import attached_line, xlsx_appendix

    attached = attached_line(words, report.report.plan, frame, report.year)
    return xlsx_appendix(appendix(report, words.tidy()), words, attached)


SUMMARY_RENDERERS: dict[str, Callable[[SummaryReport, Words, Frame, TerminalEnv | None], bytes]] = {
    "text": render_text,
    "markdown": render_markdown,
    "docx": render_docx,
    "xlsx": render_xlsx,
}
assert tuple(SUMMARY_RENDERERS) == SUMMARY_FORMATS


def render_summary(
    report: SummaryReport, fmt: str, words: Words, frame: Frame, env: TerminalEnv | None
) -> bytes:
    return dispatch(fmt, SUMMARY_RENDERERS)(report, words, frame, env)

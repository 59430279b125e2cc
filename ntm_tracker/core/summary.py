"""The annual report: the status report with the counts and lists an office report
needs (pure; numbers, enums and rows only; the words are the renderers').
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ntm_tracker.core.domain import Indicator, Sector
from ntm_tracker.core.report import Row, StatusReport
from ntm_tracker.core.result import BEHIND, SEVERITY, STATUS_ORDER, Reason, Status, Verdict

# From the worst to the best: a main target with several figures takes its worst verdict.
VERDICT_ORDER = (Verdict.NOT_MET, Verdict.NEARLY_MET, Verdict.MET, Verdict.EXCEEDED)


E = TypeVar("E", Status, Verdict)


@dataclass(frozen=True)
class Tally(Generic[E]):
    """How many targets have each status, or each verdict against the year's plan (those
    with none left out, in the order the report names them)."""

    total: int
    counts: tuple[tuple[E, int], ...]

    def of(self, *keys: E) -> int:
        return sum(n for k, n in self.counts if k in keys)


def tally(items: list[E], order: Sequence[E]) -> Tally[E]:
    c = Counter(items)
    return Tally(len(items), tuple((k, c[k]) for k in order if c[k]))


def worst(statuses: list[Status]) -> Status:
    """A main target with several figures (6a, 6b) takes the status of its worst one."""
    return min(statuses, key=SEVERITY.index)


@dataclass(frozen=True)
class Structure:
    """The shares of a structure ("cơ cấu kinh tế"): met when all of them are, nearly met
    when most (more than half) are, otherwise not met."""

    name: str  # its id in the plan
    rows: tuple[Row, ...]
    met: int  # the shares met (or exceeded) in the year
    verdict: Verdict | None  # None while a share has no verdict for the year


@dataclass(frozen=True)
class SummaryReport:
    report: StatusReport
    main: Tally[Status]  # the resolution's main targets (section II), each from its figures
    supplementary: Tally[Status]  # the targets taken from the prose of sections I and III
    against_plan: Tally[Verdict]  # the main targets against the year's plan (kế hoạch năm)
    fields: tuple[tuple[Sector, tuple[Row, ...]], ...]  # the main targets by field, in order
    # the figures of the main targets (as the counts of section I count them):
    short_of_plan: tuple[Row, ...]  # not met against the year's plan
    nearly_met_plan: tuple[Row, ...]  # nearly met against it (within the plan's margin)
    behind: tuple[Row, ...]  # behind the path to the resolution's target
    missed: tuple[Row, ...]  # a target missed in a year that settles it
    others_short: tuple[Row, ...]  # the other goals (sections I, III) missed or short of plan
    to_record: tuple[Row, ...]  # no figure for the year yet
    not_judged: tuple[Row, ...]  # figures shown and never judged (projections)
    structures: tuple[Structure, ...]
    footnotes: tuple[Indicator, ...]  # targets whose reading the plan explains
    estimates: bool  # some figure of the year is an estimate
    one_year: bool  # a plan of one year: its targets are the year's plan

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def term_over(self) -> bool:
        """The year is the term's last (or later): what comes next is the office's to
        write, with no next year's pace to ask for."""
        return self.report.year >= self.report.plan.term.end

    @property
    def attention(self) -> tuple[Row, ...]:
        """What the office must act on: behind, missed, or short of the year's plan."""
        seen = {id(r) for r in (*self.behind, *self.missed)}
        plan = (*self.short_of_plan, *self.nearly_met_plan)
        extra = tuple(r for r in plan if id(r) not in seen)
        return (*self.behind, *self.missed, *extra, *self.others_short)


def plan_verdict(row: Row, one_year: bool) -> Verdict | None:
    """The figure against the year's plan: its plan figure's verdict; in a plan of one
    year, whose targets are the year's plan, the target's verdict where no plan figure
    is set."""
    verdict = row.comparison.plan_verdict
    if verdict is None and one_year:
        return row.result.verdict
    return verdict


def build_summary(report: StatusReport) -> SummaryReport:
    plan = report.plan
    one_year = plan.term.start == plan.term.end
    judged = [r for r in report.rows if r.result.status is not Status.NOT_JUDGED]
    main_rows = [r for r in judged if not r.indicator.supplementary]
    extra_rows = [r for r in judged if r.indicator.supplementary]
    groups: dict[str, list[Row]] = {}
    for row in main_rows:
        groups.setdefault(row.indicator.main_number, []).append(row)
    shares: dict[str, list[Row]] = {}
    for row in report.rows:
        if row.indicator.structure is not None:
            shares.setdefault(row.indicator.structure, []).append(row)
    structures = tuple(structure(name, rows, one_year) for name, rows in shares.items())
    whole = {s.rows[0].indicator.main_number: s.verdict for s in structures}
    against: list[Verdict] = []
    for number, rows in groups.items():
        found = [v for v in (plan_verdict(r, one_year) for r in rows) if v is not None]
        shares_verdict = whole.get(number)
        if shares_verdict is not None:  # a structure is judged as a whole
            against.append(shares_verdict)
        elif found:
            against.append(min(found, key=VERDICT_ORDER.index))
    fields: dict[Sector, list[Row]] = {}
    for row in report.rows:
        if not row.indicator.supplementary:
            fields.setdefault(row.indicator.field, []).append(row)
    return SummaryReport(
        report=report,
        main=tally(
            [worst([r.result.status for r in rows]) for rows in groups.values()], STATUS_ORDER
        ),
        supplementary=tally([r.result.status for r in extra_rows], STATUS_ORDER),
        against_plan=tally(against, VERDICT_ORDER[::-1]),
        fields=tuple((f, tuple(rows)) for f, rows in fields.items()),
        short_of_plan=tuple(r for r in main_rows if plan_verdict(r, one_year) is Verdict.NOT_MET),
        nearly_met_plan=tuple(
            r for r in main_rows if plan_verdict(r, one_year) is Verdict.NEARLY_MET
        ),
        behind=tuple(r for r in main_rows if r.result.status in BEHIND - {Status.MISSED}),
        missed=tuple(r for r in main_rows if r.result.status is Status.MISSED),
        others_short=tuple(
            r
            for r in extra_rows
            if r.result.status is Status.MISSED
            or plan_verdict(r, one_year) in (Verdict.NOT_MET, Verdict.NEARLY_MET)
        ),
        to_record=tuple(
            r
            for r in report.rows
            if r.result.status is Status.NO_DATA and r.result.reason is not Reason.BEFORE_PERIOD
        ),
        not_judged=tuple(r for r in report.rows if r.result.status is Status.NOT_JUDGED),
        structures=structures,
        footnotes=tuple(r.indicator for r in report.rows if r.indicator.reading_note),
        estimates=any(r.result.estimate for r in report.rows),
        one_year=one_year,
    )


def structure(name: str, rows: list[Row], one_year: bool) -> Structure:
    """Against the year's plan, all shares met: met; more than half: nearly met (cơ bản
    đạt); else not met; no verdict while a share has none for the year."""
    verdicts = [plan_verdict(r, one_year) for r in rows]
    met = sum(v in (Verdict.MET, Verdict.EXCEEDED) for v in verdicts)
    if any(v is None for v in verdicts) or not verdicts:
        verdict = None
    elif met == len(verdicts):
        verdict = Verdict.MET
    else:
        verdict = Verdict.NEARLY_MET if met * 2 > len(verdicts) else Verdict.NOT_MET
    return Structure(name, tuple(rows), met, verdict)

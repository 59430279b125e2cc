"""The annual report: the status report with the counts and lists an office report
needs (pure; numbers, enums and rows only; the words are the renderers').
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ntm_tracker.core.domain import Indicator
from ntm_tracker.core.report import Row, StatusReport
from ntm_tracker.core.result import BEHIND, SEVERITY, STATUS_ORDER, Reason, Status


@dataclass(frozen=True)
class Tally:
    """How many targets have each status (statuses with none left out, in order)."""

    total: int
    counts: tuple[tuple[Status, int], ...]

    def of(self, *statuses: Status) -> int:
        return sum(n for s, n in self.counts if s in statuses)


def tally(statuses: list[Status]) -> Tally:
    c = Counter(statuses)
    return Tally(len(statuses), tuple((s, c[s]) for s in STATUS_ORDER if c[s]))


def worst(statuses: list[Status]) -> Status:
    """A main target with several figures (6a, 6b) takes the status of its worst one."""
    return min(statuses, key=SEVERITY.index)


@dataclass(frozen=True)
class SummaryReport:
    report: StatusReport
    main: Tally  # the resolution's main targets (section II), each from its figures
    components: Tally  # the figures of the main targets (1, 2, ..., 6a, 6b, ...)
    supplementary: Tally  # the targets taken from the prose of sections I and III
    attention: tuple[Row, ...]  # behind, or without a baseline: what to act on
    to_record: tuple[Row, ...]  # no figure for the year yet
    footnotes: tuple[Indicator, ...]  # targets whose reading the plan explains
    estimates: bool  # some figure of the year is an estimate

    @property
    def year(self) -> int:
        return self.report.year


def build_summary(report: StatusReport) -> SummaryReport:
    main_rows = [r for r in report.rows if not r.indicator.supplementary]
    extra_rows = [r for r in report.rows if r.indicator.supplementary]
    groups: dict[str, list[Status]] = {}
    for row in main_rows:
        groups.setdefault(row.indicator.main_number, []).append(row.result.status)
    attention = tuple(
        r for r in report.rows if r.result.status in BEHIND or r.result.status is Status.NO_BASELINE
    )
    to_record = tuple(
        r
        for r in report.rows
        if r.result.status is Status.NO_DATA and r.result.reason is not Reason.BEFORE_PERIOD
    )
    return SummaryReport(
        report=report,
        main=tally([worst(s) for s in groups.values()]),
        components=tally([r.result.status for r in main_rows]),
        supplementary=tally([r.result.status for r in extra_rows]),
        attention=attention,
        to_record=to_record,
        footnotes=tuple(r.indicator for r in report.rows if r.indicator.reading_note),
        estimates=any(r.result.estimate for r in report.rows),
    )

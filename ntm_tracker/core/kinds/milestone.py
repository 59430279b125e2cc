"""``milestone``: a yes/no goal to reach by a year and keep ("phấn đấu đến năm 2030 ...
cơ bản đạt các tiêu chí của phường"): the latest figure up to the year decides; before
the deadline a "no" is pending, never missed; a later "no" undoes an earlier "yes"."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.kind import Basis, TargetKind, Where, actual_line
from ntm_tracker.core.phrase import Phrase
from ntm_tracker.core.problems import Problem

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


class Milestone(TargetKind):
    name = "milestone"
    yes_no = True
    scope_in_cell = False

    def check(self, ind: Indicator) -> Iterator[tuple[Where, Problem]]:
        if ind.target is not True:
            yield ("target",), Problem("plan.milestone_target", {"indicator": ind.id})

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.result import Reason, Result, Status

        recorded = [y for y in series if y <= year]
        if not recorded:
            return Result.no_value(year, ind.target)
        latest = max(recorded)
        obs = series.get(year)
        at_year: dict[str, Any] = {
            "target": ind.target,
            "actual": bool(obs.value) if obs is not None else None,
            "estimate": obs.estimate if obs is not None else series[latest].estimate,
        }
        if series[latest].value is True:
            since = latest  # the start of the run of "yes" up to now: only a "no" ends it
            for y in sorted(recorded, reverse=True):
                if series[y].value is not True:
                    break
                since = y
            reason = None if latest == year else Reason.REACHED_EARLIER
            return Result(Status.ACHIEVED, year, since=since, reason=reason, **at_year)
        if year < ind.target_year:
            return Result(Status.PENDING, year, **at_year)
        if obs is None:  # "no" in an earlier year; the deadline year itself is needed
            return Result.no_value(year, ind.target)
        return Result(Status.MISSED, year, **at_year)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"reached_in": r.since}

    def target_words(self, ind: Indicator) -> Phrase | None:
        return Phrase("target.milestone")

    def sentence(self, row: Row, head: str, lead: str) -> Phrase | None:
        from ntm_tracker.core.result import Status

        r, deadline = row.result, row.indicator.target_year
        if r.status is Status.ACHIEVED:
            return Phrase("sum.reached", head=head, year=r.year, since=r.since)
        key = "sum.not_reached_yet" if r.status is Status.PENDING else "sum.not_reached"
        return Phrase(key, head=head, year=r.year, deadline=deadline)

    def explain(self, ex: Explanation) -> list[Phrase]:
        ind, r = ex.indicator, ex.row.result
        lines = [Phrase("explain.kind_milestone", year=ind.target_year)]
        if r.since is not None:
            return [*lines, Phrase("explain.reached", year=r.since)]
        return [*lines, actual_line(ex)]


KIND = Milestone()

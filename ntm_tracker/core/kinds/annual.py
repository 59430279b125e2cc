"""``annual``: a threshold for every year ("hằng năm, có trên 90% tổ chức đảng ... hoàn
thành tốt nhiệm vụ"): each year is judged on its own, met or missed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ntm_tracker.core.kind import Basis, TargetKind, actual_line, met_line
from ntm_tracker.core.phrase import NOTE, Fig, Goal, Phrase

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


def each_year(
    ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis, ok: bool | None
) -> Result:
    """A year judged on its own: ``ok`` says whether its figure meets the target (None
    when there is no figure)."""
    from ntm_tracker.core.result import Result, Status

    base_obs = series.get(basis.base_year)
    baseline = base_obs.value if base_obs is not None else None
    obs = series.get(year)
    if obs is None or ok is None:
        return Result.no_value(year, ind.target, baseline=baseline)
    return Result(
        Status.ACHIEVED if ok else Status.MISSED,
        year,
        target=ind.target,
        baseline=baseline,
        actual=obs.value,
        estimate=obs.estimate,
    )


class Annual(TargetKind):
    name = "annual"

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from dataclasses import replace

        from ntm_tracker.core.domain import gap_to
        from ntm_tracker.core.status import meets, percent_of

        obs = series.get(year)
        target = ind.goal
        if obs is None:
            return each_year(ind, series, year, basis, None)
        a = float(obs.value)
        r = each_year(ind, series, year, basis, meets(a, ind.target, ind.comparator, basis.judging))
        return replace(
            r,
            actual=a,
            target=ind.target,
            expected=target,
            gap=a - target,
            percent_of_target=percent_of(ind, a, target),
            target_gap=gap_to(a, ind.target, ind.comparator),
        )

    def scope(self, ind: Indicator) -> Phrase:
        return Phrase("scope.every_year")

    def against(self, row: Row) -> Phrase:
        ind = row.indicator
        return Phrase("sum.target_annual", target=Goal(ind), note=NOTE if ind.reading_note else "")

    def sentence(self, row: Row, head: str, lead: str) -> Phrase | None:
        """'… đạt 90%, chưa đạt chỉ tiêu (trên 90%).': the year against its target."""
        ind, verdict = row.indicator, row.result.verdict
        if verdict is None:
            return None
        note = NOTE if ind.reading_note else ""
        said = Phrase(f"sum.annual_{verdict.value}", target=Goal(ind), note=note)
        return Phrase("sum.annual", lead=lead, verdict=said)

    def pace(self, row: Row) -> Phrase | None:
        if row.result.year >= row.indicator.target_year:  # no year left to ask it of
            return None
        last = row.result.year + 1 == row.indicator.target_year  # one year left: say it
        if last:
            return Phrase(
                "sum.pace_last_year", target=Goal(row.indicator), year=row.indicator.target_year
            )
        return Phrase("sum.pace_yearly", target=Goal(row.indicator))

    def explain(self, ex: Explanation) -> list[Phrase]:
        from ntm_tracker.core.result import Status

        ind, r = ex.indicator, ex.row.result
        lines = [Phrase("explain.kind_annual", target=Goal(ind), year=ind.target_year)]
        lines.append(actual_line(ex))
        if r.actual is not None:
            shown = Fig(ind, r.actual, unit=False)
            lines.append(met_line(ind, "a", shown, r.status is Status.ACHIEVED))
        return lines


KIND = Annual()

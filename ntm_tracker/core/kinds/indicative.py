"""``indicative``: a figure to show, never judged ("dân số trung bình 670 nghìn người",
a projection the plan states with no direction to meet).

It is recorded, compared with the year's plan and the year before, and shown beside its
figure in the plan; it is never counted as met or missed (the count lines count it
apart).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ntm_tracker.core.kind import Basis, TargetKind, actual_line
from ntm_tracker.core.phrase import Fig, Goal, Phrase

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


class Indicative(TargetKind):
    name = "indicative"
    scope_in_cell = False

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.result import Result, Status

        obs = series.get(year)
        if obs is None:
            return Result.no_value(year, ind.target)
        a = float(obs.value)
        return Result(
            Status.NOT_JUDGED,
            year,
            actual=a,
            estimate=obs.estimate,
            target=ind.target,
            gap=a - ind.goal,
        )

    def target_words(self, ind: Indicator) -> Phrase | None:
        return Phrase("target.indicative", x=Fig(ind, ind.goal))

    def sentence(self, row: Row, head: str, lead: str) -> Phrase | None:
        ind = row.indicator
        return Phrase("sum.indicative", lead=lead, target=Goal(ind), year=ind.target_year)

    def explain(self, ex: Explanation) -> list[Phrase]:
        ind = ex.indicator
        return [Phrase("explain.kind_indicative", target=Goal(ind)), actual_line(ex)]


KIND = Indicative()

"""``maintained``: a yes/no criterion kept every year ("duy trì, nâng cao chất lượng các
tiêu chí NTM"): each year "yes" is met, "no" is missed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ntm_tracker.core.kind import Basis, TargetKind, actual_line
from ntm_tracker.core.kinds.annual import each_year
from ntm_tracker.core.phrase import Phrase

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


def estimate_mark(row: Row) -> Phrase | str:
    """' (ước thực hiện)' after a sentence that rests on an estimate; '' otherwise."""
    return Phrase("fmt.after", x=Phrase("word.estimate")) if row.result.estimate else ""


class Maintained(TargetKind):
    name = "maintained"
    yes_no = True
    scope_in_cell = False

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        obs = series.get(year)
        ok = None if obs is None else bool(obs.value) is bool(ind.target)
        return each_year(ind, series, year, basis, ok)

    def target_words(self, ind: Indicator) -> Phrase | None:
        return Phrase("target.maintained")

    def scope(self, ind: Indicator) -> Phrase:
        return Phrase("scope.every_year")

    def sentence(self, row: Row, head: str, lead: str) -> Phrase | None:
        from ntm_tracker.core.result import Status

        key = "sum.kept" if row.result.status is Status.ACHIEVED else "sum.not_kept"
        return Phrase(key, head=head, year=row.result.year, estimate=estimate_mark(row))

    def pace(self, row: Row) -> Phrase | None:
        if row.result.year + 1 == row.indicator.target_year:  # one year left: say which
            return Phrase("sum.pace_kept_last", year=row.indicator.target_year)
        return Phrase("sum.pace_kept")

    def explain(self, ex: Explanation) -> list[Phrase]:
        ind = ex.indicator
        return [Phrase("explain.kind_maintained", year=ind.target_year), actual_line(ex)]


KIND = Maintained()

"""``growth`` and ``reduction``: a change over the previous year ("tăng 10% so với năm
trước", "tỷ lệ hộ nghèo giảm 0,5 điểm %/năm", "giảm 0,7% (còn 4,33%)").

The clerk records the level; ntm works out the change: in % for amounts (a / last year's
figure - 1), in percentage points for shares and rates (a - last year's figure). Each
year is judged on its own. With a ``period`` the target is the average change a year over
it ("bình quân mỗi năm giảm 1 điểm %, giai đoạn 2026-2030"), counted from the figure of
the year before the period: compounded for amounts, in points for rates. With a
``level`` ("còn 4,33%") the figure must also reach that level (not exceed it, for a
reduction): both are stated, and both must be met.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.domain import Comparator
from ntm_tracker.core.kind import Basis, Running, TargetKind, actual_line, met_line
from ntm_tracker.core.phrase import NOTE, Diff, Fig, Goal, Num, Pct, Phrase, Versus

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


def change(ind: Indicator, value: float, before: float, years: int = 1) -> float | None:
    """The change a year from ``before`` to ``value`` over ``years`` years: % (compounded)
    for amounts, percentage points for shares and rates; None from 0 for an amount."""
    if ind.measure.is_rate:
        return (value - before) / years
    if before <= 0 or value < 0:
        return None
    return math.expm1(math.log(value / before) / years) * 100 if value > 0 else -100.0


class Growth(TargetKind):
    """The figure grows by at least the target over the previous year."""

    name = "growth"
    optional_period = True
    running_name = "change"
    drawn_name = "change"
    sign = 1  # a reduction counts the fall

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.numbers import round_half_up
        from ntm_tracker.core.result import Reason, Result, Status
        from ntm_tracker.core.status import meets

        obs = series.get(year)
        period = ind.period
        start = period.start if period is not None else year
        last = min(year, period.end) if period is not None else year
        anchor = start - 1  # the figure the change is counted from
        known: dict[str, Any] = {"target": ind.target}
        if obs is None:
            return Result.no_value(year, ind.target)
        a = float(obs.value)
        base = series.get(anchor)
        if base is None:
            return Result(
                Status.NO_DATA,
                year,
                actual=a,
                estimate=obs.estimate,
                reason=Reason.NO_PREVIOUS,
                missing_years=(anchor,),
                **known,
            )
        years = last - anchor
        found = change(ind, a, float(base.value), years)
        estimate = obs.estimate or base.estimate
        if found is None:  # from nothing, no change in % can be told
            return Result(
                Status.NO_DATA,
                year,
                actual=a,
                estimate=estimate,
                reason=Reason.NO_PREVIOUS,
                missing_years=(anchor,),
                **known,
            )
        moved = self.sign * found
        target = ind.goal
        # judged as shown: a change worked out to 11,996% is the 12,0% the report prints
        met = meets(round_half_up(moved, ind.decimals), ind.target, ind.comparator, basis.judging)
        if ind.level is not None:
            level_side = _LEVEL_SIDE[self.sign]
            met = met and meets(a, ind.level, level_side, basis.judging)
        measured: dict[str, Any] = {
            "actual": a,
            "estimate": estimate,
            "baseline": float(base.value),
            "change": moved,
            "gap": moved - target,
            "target_gap": moved - target,
            "met": met,
            "years_counted": (anchor, last) if period is not None else (),
            "period_years": (years, len(period) + 0) if period is not None else None,
            **known,
        }
        if period is None or year >= period.end:
            return Result(Status.ACHIEVED if met else Status.MISSED, year, **measured)
        if met:
            return Result(Status.ON_TRACK, year, **measured)
        return Result(
            Status.NEEDS_ACCELERATION,
            year,
            required_average=self._needed(ind, a, float(base.value), period.end - anchor, year),
            **measured,
        )

    def _needed(self, ind: Indicator, a: float, base: float, span: int, year: int) -> float | None:
        """The change a year still needed over the years left to the period's end."""
        assert ind.period is not None
        left = ind.period.end - year
        if left <= 0:
            return None
        target = self.sign * ind.goal
        if ind.measure.is_rate:
            end_level = base + target * span
            return self.sign * (end_level - a) / left
        end_level = base * (1 + target / 100) ** span
        if a <= 0 or end_level <= 0:
            return None
        return self.sign * math.expm1(math.log(end_level / a) / left) * 100

    def drawn(self, r: Result) -> float | bool | None:
        return r.change

    def running(self, ind: Indicator, r: Result) -> Running | None:
        if r.change is None:
            return None
        start = ind.period.start if ind.period is not None else r.year
        return Running("change", r.change, start, r.year, computed=True, change=True)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"change": r.change, "level": ind.level, "required_average": r.required_average}

    def _amount(self, ind: Indicator, x: Any) -> Any:
        """A change worked out: '8,8%' for amounts, '0,50 điểm phần trăm' for rates."""
        return Diff(ind, x) if ind.measure.is_rate else Pct(x)

    def _stated(self, ind: Indicator, x: float) -> Phrase:
        """A change as the plan states it: '10%', '0,5 điểm phần trăm'."""
        return Phrase("word.points" if ind.measure.is_rate else "fmt.percent", x=x)

    def target_words(self, ind: Indicator) -> Phrase | None:
        size = Versus(ind.comparator, self._stated(ind, ind.goal))
        level: Phrase | str = ""
        if ind.level is not None:
            level = Phrase(f"target.{self.name}_level", level=Fig(ind, ind.level))
        if ind.period is not None:
            return Phrase(
                f"target.{self.name}_average",
                x=size,
                start=ind.period.start,
                end=ind.period.end,
                level=level,
            )
        return Phrase(f"target.{self.name}", x=size, level=level)

    def scope(self, ind: Indicator) -> Phrase:
        if ind.period is not None:
            return Phrase("scope.average", start=ind.period.start, end=ind.period.end)
        return Phrase("scope.every_year")

    def _moved(self, ind: Indicator, moved: float) -> Phrase:
        """'tăng 8,8%', 'giảm 0,5 điểm phần trăm': a change in words, its sign as a word."""
        up = moved * self.sign >= 0
        return Phrase(f"word.{'up' if up else 'down'}_by", x=self._amount(ind, abs(moved)))

    def against(self, row: Row) -> Phrase:
        ind, r = row.indicator, row.result
        note = NOTE if ind.reading_note else ""
        if r.change is None or ind.period is None:
            return Phrase("sum.change_year", target=Goal(ind), note=note)
        first, last = r.years_counted
        return Phrase(
            "sum.change_average",
            span=f"{first + 1}-{last}" if last > first + 1 else str(last),
            moved=self._moved(ind, r.change),
            target=Goal(ind),
            note=note,
        )

    def pace(self, row: Row) -> Phrase | None:
        ind, r = row.indicator, row.result
        if r.required_average is None or ind.period is None:
            return Phrase("sum.pace_change", target=Goal(ind))
        return Phrase(
            "sum.pace_change_average",
            value=self._moved(ind, r.required_average),
            first=r.year + 1,
            end=ind.period.end,
        )

    def explain(self, ex: Explanation) -> list[Phrase]:
        from ntm_tracker.core.result import Status

        ind, r = ex.indicator, ex.row.result
        lines = [Phrase("explain.kind_change", target=Goal(ind))]
        lines.append(actual_line(ex))
        if r.change is None or r.baseline is None:
            return lines
        b = Fig(ind, r.baseline, unit=False)
        a = Fig(ind, r.actual, unit=False)
        anchor, last = r.years_counted if r.years_counted else (ex.year - 1, ex.year)
        d = ind.decimals + 1
        formula = "points" if ind.measure.is_rate else "percent"
        filled = Phrase(f"formula.{formula}_{self.name}", a=a, b=b, n=last - anchor)
        lines.append(
            Phrase(
                f"explain.change_{self.name}",
                year=anchor,
                before=b,
                filled=filled,
                value=Num(r.change, d),
            )
        )
        met = r.status in (Status.ACHIEVED, Status.ON_TRACK)
        lines.append(met_line(ind, "c", Num(r.change, d), met))
        return lines

    def chart_subtitle(
        self, ind: Indicator, baseline: float | bool | None, base_year: int
    ) -> Phrase:
        return Phrase("chart.change", target=Goal(ind))


class Reduction(Growth):
    """The figure falls by at least the target from the previous year."""

    name = "reduction"
    sign = -1


# The level of a two-part target: a growth must reach it, a reduction must not exceed it.
_LEVEL_SIDE = {1: Comparator.AT_LEAST, -1: Comparator.AT_MOST}

GROWTH = Growth()
REDUCTION = Reduction()

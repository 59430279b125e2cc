"""``cumulative``: a total over a period ("tổng thu ngân sách giai đoạn 2026-2030 đạt 405
tỷ đồng").

The running total of the period so far is judged against an even share of the target,
E = T x elapsed / years: R = C / E puts it in a band; reaching T is achieved.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.kind import (
    Basis,
    Running,
    TargetKind,
    Where,
    actual_line,
    met_line,
    over_period,
)
from ntm_tracker.core.kinds.level import early_or
from ntm_tracker.core.phrase import NOTE, Fig, Goal, Num, Pct, Phrase, Terms, span
from ntm_tracker.core.problems import Problem

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.forecast import Forecast
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


def expected_total(ind: Indicator, year: int) -> float | None:
    """The even share of a cumulative target due by ``year``: E = T x elapsed / years.

    None before the period starts; the whole target from the period's last year on.
    """
    if ind.period is None:
        raise ValueError(f"indicator '{ind.id}' has no period")
    start, end = ind.period.start, ind.period.end
    if year < start:
        return None
    elapsed = min(year, end) - start + 1
    return ind.goal * elapsed / len(ind.period)


class Cumulative(TargetKind):
    name = "cumulative"
    over_period = True
    paced = True
    running_name = "total"
    drawn_name = "total"

    def check(self, ind: Indicator) -> Iterator[tuple[Where, Problem]]:
        p = {"indicator": ind.id}
        if not ind.comparator.higher_is_better:
            yield ("comparator",), Problem("plan.cumulative_direction", p)
        if not isinstance(ind.target, bool) and ind.goal <= 0:
            yield ("target",), Problem("plan.cumulative_target", p)

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.result import Reason, Result, Status
        from ntm_tracker.core.status import band, meets, percent_of

        assert ind.period is not None  # guaranteed by the plan rules
        start, end = ind.period.start, ind.period.end
        target = ind.goal
        obs = series.get(year)
        actual = float(obs.value) if obs is not None else None
        estimate = obs.estimate if obs is not None else False
        expected = expected_total(ind, year)  # the share due is known with or without data
        last = min(year, end)
        period = range(start, last + 1)
        to_date = ind.figures == "to_date"  # the figure recorded is the total so far
        needed = (last,) if to_date else period
        missing = tuple(y for y in needed if y not in series)
        if missing:
            reason = Reason.NO_VALUE if missing == (year,) else Reason.GAP_IN_PERIOD
            return Result(
                Status.NO_DATA,
                year,
                actual=actual,
                estimate=estimate,
                target=ind.target,
                expected=expected,
                missing_years=missing,
                reason=reason,
            )
        counted = needed if to_date else period
        total = sum(float(series[y].value) for y in counted)
        assert expected is not None  # the year lies in or after the period
        progress = total / expected
        measured: dict[str, Any] = {
            "actual": actual,
            "estimate": any(series[y].estimate for y in counted),
            "target": ind.target,
            "expected": expected,
            "cumulative": total,
            "gap": total - expected,
            "progress": progress,
            "percent_of_target": percent_of(ind, total, target),
            "target_gap": total - target,
            "years_counted": tuple(counted),
            "period_years": (last - start + 1, end - start + 1),
        }
        if meets(total, ind.target, ind.comparator, basis.judging):
            return Result(Status.ACHIEVED, year, **measured)
        if year >= end:
            return Result(Status.MISSED, year, **measured)
        per_year = (target - total) / (end - last)
        status = band(progress, basis.bands)
        return Result(status, year, required_per_year=per_year, **measured)

    def forecast(
        self, ind: Indicator, series: Mapping[int, Entry], years: range, last: int
    ) -> Forecast | None:
        from ntm_tracker.core.forecast import trend

        return trend(ind, series, years, last, total=True)

    def drawn(self, r: Result) -> float | bool | None:
        return r.cumulative

    def running(self, ind: Indicator, r: Result) -> Running | None:
        if r.cumulative is None or ind.period is None:
            return None
        return Running("total", r.cumulative, ind.period.start, r.year, computed=False)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"cumulative": r.cumulative}

    def scope(self, ind: Indicator) -> Phrase:
        return over_period("scope.cumulative", ind)

    def reading(self, ind: Indicator) -> Phrase:
        return over_period("note.reading_cumulative", ind)

    def against(self, row: Row) -> Phrase:
        ind, r = row.indicator, row.result
        if ind.period is None or r.cumulative is None:
            return TargetKind.against(self, row)
        if len(r.years_counted) <= 1:  # one year's figure is no "lũy kế" yet
            return Phrase(
                "sum.target_total_first",
                pct=Pct(r.percent_of_target) if r.percent_of_target is not None else "-",
                target=Goal(ind),
                start=ind.period.start,
                end=ind.period.end,
                note=NOTE if ind.reading_note else "",
            )
        return Phrase(
            "sum.target_total",
            span=span(ind.period.start, r.year),
            total=Fig(ind, r.cumulative),
            pct=Pct(r.percent_of_target) if r.percent_of_target is not None else "-",
            target=Goal(ind),
            start=ind.period.start,
            end=ind.period.end,
            note=NOTE if ind.reading_note else "",
        )

    def verdict(self, row: Row, base_year: int) -> Phrase:
        return early_or(self, row, base_year)

    def pace(self, row: Row) -> Phrase | None:
        ind, r = row.indicator, row.result
        if r.required_per_year is None or ind.period is None:
            return None
        left = ind.period.end - r.year
        return Phrase(
            "sum.pace_total",
            n=left,
            amount=Fig(ind, round(r.required_per_year, ind.decimals)),
            first=r.year + 1,
            end=ind.period.end,
            target=Fig(ind, ind.goal),
            note=NOTE if ind.reading_note else "",
        )

    def explain(self, ex: Explanation) -> list[Phrase]:
        from ntm_tracker.core.explain import places, r_places
        from ntm_tracker.core.numbers import round_half_up
        from ntm_tracker.core.result import Status

        ind, r = ex.indicator, ex.row.result
        assert ind.period is not None  # a cumulative indicator has one
        start, end = ind.period.start, ind.period.end
        lines = [
            Phrase("explain.kind_total", start=start, end=end, target=Goal(ind)),
            actual_line(ex),
        ]
        if (
            r.cumulative is None
            or r.period_years is None
            or r.expected is None
            or r.progress is None
        ):
            return lines
        c = Fig(ind, r.cumulative, unit=False)
        total = float(r.cumulative)
        k, n = r.period_years
        rp = r_places(r.progress, ex.bands)
        e_places = places(r.expected, ind.decimals, lambda e: total / e, r.progress, rp)
        e = Num(r.expected, e_places)
        terms = Terms(tuple(Fig(ind, v, unit=False) for _, v in ex.values), "+")
        return [
            *lines,
            Phrase("explain.values", span=span(start, ex.year), terms=terms, value=c),
            Phrase(
                "explain.expected_total",
                year=ex.year,
                target=Goal(ind, number=True),
                k=k,
                n=n,
                value=e,
            ),
            Phrase(
                "explain.gap",
                a="C",
                filled=Phrase("formula.minus", x=c, y=e),
                value=Num(total - round_half_up(r.expected, e_places), e_places),
            ),
            met_line(ind, "C", c, r.status is Status.ACHIEVED),
            Phrase(
                "explain.progress",
                formula=Phrase("formula.progress_total"),
                filled=Phrase("formula.ratio", x=c, y=e),
                value=Num(r.progress, rp),
            ),
        ]

    def chart_subtitle(
        self, ind: Indicator, baseline: float | bool | None, base_year: int
    ) -> Phrase:
        assert ind.period is not None  # guaranteed by the plan rules
        return Phrase(
            "chart.cumulative", target=Goal(ind), start=ind.period.start, end=ind.period.end
        )


KIND = Cumulative()

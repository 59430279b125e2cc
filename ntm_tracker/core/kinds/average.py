"""``average``: an average over a period ("tốc độ tăng ... bình quân giai đoạn 2026-2030
trên 10%"); geometric for growth rates, as statistics offices compute them.

Before the period ends: on track when the average so far meets the target, else needs
acceleration, with the average needed over the years left; from the last year of the
period on: achieved or missed. A missing earlier year is left out of the average (and
named); a missing value for the year itself is no data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.kind import Basis, Running, TargetKind, actual_line, met_line, over_period
from ntm_tracker.core.phrase import NOTE, Fig, Goal, Num, Phrase, Terms, Versus, span

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


class Average(TargetKind):
    name = "average"
    over_period = True
    running_name = "average"
    drawn_name = "average"

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.domain import Measure
        from ntm_tracker.core.result import Reason, Result, Status
        from ntm_tracker.core.status import average, meets, percent_of, required_average

        assert ind.period is not None  # guaranteed by the plan rules
        start, end = ind.period.start, ind.period.end
        target = ind.goal
        obs = series.get(year)
        last = min(year, end)
        period = range(start, last + 1)
        elapsed = (last - start + 1, len(ind.period))
        if obs is None and year <= end:
            return Result.no_value(year, ind.target, period_years=elapsed)
        to_date = ind.figures == "to_date"  # the figure recorded is the average so far
        wanted = (last,) if to_date else period
        counted = tuple(y for y in wanted if y in series)
        missing = tuple(y for y in wanted if y not in series)
        if not counted or (year >= end and missing):
            # nothing to average; or the verdict on the whole period, which needs every year
            reason = Reason.NO_VALUE if not counted else Reason.GAP_IN_PERIOD
            return Result(
                Status.NO_DATA,
                year,
                target=ind.target,
                period_years=elapsed,
                reason=reason,
                missing_years=missing if counted else tuple(period),
            )
        values = [float(series[y].value) for y in counted]
        geometric = ind.measure is Measure.RATE
        if to_date:  # the average so far, recorded; it stands for each year elapsed when
            # the average needed over the years left is worked out
            avg, values = values[-1], values * (last - start + 1)
        else:
            avg = average(values, geometric)
        met = meets(avg, ind.target, ind.comparator, basis.judging)
        measured: dict[str, Any] = {
            "actual": float(obs.value) if obs is not None else None,
            "estimate": any(series[y].estimate for y in counted),
            "target": ind.target,
            "average": avg,
            "gap": avg - target,
            "target_gap": avg - target,
            "percent_of_target": percent_of(ind, avg, target),
            "years_counted": counted,
            "missing_years": missing,
            "period_years": elapsed,
            "reason": Reason.YEARS_SKIPPED if missing else None,
        }
        if year >= end:
            return Result(Status.ACHIEVED if met else Status.MISSED, year, **measured)
        if met:
            return Result(Status.ON_TRACK, year, **measured)
        needed = required_average(values, target, end - year, geometric)
        return Result(Status.NEEDS_ACCELERATION, year, required_average=needed, **measured)

    def drawn(self, r: Result) -> float | bool | None:
        return r.average

    def running(self, ind: Indicator, r: Result) -> Running | None:
        if r.average is None or ind.period is None:
            return None
        return Running("average", r.average, ind.period.start, r.year, computed=True)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"average": r.average, "required_average": r.required_average}

    def scope(self, ind: Indicator) -> Phrase:
        return over_period("scope.average", ind)

    def reading(self, ind: Indicator) -> Phrase:
        return over_period("note.reading_average", ind)

    def against(self, row: Row) -> Phrase:
        ind, r = row.indicator, row.result
        if ind.period is None or r.average is None:
            return TargetKind.against(self, row)
        if len(r.years_counted) <= 1 and ind.figures == "yearly":  # no average of one year
            return Phrase(
                "sum.target_average_first",
                target=Goal(ind),
                start=ind.period.start,
                end=ind.period.end,
                note=NOTE if ind.reading_note else "",
            )
        return Phrase(
            "sum.target_average",
            span=span(ind.period.start, min(r.year, ind.period.end)),
            average=Fig(ind, r.average, computed=True),
            target=Goal(ind),
            start=ind.period.start,
            end=ind.period.end,
            note=NOTE if ind.reading_note else "",
        )

    def verdict(self, row: Row, base_year: int) -> Phrase:
        from ntm_tracker.core.result import Status, Verdict

        if row.result.status is Status.ACHIEVED and row.result.verdict is not Verdict.EXCEEDED:
            return Phrase("sum.verdict_met_target")
        return TargetKind.verdict(self, row, base_year)

    def pace(self, row: Row) -> Phrase | None:
        ind, r = row.indicator, row.result
        if r.required_average is None or ind.period is None:
            return None
        return Phrase(
            "sum.pace_average",
            value=Versus(ind.comparator, Fig(ind, r.required_average, computed=True)),
            first=r.year + 1,
            end=ind.period.end,
        )

    def explain(self, ex: Explanation) -> list[Phrase]:
        from ntm_tracker.core.domain import Measure
        from ntm_tracker.core.result import Status

        ind, r = ex.indicator, ex.row.result
        assert ind.period is not None  # an average indicator has one
        start, end = ind.period.start, ind.period.end
        geometric = ind.measure is Measure.RATE
        how = Phrase("explain.geometric" if geometric else "explain.arithmetic")
        lines = [
            Phrase("explain.kind_average", start=start, end=end, target=Goal(ind), how=how),
            actual_line(ex),
        ]
        if r.average is None:
            return lines
        d = ind.decimals + 1
        values = tuple(Fig(ind, v, unit=False) for _, v in ex.values)
        n = len(values)
        if geometric:
            factors = Terms(tuple(Phrase("formula.growth_factor", g=v) for v in values), "×")
            filled = Phrase("formula.geometric_mean", factors=factors, n=n)
        else:
            filled = Phrase("formula.mean", terms=Terms(values, "+"), n=n)
        years = tuple(y for y, _ in ex.values)
        lines.append(Phrase("explain.average", years=years, filled=filled, value=Num(r.average, d)))
        if r.missing_years:
            lines.append(Phrase("explain.skipped", years=r.missing_years))
        meets_now = r.status in (Status.ACHIEVED, Status.ON_TRACK)
        lines.append(met_line(ind, "g", Num(r.average, d), meets_now))
        if r.required_average is not None:
            lines.append(
                Phrase(
                    "explain.required_average",
                    value=Fig(ind, r.required_average, computed=True, places=d),
                    years=end - ex.year,
                    end=end,
                )
            )
        return lines

    def chart_subtitle(
        self, ind: Indicator, baseline: float | bool | None, base_year: int
    ) -> Phrase:
        return Phrase("chart.average", target=Goal(ind))


KIND = Average()

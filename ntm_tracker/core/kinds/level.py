"""``level``: a figure to reach by the target year ("đến năm 2030 đạt 120 triệu đồng").

Each year is judged against the path from the baseline year's figure to the target:
the share R of the expected change achieved puts it in a band (README, "Status method").
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.kind import (
    Basis,
    TargetKind,
    Where,
    actual_line,
    met_line,
)
from ntm_tracker.core.phrase import NOTE, Diff, Fig, Goal, Num, Phrase
from ntm_tracker.core.problems import Problem

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.forecast import Forecast
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result


class Level(TargetKind):
    name = "level"
    on_path = True
    paced = True
    scope_in_cell = False

    def check(self, ind: Indicator) -> Iterator[tuple[Where, Problem]]:
        return iter(())

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        from ntm_tracker.core.domain import gap_to
        from ntm_tracker.core.result import Reason, Result, Status
        from ntm_tracker.core.status import (
            REL_TOL,
            band,
            expected_level,
            meets,
            percent_of,
            required_pace,
        )

        base_year = basis.base_year
        target = ind.goal
        base_obs = series.get(base_year)
        baseline = float(base_obs.value) if base_obs is not None else None
        expected, reason, flat = None, None, False
        if baseline is not None and meets(baseline, ind.target, ind.comparator, basis.judging):
            # the baseline already meets the target: the path is to keep it (e = b), so a
            # value that falls back is judged against b, not against a path "towards" T
            expected, reason, flat = baseline, Reason.BASELINE_MEETS_TARGET, True
        elif baseline is not None:
            expected = expected_level(
                baseline, target, year, base_year, ind.target_year, ind.trajectory
            )
        obs = series.get(year)
        if obs is None:
            return Result.no_value(
                year, ind.target, baseline=baseline, expected=expected, flat=flat
            )
        a = float(obs.value)
        met = meets(a, ind.target, ind.comparator, basis.judging)
        known: dict[str, Any] = {
            "actual": a,
            "estimate": obs.estimate,
            "baseline": baseline,
            "expected": expected,
            "target": ind.target,
            "percent_of_target": percent_of(ind, a, target),
            "target_gap": gap_to(a, ind.target, ind.comparator),
            "gap": a - expected if expected is not None else None,
            "met": met,
            "flat": flat,
            "reason": reason,
        }
        if year == base_year:
            return Result(Status.BASELINE, year, **{**known, "reason": Reason.BASELINE_YEAR})
        no_path = (
            baseline is None
            or expected is None
            or math.isclose(expected, baseline, rel_tol=REL_TOL, abs_tol=1e-12)
        )
        progress = None
        if not no_path:
            assert baseline is not None and expected is not None
            progress = (a - baseline) / (expected - baseline)
        if met:
            return Result(Status.ACHIEVED, year, progress=progress, **known)
        per_year, rate = required_pace(a, target, year, ind.target_year, ind.trajectory)
        behind = {**known, "required_per_year": per_year, "required_rate": rate}
        if year >= ind.target_year:  # the target year is over and the target not met
            return Result(Status.MISSED, year, progress=progress, **behind)
        if baseline is None:
            behind.update(reason=Reason.NO_BASELINE, missing_years=(base_year,))
            return Result(Status.NO_BASELINE, year, **behind)
        if progress is None:  # a flat path: e = b
            worse = a < baseline if ind.comparator.higher_is_better else a > baseline
            status = Status.DETERIORATING if worse else Status.LIMITED_PROGRESS
            return Result(status, year, **behind)
        return Result(band(progress, basis.bands), year, progress=progress, **behind)

    def forecast(
        self, ind: Indicator, series: Mapping[int, Entry], years: range, last: int
    ) -> Forecast | None:
        from ntm_tracker.core.forecast import trend

        return trend(ind, series, years, last, total=False)

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        return {"trajectory": ind.trajectory.value}

    def verdict(self, row: Row, base_year: int) -> Phrase:
        return early_or(self, row, base_year)

    def pace(self, row: Row) -> Phrase | None:
        ind, r = row.indicator, row.result
        if r.required_per_year is None:
            return None
        direction = "up" if r.required_per_year >= 0 else "down"
        rate: Phrase | str = ""
        if r.required_rate is not None:
            rate = Phrase("sum.pace_rate", rate=Num(r.required_rate, 1))
        return Phrase(
            f"sum.pace_{direction}",
            diff=Diff(ind, r.required_per_year),
            year=ind.target_year,
            target=Goal(ind),
            rate=rate,
        )

    def explain(self, ex: Explanation) -> list[Phrase]:
        from ntm_tracker.core.explain import R_DECIMALS, places, r_places
        from ntm_tracker.core.numbers import round_half_up
        from ntm_tracker.core.result import Status
        from ntm_tracker.core.status import is_compound

        ind, r = ex.indicator, ex.row.result
        base, y, ty = ex.baseline_year, ex.year, ind.target_year
        compound = r.baseline is not None and is_compound(
            ind.trajectory,
            float(r.baseline),
            ind.goal,
        )
        how = Phrase("explain.compound" if compound else "explain.linear")
        lines = [Phrase("explain.kind_level", how=how, base=base, target=Goal(ind), year=ty)]
        b = Fig(ind, r.baseline, unit=False)
        a = Fig(ind, r.actual, unit=False)
        t = Goal(ind, number=True)
        lines.append(
            Phrase("explain.baseline", year=base, value=b)
            if r.baseline is not None
            else Phrase("explain.baseline_missing", year=base)
        )
        lines.append(actual_line(ex))
        lines.append(Phrase("explain.target", year=ty, value=t))
        if r.status is Status.BASELINE:
            return [*lines, Phrase("explain.is_baseline", year=base)]
        e_places = ind.decimals
        rp = r_places(r.progress, ex.bands) if r.progress is not None else R_DECIMALS
        if (
            r.expected is not None
            and r.baseline is not None
            and r.actual is not None
            and r.progress is not None
        ):
            bv, av = float(r.baseline), float(r.actual)
            e_places = places(
                r.expected, ind.decimals, lambda e: (av - bv) / (e - bv), r.progress, rp
            )
        e: Any = Num(r.expected, e_places) if r.expected is not None else "-"
        if r.flat:
            lines.append(Phrase("explain.flat", value=b))
        elif r.expected is not None:
            share = Phrase("formula.share", y=min(y, ty), base=base, ty=ty)
            key = "compound" if compound else "linear"
            lines.append(
                Phrase(
                    "explain.expected",
                    formula=Phrase(f"formula.{key}"),
                    filled=Phrase(f"formula.{key}_filled", b=b, t=t, share=share),
                    value=e,
                )
            )
        if r.gap is not None and r.expected is not None and r.actual is not None:
            gap = float(r.actual) - round_half_up(r.expected, e_places)
            filled = Phrase("formula.minus", x=a, y=e)
            lines.append(Phrase("explain.gap", a="a", filled=filled, value=Num(gap, e_places)))
        if r.actual is not None:
            lines.append(met_line(ind, "a", a, r.status is Status.ACHIEVED))
        if r.progress is not None:
            filled = Phrase("formula.progress_level_filled", a=a, b=b, e=e)
            lines.append(
                Phrase(
                    "explain.progress",
                    formula=Phrase("formula.progress_level"),
                    filled=filled,
                    value=Num(r.progress, rp),
                )
            )
        return lines

    def chart_subtitle(
        self, ind: Indicator, baseline: float | bool | None, base_year: int
    ) -> Phrase:
        from ntm_tracker.core.status import is_compound

        target = Goal(ind)
        if baseline is None:
            return Phrase("chart.no_path", year=ind.target_year, target=target, base=base_year)
        compound = is_compound(ind.trajectory, float(baseline), ind.goal)
        how = Phrase("chart.compound" if compound else "chart.linear")
        return Phrase("chart.level", year=ind.target_year, target=target, base=base_year, how=how)


def early_or(kind: TargetKind, row: Row, base_year: int) -> Phrase:
    """A target reached before its year is 'achieved N years early'; reached in its year,
    'target achieved'; otherwise the verdict of the status."""
    from ntm_tracker.core.result import Status, Verdict

    ind, r = row.indicator, row.result
    if r.status is Status.ACHIEVED:
        if r.year < ind.target_year:
            return Phrase("sum.verdict_early", n=ind.target_year - r.year)
        if r.verdict is Verdict.EXCEEDED:
            return Phrase("sum.verdict_exceeded")
        return Phrase("sum.verdict_met_target")
    return TargetKind.verdict(kind, row, base_year)


KIND = Level()
__all__ = ["KIND", "NOTE", "early_or"]

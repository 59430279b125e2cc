"""`ntm explain`: the status of one indicator worked out step by step, in words.

Every number comes from the ``Explanation`` (the same ``Result`` ``ntm status`` shows).
A computed figure is shown with as many places as it takes for each line's arithmetic,
redone with the figures as shown, to give the result as shown (R = (78,5 - 70) / (78,0 -
70) would give 1,06 where R is 1,07; with e = 77,94 it gives 1,07).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Indicator, Kind, Measure, StatusBands
from ntm_tracker.core.numbers import round_half_up
from ntm_tracker.core.status import Status, band, is_compound

if TYPE_CHECKING:
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.i18n import Words

R_DECIMALS = 2
MAX_DECIMALS = 9


def places(
    value: float,
    decimals: int,
    recompute: Callable[[float], float],
    result: float,
    result_decimals: int,
) -> int:
    """The fewest places (from ``decimals``) to show ``value`` so that ``recompute`` of the
    rounded value rounds to the same ``result``."""
    for d in range(decimals, MAX_DECIMALS + 1):
        try:
            again = recompute(round_half_up(value, d))
        except ZeroDivisionError:
            continue
        if round_half_up(again, result_decimals) == round_half_up(result, result_decimals):
            return d
    return MAX_DECIMALS


def r_places(progress: float, bands: StatusBands) -> int:
    """The places that show R inside its own band (0.947, not 0.95, when R < 0.95)."""
    for d in range(R_DECIMALS, MAX_DECIMALS + 1):
        if band(round_half_up(progress, d), bands) is band(progress, bands):
            return d
    return MAX_DECIMALS


def render_explanation(ex: Explanation, words: Words) -> str:
    ind, r = ex.indicator, ex.row.result
    lines = [
        words(
            "explain.title",
            number=ind.number,
            name=words.name(ind),
            unit=words.unit(ind),
            year=ex.year,
        ),
        "",
    ]
    kind = ind.kind
    if kind is Kind.LEVEL:
        lines += _level(ex, words)
    elif kind is Kind.CUMULATIVE:
        lines += _cumulative(ex, words)
    elif kind is Kind.AVERAGE:
        lines += _average(ex, words)
    else:
        lines += _yearly(ex, words)
    lines.append(_status(ex, words))
    lines += _comparisons(ex, words)
    fc = ex.row.forecast
    if fc is not None and fc.reason != "not_applicable" and r.status is not Status.BASELINE:
        from ntm_tracker.render.history import trend_sentence

        lines.append(trend_sentence(words, ind, fc))
    if ind.reading_note:
        from ntm_tracker.render.document import NOTE_MARK
        from ntm_tracker.render.summary import reading_note

        if not any(NOTE_MARK in line for line in lines):  # mark the kind, which it explains
            kind_line = lines[2].removesuffix(".")
            lines[2] = kind_line + NOTE_MARK + ("." if kind_line != lines[2] else "")
        lines.append(reading_note(words, ind))
    return "\n".join(lines) + "\n"


def _n(words: Words, value: float, d: int) -> str:
    return words.number(value, d)


def _level(ex: Explanation, words: Words) -> list[str]:
    ind, r = ex.indicator, ex.row.result
    base, y, ty = ex.baseline_year, ex.year, ind.target_year
    compound = r.baseline is not None and is_compound(
        ind.trajectory, float(r.baseline), float(ind.target)
    )
    how = words("explain.compound" if compound else "explain.linear")
    lines = [words("explain.kind_level", how=how, base=base, target=words.target(ind), year=ty)]
    b = words.value(ind, r.baseline)
    a = words.value(ind, r.actual)
    t = words.target_number(ind)
    lines.append(
        words("explain.baseline", year=base, value=b)
        if r.baseline is not None
        else words("explain.baseline_missing", year=base)
    )
    lines.append(_actual(ex, words))
    lines.append(words("explain.target", year=ty, value=t))
    if r.status is Status.BASELINE:
        return [*lines, words("explain.is_baseline", year=base)]
    e_places = ind.decimals
    rp = r_places(r.progress, ex.bands) if r.progress is not None else R_DECIMALS
    if (
        r.expected is not None
        and r.baseline is not None
        and r.actual is not None
        and r.progress is not None
    ):
        bv, av = float(r.baseline), float(r.actual)
        e_places = places(r.expected, ind.decimals, lambda e: (av - bv) / (e - bv), r.progress, rp)
    e = _n(words, r.expected, e_places) if r.expected is not None else "-"
    if r.flat:
        lines.append(words("explain.flat", value=b))
    elif r.expected is not None:
        share = f"({min(y, ty)} - {base}) / ({ty} - {base})"
        if compound:
            formula, filled = (
                "b × (T / b) ^ ((y - y0) / (yT - y0))",
                f"{b} × ({t} / {b}) ^ ({share})",
            )
        else:
            formula, filled = "b + (T - b) × (y - y0) / (yT - y0)", f"{b} + ({t} - {b}) × {share}"
        lines.append(words("explain.expected", formula=formula, filled=filled, value=e))
    if r.gap is not None and r.expected is not None and r.actual is not None:
        gap = float(r.actual) - round_half_up(r.expected, e_places)
        lines.append(
            words("explain.gap", a="a", filled=f"{a} - {e}", value=_n(words, gap, e_places))
        )
    if r.actual is not None:
        lines.append(_met(words, ind, "a", a, r.status is Status.ACHIEVED))
    if r.progress is not None:
        filled = f"({a} - {b}) / ({e} - {b})"
        value = words.number(r.progress, rp)
        lines.append(
            words("explain.progress", formula="(a - b) / (e - b)", filled=filled, value=value)
        )
    return lines


def _actual(ex: Explanation, words: Words) -> str:
    ind, r = ex.indicator, ex.row.result
    if r.actual is None:
        return words("explain.actual_missing", year=ex.year)
    value = words.value(ind, r.actual)
    if r.estimate and ex.row.entry is not None and ex.row.entry.estimate:
        value += " " + words("word.estimate")
    return words("explain.actual", year=ex.year, value=value)


def _met(words: Words, ind: Indicator, symbol: str, shown: str, met: bool) -> str:
    comparison = words.compare(ind.comparator, words.target_number(ind))
    return words(
        "explain.met", a=symbol, shown=shown, comparison=comparison, answer=words.yes_no(met)
    )


def _cumulative(ex: Explanation, words: Words) -> list[str]:
    ind, r = ex.indicator, ex.row.result
    assert ind.period is not None  # a cumulative indicator has one
    start, end = ind.period.start, ind.period.end
    lines = [
        words("explain.kind_total", start=start, end=end, target=words.target(ind)),
        _actual(ex, words),
    ]
    if r.cumulative is None or r.period_years is None or r.expected is None or r.progress is None:
        return lines
    c = words.value(ind, r.cumulative)
    total = float(r.cumulative)
    k, n = r.period_years
    rp = r_places(r.progress, ex.bands)
    e_places = places(r.expected, ind.decimals, lambda e: total / e, r.progress, rp)
    e = _n(words, r.expected, e_places)
    terms = " + ".join(words.value(ind, v) for _, v in ex.values)
    span = f"{start}-{ex.year}" if ex.year > start else str(start)
    return [
        *lines,
        words("explain.values", span=span, terms=terms, value=c),
        words(
            "explain.expected_total",
            year=ex.year,
            target=words.target_number(ind),
            k=k,
            n=n,
            value=e,
        ),
        words(
            "explain.gap",
            a="C",
            filled=f"{c} - {e}",
            value=_n(words, total - round_half_up(r.expected, e_places), e_places),
        ),
        _met(words, ind, "C", c, r.status is Status.ACHIEVED),
        words(
            "explain.progress",
            formula="C / e",
            filled=f"{c} / {e}",
            value=words.number(r.progress, rp),
        ),
    ]


def _average(ex: Explanation, words: Words) -> list[str]:
    ind, r = ex.indicator, ex.row.result
    assert ind.period is not None  # an average indicator has one
    start, end = ind.period.start, ind.period.end
    geometric = ind.measure is Measure.RATE
    lines = [
        words(
            "explain.kind_average",
            start=start,
            end=end,
            target=words.target(ind),
            how=words("explain.geometric" if geometric else "explain.arithmetic"),
        ),
        _actual(ex, words),
    ]
    if r.average is None:
        return lines
    d = ind.decimals + 1
    values = [v for _, v in ex.values]
    years = ", ".join(str(y) for y, _ in ex.values)
    if geometric:
        factors = " × ".join(f"(1 + {words.value(ind, v)}/100)" for v in values)
        filled = f"(({factors})^(1/{len(values)}) - 1) × 100"
    else:
        filled = f"({' + '.join(words.value(ind, v) for v in values)}) / {len(values)}"
    lines.append(
        words("explain.average", years=years, filled=filled, value=_n(words, r.average, d))
    )
    if r.missing_years:
        lines.append(words("explain.skipped", years=", ".join(str(y) for y in r.missing_years)))
    lines.append(_met(words, ind, "g", _n(words, r.average, d), meets_now(r.status)))
    if r.required_average is not None:
        lines.append(
            words(
                "explain.required_average",
                value=words.amount(ind, _n(words, r.required_average, d)),
                years=end - ex.year,
                end=end,
            )
        )
    return lines


def meets_now(status: Status) -> bool:
    return status in (Status.ACHIEVED, Status.ON_TRACK)


def _yearly(ex: Explanation, words: Words) -> list[str]:
    ind, r = ex.indicator, ex.row.result
    lines = [
        words(f"explain.kind_{ind.kind.value}", target=words.target(ind), year=ind.target_year)
    ]
    if ind.kind is Kind.MILESTONE and r.since is not None:
        return [*lines, words("explain.reached", year=r.since)]
    lines.append(_actual(ex, words))
    if ind.kind is Kind.ANNUAL and r.actual is not None:
        lines.append(_met(words, ind, "a", words.value(ind, r.actual), r.status is Status.ACHIEVED))
    return lines


def _status(ex: Explanation, words: Words) -> str:
    ind, r = ex.indicator, ex.row.result
    status = words(f"status.{r.status.value}")
    if (
        r.progress is not None
        and r.status not in (Status.ACHIEVED, Status.MISSED)
        and ind.kind in (Kind.LEVEL, Kind.CUMULATIVE)
    ):
        bands = ex.bands
        edges = {
            "on": words.number(bands.on_track, R_DECIMALS),
            "na": words.number(bands.needs_acceleration, R_DECIMALS),
        }
        label = words(f"explain.band_{r.status.value}", **edges)
        return (
            words(
                "explain.status_band",
                status=status,
                r=words.number(r.progress, r_places(r.progress, bands)),
                band=label,
            )
            + " "
            + words("explain.bands", **edges)
        )
    reason = f"explain.why_{r.status.value}"
    return words(
        "explain.status",
        status=status,
        why=words(reason, year=ex.baseline_year, deadline=ind.target_year),
    )


def _comparisons(ex: Explanation, words: Words) -> list[str]:
    """The year's plan, last year, and the pace still needed, in words."""
    from ntm_tracker.render.summary import pace_words, plan_words, previous_words

    lines = []
    row = ex.row
    for fragment in (plan_words(words, row), previous_words(words, row)):
        if fragment:  # "bằng 89,7% kế hoạch năm (78 tỷ đồng)" says what it compares with
            lines.append(words("explain.comparison", text=fragment[0].upper() + fragment[1:]))
    pace = pace_words(words, row)
    if pace and row.result.status not in (Status.ACHIEVED, Status.BASELINE, Status.NO_DATA):
        lines.append(words("explain.pace", text=pace))
    return lines

"""`ntm explain`: the status of one indicator worked out step by step, in words.

Every number comes from the ``Explanation`` (the same ``Result`` ``ntm status`` shows);
the steps of the maths are the indicator's kind's (``TargetKind.explain``), each number
shown with the places that make each line's arithmetic come out as shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ntm_tracker.core.explain import R_DECIMALS, r_places
from ntm_tracker.core.result import Status

if TYPE_CHECKING:
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.i18n import Words


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
    lines += [words.say(step) for step in ind.kind.explain(ex)]
    lines.append(_status(ex, words))
    lines += _comparisons(ex, words)
    fc = ex.row.forecast
    if fc is not None and fc.reason != "not_applicable" and r.status is not Status.BASELINE:
        from ntm_tracker.render.history import trend_sentence

        lines.append(trend_sentence(words, ind, fc))
    if ind.reading_note:
        from ntm_tracker.core.phrase import NOTE as NOTE_MARK
        from ntm_tracker.render.summary import reading_note

        if not any(NOTE_MARK in line for line in lines):  # mark the kind, which it explains
            kind_line = lines[2].removesuffix(".")
            lines[2] = kind_line + NOTE_MARK + ("." if kind_line != lines[2] else "")
        lines.append(reading_note(words, ind))
    return "\n".join(lines) + "\n"


def _status(ex: Explanation, words: Words) -> str:
    ind, r = ex.indicator, ex.row.result
    status = words(f"status.{r.status.value}")
    if (
        r.progress is not None
        and r.status not in (Status.ACHIEVED, Status.MISSED)
        and ind.kind.paced
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

"""`ntm history` (table, JSON, CSV), and the trend sentence the reports share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Indicator
from ntm_tracker.render import dispatch, on_one_line
from ntm_tracker.render.status import layout, running_figure, status_word, wrap

if TYPE_CHECKING:
    from ntm_tracker.core.forecast import Forecast
    from ntm_tracker.core.history import History
    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv

CSV_COLUMNS = (
    "year", "value", "estimate", "annual_plan", "expected", "gap", "cumulative", "average",
    "progress", "status", "reason", "note",
)  # fmt: skip


def trend_sentence(words: Words, ind: Indicator, fc: Forecast) -> str:
    """The recorded trend carried on to the target year, in plain words; '' without one."""
    if fc.projected is None or fc.first_year is None:
        if fc.reason == "too_few_points":
            return words("trend.too_few")
        return ""
    value = words.amount(ind, words.computed(ind, fc.projected))
    outcome = words("trend.meets" if fc.reaches_target else "trend.short")
    span = f"{fc.first_year}-{fc.last_year}"
    if fc.total and ind.period is not None:
        return words(
            "trend.total",
            span=span,
            start=ind.period.start,
            end=ind.period.end,
            value=value,
            outcome=outcome,
        )
    return words("trend.level", span=span, year=fc.target_year, value=value, outcome=outcome)


def history_table(history: History, words: Words, env: TerminalEnv | None = None) -> str:
    from ntm_tracker.render.terminal import UNLIMITED, TerminalEnv

    env = env or TerminalEnv(width=UNLIMITED)

    ind, plan = history.indicator, history.plan
    extra = ind.kind.running_name
    keys = ["year", "value", "plan", *([extra] if extra else []), "expected", "status", "note"]
    rows = []
    for row in history.years:
        r, entry = row.result, row.entry
        year = (
            words("hist.baseline_year", year=r.year)
            if r.year == plan.baseline_year
            else str(r.year)
        )
        value = words.value(ind, entry.value) if entry is not None else "-"
        if entry is not None and entry.estimate:
            value += " " + words("word.estimate_mark")
        cells = [year, value, words.value(ind, row.comparison.annual_plan)]
        if extra is not None:
            running = ind.kind.running(ind, r)
            cells.append(running_figure(words, ind, running) if running is not None else "-")
        cells += [words.computed(ind, r.expected), status_word(words, row)]
        cells.append(on_one_line(entry.note or "") if entry is not None else "")
        rows.append(cells)
    title = words(
        "hist.title",
        number=ind.number,
        name=words.name(ind),
        unit=words.unit(ind),
        target=words.target(ind),
        scope=words.scope(ind),
    )
    headers = [words(f"hist.{k}") for k in keys]
    right = frozenset(range(1, len(keys) - 2))
    table = layout(headers, rows, env, flexible=len(keys) - 1, right=right)
    out = [wrap(title, env.width), "", table, ""]
    if history.baseline_missing:
        out.append(wrap(words("hist.no_baseline", year=plan.baseline_year, id=ind.id), env.width))
    trend = trend_sentence(words, ind, history.forecast)
    if trend:
        out.append(wrap(trend, env.width))
    return "\n".join(out).rstrip() + "\n"


def history_json(history: History, words: Words, env: TerminalEnv | None = None) -> str:
    from ntm_tracker.core.history import history_to_dict
    from ntm_tracker.render.data import json_text

    return json_text(history_to_dict(history))


def history_csv(history: History, words: Words, env: TerminalEnv | None = None) -> str:
    from ntm_tracker.core.history import history_to_dict
    from ntm_tracker.storage.csvfile import csv_text

    years = history_to_dict(history)["years"]
    header = [words(f"col.{k}") for k in CSV_COLUMNS]
    return csv_text(header, ([y[k] for k in CSV_COLUMNS] for y in years))


HISTORY_RENDERERS: dict[str, Callable[[History, Words, TerminalEnv | None], str]] = {
    "table": history_table,
    "json": history_json,
    "csv": history_csv,
}
HISTORY_FORMATS = tuple(HISTORY_RENDERERS)


def render_history(history: History, fmt: str, words: Words, env: TerminalEnv | None = None) -> str:
    return dispatch(fmt, HISTORY_RENDERERS)(history, words, env)

"""Rich tables for the terminal: the status table and the plan table."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Indicator, Kind, Plan
from ntm_tracker.render.terminal import TerminalEnv
from ntm_tracker.report import Row, StatusReport
from ntm_tracker.status import Status

STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.NEEDS_ACCELERATION: "yellow",
    Status.LIMITED_PROGRESS: "dark_orange",
    Status.DETERIORATING: "bold red",
    Status.MISSED: "red",
    Status.NO_BASELINE: "magenta",
    Status.NO_DATA: "dim",
}


def make_console(env: TerminalEnv, buffer: io.StringIO) -> Console:
    return Console(
        file=buffer,
        force_terminal=env.color,
        no_color=not env.color,
        color_system="standard" if env.color else None,
        width=env.width,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )


def print_whole(console: Console, table: Table, flexible: int = 1) -> None:
    """Print ``table`` so that no figure or word is ever cut off.

    Left to itself, Rich crops lines or shortens cells with an ellipsis when a
    terminal is too narrow. Here every column but ``flexible`` (the indicator name)
    gets the width of its longest line (a column with ``max_width`` wraps at its
    longest word at the least); the name column takes the room that is left, at least
    its ``min_width``. When even that does not fit, the console is widened: on a
    narrow terminal lines then wrap there, but nothing is lost.
    """
    from rich.measure import Measurement

    def lines(column: Column) -> list[str]:
        return [ln for c in (column.header, *column.cells) for ln in str(c).splitlines()]

    for i, column in enumerate(table.columns):
        if i == flexible:
            continue
        texts = lines(column)
        natural = max((len(t) for t in texts), default=1)
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        if column.max_width is not None:
            natural = max(min(natural, column.max_width), longest_word)
        column.width = natural
    name = table.columns[flexible]
    longest_name = max((len(t) for t in lines(name)), default=1)
    name.width = least = name.min_width or 10
    fixed = Measurement.get(console, console.options.update_width(10_000), table).maximum
    name.width = max(least, min(longest_name, least + console.width - fixed))
    console.width = max(console.width, fixed + name.width - least)
    console.print(table)


def _indicator_cell(fmt: Formatter, row: Row) -> Text:
    ind = row.indicator
    text = Text(ind.name.get(fmt.lang))
    if ind.supplementary:
        text.append(f" ({fmt.word('supplementary', section=ind.section)})")
    text.append(f" [{fmt.unit(ind)}]", style="dim")
    return text


def _target_cell(fmt: Formatter, ind: Indicator) -> Text:
    """The target, with what it applies to on a second, dim line."""
    text = Text(fmt.target(ind))
    text.append("\n" + fmt.target_scope(ind), style="dim")
    return text


def _status_cell(fmt: Formatter, row: Row) -> Text:
    return Text(fmt.status_text(row.indicator, row.result), style=STATUS_STYLES[row.result.status])


def render_status_table(
    report: StatusReport, lang: str, env: TerminalEnv, *, forecast: bool = False
) -> str:
    """The status table; ``forecast`` adds a column with each row's forecast."""
    from ntm_tracker.phrases import forecast_cell

    fmt = Formatter(lang)
    plan = report.plan
    table = Table(
        title=fmt.word("title", commune=plan.commune, year=report.year),
        caption=fmt.word("estimate_legend"),
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
        header_style="bold",
    )
    table.add_column(fmt.word("no"), justify="right")
    table.add_column(fmt.word("indicator"), min_width=20)
    table.add_column(fmt.word("baseline", year=plan.baseline_year), justify="right")
    table.add_column(fmt.word("actual", year=report.year), justify="right")
    table.add_column(fmt.word("expected", year=report.year), justify="right")
    table.add_column(fmt.word("target"), justify="right")
    table.add_column(fmt.word("gap"), justify="right")
    table.add_column(fmt.word("pct_target"), justify="right")
    table.add_column(fmt.word("pace"), justify="right")
    if forecast:
        table.add_column(fmt.word("forecast"), justify="right")
    longest_word = max(len(w) for s in Status for w in fmt.status(s).split())
    table.add_column(fmt.word("status"), min_width=longest_word, max_width=14)
    for field, rows in report.by_field():
        table.add_row("", Text(fmt.field(field), style="bold"), *[""] * (9 if forecast else 8))
        for row in rows:
            ind, r = row.indicator, row.result
            baseline = fmt.value(ind, r.baseline) if ind.kind is not Kind.CUMULATIVE else "-"
            table.add_row(
                ind.number,
                _indicator_cell(fmt, row),
                baseline,
                fmt.actual_cell(row.indicator, row.result),
                fmt.computed(ind, r.expected),
                _target_cell(fmt, ind),
                fmt.signed(ind, r.gap),
                fmt.target_progress(ind, r),
                fmt.pace(ind, r),
                *([forecast_cell(fmt, ind, row.forecast)] if forecast else []),
                _status_cell(fmt, row),
            )
        table.add_section()
    buffer = io.StringIO()
    console = make_console(env, buffer)
    print_whole(console, table)
    counts = [
        Text.assemble((fmt.status(s), STATUS_STYLES[s]), f" {n}")
        for s, n in report.counts().items()
        if n
    ]
    console.print(Text(fmt.word("footer") + ": ") + Text(" · ").join(counts))
    if report.nothing_recorded:
        console.print(fmt.word("empty_hint", base=plan.baseline_year))
    return buffer.getvalue()


def render_plan_table(plan: Plan, lang: str, env: TerminalEnv) -> str:
    from ntm_tracker.phrases import target_words

    fmt = Formatter(lang)
    table = Table(title=plan.title.get(lang), header_style="bold")
    table.add_column(fmt.word("id"), no_wrap=True)
    table.add_column(fmt.word("no"), justify="right")
    table.add_column(fmt.word("indicator"), min_width=20)
    table.add_column(fmt.word("target"), max_width=16)
    table.add_column(fmt.word("unit"), max_width=12)
    table.add_column(fmt.word("kind"), max_width=10)
    table.add_column(fmt.word("comparator"), max_width=12)
    for ind in plan.indicators:
        name = ind.name.get(lang)
        if ind.supplementary:
            name += f" ({fmt.word('supplementary', section=ind.section)})"
        table.add_row(
            ind.id,
            ind.number,
            name,
            f"{target_words(fmt, ind)}\n{fmt.target_scope(ind)}",
            fmt.unit(ind),
            fmt.kind(ind.kind) + (f", {ind.trajectory.value}" if ind.kind is Kind.LEVEL else ""),
            ind.comparator.value,
        )
    buffer = io.StringIO()
    print_whole(make_console(env, buffer), table, flexible=2)
    return buffer.getvalue()

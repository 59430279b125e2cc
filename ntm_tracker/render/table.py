"""Rich tables for the terminal: the status table and the plan table."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
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


def print_whole(console: Console, table: Table) -> None:
    """Print ``table`` without ever cutting a figure.

    Rich shortens cells with an ellipsis when a terminal is too narrow; here the
    console is widened to fit the longest word of every column instead, so on a
    narrow terminal lines wrap there but no digit is lost.
    """
    needed = 2  # table edges
    for column in table.columns:
        cells = [column.header, *column.cells]
        words = [len(w) for c in cells for w in str(c).split()]
        needed += max([column.min_width or 0, *words]) + 3  # padding, a rule
    if needed > console.width:
        console.width = needed
    console.print(table)


def _actual_cell(fmt: Formatter, row: Row) -> str:
    ind, r = row.indicator, row.result
    text = fmt.value(ind, r.actual)
    if r.actual is not None and r.estimate:
        text += f" ({fmt.word('estimate_mark')})"
    if ind.kind is Kind.CUMULATIVE and r.cumulative is not None:
        text += f"\nΣ {fmt.computed(ind, r.cumulative)}"
    return text


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
                _actual_cell(fmt, row),
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
    fmt = Formatter(lang)
    table = Table(title=plan.title.get(lang), header_style="bold")
    table.add_column(fmt.word("id"), no_wrap=True)
    table.add_column(fmt.word("no"), justify="right")
    table.add_column(fmt.word("indicator"), min_width=20)
    table.add_column(fmt.word("target"), justify="right")
    table.add_column(fmt.word("unit"))
    table.add_column(fmt.word("kind"))
    table.add_column(fmt.word("comparator"))
    for ind in plan.indicators:
        name = ind.name.get(lang)
        if ind.supplementary:
            name += f" ({fmt.word('supplementary', section=ind.section)})"
        table.add_row(
            ind.id,
            ind.number,
            name,
            fmt.target_long(ind),
            fmt.unit(ind),
            fmt.kind(ind.kind) + (f", {ind.trajectory.value}" if ind.kind is Kind.LEVEL else ""),
            f"{ind.comparator.value} ({fmt.comparator(ind.comparator)})",
        )
    buffer = io.StringIO()
    print_whole(make_console(env, buffer), table)
    return buffer.getvalue()

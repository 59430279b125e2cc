"""`ntm status` (a colour table, JSON or CSV) and `ntm indicators` (the plan as a table)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ntm_tracker.domain import Kind, Plan
from ntm_tracker.render import dispatch
from ntm_tracker.status import Status

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ntm_tracker.i18n import Words
    from ntm_tracker.render.terminal import TerminalEnv
    from ntm_tracker.report import Row, StatusReport

STATUS_STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.NEEDS_ACCELERATION: "yellow",
    Status.LIMITED_PROGRESS: "dark_orange",
    Status.DETERIORATING: "bold red",
    Status.MISSED: "red",
    Status.PENDING: "cyan",
    Status.BASELINE: "blue",
    Status.NO_BASELINE: "magenta",
    Status.NO_DATA: "dim",
}

# the columns of `status --format csv`, in order (the headers come from the catalogs)
CSV_COLUMNS = (
    "id", "number", "field", "kind", "comparator", "status", "year", "actual", "estimate",
    "annual_plan", "percent_of_annual_plan", "change_from_annual_plan", "previous",
    "change_from_previous", "percent_of_previous", "baseline", "expected", "target",
    "target_year", "progress", "gap", "percent_of_target", "target_gap",
    "required_per_year", "required_rate", "cumulative", "average", "required_average", "note",
)  # fmt: skip


def make_console(env: TerminalEnv, buffer: io.StringIO) -> Console:
    from rich.console import Console

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

    Left to itself, Rich crops lines or shortens cells with an ellipsis when a terminal
    is too narrow. Here every column but ``flexible`` (the indicator name) gets the width
    of its longest line (a column with ``max_width`` wraps at its longest word at the
    least); the name column takes the room that is left, at least its ``min_width``.
    When even that does not fit, the console is widened: on a narrow terminal lines
    then wrap there, but nothing is lost.
    """
    from rich.measure import Measurement

    def lines(column: Any) -> list[str]:
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


# -- cells -----------------------------------------------------------------------------


def actual_cell(words: Words, row: Row) -> str:
    """The year's figure, its estimate mark, and what a total or an average adds."""
    ind, r = row.indicator, row.result
    text = words.value(ind, r.actual)
    if r.actual is not None and r.estimate:
        text += " " + words("word.estimate_mark")
    if ind.kind is Kind.CUMULATIVE and r.cumulative is not None:
        text += "\n" + words("cell.total", x=words.value(ind, r.cumulative))
    if ind.kind is Kind.AVERAGE and r.average is not None:
        text += "\n" + words("cell.average", x=words.computed(ind, r.average))
    return text


def versus_target(words: Words, row: Row) -> str:
    """% of the target for amounts; the distance in points for rates; '-' otherwise."""
    ind, r = row.indicator, row.result
    if r.percent_of_target is not None:
        return words.percent(r.percent_of_target)
    if r.target_gap is not None and not ind.is_yes_no:
        return words("cell.points", x=words.signed(r.target_gap, ind.decimals))
    return "-"


def pace_cell(words: Words, row: Row) -> str:
    """What is still needed each year: a change, a compound rate, or an average."""
    ind, r = row.indicator, row.result
    if r.required_average is not None:
        return words("cell.average", x=words.computed(ind, r.required_average))
    if r.required_per_year is None:
        return "-"
    text = words.signed(r.required_per_year, ind.decimals)
    if r.required_rate is not None:
        text += "\n" + words("cell.rate", x=words.signed(r.required_rate, 1))
    return text


def plan_cell(words: Words, row: Row) -> str:
    c, ind = row.comparison, row.indicator
    if c.annual_plan is None:
        return "-"
    text = words.value(ind, c.annual_plan)
    if c.percent_of_annual_plan is not None:
        text += "\n" + words.percent(c.percent_of_annual_plan)
    elif c.change_from_annual_plan is not None:
        text += "\n" + words("cell.points", x=words.signed(c.change_from_annual_plan, ind.decimals))
    return text


def status_word(words: Words, row: Row) -> str:
    """The status, with the years whose figures it lacks."""
    r = row.result
    text = words(f"status.{r.status.value}")
    if r.missing_years and r.reason is not None and r.reason.value != "no_value":
        text += " (" + ", ".join(str(y) for y in r.missing_years) + ")"
    return text


def _name(words: Words, row: Row) -> Text:
    from rich.text import Text

    ind = row.indicator
    text = Text(words.name(ind))
    if ind.supplementary:
        text.append(" " + words("cell.supplementary", section=ind.section))
    if not ind.is_yes_no:
        text.append(f" [{words.unit(ind)}]", style="dim")
    return text


def status_table(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plan, year = report.plan, report.year
    table = Table(
        title=words("table.title", commune=plan.commune, year=year),
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
        header_style="bold",
    )
    columns: list[tuple[str, Callable[[Row], Any]]] = [
        (words("th.number"), lambda r: r.indicator.number),
        (words("th.indicator"), lambda r: _name(words, r)),
        (
            words("th.baseline", year=plan.baseline_year),
            lambda r: (
                words.value(r.indicator, r.result.baseline)
                if r.indicator.kind is Kind.LEVEL
                else "-"
            ),
        ),
    ]
    if year > plan.baseline_year:
        columns.append(
            (
                words("th.previous", year=year - 1),
                lambda r: words.value(r.indicator, r.comparison.previous),
            )
        )
    if report.has_annual_plan:
        columns.append((words("th.annual_plan", year=year), lambda r: plan_cell(words, r)))
    columns += [
        (words("th.actual", year=year), lambda r: actual_cell(words, r)),
        (words("th.expected", year=year), lambda r: words.computed(r.indicator, r.result.expected)),
        (
            words("th.target"),
            lambda r: f"{words.target_short(r.indicator)}\n{words.scope(r.indicator)}",
        ),
        (words("th.versus_target"), lambda r: versus_target(words, r)),
        (words("th.needed"), lambda r: pace_cell(words, r)),
    ]
    if forecast:
        columns.append((words("th.forecast"), lambda r: forecast_cell(words, r)))
    for i, (header, _) in enumerate(columns):
        if i == 1:
            table.add_column(header, min_width=20)
        else:
            table.add_column(header, justify="left" if i == 0 else "right")
    longest = max(len(w) for s in Status for w in words(f"status.{s.value}").split())
    table.add_column(words("th.status"), min_width=longest, max_width=16)
    for row in report.rows:
        cells = [get(row) for _, get in columns]
        style = STATUS_STYLES[row.result.status]
        table.add_row(*cells, Text(status_word(words, row), style=style))
    buffer = io.StringIO()
    console = make_console(env, buffer)
    print_whole(console, table)
    counts = [
        Text.assemble((words(f"status.{s.value}"), STATUS_STYLES[s]), f" {n}")
        for s, n in report.counts().items()
        if n
    ]
    console.print(Text(words("table.footer") + ": ") + Text(" · ").join(counts))
    if any(r.result.estimate for r in report.rows):
        console.print(words("table.estimate_legend"))
    if report.nothing_recorded:
        console.print(words("table.empty_hint", year=plan.baseline_year))
    return buffer.getvalue()


def forecast_cell(words: Words, row: Row) -> str:
    fc, ind = row.forecast, row.indicator
    if fc is None or fc.reason == "not_applicable":
        return "-"
    if fc.projected is None:
        return words("cell.too_few")
    verdict = words("cell.reached" if fc.reaches_target else "cell.not_reached")
    return f"{words.computed(ind, fc.projected)}\n{verdict}"


def status_json(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.render.data import json_text
    from ntm_tracker.report import report_to_dict

    return json_text(report_to_dict(report))


def status_csv(report: StatusReport, words: Words, env: TerminalEnv, forecast: bool) -> str:
    from ntm_tracker.csvfile import csv_text
    from ntm_tracker.report import row_to_dict

    dicts = (row_to_dict(row) for row in report.rows)
    header = [words(f"col.{k}") for k in CSV_COLUMNS]
    return csv_text(header, ([d.get(k) for k in CSV_COLUMNS] for d in dicts))


STATUS_RENDERERS: dict[str, Callable[[StatusReport, Words, TerminalEnv, bool], str]] = {
    "table": status_table,
    "json": status_json,
    "csv": status_csv,
}
STATUS_FORMATS = tuple(STATUS_RENDERERS)


def render_status(
    report: StatusReport, fmt: str, words: Words, env: TerminalEnv, *, forecast: bool = False
) -> str:
    return dispatch(fmt, STATUS_RENDERERS)(report, words, env, forecast)


def render_plan(plan: Plan, words: Words, env: TerminalEnv) -> str:
    """The plan: number, id, name, target in words, unit, kind."""
    from rich.table import Table

    table = Table(title=plan.title.get(words.lang), header_style="bold")
    table.add_column(words("th.number"), justify="left")
    table.add_column(words("th.indicator"), min_width=20)
    table.add_column(words("th.id"), no_wrap=True)
    table.add_column(words("th.target"), max_width=22)
    table.add_column(words("th.unit"), max_width=12)
    table.add_column(words("th.kind"), max_width=18)
    for ind in plan.indicators:
        name = words.name(ind)
        if ind.supplementary:
            name += " " + words("cell.supplementary", section=ind.section)
        table.add_row(
            ind.number,
            name,
            ind.id,
            f"{words.target(ind)}\n{words.scope(ind)}",
            words.unit(ind),
            words(f"kind.{ind.kind.value}"),
        )
    buffer = io.StringIO()
    print_whole(make_console(env, buffer), table, flexible=1)
    return buffer.getvalue()

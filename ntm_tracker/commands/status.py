"""`ntm status` and `ntm indicators`: where every indicator stands, and the plan."""

from __future__ import annotations

import typer

from ntm_tracker.commands import command
from ntm_tracker.commands.context import choose_format, load, terminal
from ntm_tracker.core.entering import year_of
from ntm_tracker.render.output import emit

FORMAT = typer.Option(
    None, "--format", "-f", metavar="table|json|csv", help="Output: table, json or csv."
)


@command(name="status")
def status(
    ctx: typer.Context,
    year: str | None = typer.Argument(
        None, metavar="[YEAR]", help="Year to report (default: the latest year with a figure)."
    ),
    fmt: str | None = FORMAT,
    forecast: bool = typer.Option(
        False, "--forecast", help="Add a column with the trend's figure for the target year."
    ),
) -> None:
    """Every indicator in a year: the figure, the year's plan, last year, the target, the status."""
    from ntm_tracker.core.entering import check_year
    from ntm_tracker.core.report import build_status_report, default_year
    from ntm_tracker.render.status import STATUS_FORMATS, render_status

    chosen = choose_format(ctx, fmt, STATUS_FORMATS)
    _, loaded, words = load(ctx)
    data = loaded.data
    y = year_of(year) if year is not None else default_year(data)
    check_year(data.plan, y)
    report = build_status_report(data, y)
    emit(render_status(report, chosen, words, terminal(ctx), forecast=forecast))


@command(name="indicators")
def indicators(ctx: typer.Context) -> None:
    """The plan's indicators: number, id, name, target, unit, kind."""
    from ntm_tracker.render.status import render_plan

    _, loaded, words = load(ctx)
    emit(render_plan(loaded.data.plan, words, terminal(ctx)))


COMMANDS = (status, indicators)

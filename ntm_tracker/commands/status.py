"""`ntm status` and `ntm indicators`: where every indicator stands, and the plan."""

from __future__ import annotations

from pathlib import Path

import typer

from ntm_tracker.commands import command
from ntm_tracker.commands.context import (
    OUTPUT,
    REPLACE,
    choose_format,
    deliver,
    load,
    terminal,
    text_only,
)
from ntm_tracker.core.entering import year_of

FORMAT = typer.Option(
    None, "--format", "-f", metavar="table|json|csv", help="help.opt.format_tables"
)


@command(name="status", help="help.cmd.status")
def status(
    ctx: typer.Context,
    year: str | None = typer.Argument(None, metavar="metavar.year", help="help.arg.status_year"),
    fmt: str | None = FORMAT,
    forecast: bool = typer.Option(False, "--forecast", help="help.opt.forecast"),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """Every indicator in a year: the figure, the year's plan, last year, the target, the status."""
    from ntm_tracker.core.entering import check_year
    from ntm_tracker.core.report import build_status_report, default_year
    from ntm_tracker.render.status import STATUS_FORMATS, render_status

    chosen = choose_format(ctx, fmt, STATUS_FORMATS, output)
    _, loaded, words = load(ctx)
    data = loaded.data
    y = year_of(year) if year is not None else default_year(data)
    check_year(data.plan, y)
    report = build_status_report(data, y)
    rendered = render_status(report, chosen, words, terminal(ctx, output), forecast=forecast)
    deliver(ctx, words, rendered, output, force)


@command(name="indicators", help="help.cmd.indicators")
def indicators(ctx: typer.Context, output: Path | None = OUTPUT, force: bool = REPLACE) -> None:
    """The plan's indicators: number, id, name, target, unit, kind."""
    from ntm_tracker.render.status import render_plan

    text_only(output)
    _, loaded, words = load(ctx)
    deliver(ctx, words, render_plan(loaded.data.plan, words, terminal(ctx, output)), output, force)


COMMANDS = (status, indicators)

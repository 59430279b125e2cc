"""Data entry: `ntm record`, `ntm plan`, `ntm unset`."""

from __future__ import annotations

import typer

from ntm_tracker.commands import command
from ntm_tracker.commands.context import (
    open_store,
    waiting_notice,
    warn,
    words_for,
    year_file_header,
)
from ntm_tracker.core.domain import Book
from ntm_tracker.core.entering import year_of
from ntm_tracker.render.output import emit

# Help texts and metavars are catalog keys: `ntm COMMAND --help` speaks the user's language.
YEAR = typer.Argument(..., metavar="metavar.year", help="help.arg.year")
INDICATOR = typer.Argument(..., metavar="metavar.indicator", help="help.arg.indicator")
VALUE = typer.Argument(..., metavar="metavar.value", help="help.arg.value")
NOTE = typer.Option(None, "--note", "-n", metavar="metavar.note", help="help.opt.note")
FORCE = typer.Option(False, "--force", "-f", help="help.opt.force")


def _enter(
    ctx: typer.Context,
    book: Book,
    year: str,
    indicator: str,
    value: str | None,
    *,
    estimate: bool = False,
    note: str | None = None,
    force: bool = False,
) -> None:
    """Read the folder once under its lock, check what was typed against it, write,
    and say what happened with the status computed from the folder as written."""
    from ntm_tracker.core.entering import (
        NewValue,
        check_note,
        check_year,
        find_indicator,
        parse_value,
    )
    from ntm_tracker.core.plausible import entered_warnings
    from ntm_tracker.core.report import build_row
    from ntm_tracker.render.messages import render_entry

    store = open_store(ctx)
    with store.editing(on_wait=waiting_notice(ctx)) as loaded:
        plan = loaded.data.plan
        words = words_for(ctx, plan)
        warn(words, loaded.warnings)
        y = year_of(year)
        check_year(plan, y)
        ind = find_indicator(plan, indicator)
        figure = parse_value(ind, value) if value is not None else None
        item = NewValue(ind, y, figure, estimate, check_note(note), book)
        written = store.change(loaded, [item], force=force, header=year_file_header)
    warn(words, entered_warnings(loaded.data, [item]))  # written all the same, as check says
    row = build_row(written.data, ind, y)
    emit(render_entry(words, written.outcomes[0], row))


@command(name="record", help="help.cmd.record")
def record(
    ctx: typer.Context,
    year: str = YEAR,
    indicator: str = INDICATOR,
    value: str = VALUE,
    estimate: bool = typer.Option(False, "--estimate", "-e", help="help.opt.estimate"),
    note: str | None = NOTE,
    force: bool = FORCE,
) -> None:
    """Record the actual figure of one indicator for one year."""
    _enter(ctx, Book.ACTUALS, year, indicator, value, estimate=estimate, note=note, force=force)


@command(name="plan", help="help.cmd.plan")
def plan(
    ctx: typer.Context,
    year: str = YEAR,
    indicator: str = INDICATOR,
    value: str = VALUE,
    note: str | None = NOTE,
    force: bool = FORCE,
) -> None:
    """Record the year's plan figure (kế hoạch năm) of one indicator."""
    _enter(ctx, Book.PLANS, year, indicator, value, note=note, force=force)


@command(name="unset", help="help.cmd.unset")
def unset(
    ctx: typer.Context,
    year: str = YEAR,
    indicator: str = INDICATOR,
    of_plan: bool = typer.Option(False, "--plan", help="help.opt.unset_plan"),
    force: bool = typer.Option(False, "--force", "-f", help="help.opt.force_unset"),
) -> None:
    """Remove a figure recorded by mistake; it stays in the year file's history."""
    _enter(ctx, Book.PLANS if of_plan else Book.ACTUALS, year, indicator, None, force=force)


COMMANDS = (record, plan, unset)

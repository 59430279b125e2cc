"""The data folder: `ntm check`, `ntm log`, `ntm import`, `ntm init`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Plan
    from ntm_tracker.storage.store import Store

from ntm_tracker.commands import command
from ntm_tracker.commands.context import (
    choose_format,
    load,
    open_store,
    settings,
    waiting_notice,
    warn,
    words_for,
    year_file_header,
)
from ntm_tracker.core.entering import year_of
from ntm_tracker.render.output import emit


@command(name="check")
def check(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too, not only errors."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="text|json", help="Output: text or json."
    ),
) -> None:
    """Validate the plan and every year file; list ALL problems with file and line.

    Errors (the data cannot be used) exit 1; warnings (a figure that looks wrong, a
    stray file) exit 0 unless --strict.
    """
    from ntm_tracker.core.problems import Findings, Problem
    from ntm_tracker.render.data import CHECK_FORMATS, render_check
    from ntm_tracker.storage.check import check_data

    chosen = choose_format(ctx, fmt, CHECK_FORMATS)
    store = open_store(ctx)
    report = check_data(store)
    words = words_for(ctx, _plan_or_none(store))
    emit(render_check(report, chosen, words))
    if report.errors or (strict and report.warnings):
        facts = {"errors": report.errors, "warnings": report.warnings}
        raise Findings(Problem("check.failed", facts))


def _plan_or_none(store: Store) -> Plan | None:
    """The plan for its language, when it can be read (check reports it otherwise)."""
    from ntm_tracker.core.problems import NtmError

    try:
        return store.load_plan()[0]
    except NtmError:
        return None


@command(name="log")
def log(
    ctx: typer.Context,
    indicator: str | None = typer.Argument(None, metavar="INDICATOR", help="Only this indicator."),
    year: str | None = typer.Option(
        None, "--year", "-y", metavar="YEAR", help="Only figures of this year."
    ),
    plans: bool = typer.Option(False, "--plans", help="The year plans' figures instead."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="table|json", help="Output: table or json."
    ),
) -> None:
    """Every figure recorded, replaced or removed, oldest first: time, user, figure, note."""
    from ntm_tracker.core.audit import change_log
    from ntm_tracker.core.entering import check_year, find_indicator
    from ntm_tracker.render.data import LOG_FORMATS, render_log

    chosen = choose_format(ctx, fmt, LOG_FORMATS)
    _, loaded, words = load(ctx)
    data = loaded.data
    ind_id = find_indicator(data.plan, indicator).id if indicator is not None else None
    y = None
    if year is not None:
        y = year_of(year)
        check_year(data.plan, y)
    book = data.plans if plans else data.actuals
    emit(render_log(data.plan, change_log(data.plan, book, ind_id, y), chosen, words))


@command(name="import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="FILE.csv", help="CSV file: id, year, value...", readable=False
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Check every row and show what would change; write nothing."
    ),
    force: bool = typer.Option(
        False, "--force", "-f", help="Replace figures already recorded (kept in history)."
    ),
) -> None:
    """Record many figures from a CSV file: all of them, or none if any row is wrong.

    Columns as `ntm export` writes them (id, year, value, estimate, note, annual_plan),
    or simply year,indicator,value[,note,estimate]; separated by ',' or ';'; UTF-8.
    """
    from ntm_tracker.core.plausible import entered_warnings
    from ntm_tracker.core.problems import ConflictError, DataError, Problem, RowsError
    from ntm_tracker.render.export import header_aliases
    from ntm_tracker.render.messages import render_import
    from ntm_tracker.storage import csvfile

    text = csvfile.read_text(file)
    store = open_store(ctx)
    with store.editing(dry_run=dry_run, on_wait=waiting_notice(ctx)) as loaded:
        plan = loaded.data.plan
        words = words_for(ctx, plan)
        warn(words, loaded.warnings)
        parsed = csvfile.parse(plan, text, file, header_aliases())
        if parsed.problems:
            summary = Problem("import.bad_rows", {"n": len(parsed.problems)}, path=file)
            raise RowsError(summary, parsed.problems)
        if not parsed.rows:
            raise DataError(Problem("import.empty", {}, path=file))
        items = [r.item for r in parsed.rows]
        try:
            written = store.change(
                loaded, items, force=force, dry_run=dry_run, header=year_file_header
            )
        except ConflictError as exc:  # each figure already recorded, at its row of the file
            rows = {(r.item.book, r.item.indicator.id, r.item.year): r.line for r in parsed.rows}
            facts = [p.params for p in exc.problems]
            keys = [(f["book"], f["indicator"], f["year"]) for f in facts]
            located = [p.at(file, rows.get(k)) for p, k in zip(exc.problems, keys, strict=True)]
            raise ConflictError(located) from None
    warn(words, entered_warnings(loaded.data, items))  # imported all the same, as check says
    emit(render_import(words, file, written.outcomes, parsed.skipped, dry_run=dry_run))


@command(name="init")
def init(
    ctx: typer.Context,
    folder: Path | None = typer.Argument(
        None,
        metavar="[DIR]",
        help="The data folder to create (default: --data-dir, or ./data).",
        readable=False,
    ),
) -> None:
    """Create a data folder with the plan shipped with ntm and empty actuals/ and plans/.

    Refuses to overwrite a folder that already holds a plan.
    """
    import os

    from ntm_tracker.core.domain import Book
    from ntm_tracker.render.messages import render_init
    from ntm_tracker.storage.store import Store, init_folder

    target = folder if folder is not None else settings(ctx).data_dir
    plan_path = init_folder(target)
    store = Store(target)
    plan, _ = store.load_plan()  # the folder now speaks the plan's language
    kept = sum(len(os.listdir(store.folder(book))) for book in Book)  # there before init
    emit(render_init(words_for(ctx, plan), target, plan_path, kept))


COMMANDS = (check, log, import_, init)

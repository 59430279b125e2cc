"""The data folder: `ntm check`, `ntm log`, `ntm import`, `ntm init`."""

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
    open_store,
    settings,
    waiting_notice,
    warn,
    words_for,
    year_file_header,
)
from ntm_tracker.core.entering import year_of
from ntm_tracker.render.output import emit


@command(name="check", help="help.cmd.check")
def check(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="help.opt.strict"),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="text|json", help="help.opt.check_format"
    ),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """Validate the plan and every year file; list ALL problems with file and line.

    Errors (the data cannot be used) exit 1; warnings (a figure that looks wrong, a
    stray file) exit 0 unless --strict.
    """
    from ntm_tracker.core.problems import Findings, Problem
    from ntm_tracker.render.data import CHECK_FORMATS, render_check
    from ntm_tracker.storage.check import check_data

    chosen = choose_format(ctx, fmt, CHECK_FORMATS, output)
    store = open_store(ctx)
    report = check_data(store)
    words = words_for(ctx, report.plan)  # the plan as checked: validated once
    deliver(ctx, words, render_check(report, chosen, words), output, force)
    if report.errors or (strict and report.warnings):
        facts = {"errors": report.errors, "warnings": report.warnings}
        raise Findings(Problem("check.failed", facts))


@command(name="log", help="help.cmd.log")
def log(
    ctx: typer.Context,
    indicator: str | None = typer.Argument(
        None, metavar="metavar.indicator", help="help.arg.log_indicator"
    ),
    year: str | None = typer.Option(
        None, "--year", "-y", metavar="metavar.year", help="help.opt.log_year"
    ),
    plans: bool = typer.Option(False, "--plans", help="help.opt.plans"),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="table|json", help="help.opt.log_format"
    ),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """Every figure recorded, replaced or removed, oldest first: time, user, figure, note."""
    from ntm_tracker.core.audit import change_log
    from ntm_tracker.core.entering import check_year, find_indicator
    from ntm_tracker.render.data import LOG_FORMATS, render_log

    chosen = choose_format(ctx, fmt, LOG_FORMATS, output)
    _, loaded, words = load(ctx)
    data = loaded.data
    ind_id = find_indicator(data.plan, indicator).id if indicator is not None else None
    y = None
    if year is not None:
        y = year_of(year)
        check_year(data.plan, y)
    book = data.plans if plans else data.actuals
    entries = change_log(data.plan, book, ind_id, y)
    deliver(ctx, words, render_log(data.plan, entries, chosen, words), output, force)


@command(name="import", help="help.cmd.import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., metavar="metavar.file", help="help.arg.import_file", readable=False
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="help.opt.dry_run"),
    force: bool = typer.Option(False, "--force", "-f", help="help.opt.force_import"),
    sheet: str | None = typer.Option(
        None, "--sheet", metavar="metavar.sheet", help="help.opt.sheet"
    ),
) -> None:
    """Record many figures from a CSV or Excel file: all of them, or none if any row is wrong.

    Columns as `ntm export` writes them (id, year, value, estimate, note, annual_plan),
    or simply year,indicator,value[,note,estimate]. A CSV as Excel saves it: UTF-8,
    UTF-16 (Unicode Text) or Windows-1258; cells separated by ',', ';' or tabs.
    """
    from ntm_tracker.core.plausible import entered_warnings
    from ntm_tracker.core.problems import ConflictError, DataError, Problem, RowsError
    from ntm_tracker.render.export import header_aliases
    from ntm_tracker.render.messages import render_import
    from ntm_tracker.storage import csvfile

    stdin = typer.get_binary_stream("stdin") if file == csvfile.STDIN else None
    aliases = header_aliases()
    table = csvfile.read_table(file, csvfile.read_input(file, stdin), aliases, sheet)
    store = open_store(ctx)
    with store.editing(dry_run=dry_run, on_wait=waiting_notice(ctx)) as loaded:
        plan = loaded.data.plan
        words = words_for(ctx, plan)
        warn(words, loaded.warnings)
        parsed = csvfile.parse(plan, table, aliases)
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
    emit(render_import(words, table, written.outcomes, parsed.skipped, dry_run=dry_run))


@command(name="init", help="help.cmd.init")
def init(
    ctx: typer.Context,
    folder: Path | None = typer.Argument(
        None, metavar="metavar.dir", help="help.arg.init_dir", readable=False
    ),
    blank: bool = typer.Option(False, "--blank", help="help.opt.blank"),
) -> None:
    """Create a data folder with the plan shipped with ntm and empty actuals/ and plans/.

    With --blank, the plan is a template to fill in: every key explained, one example of
    each kind of target. Refuses to overwrite a folder that already holds a plan.
    """
    import os

    from ntm_tracker.core.domain import Book
    from ntm_tracker.render.messages import render_init
    from ntm_tracker.storage.store import Store, init_folder

    target = folder if folder is not None else settings(ctx).data_dir
    plan_path = init_folder(target, blank=blank)
    store = Store(target)
    plan, _ = store.load_plan()  # the folder now speaks the plan's language
    kept = sum(len(os.listdir(store.folder(book))) for book in Book)  # there before init
    emit(render_init(words_for(ctx, plan), target, plan_path, kept, blank=blank))


COMMANDS = (check, log, import_, init)

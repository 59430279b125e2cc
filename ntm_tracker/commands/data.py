"""Data-safety commands: `ntm check`, `ntm log`, `ntm import`.

The work is done by the core (check.py, audit.py, importer.py, store.py); these
functions parse arguments, render, and map the outcome to an exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ntm_tracker.cli import (
    LANG_OPTION,
    app,
    emit,
    handle_errors,
    open_plan,
    open_store,
)
from ntm_tracker.errors import ConflictError, DataError, one_line

if TYPE_CHECKING:
    from ntm_tracker.audit import LogEntry
    from ntm_tracker.check import CheckReport
    from ntm_tracker.model import Plan

CHECK_FORMATS = ("text", "json")
LOG_FORMATS = ("table", "json")


def _json(data: Any) -> str:
    from ntm_tracker.render.data import json_text

    return json_text(data)


def _choose(fmt: str, formats: tuple[str, ...]) -> str:
    from ntm_tracker.render import check_format

    check_format(fmt, formats)
    return fmt


# -- check -----------------------------------------------------------------------------


def _check_json(report: CheckReport) -> str:
    from ntm_tracker.check import report_to_dict

    return _json(report_to_dict(report))


def _check_text(report: CheckReport) -> str:
    from ntm_tracker.check import render_text

    return render_text(report)


CHECK_RENDERERS: dict[str, Callable[[CheckReport], str]] = {
    "text": _check_text,
    "json": _check_json,
}


@app.command()
@handle_errors
def check(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too, not only errors."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output: text or json."),
) -> None:
    """Validate the plan and every actuals file; list ALL problems with file and line.

    Errors (the data cannot be used) exit 1; warnings (an implausible figure) exit 0
    unless --strict.
    """
    from ntm_tracker.check import check_data

    renderer = CHECK_RENDERERS[_choose(fmt, CHECK_FORMATS)]
    report = check_data(open_store(ctx))
    emit(renderer(report))
    code = report.exit_code(strict)
    if code:
        raise typer.Exit(int(code))


# -- log -------------------------------------------------------------------------------


def _log_table(plan: Plan, entries: list[LogEntry], lang: str) -> str:
    from tabulate import tabulate

    from ntm_tracker.i18n import Formatter
    from ntm_tracker.numbers import format_number

    fmt = Formatter(lang)
    by_id = plan.by_id()
    mark = f" ({fmt.word('estimate_mark')})"

    def shown(ind_id: str, value: float | bool | None, estimate: bool) -> str:
        ind = by_id.get(ind_id)
        if value is None:
            return "-"
        if ind is not None:
            text = fmt.value(ind, value)
        else:
            text = str(value) if isinstance(value, bool) else format_number(value, lang, 2)
        return text + (mark if estimate else "")

    vi = lang == "vi"
    headers = (
        ["Thời gian", "Người ghi", "Năm", "Chỉ tiêu", "Giá trị", "Trước đó", "Ghi chú"]
        if vi
        else ["Time", "User", "Year", "Indicator", "Value", "Previous", "Note"]
    )
    rows = [
        [
            e.recorded_at.strftime("%Y-%m-%d %H:%M") if e.recorded_at else "-",
            e.recorded_by or "-",
            str(e.year),
            e.indicator,
            shown(e.indicator, e.value, e.estimate),
            shown(e.indicator, e.previous, e.previous_estimate),
            " ".join((e.note or "").split()),  # one line per value, even for a long note
        ]
        for e in entries
    ]
    if not rows:
        return ("Chưa có thay đổi nào." if vi else "No values recorded yet.") + "\n"
    table = tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    return table + "\n"


@app.command()
@handle_errors
def log(
    ctx: typer.Context,
    indicator: str | None = typer.Argument(
        None, metavar="INDICATOR", help="Only this indicator (id or number)."
    ),
    year: int | None = typer.Option(None, "--year", "-y", help="Only values of this year."),
    fmt: str = typer.Option("table", "--format", "-f", help="Output: table or json."),
    lang: str | None = LANG_OPTION,
) -> None:
    """List every value recorded and replaced, oldest first: time, user, value, previous, note.

    The trail comes from the year files: the value in force under 'values', every value
    it replaced under 'history'.
    """
    from ntm_tracker.audit import change_log, log_to_dict
    from ntm_tracker.store import check_year, find_indicator

    _choose(fmt, LOG_FORMATS)
    store, plan, language = open_plan(ctx, lang)
    ind_id = find_indicator(plan, indicator).id if indicator is not None else None
    if year is not None:
        check_year(plan, year)
    entries = change_log(plan, store.load_actuals(plan), ind_id, year)
    if fmt == "json":
        emit(_json(log_to_dict(entries)))
    else:
        emit(_log_table(plan, entries, language))


# -- import ----------------------------------------------------------------------------


@app.command(name="import")
@handle_errors
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE.csv", help="CSV file: id,year,value,..."),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Check every row and show what would change; write nothing."
    ),
    force: bool = typer.Option(
        False, "--force", "-f", help="Replace values already recorded (kept in history)."
    ),
) -> None:
    """Record many values from a CSV file: all of them, or none if any row is wrong.

    Columns as `ntm export` writes them (id, year, value, estimate, note) or simply
    year,indicator,value[,note,estimate]; separated by ',' or ';'; UTF-8.
    """
    from ntm_tracker.importer import parse_import, read_import_file
    from ntm_tracker.store import RecordConflict, describe_conflict

    store = open_store(ctx)
    plan = store.load_plan()
    parsed = parse_import(plan, read_import_file(file), file)
    if parsed.problems:
        for p in parsed.problems:
            typer.echo(f"{parsed.where(p.line)}: {one_line(p.message)}", err=True)
        n = len(parsed.problems)
        raise DataError(
            f"{n} bad row{'s' if n != 1 else ''} in {parsed.name}; nothing was written. "
            "Fix the rows above and import again."
        )
    if not parsed.rows:
        raise DataError(f"{parsed.name} has no values to import.")
    items = [r.item for r in parsed.rows]
    try:
        outcomes = store.record_many(plan, items, force=force, dry_run=dry_run)
    except RecordConflict as exc:
        for item, old in exc.conflicts:
            typer.echo(
                f"{parsed.where(parsed.line_of(item))}: {item.indicator.id} {item.year} is "
                f"already recorded as {describe_conflict(item.indicator, old)}.",
                err=True,
            )
        n = len(exc.conflicts)
        raise ConflictError(
            f"{n} value{'s are' if n != 1 else ' is'} already recorded; add --force to replace "
            f"{'them' if n != 1 else 'it'} (the old values are kept in history). "
            "Nothing was written."
        ) from None
    verbs = ("to record", "to replace") if dry_run else ("recorded", "replaced")
    counts = dict.fromkeys((*verbs, "unchanged"), 0)
    lines = []
    for o in outcomes:
        if not o.changed:
            counts["unchanged"] += 1
            continue
        new = describe_conflict(o.indicator, o.new)
        if o.old is None:
            counts[verbs[0]] += 1
            lines.append(f"  {o.indicator.id} {o.year} = {new}")
        else:
            counts[verbs[1]] += 1
            was = describe_conflict(o.indicator, o.old)
            lines.append(f"  {o.indicator.id} {o.year} = {new} (was {was})")
    summary = ", ".join(f"{n} {word}" for word, n in counts.items() if n)
    if parsed.skipped:
        rows = f"{parsed.skipped} row{'s' if parsed.skipped != 1 else ''}"
        summary += f"; {rows} without a value skipped"
    head = f"Dry run of {parsed.name}, nothing written" if dry_run else f"Imported {parsed.name}"
    emit("\n".join([f"{head}: {summary}.", *lines]) + "\n")

"""The reports: `ntm summary`, `ntm history`, `ntm explain`, `ntm chart`, `ntm export`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ntm_tracker.commands import command
from ntm_tracker.commands.context import ask_replace, choose_format, load, terminal
from ntm_tracker.core.entering import year_of
from ntm_tracker.core.problems import InputError, Problem
from ntm_tracker.render.output import emit, emit_bytes, write_output

if TYPE_CHECKING:
    from ntm_tracker.i18n import Words
    from ntm_tracker.storage.store import Store

INDICATOR = typer.Argument(
    ..., metavar="INDICATOR", help="Indicator id (income) or number (3, 6b)."
)
OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    metavar="FILE",
    help="Write to this file instead of the screen.",
    readable=False,
)
REPLACE = typer.Option(
    False, "--force", help="Replace the output file if it exists (even a read-only one)."
)


def _write(path: Path, data: bytes, store: Store, words: Words, force: bool) -> None:
    """Write an output file (an existing one only with --force, or a yes on a terminal)
    and say so."""
    from ntm_tracker.render.messages import render_written

    written = write_output(path, data, store.data_dir, force=force, confirm=ask_replace(words))
    emit(render_written(words, written))


@command(name="summary")
def summary(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="YEAR", help="Year of the report, within the term."),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="text, markdown, docx (Word) or xlsx (the appendix table).",
    ),
    output: Path | None = OUTPUT,
    number: str | None = typer.Option(
        None, "--number", metavar="NUMBER", help="The report's number (Số ...-BC/ĐU)."
    ),
    issued: str | None = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="The report's date, 2027-12-15 or 15/12/2027 (default: blank).",
    ),
    signer: str | None = typer.Option(
        None, "--signer", metavar="NAME", help="Who signs (default: the plan's)."
    ),
    force: bool = REPLACE,
) -> None:
    """The annual report on the targets: the count, one sentence per target, what is
    behind, and the appendix table; as text, Markdown, a Word report or an Excel sheet.

    Example: ntm summary 2027 --format docx --output bao-cao-2027.docx
    """
    from ntm_tracker.core.entering import check_year
    from ntm_tracker.core.report import build_status_report
    from ntm_tracker.core.summary import build_summary
    from ntm_tracker.render.document import Frame
    from ntm_tracker.render.summary import BINARY, SUMMARY_FORMATS, render_summary

    chosen = choose_format(ctx, fmt, SUMMARY_FORMATS, output)
    if chosen in BINARY and output is None:
        raise InputError(Problem("input.needs_output", {"format": chosen}))
    from ntm_tracker.core.entering import date_of, document_number, report_date

    when = date_of(issued) if issued is not None else None
    frame = Frame(number=document_number(number) if number is not None else None, signer=signer)
    store, loaded, words = load(ctx)
    y = year_of(year)
    check_year(loaded.data.plan, y)
    if when is not None:
        frame = Frame(frame.number, report_date(when, issued or "", y), signer)
    report = build_summary(build_status_report(loaded.data, y))
    env = terminal(ctx) if output is None else None
    data = render_summary(report, chosen, words, frame, env)
    if output is None:
        emit(data.decode("utf-8"))
        return
    _write(output, data, store, words, force)


@command(name="history")
def history(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="FORMAT", help="Output: table, json or csv."
    ),
) -> None:
    """One indicator over the term: each year's figure, plan, status and note."""
    from ntm_tracker.core.entering import find_indicator
    from ntm_tracker.core.history import build_history
    from ntm_tracker.render.history import HISTORY_FORMATS, render_history

    chosen = choose_format(ctx, fmt, HISTORY_FORMATS)
    _, loaded, words = load(ctx)
    ind = find_indicator(loaded.data.plan, indicator)
    emit(render_history(build_history(loaded.data, ind), chosen, words, terminal(ctx)))


@command(name="explain")
def explain(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    year: str | None = typer.Argument(
        None, metavar="[YEAR]", help="Year to explain (default: the latest year with a figure)."
    ),
) -> None:
    """Why an indicator has its status: each step of the maths with its numbers."""
    from ntm_tracker.core.entering import check_year, find_indicator
    from ntm_tracker.core.explain import build_explanation
    from ntm_tracker.core.report import default_year
    from ntm_tracker.render.explain import render_explanation

    _, loaded, words = load(ctx)
    data = loaded.data
    ind = find_indicator(data.plan, indicator)
    y = year_of(year) if year is not None else default_year(data)
    check_year(data.plan, y)
    emit(render_explanation(build_explanation(data, ind, y), words))


@command(name="chart")
def chart(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    png: Path | None = typer.Option(
        None,
        "--png",
        metavar="FILE.png",
        help="Draw the chart into this PNG file (needs matplotlib).",
        readable=False,
    ),
    force: bool = REPLACE,
) -> None:
    """One indicator year by year against its path and target, as text or a PNG image.

    Example: ntm chart income --png thu-nhap.png
    """
    from ntm_tracker.core.chart import build_chart
    from ntm_tracker.core.entering import find_indicator
    from ntm_tracker.render.chart import chart_png, chart_text

    if png is not None:
        choose_format(ctx, "png", ("png",), png)
    store, loaded, words = load(ctx)
    ind = find_indicator(loaded.data.plan, indicator)
    picture = build_chart(loaded.data, ind)
    if png is None:
        emit(chart_text(picture, words))
        return
    _write(png, chart_png(picture, words), store, words, force)


@command(name="export")
def export(
    ctx: typer.Context,
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="csv (UTF-8 with BOM, for Excel), json or xlsx.",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this file (needed for xlsx); the format follows its extension.",
        readable=False,
    ),
    force: bool = REPLACE,
) -> None:
    """Every indicator in every year of the term, one row each, raw numbers.

    Example: ntm export --output chi-tieu.xlsx
    """
    from ntm_tracker.core.export import build_export
    from ntm_tracker.render.export import BINARY, EXPORT_FORMATS, render_export

    chosen = choose_format(ctx, fmt, EXPORT_FORMATS, output)
    if chosen in BINARY and output is None:
        raise InputError(Problem("input.needs_output", {"format": chosen}))
    store, loaded, words = load(ctx)
    data = render_export(build_export(loaded.data), chosen, words)
    if output is None:
        emit_bytes(data)
        return
    _write(output, data, store, words, force)


COMMANDS = (summary, history, explain, chart, export)

"""The reports: `ntm summary`, `ntm history`, `ntm explain`, `ntm chart`, `ntm export`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
    warn,
)
from ntm_tracker.core.entering import year_of
from ntm_tracker.core.problems import InputError, Problem

if TYPE_CHECKING:
    from ntm_tracker.core.summary import SummaryReport
    from ntm_tracker.i18n import Words

INDICATOR = typer.Argument(..., metavar="metavar.indicator", help="help.arg.indicator")


@command(name="summary", help="help.cmd.summary")
def summary(
    ctx: typer.Context,
    year: str = typer.Argument(..., metavar="metavar.year", help="help.arg.summary_year"),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="metavar.format", help="help.opt.summary_format"
    ),
    output: Path | None = OUTPUT,
    number: str | None = typer.Option(
        None, "--number", metavar="metavar.number", help="help.opt.number"
    ),
    issued: str | None = typer.Option(None, "--date", metavar="metavar.date", help="help.opt.date"),
    signer: str | None = typer.Option(
        None, "--signer", metavar="metavar.signer", help="help.opt.signer"
    ),
    template: Path | None = typer.Option(
        None,
        "--template",
        metavar="metavar.word_file",
        help="help.opt.template",
        readable=False,  # read by ntm, which says why it cannot in the user's language
    ),
    force: bool = REPLACE,
) -> None:
    """The annual report on the targets: the count, one sentence per target, what is
    behind, and the appendix table; as text, Markdown, a Word report or an Excel sheet.
    """
    from ntm_tracker.core.entering import check_year
    from ntm_tracker.core.report import build_status_report
    from ntm_tracker.core.summary import build_summary
    from ntm_tracker.render.document import Frame
    from ntm_tracker.render.summary import BINARY, SUMMARY_FORMATS, render_summary

    chosen = choose_format(ctx, fmt, SUMMARY_FORMATS, output, BINARY)
    if template is not None and chosen != "docx":
        raise InputError(Problem("input.template_for_word", {"format": chosen}))
    from ntm_tracker.core.entering import date_of, document_number, report_date

    when = date_of(issued) if issued is not None else None
    model = _template(template) if template is not None else None
    number = document_number(number) if number is not None else None
    frame = Frame(number=number, signer=signer, template=model)
    _, loaded, words = load(ctx)
    y = year_of(year)
    check_year(loaded.data.plan, y)
    if when is not None:
        frame = replace(frame, issued=report_date(when, issued or "", y))
    report = build_summary(build_status_report(loaded.data, y))
    data = render_summary(report, chosen, words, frame, terminal(ctx, output))
    deliver(ctx, words, data if chosen in BINARY else data.decode("utf-8"), output, force)
    warn(words, _summary_warnings(report, words, output, chosen))


def _summary_warnings(
    report: SummaryReport, words: Words, output: Path | None, chosen: str
) -> list[Problem]:
    """What the office must still do to the report: for a report written to a file, every
    marked place to fill in by hand (a missing figure among them); for one printed, or
    the appendix alone as a sheet, the figures missing for the year."""
    from ntm_tracker.render.summary import marked_places, subject_words

    found = []
    if output is not None and str(output) != "-" and chosen != "xlsx":  # a sheet: no text
        places = marked_places(report, words)
        facts = {"n": len(places), "places": _listed(places)}
        found.append(Problem("report.blanks", facts).warning())
    elif report.to_record:
        names = [subject_words(words, r) for r in report.to_record]
        facts = {"year": report.year, "n": len(names), "names": _listed(names)}
        found.append(Problem("report.missing", facts).warning())
    return found


def _listed(places: list[str], whole: int = 3) -> str:
    """'(8) Tỷ lệ dân số ...; 2. Nguyên nhân', or past ``whole`` places only their marks,
    '(1), (2), (4), ...' (a warning stays a few lines long)."""
    if len(places) <= whole:
        return "; ".join(places)
    return ", ".join(place.split(" ", 1)[0] if place.startswith("(") else place for place in places)


def _template(path: Path) -> bytes:
    """The bytes of the office's Word file, checked now (before any work) to be one that
    python-docx opens; a missing or unreadable file is a mistake of the command line."""
    from ntm_tracker.core.problems import DataError
    from ntm_tracker.render.office import open_template
    from ntm_tracker.storage.fsio import read_bytes

    try:
        data = read_bytes(path)
    except DataError as exc:
        raise InputError(exc.problem) from None
    open_template(data, path)
    return data


@command(name="history", help="help.cmd.history")
def history(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="table|json|csv", help="help.opt.format_tables"
    ),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """One indicator over the term: each year's figure, plan, status and note."""
    from ntm_tracker.core.entering import find_indicator
    from ntm_tracker.core.history import build_history
    from ntm_tracker.render.history import HISTORY_FORMATS, render_history

    chosen = choose_format(ctx, fmt, HISTORY_FORMATS, output)
    _, loaded, words = load(ctx)
    ind = find_indicator(loaded.data.plan, indicator)
    rendered = render_history(build_history(loaded.data, ind), chosen, words, terminal(ctx, output))
    deliver(ctx, words, rendered, output, force)


@command(name="explain", help="help.cmd.explain")
def explain(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    year: str | None = typer.Argument(None, metavar="metavar.year", help="help.arg.explain_year"),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """Why an indicator has its status: each step of the maths with its numbers."""
    from ntm_tracker.core.entering import check_year, find_indicator
    from ntm_tracker.core.explain import build_explanation
    from ntm_tracker.core.report import default_year
    from ntm_tracker.render.explain import render_explanation

    text_only(output)
    _, loaded, words = load(ctx)
    data = loaded.data
    ind = find_indicator(data.plan, indicator)
    y = year_of(year) if year is not None else default_year(data)
    check_year(data.plan, y)
    deliver(ctx, words, render_explanation(build_explanation(data, ind, y), words), output, force)


@command(name="chart", help="help.cmd.chart")
def chart(
    ctx: typer.Context,
    indicator: str = INDICATOR,
    png: Path | None = typer.Option(
        None, "--png", metavar="metavar.png", help="help.opt.png", readable=False
    ),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """One indicator year by year against its path and target, as text or a PNG image."""
    from ntm_tracker.core.chart import build_chart
    from ntm_tracker.core.entering import find_indicator
    from ntm_tracker.render.chart import chart_png, chart_text

    if png is not None:
        choose_format(ctx, "png", ("png",), png)
    text_only(output)
    _, loaded, words = load(ctx)
    ind = find_indicator(loaded.data.plan, indicator)
    picture = build_chart(loaded.data, ind)
    if png is not None:
        deliver(ctx, words, chart_png(picture, words), png, force)
    if png is None or output is not None:  # the text, unless only the image is asked for
        deliver(ctx, words, chart_text(picture, words), output, force)


@command(name="export", help="help.cmd.export")
def export(
    ctx: typer.Context,
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="csv|json|xlsx", help="help.opt.export_format"
    ),
    output: Path | None = OUTPUT,
    force: bool = REPLACE,
) -> None:
    """Every indicator in every year of the term, one row each, raw numbers."""
    from ntm_tracker.core.export import build_export
    from ntm_tracker.render.export import BINARY, EXPORT_FORMATS, render_export

    chosen = choose_format(ctx, fmt, EXPORT_FORMATS, output, BINARY)
    _, loaded, words = load(ctx)
    deliver(ctx, words, render_export(build_export(loaded.data), chosen, words), output, force)


COMMANDS = (summary, history, explain, chart, export)

"""`ntm summary`, `ntm history`, `ntm explain`: the reports the office hands on."""

from __future__ import annotations

from pathlib import Path

import typer

from ntm_tracker.cli import (
    INDICATOR_ARGUMENT,
    LANG_OPTION,
    app,
    emit,
    handle_errors,
    open_plan,
)
from ntm_tracker.commands.output import write_output
from ntm_tracker.render import check_format

SUMMARY_FORMATS = ("text", "markdown")


@app.command()
@handle_errors
def summary(
    ctx: typer.Context,
    year: int = typer.Argument(..., metavar="YEAR", help="Year of the summary, within the term."),
    lang: str | None = LANG_OPTION,
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the summary to this file (UTF-8) instead of the screen."
    ),
    fmt: str = typer.Option("text", "--format", "-f", help="Output: text or markdown."),
) -> None:
    """The annual summary: results by field, a table, and what needs attention.

    Example: ntm summary 2027 --lang vi --output bao-cao-2027.txt
    """
    from ntm_tracker.render.summary import render_summary
    from ntm_tracker.report import build_status_report
    from ntm_tracker.store import check_year
    from ntm_tracker.summary import build_summary

    check_format(fmt, SUMMARY_FORMATS)
    store, plan, language = open_plan(ctx, lang)
    check_year(plan, year)
    report = build_status_report(plan, store.load_actuals(plan), year)
    text = render_summary(build_summary(report, language), fmt)
    if output is None:
        emit(text)
        return
    done = "Đã ghi báo cáo vào" if language == "vi" else "Summary written to"
    write_output(output, text.encode("utf-8"), done, store.data_dir)


@app.command()
@handle_errors
def history(
    ctx: typer.Context,
    indicator: str = INDICATOR_ARGUMENT,
    fmt: str = typer.Option("table", "--format", "-f", help="Output: table, json or csv."),
    lang: str | None = LANG_OPTION,
) -> None:
    """Every year of the term for one indicator: value, path, gap, status, note, forecast."""
    from ntm_tracker.history import build_history
    from ntm_tracker.render.reports import HISTORY_FORMATS, render_history
    from ntm_tracker.store import find_indicator

    check_format(fmt, HISTORY_FORMATS)
    store, plan, language = open_plan(ctx, lang)
    ind = find_indicator(plan, indicator)
    emit(render_history(build_history(plan, store.load_actuals(plan), ind), fmt, language))


@app.command()
@handle_errors
def explain(
    ctx: typer.Context,
    indicator: str = INDICATOR_ARGUMENT,
    year: int | None = typer.Option(
        None, "--year", "-y", help="Year to explain (default: the latest year with a value)."
    ),
    lang: str | None = LANG_OPTION,
) -> None:
    """Why an indicator has its status: the formula with its numbers, R, the bands, the pace."""
    from ntm_tracker.explain import build_explanation
    from ntm_tracker.render.reports import render_explanation
    from ntm_tracker.report import default_year
    from ntm_tracker.store import check_year, find_indicator

    store, plan, language = open_plan(ctx, lang)
    ind = find_indicator(plan, indicator)
    actuals = store.load_actuals(plan)
    if year is None:
        year = default_year(plan, actuals)
    check_year(plan, year)
    emit(render_explanation(build_explanation(plan, actuals, ind, year, language)))

"""`ntm chart` and `ntm export`: a picture of one indicator, and every figure as a file."""

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
from ntm_tracker.errors import UsageError


@app.command()
@handle_errors
def export(
    ctx: typer.Context,
    fmt: str = typer.Option(
        "csv", "--format", "-f", help="File format: csv (UTF-8 with BOM, for Excel), json or xlsx."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write to this file (needed for xlsx); without it csv and json go to the screen.",
    ),
    lang: str | None = LANG_OPTION,
) -> None:
    """Every indicator x every year of the term, one row each, raw numbers.

    Example: ntm export --format xlsx --output chi-tieu.xlsx --lang vi
    """
    from ntm_tracker.export import build_export
    from ntm_tracker.render import check_format
    from ntm_tracker.render.export import BINARY_FORMATS, EXPORT_FORMATS, render_export

    check_format(fmt, EXPORT_FORMATS)
    if fmt in BINARY_FORMATS and output is None:
        raise UsageError(
            f"{fmt} is a file format, not for the screen: add --output FILE, "
            f"e.g. ntm export --format {fmt} --output export.{fmt}"
        )
    store, plan, language = open_plan(ctx, lang)
    data = render_export(build_export(plan, store.load_actuals(plan), language), fmt)
    if output is None:
        typer.get_binary_stream("stdout").write(data)  # the exact bytes, BOM included
        return
    done = {"en": "Export written to", "vi": "Đã xuất số liệu ra tệp"}
    write_output(output, data, done[language], store.data_dir)


@app.command()
@handle_errors
def chart(
    ctx: typer.Context,
    indicator: str = INDICATOR_ARGUMENT,
    png: Path | None = typer.Option(
        None, "--png", help="Draw the chart into this PNG file (needs matplotlib)."
    ),
    lang: str | None = LANG_OPTION,
) -> None:
    """Actual values against the path and the target, year by year.

    In the terminal by default; as an image with --png FILE.
    Example: ntm chart income --png thu-nhap.png --lang vi
    """
    from ntm_tracker.chart import build_chart
    from ntm_tracker.store import find_indicator

    store, plan, language = open_plan(ctx, lang)
    ind = find_indicator(plan, indicator)
    picture = build_chart(plan, store.load_actuals(plan), ind)
    if png is None:
        from ntm_tracker.render.chart import chart_text

        emit(chart_text(picture, language))
        return
    from ntm_tracker.render.chart import chart_png

    done = {"en": "Chart written to", "vi": "Đã vẽ biểu đồ vào tệp"}
    write_output(png, chart_png(picture, language), done[language], store.data_dir)

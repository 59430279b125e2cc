"""Renderers of the annual summary: plain text (fits an A4 page) and Markdown.

They lay out what ``ntm_tracker.summary.build_summary`` computed; no figure is made here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ntm_tracker.render import choose
from ntm_tracker.summary import SummaryReport

PAGE_WIDTH = 100  # characters: an A4 page in a 9-10 pt monospace font
# widths of the table columns other than the indicator name (which takes the rest);
# tabulate pads a header by 2, so headers wrap 2 characters narrower
_COLUMN_WIDTHS = (5, None, 11, 10, 8, 12, 13)
_COLUMN_ALIGN = ("right", "left", "right", "right", "right", "right", "left")
_GAP = 2  # spaces between columns in tabulate's "simple" format


def _wrap(text: str, indent: str = "", hang: str = "") -> str:
    return textwrap.fill(
        text,
        width=PAGE_WIDTH,
        initial_indent=indent,
        subsequent_indent=hang or indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_table(report: SummaryReport) -> str:
    from tabulate import tabulate

    fixed = sum(w for w in _COLUMN_WIDTHS if w is not None)
    name_width = PAGE_WIDTH - fixed - _GAP * (len(_COLUMN_WIDTHS) - 1)
    widths = [name_width if w is None else w for w in _COLUMN_WIDTHS]
    return str(
        tabulate(
            report.table_rows,
            headers=report.table_header,
            tablefmt="simple",
            colalign=_COLUMN_ALIGN,
            maxcolwidths=widths,
            maxheadercolwidths=[w - 2 for w in widths],
            disable_numparse=True,
        )
    )


def render_text(report: SummaryReport) -> str:
    fields_title, table_title, attention_title = report.section_titles
    out = [*(_wrap(line) for line in report.heading), "", _wrap(report.counts)]
    if report.estimate_note:
        out.append(_wrap(report.estimate_note))
    out += ["", fields_title]
    for field, sentences in report.fields:
        out += ["", field]
        out += [_wrap(s, hang="    ") for s in sentences]
    out += ["", table_title, "", _text_table(report)]
    if report.table_legend:
        out.append(_wrap(report.table_legend))
    out += ["", attention_title, ""]
    for item in report.attention:
        out.append(_wrap(item.heading, hang="    "))
        out += [_wrap(line, indent="  - ", hang="    ") for line in item.lines]
    if not report.attention:
        out.append(_wrap(report.nothing_to_flag))
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: SummaryReport) -> str:
    fields_title, table_title, attention_title = report.section_titles
    title, *subtitles = report.heading
    out = [f"# {title}", "", *(f"{line}  " for line in subtitles[:-1]), subtitles[-1], ""]
    out += [report.counts, ""]
    if report.estimate_note:
        out += [report.estimate_note, ""]
    out.append(f"## {fields_title}")
    for field, sentences in report.fields:
        out += ["", f"### {field}", ""]
        out += [f"- {_md_cell(s)}" for s in sentences]
    out += ["", f"## {table_title}", ""]
    out.append("| " + " | ".join(_md_cell(h) for h in report.table_header) + " |")
    out.append("|" + "|".join("---:" if a == "right" else "---" for a in _COLUMN_ALIGN) + "|")
    for row in report.table_rows:
        cells = [_md_cell(c) for c in row]
        if not cells[0]:  # a field name row
            cells[1] = f"**{cells[1]}**"
        out.append("| " + " | ".join(cells) + " |")
    if report.table_legend:
        out += ["", report.table_legend]
    out += ["", f"## {attention_title}", ""]
    for item in report.attention:
        out.append(f"- **{_md_cell(item.heading)}**")
        out += [f"  - {_md_cell(line)}" for line in item.lines]
    if not report.attention:
        out.append(report.nothing_to_flag)
    return "\n".join(out) + "\n"


SUMMARY_RENDERERS: dict[str, Callable[[SummaryReport], str]] = {
    "text": render_text,
    "markdown": render_markdown,
}


def render_summary(report: SummaryReport, fmt: str) -> str:
    return choose(fmt, SUMMARY_RENDERERS)(report)

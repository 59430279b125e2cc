"""Files of the tidy export table: CSV (UTF-8 with BOM), JSON and xlsx, by one dispatch.

Each renderer takes the ``ExportTable`` and returns the file's bytes; none computes a
figure. CSV and xlsx carry column headers in the chosen language (``ntm import`` reads
them back in either language); JSON keeps the raw keys, the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ntm_tracker.core.numbers import Range
from ntm_tracker.render import dispatch

if TYPE_CHECKING:
    from ntm_tracker.core.export import ExportTable
    from ntm_tracker.core.report import Row
    from ntm_tracker.i18n import Words

COLUMNS: tuple[str, ...] = (
    "id", "number", "name", "unit", "year", "value", "estimate", "annual_plan",
    "percent_of_annual_plan", "previous", "change_from_previous", "expected", "target",
    "status", "note", "baseline", "cumulative", "average", "gap", "progress", "status_code",
)  # fmt: skip
# The export's columns that `ntm import` reads back, and what each is to it.
IMPORTED = {
    "id": "indicator",
    "year": "year",
    "value": "value",
    "estimate": "estimate",
    "note": "note",
    "annual_plan": "annual_plan",
    "name": "name",  # the indicator, where no column of ids is given (csvfile._columns)
}
XLSX_MAX_WIDTH = 60  # characters; longer names wrap in the cell instead


def plain(x: Any) -> Any:
    """A figure as it is exported: a recorded figure exactly, a computed one to 12
    significant digits (no floating-point noise such as 81.00000000000001), whole numbers
    as integers (80, not 80.0)."""
    from ntm_tracker.core.numbers import plain_text

    if isinstance(x, Range):  # a range as the plan writes it: 8.5-9.5
        return f"{plain(x.low)}-{plain(x.high)}"
    if x is None or isinstance(x, bool) or not isinstance(x, float):
        return x
    tidy = float(plain_text(x))
    return int(tidy) if tidy.is_integer() else tidy


def cells(row: Row, words: Words) -> tuple[Any, ...]:
    ind, r, c, e = row.indicator, row.result, row.comparison, row.entry
    values = {
        "id": ind.id,
        "number": ind.number,
        "name": words.name(ind),
        "unit": words.unit(ind),
        "year": r.year,
        "value": plain(e.value) if e is not None else None,
        "estimate": e.estimate if e is not None else None,
        "annual_plan": plain(c.annual_plan),
        "percent_of_annual_plan": plain(c.percent_of_annual_plan),
        "previous": plain(c.previous),
        "change_from_previous": plain(c.change_from_previous),
        "expected": plain(r.expected),
        "target": plain(r.target),
        "status": words(f"status.{r.status.value}"),
        "note": e.note if e is not None else None,
        "baseline": plain(r.baseline),
        "cumulative": plain(r.cumulative),
        "average": plain(r.average),
        "gap": plain(r.gap),
        "progress": plain(r.progress),
        "status_code": r.status.value,
    }
    return tuple(values[k] for k in COLUMNS)


def header(words: Words) -> list[str]:
    return [words(f"col.{k}") for k in COLUMNS]


def header_aliases() -> dict[str, str | None]:
    """The export's headers in both languages, as ``ntm import`` matches them."""
    from ntm_tracker.i18n import Words
    from ntm_tracker.i18n.language import LANGUAGES
    from ntm_tracker.storage.csvfile import normal

    aliases: dict[str, str | None] = {}
    for lang in LANGUAGES:
        words = Words(lang)
        for key, column in IMPORTED.items():
            aliases.setdefault(normal(words(f"col.{key}")), column)
    return aliases


def export_csv(table: ExportTable, words: Words) -> bytes:
    from ntm_tracker.storage.csvfile import csv_text

    return csv_text(header(words), (cells(row, words) for row in table.rows)).encode("utf-8")


def export_json(table: ExportTable, words: Words) -> bytes:
    from ntm_tracker.render.data import json_text

    records = [dict(zip(COLUMNS, cells(row, words), strict=True)) for row in table.rows]
    return json_text(records).encode("utf-8")


def export_xlsx(table: ExportTable, words: Words) -> bytes:
    """One sheet: a bold, frozen header row with a filter; numbers as numbers."""
    import io

    from ntm_tracker.render.office import append_row, openpyxl_parts

    Workbook, Alignment, Font, get_column_letter = openpyxl_parts()
    rows = [cells(row, words) for row in table.rows]
    names = header(words)
    book = Workbook()
    sheet = book.active
    sheet.title = words("xlsx.export_sheet")
    append_row(sheet, names)
    for row in rows:
        append_row(sheet, list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, name in enumerate(names):
        longest = max([len(name)] + [len(str(c[i])) for c in rows if c[i] is not None])
        letter = get_column_letter(i + 1)
        sheet.column_dimensions[letter].width = min(longest, XLSX_MAX_WIDTH) + 2
        for cell in sheet[letter][1:]:  # a long name, or a note of several lines
            if longest > XLSX_MAX_WIDTH or "\n" in str(cell.value or ""):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPORT_RENDERERS: dict[str, Callable[[ExportTable, Words], bytes]] = {
    "csv": export_csv,
    "json": export_json,
    "xlsx": export_xlsx,
}
EXPORT_FORMATS = tuple(EXPORT_RENDERERS)
BINARY = frozenset({"xlsx"})  # never written to the screen


def render_export(table: ExportTable, fmt: str, words: Words) -> bytes:
    return dispatch(fmt, EXPORT_RENDERERS)(table, words)

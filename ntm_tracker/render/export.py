"""Files of the tidy export table: CSV (UTF-8 with BOM), JSON and xlsx, chosen by one dispatch.

Each renderer takes the ``ExportTable`` and returns the file's bytes; none computes a figure.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_tracker.errors import MissingExtraError
from ntm_tracker.export import ExportTable
from ntm_tracker.render import choose

XLSX_MAX_WIDTH = 60  # characters; longer names wrap in the cell instead


def export_csv(table: ExportTable) -> bytes:
    from ntm_tracker.render.data import csv_text

    return csv_text(table.columns, (row.cells() for row in table.rows)).encode("utf-8")


def export_json(table: ExportTable) -> bytes:
    from ntm_tracker.render.data import json_text

    records = [dict(zip(table.columns, row.cells(), strict=True)) for row in table.rows]
    return json_text(records).encode("utf-8")


def export_xlsx(table: ExportTable) -> bytes:
    """One sheet: a bold, frozen header row with a filter; numbers as numbers."""
    import io

    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise MissingExtraError(
            "Writing xlsx needs the openpyxl package; "
            "install it with: pip install openpyxl (in a clone: pip install -e '.[xlsx]')"
        ) from None
    rows = [row.cells() for row in table.rows]
    book = Workbook()
    sheet = book.active
    sheet.title = "ntm"
    sheet.append(list(table.columns))
    for cells in rows:
        sheet.append(list(cells))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, name in enumerate(table.columns):
        longest = max([len(name)] + [len(str(c[i])) for c in rows if c[i] is not None])
        letter = get_column_letter(i + 1)
        sheet.column_dimensions[letter].width = min(longest, XLSX_MAX_WIDTH) + 2
        if longest > XLSX_MAX_WIDTH:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPORT_RENDERERS: dict[str, Callable[[ExportTable], bytes]] = {
    "csv": export_csv,
    "json": export_json,
    "xlsx": export_xlsx,
}
EXPORT_FORMATS = tuple(EXPORT_RENDERERS)
BINARY_FORMATS = frozenset({"xlsx"})  # never written to the screen


def render_export(table: ExportTable, fmt: str) -> bytes:
    return choose(fmt, EXPORT_RENDERERS)(table)

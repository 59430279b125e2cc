"""CSV files: the one writer of every CSV ntm makes, and the reader of ``ntm import``
(CSV as any Excel saves it, or the .xlsx workbook itself).

Written: UTF-8 with a byte-order mark (so that Excel shows Vietnamese), CRLF line ends,
empty cells for "no value" (never 0), ``true``/``false``, numbers as plain digits (a
figure exactly, a computed one to 12 digits). A text cell that a spreadsheet would take
for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a
note typed in a village as ``=HYPERLINK(...)``) is written after an apostrophe, the
usual defence: Excel and LibreOffice show it as text. ``ntm import`` takes that
apostrophe off again, so an export imports back as it was.

Read (``ntm import``): a file, or stdin for ``-``. A CSV's encoding is found from its
bytes: a byte-order mark (UTF-8, or UTF-16 as Excel's "Unicode Text" writes it), else
UTF-8 if the bytes are UTF-8, else Windows-1258, the code page Excel's "CSV (Comma
delimited)" uses on a Vietnamese Windows. Its separator is ``,``, ``;`` (Excel in
Vietnamese) or a tab (Unicode Text): the one that splits the first line into the most
known columns, then cells. A workbook (.xlsx, needs openpyxl) is read from its first
sheet or the one named, with the figures Excel holds (a cell shown as 94,5% is 94.5).
Both give the same rows of cells, in one of two layouts:

* with a header naming the columns: ``id`` (or ``indicator``), ``year``, ``value`` and
  optionally ``estimate``, ``note`` and ``annual_plan`` (the year's plan figure), in
  ntm's own words or in the export's headers of either language; other columns are
  ignored, so an export imports back as it is; a title row above it is passed over;
* without a header, the rows ``year,indicator,value[,note,estimate]``.

Every row is checked by one validator; each bad one gives a problem with its line (the
sheet's row), and nothing is recorded unless every row is good (the store does that part).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO

from ntm_tracker.core.domain import Book, Plan
from ntm_tracker.core.entering import (
    NewValue,
    check_note,
    check_year,
    find_indicator,
    parse_value,
)
from ntm_tracker.core.numbers import parse_yes_no, plain_text
from ntm_tracker.core.problems import DataError, InputError, MissingExtraError, Problem

BOM = "\ufeff"
MINIMAL = ("year", "indicator", "value", "note", "estimate")  # the order without a header
KEYS = frozenset({*MINIMAL, "annual_plan"})
NAME = "name"  # a header alias for a column of indicator names (or of ids: see _columns)
_YEAR = re.compile(r"^\d{4}$")
_SPLIT_DECIMAL = re.compile(r"^-?\d+,\d+$")  # 96 and 5 in the cells value and note
SEPARATORS = (",", ";", "\t")  # in this order when two split a line as well
STDIN = Path("-")  # `ntm import -`
ZIP = b"PK\x03\x04"  # an .xlsx is a zip archive
OLE = b"\xd0\xcf\x11\xe0"  # an .xls of Excel 97-2003


# -- writing ---------------------------------------------------------------------------


# What makes a spreadsheet read a cell as a formula (the OWASP list, and the full-width
# forms a Vietnamese or East Asian keyboard types), after any spaces or apostrophes.
FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_BEFORE_FORMULA = " \n\u00a0'"


def formula_like(text: str) -> bool:
    """Would Excel or LibreOffice take this text cell for a formula (or does it start
    like one after the apostrophes of :func:`text_cell`)?"""
    return text.lstrip(_BEFORE_FORMULA)[:1] in FORMULA_START


def text_cell(text: str) -> str:
    """A text as a CSV cell: after an apostrophe when it would read as a formula."""
    return "'" + text if formula_like(text) else text


def typed_cell(text: str) -> str:
    """A CSV cell as it was before :func:`text_cell` (the inverse: ``'=1+1`` is ``=1+1``,
    and a text that starts with an apostrophe of its own keeps it)."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def cell(value: object) -> object:
    """A raw value as a CSV cell: empty for None (never 0), true/false, plain digits; a
    text that would read as a formula after an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return plain_text(value)
    if isinstance(value, str):
        return text_cell(value)
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(c) for c in row] for row in rows)
    return BOM + out.getvalue()


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    line: int
    item: NewValue


@dataclass
class Parsed:
    """The rows of an import file: a figure for each good one, a problem for each bad one."""

    path: Path
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows with no figure


@dataclass(frozen=True)
class Table:
    """An import file read into cells, before any row is checked, and how it was read:
    a CSV's ``encoding`` (utf8, utf8_bom, utf16, cp1258) and ``separator``, or the
    workbook's ``sheet``."""

    path: Path
    records: list[tuple[int, list[str]]]  # (line, or the sheet's row; the cells): not blank
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None

    @property
    def first(self) -> str:
        """The first record as the file shows it (for a message)."""
        if not self.records:
            return ""
        return (self.separator or ", ").join(self.records[0][1]).strip()


def read_input(path: Path, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of an import file, or of stdin for ``-`` (``stdin``); an older Excel or
    an OpenDocument sheet is refused here, saying how to save it."""
    from ntm_tracker.storage.fsio import read_bytes, read_stream

    if path == STDIN:
        if stdin is None or stdin.isatty():  # `ntm import -` typed alone would wait forever
            raise InputError(Problem("import.stdin_terminal", {}))
        data = read_stream(stdin, path)
    else:
        if path.suffix.lower() in (".xls", ".ods"):
            raise InputError(Problem("import.spreadsheet", {}, path=path))
        data = read_bytes(path)
    if data.startswith(OLE):
        raise InputError(Problem("import.spreadsheet", {}, path=path))
    return data


def read_table(
    path: Path,
    data: bytes,
    aliases: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
) -> Table:
    """The cells of an import file: a workbook (by its bytes, whatever its name) or a CSV
    in any encoding and separator Excel writes. ``aliases``: see :func:`parse`."""
    if data.startswith(ZIP):
        return _workbook(path, data, sheet)
    if sheet is not None:
        raise InputError(Problem("import.sheet_of_csv", {"sheet": sheet}, path=path))
    text, encoding = decode(data, path)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = _delimiter(first, aliases or {})
    return Table(path, list(_records(text, sep, path)), encoding, sep)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV and the name of its encoding (see the module's doc)."""
    from ntm_tracker.storage.fsio import decode as utf8

    if data.startswith(codecs.BOM_UTF8):
        return utf8(data, path), "utf8_bom"
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), "utf16"
            except UnicodeDecodeError:
                raise DataError(Problem("import.encoding", {}, path=path)) from None
    try:
        return data.decode("utf-8"), "utf8"
    except UnicodeDecodeError:
        pass
    try:  # cp1258 writes a tone mark apart from its letter: compose them again
        return unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"
    except UnicodeDecodeError:
        raise DataError(Problem("import.encoding", {}, path=path)) from None


def _workbook(path: Path, data: bytes, sheet: str | None) -> Table:
    """The rows of the first sheet (or ``sheet``) of an .xlsx, as text cells."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        facts = {"package": "openpyxl", "extra": "xlsx"}
        raise MissingExtraError(Problem("extra.missing", facts)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or encrypted file: openpyxl has no one error for it
        raise DataError(Problem("import.bad_workbook", {}, path=path)) from None
    try:
        names = list(book.sheetnames)
        name = names[0] if sheet is None else _sheet_named(sheet, names, path)
        found = book[name]
        found.reset_dimensions()  # some writers state a wrong size: read every cell
        records = []
        for line, cells in enumerate(found.iter_rows(min_row=1, min_col=1), start=1):
            texts = [_cell_text(c.value, getattr(c, "number_format", "")) for c in cells]
            while texts and not texts[-1].strip():
                texts.pop()
            if any(t.strip() for t in texts):
                records.append((line, texts))
    finally:
        book.close()
    return Table(path, records, sheet=name)


def _sheet_named(sheet: str, names: list[str], path: Path) -> str:
    """The sheet ``sheet`` names: as typed, or ignoring case and spaces around it."""
    wanted = unicodedata.normalize("NFC", sheet).strip().casefold()
    for name in names:
        if name == sheet or unicodedata.normalize("NFC", name).strip().casefold() == wanted:
            return name
    raise InputError(Problem("import.no_sheet", {"sheet": sheet, "sheets": names}, path=path))


def _cell_text(value: object, number_format: str) -> str:
    """A workbook cell as the text a CSV would hold: a figure by its value (a cell shown
    as 94,5% holds 0.945: 94.5 is the figure typed), written so that ntm's number rules
    read it back as that value (2.1250, never the ambiguous 2.125)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        figure = value * 100 if "%" in number_format else value
        return str(cell(float(figure))) if isinstance(figure, float) else str(figure)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def normal(name: str) -> str:
    """A header cell as it is matched: lower case, single spaces, no BOM."""
    text = unicodedata.normalize("NFC", name).replace(BOM, "")
    return " ".join(text.lower().split()).replace(" ", "_")


def _columns(cells: list[str], aliases: Mapping[str, str | None]) -> list[str | None]:
    """The column each header cell names (None: a column ntm ignores). A column of names
    (the export's "Chỉ tiêu"/"Indicator", or a header "indicator") gives the indicator
    when no column of ids does (``Năm;Chỉ tiêu;Số liệu``), and is ignored beside one (an
    export). ntm's own keys win over the export's headers."""
    names = [normal(c) for c in cells]
    known: dict[str, str | None] = {**aliases, **{k: k for k in KEYS}, "id": "indicator"}
    columns = [known.get(n) for n in names]
    named = [c == NAME or n == "indicator" for n, c in zip(names, columns, strict=True)]
    has_ids = any(
        c == "indicator" and not by_name for c, by_name in zip(columns, named, strict=True)
    )
    return [
        (None if has_ids else "indicator") if by_name else c
        for c, by_name in zip(columns, named, strict=True)
    ]


def _delimiter(first_line: str, aliases: Mapping[str, str | None]) -> str:
    """',', ';' or a tab: the one that splits the first line into the most known columns,
    then the most cells (',' when they tie)."""

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=sep), [])
        return sum(c is not None for c in _columns(cells, aliases)), len(cells)

    return max(SEPARATORS, key=score)


def _records(text: str, sep: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank record; DataError for broken quoting."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise DataError(Problem("import.bad_quotes", {}, path=path, line=start)) from None
        line, start = start, reader.line_num + 1
        if any(c.strip() for c in cells):
            yield line, cells


def parse(plan: Plan, table: Table, aliases: Mapping[str, str | None] | None = None) -> Parsed:
    """Check every row of an import file. ``aliases`` maps header words (normalised by
    :func:`normal`) to the columns they name. DataError only when the file as a whole
    cannot be read (no header, and no row of figures first)."""
    aliases = aliases or {}
    path, sep = table.path, table.separator
    result = Parsed(path)
    records: Iterator[tuple[int, list[str]]] = iter(table.records)
    columns: list[str | None] = list(MINIMAL)
    for line, cells in records:
        named = _columns(cells, aliases)
        if {"indicator", "year"} <= set(named) and {"value", "annual_plan"} & set(named):
            columns = named
            break
        if sum(bool(c.strip()) for c in cells) <= 1:
            continue  # a title above the table ("SỐ LIỆU NĂM 2026"): no row has one cell
        if not _YEAR.match(cells[0].strip()):
            found = (sep or ", ").join(cells).strip()[:80]
            raise DataError(Problem("import.no_header", {"found": found}, path=path, line=line))
        records = itertools.chain([(line, cells)], records)  # no header: a row already
        break
    # "2026,income,96,5": a decimal comma made the note column hold the decimals
    split_risk = (
        sep == ","
        and "note" in columns
        and "value" in columns
        and (columns.index("note") == columns.index("value") + 1)
    )
    needed = max(columns.index(k) for k in ("indicator", "year") if k in columns) + 1
    seen: dict[tuple[Book, str, int], int] = {}
    for line, cells in records:
        while len(cells) > len(columns) and not cells[-1].strip():
            cells = cells[:-1]  # Excel pads a row with empty cells to its widest one
        if len(cells) > len(columns) or len(cells) < needed:
            facts = {"cells": len(cells), "columns": len(columns), "separator": sep or ""}
            result.problems.append(Problem("import.cell_count", facts, path, line))
            continue
        row = {
            n: typed_cell(c.strip()) for n, c in zip(columns, cells, strict=False) if n is not None
        }
        if not row.get("value") and not row.get("annual_plan"):
            result.skipped += 1
            continue
        if split_risk and _SPLIT_DECIMAL.match(f"{row.get('value', '')},{row.get('note', '')}"):
            text_ = f"{row['value']},{row['note']}"
            result.problems.append(Problem("import.split_decimal", {"text": text_}, path, line))
            continue
        try:
            items = _items(plan, row)
        except InputError as exc:
            result.problems.append(exc.problem.at(path, line))
            continue
        for item in items:
            key = (item.book, item.indicator.id, item.year)
            if key in seen:
                facts2 = {"indicator": key[1], "year": key[2], "other": seen[key]}
                result.problems.append(Problem("import.duplicate", facts2, path, line))
                continue
            seen[key] = line
            result.rows.append(Row(line, item))
    return result


def _items(plan: Plan, row: dict[str, str]) -> list[NewValue]:
    """The figures of one row: its value and its plan figure, as `ntm record` and
    `ntm plan` would take them; InputError with the same problems otherwise."""
    ind = find_indicator(plan, row.get("indicator", ""))
    year_text = row.get("year", "")
    if not _YEAR.match(year_text):
        raise InputError(Problem("input.not_a_year", {"text": year_text}))
    year = int(year_text)
    check_year(plan, year)
    estimate_text = row.get("estimate", "")
    try:
        estimate = parse_yes_no(estimate_text) if estimate_text else False
    except ValueError:
        raise InputError(Problem("import.bad_estimate", {"text": estimate_text})) from None
    items = []
    if row.get("value"):
        value = parse_value(ind, row["value"])
        items.append(NewValue(ind, year, value, estimate, check_note(row.get("note"))))
    if row.get("annual_plan"):
        planned = parse_value(ind, row["annual_plan"])
        items.append(NewValue(ind, year, planned, book=Book.PLANS))
    return items

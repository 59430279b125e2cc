"""`ntm import`: read many values from a CSV file, checking every row before any write.

Two layouts are accepted:

* the layout ``ntm export`` writes: a header naming the columns ``id`` (or
  ``indicator``), ``year``, ``value`` and optionally ``estimate`` and ``note``; any
  other columns (name, unit, status...) are ignored;
* the minimal layout ``year,indicator,value[,note,estimate]``, with or without that
  header line.

The file is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8"), separated
by commas or by semicolons (what Excel writes where the decimal mark is a comma); the
separator is detected from the first line. Rows without a value are skipped.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ntm_tracker.errors import DataError, UsageError
from ntm_tracker.model import Plan
from ntm_tracker.numbers import parse_yes_no
from ntm_tracker.store import NewValue, check_note, check_year, find_indicator, parse_value
from ntm_tracker.yamlio import display, read_text

MINIMAL = ("year", "indicator", "value", "note", "estimate")  # the order without a header
_ALIASES: dict[str, str | None] = {"id": "indicator", **{name: name for name in MINIMAL}}
_YEAR = re.compile(r"^\d{4}$")
_SPLIT_DECIMAL = re.compile(r"^-?\d+,\d+$")  # 96 and 5 in cells value and note


@dataclass(frozen=True)
class ImportRow:
    line: int
    item: NewValue


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


@dataclass
class ParsedImport:
    """The rows of an import file: the good ones, and a problem for each bad one."""

    path: Path
    delimiter: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: int = 0  # rows with no value

    def line_of(self, item: NewValue) -> int:
        return next(r.line for r in self.rows if r.item is item)

    @property
    def name(self) -> str:
        return display(self.path)

    def where(self, line: int) -> str:
        return f"{self.name}:{line}"


def read_import_file(path: Path) -> str:
    """The text of the CSV file (BOM removed), or a DataError naming the file."""
    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise UsageError(
            f"{display(path)} is a spreadsheet; save it as CSV UTF-8 first "
            "(File > Save As > CSV UTF-8)."
        )
    return read_text(path)


def _header(cells: list[str]) -> list[str | None]:
    """The known column of each header cell; with an ``id`` column, ``indicator`` is a name."""
    names = [c.strip().lstrip("\ufeff").lower().replace(" ", "_") for c in cells]
    aliases = dict(_ALIASES, indicator=None) if "id" in names else _ALIASES
    return [aliases.get(n) for n in names]


def _delimiter(first_line: str) -> str:
    """';' or ',': the one that splits the first line into more known columns or cells."""

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=sep), [])
        return sum(name is not None for name in _header(cells)), len(cells)

    return ";" if score(";") > score(",") else ","


def _records(text: str, sep: str, where: Callable[[int], str]) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every non-blank CSV record; DataError for broken quoting."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(
                f"{where(start)}: the CSV cannot be read ({exc}); check the quotes on this row."
            ) from None
        line, start = start, reader.line_num + 1
        if any(c.strip() for c in cells):
            yield line, cells


def parse_import(plan: Plan, text: str, path: Path) -> ParsedImport:
    """Check every row: each becomes an ImportRow or a RowProblem.

    Raises DataError only when the file as a whole cannot be read as CSV rows.
    """
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = _delimiter(first)
    result = ParsedImport(path, sep)
    records = _records(text, sep, result.where)
    columns: list[str | None] = list(MINIMAL)
    for line, cells in records:
        named = _header(cells)
        if {"indicator", "year", "value"} <= set(named):
            columns = named
            break
        if not _YEAR.match(cells[0].strip()):
            raise DataError(
                f"{result.where(line)}: the first line must name the columns "
                "(id, year, value, estimate, note) or be a row year,indicator,value; "
                f"found '{first[:80]}'."
            )
        records = itertools.chain([(line, cells)], records)  # no header: a row already
        break
    # "2026,income,96,5": a decimal comma made the note column hold the decimals
    split_risk = (
        sep == "," and "note" in columns and (columns.index("note") == columns.index("value") + 1)
    )
    seen: dict[tuple[str, int], int] = {}
    for line, cells in records:
        if len(cells) > len(columns):
            result.problems.append(RowProblem(line, _too_many(cells, columns, sep)))
            continue
        row = {
            name: cell.strip()
            for name, cell in zip(columns, cells, strict=False)
            if name is not None
        }
        if not row.get("value"):
            result.skipped += 1
            continue
        if split_risk and _SPLIT_DECIMAL.match(f"{row['value']},{row.get('note', '')}"):
            message = (
                f"'{row['value']},{row['note']}' looks like a decimal comma split into two "
                "cells; quote it (\"96,5\") or separate the cells with ';'."
            )
            result.problems.append(RowProblem(line, message))
            continue
        try:
            item = _row_item(plan, row)
        except UsageError as exc:
            result.problems.append(RowProblem(line, exc.message))
            continue
        key = (item.indicator.id, item.year)
        if key in seen:
            message = f"{key[0]} {key[1]} is also on line {seen[key]}; keep one of the two rows."
            result.problems.append(RowProblem(line, message))
            continue
        seen[key] = line
        result.rows.append(ImportRow(line, item))
    return result


def _too_many(cells: list[str], columns: list[str | None], sep: str) -> str:
    message = f"the row has {len(cells)} cells but the file has {len(columns)} columns"
    if sep == ",":
        message += (
            '; a decimal comma in a comma-separated file must be quoted ("96,5"), '
            "or separate the cells with ';'"
        )
    return message + "."


def _row_item(plan: Plan, row: dict[str, str]) -> NewValue:
    """One row as a value to record, or UsageError with the same words as `ntm record`."""
    ind = find_indicator(plan, row.get("indicator", ""))
    year_text = row.get("year", "")
    if not _YEAR.match(year_text):
        raise UsageError(f"'{year_text}' is not a year; write it like 2026.")
    year = int(year_text)
    check_year(plan, year)
    value = parse_value(ind, row["value"])
    estimate_text = row.get("estimate", "")
    try:
        estimate = parse_yes_no(estimate_text) if estimate_text else False
    except ValueError:
        raise UsageError(
            f"estimate '{estimate_text}' is not yes or no; leave it empty for a final figure."
        ) from None
    return NewValue(ind, year, value, estimate, check_note(row.get("note")))

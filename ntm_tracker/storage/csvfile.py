"""CSV files: the one writer of every CSV ntm makes, and the reader of ``ntm import``.

Written: UTF-8 with a byte-order mark (so that Excel shows Vietnamese), CRLF line ends,
empty cells for "no value" (never 0), ``true``/``false``, numbers as plain digits (a
figure exactly, a computed one to 12 digits). A text cell that a spreadsheet would take
for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a
note typed in a village as ``=HYPERLINK(...)``) is written after an apostrophe, the
usual defence: Excel and LibreOffice show it as text. ``ntm import`` takes that
apostrophe off again, so an export imports back as it was.

Read (``ntm import``): UTF-8 with or without a byte-order mark, separated by ``,`` or
``;`` (Excel in Vietnamese writes ``;``), in one of two layouts:

* with a header naming the columns: ``id`` (or ``indicator``), ``year``, ``value`` and
  optionally ``estimate``, ``note`` and ``annual_plan`` (the year's plan figure), in
  ntm's own words or in the export's headers of either language; other columns are
  ignored, so an export imports back as it is;
* without a header, the rows ``year,indicator,value[,note,estimate]``.

Every row is checked; each bad one gives a problem with its line, and nothing is
recorded unless every row is good (the store does that part).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ntm_tracker.core.domain import Book, Plan
from ntm_tracker.core.entering import (
    NewValue,
    check_note,
    check_year,
    find_indicator,
    parse_value,
)
from ntm_tracker.core.numbers import parse_yes_no, plain_text
from ntm_tracker.core.problems import DataError, InputError, Problem

BOM = "\ufeff"
MINIMAL = ("year", "indicator", "value", "note", "estimate")  # the order without a header
KEYS = frozenset({*MINIMAL, "annual_plan"})
NAME = "name"  # a header alias for a column of indicator names (or of ids: see _columns)
_YEAR = re.compile(r"^\d{4}$")
_SPLIT_DECIMAL = re.compile(r"^-?\d+,\d+$")  # 96 and 5 in the cells value and note


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
    """';' or ',': the one that splits the first line into more known columns or cells."""

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=sep), [])
        return sum(c is not None for c in _columns(cells, aliases)), len(cells)

    return ";" if score(";") > score(",") else ","


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


def parse(
    plan: Plan, text: str, path: Path, aliases: Mapping[str, str | None] | None = None
) -> Parsed:
    """Check every row of an import file. ``aliases`` maps header words (normalised by
    :func:`normal`) to the columns they name. DataError only when the file as a whole
    cannot be read as CSV."""
    aliases = aliases or {}
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    sep = _delimiter(first, aliases)
    result = Parsed(path)
    records = _records(text, sep, path)
    columns: list[str | None] = list(MINIMAL)
    for line, cells in records:
        named = _columns(cells, aliases)
        if {"indicator", "year"} <= set(named) and {"value", "annual_plan"} & set(named):
            columns = named
            break
        if not _YEAR.match(cells[0].strip()):
            raise DataError(
                Problem("import.no_header", {"found": first[:80]}, path=path, line=line)
            )
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
        if len(cells) > len(columns) or len(cells) < needed:
            facts = {"cells": len(cells), "columns": len(columns), "separator": sep}
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


def read_text(path: Path) -> str:
    """The text of an import file; InputError for a spreadsheet given instead."""
    from ntm_tracker.storage.fsio import read_text as read

    if path.suffix.lower() in (".xlsx", ".xls", ".ods"):
        raise InputError(Problem("import.spreadsheet", {}, path=path))
    return read(path)

"""Machine-readable renderings of the status report: JSON and CSV, raw numbers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ntm_tracker.report import StatusReport, report_to_dict, row_to_dict

CSV_COLUMNS = (
    "id", "number", "field", "kind", "comparator", "status", "year", "actual", "estimate",
    "baseline", "expected", "target", "target_year", "progress", "gap",
    "percent_of_target", "target_gap", "required_per_year", "required_rate",
    "cumulative", "note",
)  # fmt: skip


def json_text(data: Any) -> str:
    """Every JSON that ntm prints: one line per top-level key and one line per record of a
    list of records; anything else compact on its line. It reads and diffs well (one
    indicator per line), and Python's C encoder writes each line: fully indented JSON
    goes through the pure-Python encoder, 5x slower on 10,000 indicators."""
    encode = json.JSONEncoder(ensure_ascii=False).encode

    def block(value: Any, indent: str) -> str:
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows = ",\n".join(f"{indent}  {encode(v)}" for v in value)
            return f"[\n{rows}\n{indent}]"
        return encode(value)

    if isinstance(data, dict) and data:
        body = ",\n".join(f"  {encode(k)}: {block(v, '  ')}" for k, v in data.items())
        return f"{{\n{body}\n}}\n"
    return block(data, "") + "\n"


def status_json(report: StatusReport) -> str:
    return json_text(report_to_dict(report))


BOM = "\ufeff"  # lets Excel open a CSV as UTF-8, so Vietnamese shows correctly


def csv_cell(value: object) -> object:
    """A raw value as a CSV cell: empty for None (never 0), true/false, 12 digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.12g}"
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Every CSV that ntm writes: UTF-8 BOM, CRLF line ends (what Excel writes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([csv_cell(c) for c in row] for row in rows)
    return BOM + out.getvalue()


def status_csv(report: StatusReport) -> str:
    dicts = (row_to_dict(row) for row in report.rows)
    return csv_text(CSV_COLUMNS, ([d.get(k) for k in CSV_COLUMNS] for d in dicts))

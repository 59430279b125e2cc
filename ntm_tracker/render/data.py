"""Machine-readable renderings of the status report: JSON and CSV, raw numbers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from ntm_tracker.report import StatusReport, report_to_dict, row_to_dict

CSV_COLUMNS = (
    "id", "number", "field", "kind", "comparator", "status", "year", "actual", "estimate",
    "baseline", "expected", "target", "target_year", "progress", "gap",
    "percent_of_target", "target_gap", "required_per_year", "required_rate",
    "cumulative", "note",
)  # fmt: skip


def status_json(report: StatusReport) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


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

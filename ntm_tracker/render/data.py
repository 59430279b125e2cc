"""Machine-readable renderings of the status report: JSON and CSV, raw numbers."""

from __future__ import annotations

import csv
import io
import json

from ntm_tracker.report import StatusReport, report_to_dict, row_to_dict

CSV_COLUMNS = (
    "id", "number", "field", "kind", "comparator", "status", "year", "actual", "estimate",
    "baseline", "expected", "target", "target_year", "progress", "gap",
    "percent_of_target", "target_gap", "required_per_year", "required_rate",
    "cumulative", "note",
)  # fmt: skip


def status_json(report: StatusReport) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def status_csv(report: StatusReport) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        d = row_to_dict(row)
        writer.writerow({k: "" if d.get(k) is None else d.get(k) for k in CSV_COLUMNS})
    return out.getvalue()

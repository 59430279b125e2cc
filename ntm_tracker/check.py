"""`ntm check`: validate the plan and every actuals file, collecting ALL findings.

Loading stops at the first problem; this module goes on and reports each one with its
file and line, as errors (the data cannot be used as it is) or warnings (the data loads
but a figure looks implausible). It reads files and never writes.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ntm_tracker.errors import ExitCode, one_line
from ntm_tracker.model import (
    Comparator,
    Indicator,
    Kind,
    Measure,
    Plan,
    SchemaError,
    YearActuals,
    plan_from_raw,
    year_from_raw,
)
from ntm_tracker.numbers import format_number
from ntm_tracker.store import YEAR_FILE, Store, entry_problem, validation_problems
from ntm_tracker.yamlio import (
    MAX_FILE_BYTES,
    TEMP_SUFFIX,
    YamlProblem,
    display,
    line_in,
    parse_yaml,
)

_TEMP_FILE = re.compile(r"^\.\d{4}\.yaml\..+" + re.escape(TEMP_SUFFIX) + "$")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one file, at one line when it is known."""

    path: Path
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = display(self.path) + (f":{self.line}" if self.line else "")
        return one_line(f"{where}: {self.severity.value}: {self.message}")


@dataclass(frozen=True)
class CheckReport:
    files: list[Path]
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    def exit_code(self, strict: bool) -> ExitCode:
        if self.errors or (strict and self.warnings):
            return ExitCode.DATA_ERROR
        return ExitCode.OK


@dataclass(frozen=True)
class _Document:
    """A file's text and what the YAML parser made of it."""

    text: str
    raw: Any


def check_data(store: Store) -> CheckReport:
    """Check the plan, then every actuals file against it; never raises for bad data."""
    store.check_dir()
    findings: list[Finding] = []
    files = [store.plan_path]
    plan = _check_plan(store.plan_path, findings)
    valid: dict[int, tuple[Path, str, YearActuals]] = {}
    for year, path in _actuals_files(store, findings):
        files.append(path)
        loaded = _check_year_file(plan, year, path, findings)
        if loaded is not None:
            valid[year] = (path, *loaded)
    if plan is not None:
        findings.extend(_jumps(plan, valid))
    # file by file (the plan first), then by line; a stable sort keeps the rest in order
    findings.sort(key=lambda f: (f.path != store.plan_path, str(f.path), f.line or 0))
    return CheckReport(files, findings)


# -- reading ---------------------------------------------------------------------------


def _read(path: Path, findings: list[Finding]) -> _Document | None:
    def error(message: str, line: int | None = None) -> None:
        findings.append(Finding(path, line, Severity.ERROR, message))

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            error(f"the file is too large ({size} bytes) to be an ntm file")
            return None
        data = path.read_bytes()
    except OSError as exc:
        error(f"cannot be read: {(exc.strerror or str(exc)).lower()}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error(
            "the file is not UTF-8 text; save it again as UTF-8", data[: exc.start].count(b"\n") + 1
        )
        return None
    try:
        raw = parse_yaml(text)
    except YamlProblem as exc:
        error(exc.problem, exc.line)
        return None
    return _Document(text, raw)


def _mapping(doc: _Document, path: Path, keys: str, findings: list[Finding]) -> bool:
    if doc.raw is None:
        findings.append(Finding(path, None, Severity.ERROR, "the file is empty"))
        return False
    if not isinstance(doc.raw, dict):
        found = type(doc.raw).__name__
        message = f"expected a mapping ({keys}), found a {found}"
        findings.append(Finding(path, 1, Severity.ERROR, message))
        return False
    return True


def _schema(exc: SchemaError, doc: _Document, path: Path, what: str) -> list[Finding]:
    return [
        Finding(path, line_in(doc.text, loc), Severity.ERROR, text)
        for loc, text in validation_problems(doc.raw, exc, what)
    ]


# -- the plan --------------------------------------------------------------------------


def _check_plan(path: Path, findings: list[Finding]) -> Plan | None:
    doc = _read(path, findings)
    if doc is None or not _mapping(doc, path, "title:, term:, indicators: ...", findings):
        return None
    try:
        plan = plan_from_raw(doc.raw)
    except SchemaError as exc:
        findings.extend(_schema(exc, doc, path, "plan"))
        return None
    for i, ind in enumerate(plan.indicators):
        problem = impossible_target(ind)
        if problem:
            line = line_in(doc.text, ["indicators", i, "target"])
            findings.append(Finding(path, line, Severity.ERROR, problem))
    return plan


def impossible_target(ind: Indicator) -> str | None:
    """A message when no value the measure allows can ever meet the target."""
    if ind.kind is Kind.MAINTAINED:
        return None
    low, high = ind.valid_range()
    target = float(ind.target)
    shown = format_number(target, "en", ind.decimals, strip=True)
    if ind.comparator is Comparator.ABOVE and high is not None and target >= high:
        limit = format_number(high, "en", 0)
        return (
            f"indicator '{ind.id}': target '{ind.comparator.symbol} {shown}' can never be met, "
            f"a {ind.measure.value} is at most {limit}"
        )
    if ind.comparator is Comparator.BELOW and low is not None and target <= low:
        limit = format_number(low, "en", 0)
        return (
            f"indicator '{ind.id}': target '{ind.comparator.symbol} {shown}' can never be met, "
            f"a {ind.measure.value} is at least {limit}"
        )
    return None


# -- the actuals -----------------------------------------------------------------------


def _actuals_files(store: Store, findings: list[Finding]) -> list[tuple[int, Path]]:
    folder = store.actuals_dir
    if not folder.exists():
        return []
    if not folder.is_dir():
        message = "this is a file; it must be a folder of YEAR.yaml files"
        findings.append(Finding(folder, None, Severity.ERROR, message))
        return []
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        message = f"cannot be read: {(exc.strerror or str(exc)).lower()}"
        findings.append(Finding(folder, None, Severity.ERROR, message))
        return []
    found: list[tuple[int, Path]] = []
    for name in names:
        path = folder / name
        match = YEAR_FILE.match(name)
        if match:
            found.append((int(match.group(1)), path))
        elif _TEMP_FILE.match(name):
            message = "left over from an interrupted write; ntm ignores it and it can be deleted"
            findings.append(Finding(path, None, Severity.WARNING, message))
        elif name.lower().endswith((".yaml", ".yml")) and not name.startswith("."):
            message = "an actuals file must be named after its year, like 2026.yaml"
            findings.append(Finding(path, None, Severity.ERROR, message))
    return found


def _check_year_file(
    plan: Plan | None, year: int, path: Path, findings: list[Finding]
) -> tuple[str, YearActuals] | None:
    doc = _read(path, findings)
    if doc is None or not _mapping(doc, path, "year:, values:", findings):
        return None
    try:
        ya = year_from_raw(doc.raw)
    except SchemaError as exc:
        findings.extend(_schema(exc, doc, path, "actuals"))
        return None

    def error(message: str, loc: list[str | int]) -> None:
        findings.append(Finding(path, line_in(doc.text, loc), Severity.ERROR, message))

    if ya.year != year:
        error(f"says year {ya.year} but the file name says {year}", ["year"])
        return None
    if plan is None:
        return None
    if year not in plan.term.years:
        error(f"year {year} lies outside the term {plan.term.start}-{plan.term.end}", ["year"])
        return None
    ids = plan.by_id()
    for ind_id, entry in ya.values.items():
        problem = entry_problem(ids, ind_id, entry)
        if problem:
            error(problem, ["values", ind_id])
            continue
        ind = ids[ind_id]
        if ind.plausible is not None and not isinstance(entry.value, bool):
            low, high = ind.plausible
            if not low <= entry.value <= high:
                shown = [
                    format_number(x, "en", ind.decimals, strip=True)
                    for x in (entry.value, low, high)
                ]
                message = (
                    f"indicator '{ind_id}': {shown[0]} lies outside the plausible range "
                    f"{shown[1]}-{shown[2]} set in the plan; check the figure"
                )
                line = line_in(doc.text, ["values", ind_id])
                findings.append(Finding(path, line, Severity.WARNING, message))
    for i, change in enumerate(ya.history):
        if change.indicator not in ids:
            message = f"history names indicator '{change.indicator}', which is not in the plan"
            line = line_in(doc.text, ["history", i])
            findings.append(Finding(path, line, Severity.WARNING, message))
    return doc.text, ya


def _jumps(plan: Plan, valid: dict[int, tuple[Path, str, YearActuals]]) -> list[Finding]:
    """Warnings for values more than ``max_jump_factor`` times (or a fraction of) last year's."""
    factor = plan.checks.max_jump_factor
    findings: list[Finding] = []
    for ind in plan.indicators:
        if ind.measure not in (Measure.PERCENT, Measure.AMOUNT):
            continue  # a growth rate may change sign; yes/no has no size
        for year in sorted(valid):
            if year - 1 not in valid:
                continue
            before = valid[year - 1][2].values.get(ind.id)
            after = valid[year][2].values.get(ind.id)
            if before is None or after is None:
                continue
            if isinstance(before.value, bool) or isinstance(after.value, bool):
                continue  # a yes/no given for a number: already an error
            a, b = float(before.value), float(after.value)
            path, text, _ = valid[year]
            shown = [format_number(x, "en", ind.decimals, strip=True) for x in (a, b)]
            if (a == 0) != (b == 0):  # 0 is the classic placeholder typed by mistake
                message = (
                    f"indicator '{ind.id}' went from {shown[0]} in {year - 1} to {shown[1]}; "
                    "check that 0 is the real figure"
                )
            elif a <= 0 or b <= 0 or max(a, b) / min(a, b) <= factor:
                continue
            else:
                ratio = format_number(max(a, b) / min(a, b), "en", 1)
                message = (
                    f"indicator '{ind.id}' went from {shown[0]} in {year - 1} to {shown[1]}, "
                    f"a factor of {ratio} (more than checks.max_jump_factor "
                    f"{format_number(factor, 'en', 2, strip=True)}); check the figure"
                )
            findings.append(
                Finding(path, line_in(text, ["values", ind.id]), Severity.WARNING, message)
            )
    return findings


# -- output ----------------------------------------------------------------------------


def summary(report: CheckReport) -> str:
    files = len(report.files)
    checked = f"Checked {files} file{'s' if files != 1 else ''}"
    if not report.findings:
        return f"{checked}: no problems."
    parts = []
    for count, word in ((report.errors, "error"), (report.warnings, "warning")):
        if count:
            parts.append(f"{count} {word}{'s' if count != 1 else ''}")
    return f"{checked}: {', '.join(parts)}."


def render_text(report: CheckReport) -> str:
    """One line per finding, errors and warnings in file order, then a summary line."""
    return "".join(f"{f}\n" for f in report.findings) + summary(report) + "\n"


def report_to_dict(report: CheckReport) -> dict[str, Any]:
    return {
        "ok": report.errors == 0,
        "errors": report.errors,
        "warnings": report.warnings,
        "files": [display(p) for p in report.files],
        "findings": [
            {
                "file": display(f.path),
                "line": f.line,
                "severity": f.severity.value,
                "message": f.message,
            }
            for f in report.findings
        ],
    }

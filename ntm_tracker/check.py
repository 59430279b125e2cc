"""``ntm check``: every problem of a data folder, each with its file and line (pure
reading; nothing is written, and the cache is not used: this is the full audit).

Errors come from the file owners' validators (the same ones that loading uses, which
stop at the first); warnings flag what loads but looks wrong: stray and temporary
files, a figure outside its plausible range or far from last year's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_tracker import planfile, yearfile
from ntm_tracker.domain import Book, Indicator, Measure, Plan, YearFile
from ntm_tracker.fsio import decode, read_bytes
from ntm_tracker.problems import NtmError, Problem, Severity
from ntm_tracker.store import Store


@dataclass(frozen=True)
class CheckReport:
    files: list[Path]
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)


@dataclass(frozen=True)
class _Valid:
    path: Path
    content: YearFile
    lines: dict[str, int]


def check_data(store: Store) -> CheckReport:
    """Check the plan, then every year file against it; never raises for bad data."""
    store.check_folder()
    problems: list[Problem] = []
    files = [store.plan_path]
    plan = _check_plan(store.plan_path, problems)
    for book in Book:
        try:
            listing = store.listing(book)
        except NtmError as exc:
            problems.append(exc.problem)
            continue
        problems += listing.warnings()
        valid: dict[int, _Valid] = {}
        for year, path in listing.files.items():
            files.append(path)
            if plan is None:
                continue
            found = _check_year(plan, year, path, problems)
            if found is not None:
                valid[year] = found
        if plan is not None and book is Book.ACTUALS:
            problems += _warnings(plan, valid)
    order = {p: i for i, p in enumerate(files)}
    problems.sort(
        key=lambda p: (order.get(p.path, len(order)) if p.path else -1, str(p.path), p.line or 0)
    )
    return CheckReport(files, problems)


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        return decode(read_bytes(path), path)
    except NtmError as exc:
        problems.append(exc.problem)
        return None


def _check_plan(path: Path, problems: list[Problem]) -> Plan | None:
    text = _read(path, problems)
    if text is None:
        return None
    checked = planfile.validate(text)
    problems += [p.at(path, p.line) for p in checked.problems]
    return checked.content


def _check_year(plan: Plan, year: int, path: Path, problems: list[Problem]) -> _Valid | None:
    text = _read(path, problems)
    if text is None:
        return None
    checked = yearfile.validate(text, year, plan)
    problems += [p.at(path, p.line) for p in checked.problems]
    if checked.content is None:
        return None
    return _Valid(path, checked.content, checked.lines)


def implausible(ind: Indicator, value: float | bool | None) -> Problem | None:
    """A warning when ``value`` lies outside the plausible range the plan sets for ``ind``
    (``ntm check`` lists it; ``ntm record`` says it and records the figure all the same)."""
    if ind.plausible is None or value is None or isinstance(value, bool):
        return None
    low, high = ind.plausible
    if low <= value <= high:
        return None
    facts = {"indicator": ind.id, "value": float(value), "low": low, "high": high}
    return Problem("check.implausible", facts, severity=Severity.WARNING)


def _warnings(plan: Plan, valid: dict[int, _Valid]) -> list[Problem]:
    """Figures outside their plausible range, or more than ``max_jump_factor`` times
    (or a fraction of) last year's, or going to or from 0."""
    factor = plan.checks.max_jump_factor
    found: list[Problem] = []
    for year, v in sorted(valid.items()):
        for ind_id, entry in v.content.values.items():
            ind = plan.index[ind_id]
            if ind.is_yes_no:
                continue
            value = float(entry.value)
            path, line = v.path, v.lines.get(ind_id)
            found_here = implausible(ind, value)
            if found_here is not None:
                found.append(found_here.at(path, line))
            if ind.measure not in (Measure.PERCENT, Measure.AMOUNT) or year - 1 not in valid:
                continue  # a growth rate may change sign
            before = valid[year - 1].content.values.get(ind_id)
            if before is None:
                continue
            a, b = float(before.value), value
            facts = {"indicator": ind_id, "before": a, "after": b, "year": year - 1}
            if (a == 0) != (b == 0):  # 0 is the classic placeholder typed by mistake
                found.append(Problem("check.to_or_from_zero", facts, path, line, Severity.WARNING))
            elif a > 0 and b > 0 and max(a, b) / min(a, b) > factor:
                facts.update(ratio=max(a, b) / min(a, b), limit=factor)
                found.append(Problem("check.jump", facts, path, line, Severity.WARNING))
    return found

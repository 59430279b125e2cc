"""``ntm check``: every problem of a data folder, each with its file and line (pure
reading; nothing is written, and the cache is not used: this is the full audit).

Errors come from the file owners' validators (the same ones that loading uses, which
stop at the first); warnings flag what loads but looks wrong: stray and temporary
files, a figure outside its plausible range or far from last year's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_tracker.core.domain import Book, Plan, YearFile
from ntm_tracker.core.plausible import figure_warnings, structure_warnings
from ntm_tracker.core.problems import NtmError, Problem, Severity
from ntm_tracker.storage import planfile, yearfile
from ntm_tracker.storage.fsio import decode, read_bytes
from ntm_tracker.storage.store import Store, collector_paused, misplaced_warnings


@dataclass(frozen=True)
class CheckReport:
    files: list[Path]
    problems: list[Problem]
    plan: Plan | None = None  # the plan, when it is valid (its language is the report's)

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
    with collector_paused():  # as for a load: from 1,000 to 10,000 indicators x17 -> x10.7
        return _check(store)


def _check(store: Store) -> CheckReport:
    store.check_folder()
    problems: list[Problem] = []
    files = [store.plan_path]
    plan = _check_plan(store.plan_path, problems)
    problems += misplaced_warnings(store, store.misplaced())
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
            found = _check_year(plan, book, year, path, problems)
            if found is not None:
                valid[year] = found
        if plan is not None:
            problems += _warnings(plan, book, valid)
    order = {p: i for i, p in enumerate(files)}
    problems.sort(
        key=lambda p: (order.get(p.path, len(order)) if p.path else -1, str(p.path), p.line or 0)
    )
    return CheckReport(files, problems, plan)


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


def _check_year(
    plan: Plan, book: Book, year: int, path: Path, problems: list[Problem]
) -> _Valid | None:
    text = _read(path, problems)
    if text is None:
        return None
    checked = yearfile.validate(text, year, plan, book)
    problems += [p.at(path, p.line) for p in checked.problems]
    if checked.content is None:
        return None
    return _Valid(path, checked.content, checked.lines)


def _warnings(plan: Plan, book: Book, valid: dict[int, _Valid]) -> list[Problem]:
    """The warnings of every figure recorded (see :func:`figure_warnings`), located: the
    ones `record` and `plan` say (a year's plan figure is not compared with last year's)."""
    found: list[Problem] = []
    for year, v in sorted(valid.items()):
        last = valid.get(year - 1) if book is Book.ACTUALS else None
        for ind_id, entry in v.content.values.items():
            before = last.content.values.get(ind_id) if last is not None else None
            ind = plan.index[ind_id]
            previous = float(before.value) if before is not None and not ind.is_yes_no else None
            found += [
                p.at(v.path, v.lines.get(ind_id))
                for p in figure_warnings(plan, ind, year, entry.value, previous)
            ]
        shares = {k: e.value for k, e in v.content.values.items()}
        found += [p.at(v.path) for p in structure_warnings(plan, year, shares)]
    return found

"""``ntm check``: every problem of a data folder, each with its file and line (pure
reading; nothing is written, and the cache is not used: this is the full audit).

Errors come from the file owners' validators (the same ones that loading uses, which
stop at the first); warnings flag what loads but looks wrong: stray and temporary
files, a figure outside its plausible range or far from last year's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ntm_tracker import planfile, yearfile
from ntm_tracker.domain import Book, DataSet, Indicator, Measure, Plan, YearFile
from ntm_tracker.fsio import decode, read_bytes
from ntm_tracker.problems import NtmError, Problem, Severity
from ntm_tracker.store import NewValue, Store


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


def figure_warnings(
    plan: Plan, ind: Indicator, year: int, value: float | bool | None, before: float | None
) -> list[Problem]:
    """What looks wrong with the figure ``value`` of ``ind`` in ``year``, given last
    year's figure ``before``: outside the plausible range the plan sets, more than
    ``max_jump_factor`` times (or a fraction of) last year's, or going to or from 0.
    ``ntm check`` lists these; ``record`` and ``import`` say them and write all the same."""
    if value is None or isinstance(value, bool) or ind.is_yes_no:
        return []
    found: list[Problem] = []
    b = float(value)
    if ind.plausible is not None and not ind.plausible[0] <= b <= ind.plausible[1]:
        low, high = ind.plausible
        facts = {"indicator": ind.id, "value": b, "low": low, "high": high}
        found.append(Problem("check.implausible", facts, severity=Severity.WARNING))
    if before is None or ind.measure not in (Measure.PERCENT, Measure.AMOUNT):
        return found  # a growth rate may change sign
    a, factor = before, plan.checks.max_jump_factor
    jump: dict[str, object] = {"indicator": ind.id, "before": a, "after": b, "year": year - 1}
    if (a == 0) != (b == 0):  # 0 is the classic placeholder typed by mistake
        found.append(Problem("check.to_or_from_zero", jump, severity=Severity.WARNING))
    elif a > 0 and b > 0 and max(a, b) / min(a, b) > factor:
        jump.update(ratio=max(a, b) / min(a, b), limit=factor)
        found.append(Problem("check.jump", jump, severity=Severity.WARNING))
    return found


def entered_warnings(data: DataSet, items: Sequence[NewValue]) -> list[Problem]:
    """The warnings of figures being recorded or imported into ``data`` (last year's
    figure taken from the same import where it holds one)."""
    typed = {(i.book, i.indicator.id, i.year): i.value for i in items}
    found: list[Problem] = []
    for item in items:
        before: float | bool | None = None
        if item.book is Book.ACTUALS:
            last = (Book.ACTUALS, item.indicator.id, item.year - 1)
            if last in typed:
                before = typed[last]
            else:
                entry = data.book(Book.ACTUALS).entry(item.indicator.id, item.year - 1)
                before = entry.value if entry is not None else None
        previous = None if before is None or isinstance(before, bool) else float(before)
        found += figure_warnings(data.plan, item.indicator, item.year, item.value, previous)
    return found


def _warnings(plan: Plan, valid: dict[int, _Valid]) -> list[Problem]:
    """The warnings of every figure recorded (see :func:`figure_warnings`), located."""
    found: list[Problem] = []
    for year, v in sorted(valid.items()):
        last = valid.get(year - 1)
        for ind_id, entry in v.content.values.items():
            before = last.content.values.get(ind_id) if last is not None else None
            ind = plan.index[ind_id]
            previous = float(before.value) if before is not None and not ind.is_yes_no else None
            found += [
                p.at(v.path, v.lines.get(ind_id))
                for p in figure_warnings(plan, ind, year, entry.value, previous)
            ]
    return found

"""What looks wrong with a figure that is otherwise valid (pure): outside the plausible
range the plan sets, a jump from last year's figure, a change to or from 0, or the shares
of a structure not adding up to 100.

``ntm check`` lists these for every file; ``record`` and ``import`` say them for what
they write, and write all the same (a warning never blocks a figure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ntm_tracker.core.domain import Book, DataSet, Indicator, Measure, Plan, figure_of
from ntm_tracker.core.entering import NewValue
from ntm_tracker.core.problems import Problem, Severity


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

    def judged(item: NewValue) -> float | bool | None:
        return None if item.value is None else figure_of(item.indicator, item.value)[0]

    typed = {(i.book, i.indicator.id, i.year): judged(i) for i in items}
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
        found += figure_warnings(data.plan, item.indicator, item.year, judged(item), previous)
    years = {item.year for item in items if item.book is Book.ACTUALS}
    for year in sorted(years):
        entries = data.actuals.years.get(year)
        shares: dict[str, float | bool | None] = (
            {k: e.value for k, e in entries.values.items()} if entries is not None else {}
        )
        for item in items:
            if item.book is Book.ACTUALS and item.year == year:
                shares[item.indicator.id] = judged(item) if item.value is not None else None
        found += structure_warnings(data.plan, year, shares)
    return found


STRUCTURE_SLACK = 1.0  # percentage points a structure's shares may miss 100 by (rounding)


def structure_warnings(
    plan: Plan, year: int, shares: Mapping[str, float | bool | None]
) -> list[Problem]:
    """The structures whose shares, all recorded for ``year``, do not add up to about 100
    (within :data:`STRUCTURE_SLACK` points: each share is rounded when it is published)."""
    members: dict[str, list[Indicator]] = {}
    for ind in plan.indicators:
        if ind.structure is not None:
            members.setdefault(ind.structure, []).append(ind)
    found: list[Problem] = []
    for name, inds in members.items():
        values = [shares.get(i.id) for i in inds]
        numbers = [float(v) for v in values if v is not None and not isinstance(v, bool)]
        if len(numbers) < len(values):
            continue  # not every share is there yet
        total = sum(numbers)
        if abs(total - 100.0) > STRUCTURE_SLACK:
            facts = {"structure": name, "year": year, "total": total}
            found.append(Problem("check.structure_sum", facts, severity=Severity.WARNING))
    return found

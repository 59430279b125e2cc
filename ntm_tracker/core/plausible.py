"""What looks wrong with a figure that is otherwise valid (pure): outside the plausible
range the plan sets, a jump from last year's figure, or a change to or from 0.

``ntm check`` lists these for every file; ``record`` and ``import`` say them for what
they write, and write all the same (a warning never blocks a figure).
"""

from __future__ import annotations

from collections.abc import Sequence

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
    return found

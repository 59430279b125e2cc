"""The audit trail: every value ever recorded, built from the year files (pure, no I/O).

A year file keeps the current value of each indicator under ``values`` and every value
it replaced under ``history`` (with who recorded it, when, and when it was replaced).
Read together, they give one chain per indicator and year, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ntm_tracker.model import Change, Entry, Plan
from ntm_tracker.store import Actuals


@dataclass(frozen=True)
class LogEntry:
    """One value as it was recorded; ``previous`` is the value it replaced, if any."""

    indicator: str
    year: int
    value: float | bool
    estimate: bool
    note: str | None
    recorded_at: datetime | None
    recorded_by: str | None
    previous: float | bool | None
    previous_estimate: bool
    current: bool  # the value in force now (False: it was replaced later)

    @property
    def action(self) -> str:
        return "recorded" if self.previous is None else "replaced"


def change_log(
    plan: Plan, actuals: Actuals, indicator: str | None = None, year: int | None = None
) -> list[LogEntry]:
    """Every recorded value, chronological (oldest first), optionally for one indicator/year.

    Values without a time (typed into the file by hand) come first; ties are ordered by
    year, then plan order.
    """
    order = {ind.id: i for i, ind in enumerate(plan.indicators)}
    entries: list[LogEntry] = []
    for y, ya in actuals.years.items():
        if year is not None and y != year:
            continue
        chains: dict[str, list[Entry | Change]] = {}
        for change in ya.history:
            chains.setdefault(change.indicator, []).append(change)
        for ind_id, entry in ya.values.items():
            chains.setdefault(ind_id, []).append(entry)
        for ind_id, chain in chains.items():
            if indicator is not None and ind_id != indicator:
                continue
            previous: Entry | Change | None = None
            for link in chain:
                entries.append(
                    LogEntry(
                        indicator=ind_id,
                        year=y,
                        value=link.value,
                        estimate=link.estimate,
                        note=link.note,
                        recorded_at=link.recorded_at,
                        recorded_by=link.recorded_by,
                        previous=previous.value if previous is not None else None,
                        previous_estimate=previous.estimate if previous is not None else False,
                        current=isinstance(link, Entry),
                    )
                )
                previous = link
    entries.sort(
        key=lambda e: (
            e.recorded_at is not None,
            e.recorded_at.timestamp() if e.recorded_at is not None else 0.0,
            e.year,
            order.get(e.indicator, len(order)),
        )
    )
    return entries


def log_to_dict(entries: list[LogEntry]) -> list[dict[str, Any]]:
    """Raw values for JSON: times in ISO 8601, ``null`` where unknown."""
    return [
        {
            "time": e.recorded_at.isoformat() if e.recorded_at is not None else None,
            "user": e.recorded_by,
            "indicator": e.indicator,
            "year": e.year,
            "action": e.action,
            "value": e.value,
            "estimate": e.estimate,
            "previous": e.previous,
            "previous_estimate": e.previous_estimate if e.previous is not None else None,
            "note": e.note,
            "current": e.current,
        }
        for e in entries
    ]

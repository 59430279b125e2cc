"""The audit trail: every figure ever recorded, built from the year files (pure).

A year file keeps the figure in force for each indicator under ``values`` and every
figure it replaced (or that was removed) under ``history``, with who recorded it, when,
and when it was replaced. Read together they give one chain per indicator and year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from ntm_tracker.core.domain import Change, Entry, Figures, Plan


class Action(str, Enum):
    RECORDED = "recorded"
    REPLACED = "replaced"
    REMOVED = "removed"


@dataclass(frozen=True)
class LogEntry:
    """One event: a figure recorded, a figure replacing another, or a figure removed."""

    indicator: str
    year: int
    action: Action
    value: float | bool | None  # None for a removal
    estimate: bool
    note: str | None
    at: datetime | None
    by: str | None
    previous: float | bool | None  # the figure replaced or removed
    previous_estimate: bool
    current: bool  # the figure in force now


def change_log(
    plan: Plan, book: Figures, indicator: str | None = None, year: int | None = None
) -> list[LogEntry]:
    """Every event, oldest first, optionally for one indicator and/or year. Figures typed
    into a file by hand have no time and come first; ties by year, then plan order."""
    entries: list[LogEntry] = []
    for y, yf in book.years.items():
        if year is not None and y != year:
            continue
        chains: dict[str, list[Entry | Change]] = {}
        for change in yf.history:
            chains.setdefault(change.indicator, []).append(change)
        for ind_id, entry in yf.values.items():
            chains.setdefault(ind_id, []).append(entry)
        for ind_id, chain in chains.items():
            if indicator is not None and ind_id != indicator:
                continue
            entries += _events(ind_id, y, chain)
    order = plan.order
    entries.sort(
        key=lambda e: (
            e.at is not None,
            e.at.timestamp() if e.at is not None else 0.0,
            e.year,
            order.get(e.indicator, len(order)),
        )
    )
    return entries


def _events(ind_id: str, year: int, chain: list[Entry | Change]) -> list[LogEntry]:
    events: list[LogEntry] = []
    previous: Entry | Change | None = None
    for link in chain:
        replacing = previous is not None and not (isinstance(previous, Change) and previous.removed)
        events.append(
            LogEntry(
                ind_id,
                year,
                Action.REPLACED if replacing else Action.RECORDED,
                link.value,
                link.estimate,
                link.note,
                link.recorded_at,
                link.recorded_by,
                previous.value if replacing and previous is not None else None,
                previous.estimate if replacing and previous is not None else False,
                isinstance(link, Entry),
            )
        )
        if isinstance(link, Change) and link.removed:
            events.append(
                LogEntry(
                    ind_id,
                    year,
                    Action.REMOVED,
                    None,
                    False,
                    None,
                    link.replaced_at,
                    link.replaced_by,
                    link.value,
                    link.estimate,
                    False,
                )
            )
        previous = link
    return events


def log_to_dict(entries: list[LogEntry]) -> list[dict[str, Any]]:
    """Raw events for JSON: times in ISO 8601 with their UTC offset, null where unknown."""
    return [
        {
            "time": e.at.isoformat() if e.at is not None else None,
            "user": e.by,
            "indicator": e.indicator,
            "year": e.year,
            "action": e.action.value,
            "value": e.value,
            "estimate": e.estimate,
            "previous": e.previous,
            "previous_estimate": e.previous_estimate if e.previous is not None else None,
            "note": e.note,
            "current": e.current,
        }
        for e in entries
    ]

"""What a user typed, read as the domain's terms: an indicator, a year, a figure, a
note, a date (pure).

Every way in (the command line, an import row) reads through these, so the rules are
the same everywhere; each refusal is an :class:`InputError` carrying one problem.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from ntm_tracker.core.domain import NOTE_MAX, Book, Indicator, Plan, value_problem
from ntm_tracker.core.numbers import (
    NOT_A_NUMBER,
    NOT_A_RANGE,
    NumberError,
    Range,
    parse_number,
    parse_range,
    parse_year,
    parse_yes_no,
)
from ntm_tracker.core.problems import InputError, Problem


@dataclass(frozen=True)
class NewValue:
    """One figure to record (``value`` None: remove the figure recorded)."""

    indicator: Indicator
    year: int
    value: float | bool | Range | None  # None: remove the figure
    estimate: bool = False
    note: str | None = None
    book: Book = Book.ACTUALS


def find_indicator(plan: Plan, text: str) -> Indicator:
    """An indicator by its id, its number in the resolution ("4", "6b", "(6b)") or its
    full name in either language (a column of names pasted from a report)."""
    key = unicodedata.normalize("NFC", text).strip().strip("()").lower().replace("-", "_")
    name = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    for ind in plan.indicators:
        if ind.id == key or ind.number.lower() == key:
            return ind
    for ind in plan.indicators:
        if name in (" ".join(n.casefold().split()) for n in (ind.name.vi, ind.name.en) if n):
            return ind
    close = difflib.get_close_matches(key, list(plan.index), n=3, cutoff=0.5)
    raise InputError(Problem("input.unknown_indicator", {"text": text, "suggestions": close}))


def year_of(text: str) -> int:
    """A year as typed (``2026``), or InputError."""
    try:
        return parse_year(text)
    except NumberError:
        raise InputError(Problem("input.not_a_year", {"text": text})) from None


def check_year(plan: Plan, year: int) -> None:
    years = plan.years
    if year not in years:
        facts = {"year": year, "start": years.start, "end": years[-1]}
        raise InputError(Problem("input.year_outside", facts))


def parse_value(ind: Indicator, text: str) -> float | bool | Range:
    """What was typed for ``ind`` (``96,5``, ``có``, a range ``8-8,5``) as a figure, or
    InputError."""
    try:
        value: float | bool | Range = parse_yes_no(text) if ind.is_yes_no else parse_number(text)
    except NumberError as exc:
        code = exc.code
        if ind.is_yes_no or code != NOT_A_NUMBER:
            raise InputError(
                Problem(f"value.{code}", {"text": text, "indicator": ind.id})
            ) from None
        try:
            value = Range(*parse_range(text))
        except NumberError as again:
            code = code if again.code == NOT_A_RANGE else again.code
            raise InputError(
                Problem(f"value.{code}", {"text": text, "indicator": ind.id})
            ) from None
    found = value_problem(ind, value)
    if found is not None:
        raise InputError(found)
    return value


def check_note(note: str | None) -> str | None:
    """The note to keep (None when blank), or InputError when it cannot be stored."""
    if note is None or not note.strip():
        return None
    note = unicodedata.normalize("NFC", note.strip())
    if len(note) > NOTE_MAX:
        raise InputError(Problem("input.note_too_long", {"length": len(note), "limit": NOTE_MAX}))
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(Problem("input.note_not_text", {})) from None
    return note


_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def date_of(text: str) -> date:
    """A date as typed: 2027-12-15, or the office's 15/12/2027 (15.12.2027, 15-12-2027)."""
    s = text.strip()
    try:
        if _ISO_DATE.fullmatch(s):
            return date.fromisoformat("-".join(p.zfill(2) for p in s.split("-")))
        day, month, year = (int(p) for p in re.split(r"[/.-]", s))
        return date(year, month, day)
    except ValueError:  # int(), date() and the unpacking of a wrong count of parts
        raise InputError(Problem("input.not_a_date", {"text": text})) from None

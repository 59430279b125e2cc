"""Sentences as data: a catalog key and the typed facts that fill it (pure).

(The fact types are named tuples: a report makes hundreds of them, and a module of
dataclasses costs milliseconds to import on every command.)

The core never writes a word; where it knows how something is said (a target kind knows
its own sentences), it gives a :class:`Phrase`: the key of a catalog entry and its
parameters, each a plain value (a year, a count), an enum (put in words by its own
catalog entry), a nested phrase, or one of the figure types below, which say how a
number is shown. ``Words.say`` (``ntm_tracker.i18n``) turns a phrase into text in the
user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Comparator, Indicator


NOTE = "(*)"  # the mark of a target whose reading a footnote explains


class Phrase:
    """A catalog entry (``key``) and the facts that fill its placeholders."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params: Mapping[str, Any] = params

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]  # params may hold unhashable facts


class Fig(NamedTuple):
    """A figure of an indicator: as recorded (``computed`` False: 80, 96,5, up to the
    places typed) or computed (the indicator's places, or ``places``: 86,8), with its
    unit (``unit``: '86,8 triệu đồng') or bare; a yes/no figure in words; None as '-'.
    ``mark`` is the catalog key of a mark after it ('word.estimate': '(ước thực hiện)')."""

    indicator: Indicator
    value: float | bool | None
    unit: bool = True
    computed: bool = False
    places: int | None = None
    mark: str | None = None


class Diff(NamedTuple):
    """The size of a difference in the indicator's unit: '2 triệu đồng', '0,4 điểm phần
    trăm' (shares and rates differ in percentage points)."""

    indicator: Indicator
    value: float


class Pct(NamedTuple):
    """A ratio in %: '101,2%'."""

    value: float


class Num(NamedTuple):
    """A plain number with ``places`` decimals (the figures inside a formula)."""

    value: float
    places: int


class Goal(NamedTuple):
    """An indicator's target in words: 'trên 90%', '120 triệu đồng' (``short``: for a
    table cell, without the unit: 'trên 90'), or the number alone (``number``)."""

    indicator: Indicator
    short: bool = False
    number: bool = False


class Scope(NamedTuple):
    """What a target applies to: 'by 2030', 'every year', 'total 2026-2030'."""

    indicator: Indicator


class Versus(NamedTuple):
    """A comparison in words: 'above 90%', 'dưới 1,0%' (``x`` is the compared fact)."""

    comparator: Comparator
    x: Any


class Terms(NamedTuple):
    """Facts joined by an operator, as a formula writes them: '82 + 70', '(1 + 11/100) ×
    (1 + 8/100)'."""

    items: tuple[Any, ...]
    operator: str  # "+", "×"


class Years(NamedTuple):
    """Years as a list: '2026, 2027'."""

    years: tuple[int, ...]


def span(start: int, last: int) -> str:
    """A run of years as a report writes it: '2026' or '2026-2027'."""
    return str(start) if start >= last else f"{start}-{last}"

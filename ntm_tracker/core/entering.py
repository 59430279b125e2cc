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


def folded(text: str) -> str:
    """Text as a name is matched: without accents (``Thu nhập`` is ``thu nhap``, đ is d),
    lower case, single spaces, so that a clerk typing without Vietnamese keys finds it."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def find_indicator(plan: Plan, text: str) -> Indicator:
    """An indicator by its id, its number in the resolution ("4", "6b", "(6b)") or its
    full name in either language, with or without accents (a column of names pasted from
    a report). Otherwise InputError suggesting close ids, and the indicators whose names
    hold the words typed ("thu nhập", "thu nhap": income)."""
    key = unicodedata.normalize("NFC", text).strip().strip("()").lower().replace("-", "_")
    name = folded(text)
    for ind in plan.indicators:
        if ind.id == key or ind.number.lower() == key:
            return ind
    for ind in plan.indicators:
        if name in (folded(n) for n in (ind.name.vi, ind.name.en) if n):
            return ind
    close = difflib.get_close_matches(key, list(plan.index), n=3, cutoff=0.5)
    close += [i for i in named_like(plan, text) if i not in close]
    raise InputError(Problem("input.unknown_indicator", {"text": text, "suggestions": close[:3]}))


def named_like(plan: Plan, text: str) -> list[str]:
    """The ids of the indicators whose name (either language, accents aside) holds what
    was typed, or most of its words; best first."""
    typed = folded(text)
    words = [w for w in typed.replace("_", " ").split() if len(w) >= 3 or w.isdigit()]
    if not words:
        return []
    scored = []
    for ind in plan.indicators:
        names = [folded(n) for n in (ind.name.vi, ind.name.en) if n]
        if any(typed in n for n in names):
            scored.append((100, ind.id))
            continue
        held = max(sum(w in n.split() for w in words) for n in names)
        if held:
            scored.append((held, ind.id))
    scored.sort(key=lambda s: -s[0])
    best = scored[0][0] if scored else 0
    return [i for score, i in scored if score == 100 or best < 100]


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


# The bidirectional controls that reorder what a reader sees (U+202E shows "abc" as
# "cba"): a note is read by people, and a note that does not read as it is stored misleads.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n"}


def unsafe_char(text: str, *, lines: bool = True) -> str | None:
    """The first character ``text`` may not hold as stored text, or None: a control
    character (ESC, which drives a terminal; BEL; DEL; NEL...) or a bidirectional
    override. ``lines``: a line break and a tab are text (a note keeps them)."""
    if text.isprintable():  # the common case, at C speed
        return None
    for c in text:
        if lines and c in "\n\t":
            continue
        if c in _BIDI or unicodedata.category(c) == "Cc":
            return c
    return None


def one_break(text: str) -> str:
    """Every kind of line break (Windows' \\r\\n, an old Mac's \\r, Word's U+2029) as one \\n."""
    for typed, kept in _LINE_BREAKS.items():
        text = text.replace(typed, kept)
    return text


def code_point(c: str) -> str:
    """How a message names an invisible character: U+001B."""
    return f"U+{ord(c):04X}"


def check_note(note: str | None) -> str | None:
    """The note to keep (None when blank), or InputError when it cannot be stored. Line
    breaks of any kind (Windows', Word's U+2029) are kept as one line break; a control
    character or a bidirectional override is refused."""
    if note is None or not note.strip():
        return None
    note = one_break(unicodedata.normalize("NFC", note.strip()))
    if len(note) > NOTE_MAX:
        raise InputError(Problem("input.note_too_long", {"length": len(note), "limit": NOTE_MAX}))
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(Problem("input.note_not_text", {})) from None
    bad = unsafe_char(note)
    if bad is not None:
        raise InputError(Problem("input.note_control", {"char": code_point(bad)}))
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


# What follows the number on a Party committee's report ("Số 15-BC/ĐU"), typed with it
_DOCUMENT_SUFFIX = re.compile(r"\s*[-\u2013]?\s*BC\s*/\s*(ĐU|DU|Đu|đu|du)\s*", re.IGNORECASE)


def document_number(text: str) -> str:
    """The report's number as the frame writes it before -BC/ĐU: ``15`` (typed ``15`` or
    ``15-BC/ĐU``, the whole number as it stands on the paper); InputError for a number
    that is none (``-5``, ``abc``)."""
    s = unicodedata.normalize("NFC", text).strip()
    suffix = _DOCUMENT_SUFFIX.search(s)
    if suffix is not None and suffix.end() == len(s):
        s = s[: suffix.start()]
    if not (s.isdigit() and s.isascii() and len(s) <= 6 and int(s) > 0):
        raise InputError(Problem("input.not_a_document_number", {"text": text}))
    return s


def report_date(when: date, text: str, year: int) -> date:
    """The date of the report on ``year``: in that year (the December report) or the next
    (the final figures in January); InputError otherwise (1999-01-01 is a slip)."""
    if when.year not in (year, year + 1):
        facts = {"text": text, "year": year, "next": year + 1}
        raise InputError(Problem("input.date_outside", facts))
    return when

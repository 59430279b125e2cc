"""The year file (``actuals/YEAR.yaml``, ``plans/YEAR.yaml``): its one reader, validator
and writer.

Layout, as ntm writes it (hand edits in any YAML form are fine)::

    # comment lines (kept as they are)
    year: 2026
    values:
      revenue: {value: 82, recorded_at: 2026-11-29T10:15:00+07:00, recorded_by: "lan"}
      income: {value: 80.5, estimate: true, note: "Ước thực hiện", recorded_at: ..., ...}
      ntm_criteria: yes                       # the short form: the value alone
    history:
      - {indicator: income, value: 80, recorded_at: ..., replaced_at: ..., replaced_by: "minh"}

:func:`validate` reads a text against the plan and returns the YearFile with every
problem it found, each with its line; loading stops at the first one, ``ntm check``
lists them all. :func:`new_text` writes a new file; :func:`edit` changes an existing
one line by line, so that everything else in it (comments, blank lines, the form of
other entries) stays as it was typed. :func:`to_cache`/:func:`from_cache` give the
validated content as plain JSON data for the cache.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ntm_tracker.core.domain import (
    ID_MAX,
    ID_PATTERN,
    NOTE_MAX,
    USER_MAX,
    Book,
    Change,
    Comparator,
    Entry,
    Indicator,
    Plan,
    YearFile,
    deciding,
    figure_of,
    needs_estimate,
    value_problem,
)
from ntm_tracker.core.entering import code_point, one_break, unsafe_char
from ntm_tracker.core.numbers import (
    NOT_A_NUMBER,
    NOT_A_RANGE,
    NumberError,
    Range,
    parse_number,
    parse_range,
    parse_year,
    parse_yes_no,
    plain_text,
)
from ntm_tracker.core.problems import Problem, Severity
from ntm_tracker.storage.yamlio import (
    Document,
    Where,
    YamlProblem,
    parse,
    quoted,
    slip,
    split_figure,
    with_point,
    word,
)

TOP_KEYS = ("year", "comment", "values", "history")
ENTRY_KEYS = ("value", "estimate", "note", "recorded_at", "recorded_by")
CHANGE_KEYS = ("indicator", *ENTRY_KEYS, "replaced_at", "replaced_by", "removed")
_ID = re.compile(ID_PATTERN)


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """What :func:`validate` made of a text: the content (None when it cannot be used)
    and every problem, errors and warnings, in file order."""

    content: YearFile | None
    problems: list[Problem]
    lines: dict[str, int] = field(default_factory=dict)  # the line of each entry of values

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def validate(text: str, year: int, plan: Plan, book: Book) -> Checked:
    """Read the text of the file named ``year`` of ``book`` against ``plan``, with the
    rules a figure recorded by a command follows; problems carry lines (the caller adds
    the path)."""
    try:
        doc = parse(text)
    except YamlProblem as exc:
        return Checked(None, [exc.problem])
    reader = _Reader(doc, year, plan, book)
    content = reader.read()
    problems = sorted(reader.problems, key=lambda p: p.line or 0)
    errors = any(p.severity is Severity.ERROR for p in problems)
    if errors:  # a Notepad slip that YAML read as something else ({value:82}): named first
        found = slip(text)
        if found is not None:
            problems = [found, *(p for p in problems if p.line != found.line)]
    lines = {str(w[1]): n for w, n in doc.lines.items() if len(w) == 2 and w[0] == "values"}
    return Checked(None if errors else content, problems, lines)


class _Reader:
    def __init__(self, doc: Document, year: int, plan: Plan, book: Book) -> None:
        self.doc = doc
        self.year = year
        self.plan = plan
        self.book = book
        self.problems: list[Problem] = []

    def add(
        self, code: str, where: Where, severity: Severity = Severity.ERROR, **params: Any
    ) -> None:
        self.problems.append(Problem(code, params, line=self.doc.line(where), severity=severity))

    def read(self) -> YearFile | None:
        data = self.doc.data
        if data is None:
            self.add("year.empty", ())
            return None
        if not isinstance(data, dict):
            self.add("year.not_mapping", (), found=_shape(data))
            return None
        for key in data:
            if key in TOP_KEYS:
                continue
            if isinstance(key, str) and self._named(key) is not None:  # revenue: 82, unindented
                self.add("year.outside_values", (key,), key=key)
            else:
                self.add("year.unknown_key", (key,), key=key, allowed=TOP_KEYS)
        year = self._year(data)
        comment = self._text(data.get("comment"), ("comment",), NOTE_MAX)
        values = self._values(data.get("values"))
        history = self._history(data.get("history"))
        if year is None or values is None or history is None:
            return None
        return YearFile(year, comment, values, history)

    def _year(self, data: dict[str, Any]) -> int | None:
        raw = data.get("year")
        if raw is None:
            self.add("year.year_missing", (), year=self.year)
            return None
        if not isinstance(raw, str):
            self.add("year.not_a_year", ("year",), text=_shape(raw))
            return None
        try:
            year = parse_year(raw)
        except NumberError:
            self.add("year.not_a_year", ("year",), text=raw)
            return None
        if year != self.year:
            self.add("year.name_mismatch", ("year",), year=year, file_year=self.year)
            return None
        years = self.plan.years
        if year not in years:
            self.add("year.outside_term", ("year",), year=year, start=years.start, end=years[-1])
            return None
        return year

    def _text(self, raw: Any, where: Where, limit: int, lines: bool = True) -> str | None:
        """A text field (a note, a comment; ``lines`` False: a user's name, one line)."""
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.add("year.not_text", where, key=where[-1], found=_shape(raw))
            return None
        if len(raw) > limit:
            self.add("year.too_long", where, key=where[-1], length=len(raw), limit=limit)
            return None
        text: str = raw
        if lines and ("\r" in text or "\u2028" in text or "\u2029" in text):
            text = one_break(text)  # as a note typed today keeps it (an older import kept \r\n)
        bad = unsafe_char(text, lines=lines)
        if bad is not None:
            self.add("year.control_char", where, key=where[-1], char=code_point(bad))
            return None
        return text

    def _flag(self, raw: Any, where: Where) -> bool:
        if raw is None:
            return False
        if isinstance(raw, str):
            try:
                return parse_yes_no(raw)
            except NumberError:
                pass
        self.add("year.not_yes_no", where, key=where[-1], text=_shape(raw))
        return False

    def _moment(self, raw: Any, where: Where, required: bool = False) -> datetime | None:
        if raw is None:
            if required:
                self.add("year.key_missing", where[:-1], key=where[-1])
            return None
        if isinstance(raw, str):
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                pass
        self.add("year.not_a_time", where, key=where[-1], text=_shape(raw))
        return None

    def _named(self, key: str) -> Indicator | None:
        """The indicator ``key`` names: its id, its number (6a) or its name (either language,
        accents aside): what a clerk may type as a key."""
        from ntm_tracker.core.entering import find_indicator, named_like
        from ntm_tracker.core.problems import InputError

        try:
            return find_indicator(self.plan, key)
        except InputError:
            pass
        if _ID.fullmatch(key):  # an id mistyped (incom): the message of an unknown id
            return None
        like = named_like(self.plan, key)  # a part of a name: "Thu nhập bình quân"
        return self.plan.index[like[0]] if len(like) == 1 else None

    def _indicator(self, ind_id: Any, where: Where, severity: Severity) -> Indicator | None:
        if isinstance(ind_id, str) and ind_id not in self.plan.index:
            meant = self._named(ind_id)
            if meant is not None:  # 6a: 94, Thu nhập bình quân...: 87
                self.add("year.not_an_id", where, severity=severity, key=ind_id, id=meant.id)
                return None
        if not isinstance(ind_id, str) or len(ind_id) > ID_MAX or not _ID.fullmatch(ind_id):
            self.add("year.bad_id", where, severity=severity, indicator=_shape(ind_id))
            return None
        ind = self.plan.index.get(ind_id)
        if ind is None:
            close = difflib.get_close_matches(ind_id, list(self.plan.index), n=1)
            self.add(
                "year.unknown_indicator",
                where,
                severity=severity,
                indicator=ind_id,
                suggestion=close[0] if close else None,
            )
        return ind

    def _value(self, ind: Indicator | None, raw: Any, where: Where) -> float | bool | Range | None:
        if raw is None:
            self.add("year.value_missing", where[:-1] if where[-1] == "value" else where)
            return None
        if not isinstance(raw, str):
            self.add("year.not_a_value", where, found=_shape(raw))
            return None
        value = typed(ind, raw)
        if value is None or isinstance(value, str):  # a problem code from the parser
            code = value or NOT_A_NUMBER
            self.add("value." + code, where, text=raw, indicator=where[1])
            return None
        if ind is not None:
            problem = value_problem(ind, value)
            if problem is not None:
                self.problems.append(replace(problem, line=self.doc.line(where)))
                return None
        return value

    def _figure(
        self, ind: Indicator | None, raw: Any, where: Where
    ) -> tuple[float | bool, Range | None]:
        """The figure judged and the range typed (False in place of a figure refused)."""
        value = self._value(ind, raw, where)
        if value is None:
            return False, None
        if ind is None:
            return (
                (deciding(value, Comparator.AT_LEAST), value)
                if isinstance(value, Range)
                else (value, None)
            )
        return figure_of(ind, value)

    def _values(self, raw: Any) -> dict[str, Entry] | None:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.add("year.values_not_mapping", ("values",), found=_shape(raw))
            return None
        values: dict[str, Entry] = {}
        ok = True
        for ind_id, item in raw.items():
            where: Where = ("values", ind_id)
            before = len(self.problems)
            split = split_figure(raw, ind_id)  # `values: {income: 87,5}`: 87 and a key 5
            if split is not None:
                figure = split[1]
                self.add("year.split_decimal", where, text=figure, dotted=with_point(figure))
                ok = False
                continue
            ind = self._indicator(ind_id, where, Severity.ERROR)
            fields = self._fields(item, where, ENTRY_KEYS, ("value",))
            if fields is None:
                ok = False
                continue
            value, span = self._figure(ind, fields.get("value"), (*where, "value"))
            entry = Entry(
                value,
                self._flag(fields.get("estimate"), (*where, "estimate")),
                self._text(fields.get("note"), (*where, "note"), NOTE_MAX),
                self._moment(fields.get("recorded_at"), (*where, "recorded_at")),
                self._text(fields.get("recorded_by"), (*where, "recorded_by"), USER_MAX, False),
                span,
            )
            if len(self.problems) == before and needs_estimate(self.book, span, entry.estimate):
                text = fields.get("value")
                self.add(
                    "year.range_needs_estimate", (*where, "value"), indicator=ind_id, text=text
                )
            if len(self.problems) > before or ind is None:
                ok = False
                continue
            values[ind_id] = entry
        return values if ok else None

    def _fields(
        self, item: Any, where: Where, keys: Sequence[str], required: Sequence[str]
    ) -> dict[str, Any] | None:
        """An entry's fields; a bare value is the short form of ``{value: ...}``."""
        if not isinstance(item, dict):
            if isinstance(item, list):
                self.add("year.entry_shape", where, found=_shape(item))
                return None
            return {"value": item}
        ok = True
        for key in item:
            if key in keys:
                continue
            split = split_figure(item, key)  # `{value: 96,5}`: 96 and a key 5
            if split is not None:
                figure = split[1]
                self.add(
                    "year.split_decimal", (*where, key), text=figure, dotted=with_point(figure)
                )
            else:
                self.add("year.unknown_key", (*where, key), key=key, allowed=tuple(keys))
            ok = False
        for key in required:
            if key not in item:
                self.add("year.key_missing", where, key=key)
                ok = False
        return item if ok else None

    def _history(self, raw: Any) -> tuple[Change, ...] | None:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.add("year.history_not_list", ("history",), found=_shape(raw))
            return None
        changes: list[Change] = []
        ok = True
        for i, item in enumerate(raw):
            where: Where = ("history", i)
            before = len(self.problems)
            if not isinstance(item, dict):
                self.add("year.entry_shape", where, found=_shape(item))
                ok = False
                continue
            fields = self._fields(item, where, CHANGE_KEYS, ("indicator", "value", "replaced_at"))
            if fields is None:
                ok = False
                continue
            ind = self._indicator(fields["indicator"], (*where, "indicator"), Severity.WARNING)
            value, span = self._figure(ind, fields["value"], (*where, "value"))
            replaced_at = self._moment(fields["replaced_at"], (*where, "replaced_at"), True)
            change = Change(
                str(fields["indicator"]),
                value,
                replaced_at or datetime.min,
                self._flag(fields.get("estimate"), (*where, "estimate")),
                self._text(fields.get("note"), (*where, "note"), NOTE_MAX),
                self._moment(fields.get("recorded_at"), (*where, "recorded_at")),
                self._text(fields.get("recorded_by"), (*where, "recorded_by"), USER_MAX, False),
                self._text(fields.get("replaced_by"), (*where, "replaced_by"), USER_MAX, False),
                self._flag(fields.get("removed"), (*where, "removed")),
                span,
            )
            if any(p.severity is Severity.ERROR for p in self.problems[before:]):
                ok = False
                continue
            changes.append(change)
        return tuple(changes) if ok else None


def typed(ind: Indicator | None, text: str) -> float | bool | Range | str | None:
    """A figure as the office types it, read for ``ind``: a number (``96,5``, ``070``),
    a range (``8-8,5``) or yes/no (``có``). A problem code (a str) when it is none of
    them; for an unknown indicator whichever fits, or None."""
    if ind is not None:
        try:
            return parse_yes_no(text) if ind.is_yes_no else parse_number(text)
        except NumberError as exc:
            if ind.is_yes_no or exc.code != NOT_A_NUMBER:
                return exc.code
        try:
            return Range(*parse_range(text))
        except NumberError as exc:
            return NOT_A_NUMBER if exc.code == NOT_A_RANGE else exc.code
    for parse_as in (parse_number, parse_yes_no):
        try:
            return parse_as(text)
        except NumberError:
            pass
    return None


def _shape(raw: Any) -> str:
    """How a wrong value is shown in a message: the text typed, or what kind of thing."""
    if isinstance(raw, str):
        return raw
    if raw is None:
        return ""
    return "[...]" if isinstance(raw, list) else "{...}"


# -- the cache form --------------------------------------------------------------------


def to_cache(yf: YearFile) -> dict[str, Any]:
    """The validated content as JSON data (see :mod:`ntm_tracker.storage.cache`)."""

    def moment(m: datetime | None) -> str | None:
        return m.isoformat() if m is not None else None

    return {
        "year": yf.year,
        "comment": yf.comment,
        "values": {
            k: [e.value, e.estimate, e.note, moment(e.recorded_at), e.recorded_by, e.span]
            for k, e in yf.values.items()
        },
        "history": [
            [
                c.indicator,
                c.value,
                moment(c.replaced_at),
                c.estimate,
                c.note,
                moment(c.recorded_at),
                c.recorded_by,
                c.replaced_by,
                c.removed,
                c.span,
            ]
            for c in yf.history
        ],
    }


def from_cache(data: dict[str, Any]) -> YearFile:
    moments: dict[str, datetime] = {}

    def moment(text: str | None) -> datetime | None:
        if text is None:
            return None
        m = moments.get(text)
        if m is None:
            m = moments[text] = datetime.fromisoformat(text)
        return m

    def span(pair: list[float] | None) -> Range | None:
        return Range(float(pair[0]), float(pair[1])) if pair is not None else None

    for _, _, _, at, _, _ in data["values"].values():  # each time read once
        if at is not None and at not in moments:
            moments[at] = datetime.fromisoformat(at)
    # tuple.__new__: an Entry without the named tuple's Python-level __new__ (a warm
    # status of 10,000 indicators x 30 years builds 300,000 of them)
    new, at_of = tuple.__new__, moments.get
    values = {
        k: new(Entry, (v, e, n, at_of(at), by, span(s)))
        for k, (v, e, n, at, by, s) in data["values"].items()
    }
    history = tuple(
        Change(i, v, moment(r) or datetime.min, e, n, moment(at), by, rb, rm, span(s))
        for i, v, r, e, n, at, by, rb, rm, s in data["history"]
    )
    return YearFile(data["year"], data["comment"], values, history)


# -- writing ---------------------------------------------------------------------------


def value_text(value: float | bool | Range) -> str:
    """A figure as the file holds it: 82, 80.5, yes, 8-8.5."""
    if isinstance(value, Range):
        return f"{value_text(value.low)}-{value_text(value.high)}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return plain_text(value)


def _moment_text(moment: datetime) -> str:
    return moment.isoformat()  # digits, '-', ':', 'T', '+': plain YAML, read back as text


def entry_text(entry: Entry | Change) -> str:
    """One entry (or history item) as a one-line flow mapping."""
    parts = []
    if isinstance(entry, Change):
        parts.append(f"indicator: {word(entry.indicator)}")
    parts.append(f"value: {value_text(entry.span or entry.value)}")
    if entry.estimate:
        parts.append("estimate: true")
    if entry.note:
        parts.append(f"note: {quoted(entry.note)}")
    if entry.recorded_at is not None:
        parts.append(f"recorded_at: {_moment_text(entry.recorded_at)}")
    if entry.recorded_by:
        parts.append(f"recorded_by: {quoted(entry.recorded_by)}")
    if isinstance(entry, Change):
        parts.append(f"replaced_at: {_moment_text(entry.replaced_at)}")
        if entry.replaced_by:
            parts.append(f"replaced_by: {quoted(entry.replaced_by)}")
        if entry.removed:
            parts.append("removed: true")
    return "{" + ", ".join(parts) + "}"


def _ordered(plan: Plan, ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=lambda k: (plan.order.get(k, len(plan.order)), k))


def new_text(plan: Plan, yf: YearFile, header: Sequence[str] = ()) -> str:
    """The text of a new year file: ``header`` as comment lines, values in plan order."""
    lines = [f"# {line}".rstrip() for line in header]
    lines.append(f"year: {yf.year}")
    if yf.comment:
        lines.append(f"comment: {quoted(yf.comment)}")
    lines.append("values:")
    lines += [f"  {k}: {entry_text(yf.values[k])}" for k in _ordered(plan, yf.values)]
    if yf.history:
        lines.append("history:")
        lines += [f"  - {entry_text(c)}" for c in yf.history]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Set:
    indicator: str
    entry: Entry


@dataclass(frozen=True)
class Remove:
    indicator: str


@dataclass(frozen=True)
class Log:
    change: Change


Operation = Set | Remove | Log


def apply(yf: YearFile, operations: Sequence[Operation]) -> YearFile:
    """The content after ``operations``: what :func:`edit` must write, and what the
    text written is checked against before it replaces the file."""
    values = dict(yf.values)
    history = list(yf.history)
    for op in operations:
        if isinstance(op, Set):
            values[op.indicator] = op.entry
        elif isinstance(op, Remove):
            values.pop(op.indicator, None)
        else:
            history.append(op.change)
    return replace(yf, values=values, history=tuple(history))


def edit(text: str, plan: Plan, before: YearFile, operations: Sequence[Operation]) -> str:
    """``text`` with ``operations`` applied to its lines: an entry replaced or removed in
    place, a new entry inserted in plan order, a history item appended. Comments and
    blank lines are kept, a comment on a replaced line moves with it, and the rest of
    the file is untouched. A section written in flow style (``values: {...}``) is
    rewritten in block style, its comments kept above it.
    """
    from ntm_tracker.storage.lines import LineEditor

    after = apply(before, operations)
    editor = LineEditor(text)
    for op in operations:
        if isinstance(op, Set):
            editor.set_entry(
                "values",
                op.indicator,
                entry_text(op.entry),
                plan.order,
                lambda: _block(plan, after),
            )
        elif isinstance(op, Remove):
            editor.remove_entry("values", op.indicator, lambda: _block(plan, after))
        else:
            editor.append_item("history", entry_text(op.change), lambda: _history_block(after))
    return editor.text()


def _block(plan: Plan, yf: YearFile) -> list[str]:
    return [f"{k}: {entry_text(yf.values[k])}" for k in _ordered(plan, yf.values)]


def _history_block(yf: YearFile) -> list[str]:
    return [f"- {entry_text(c)}" for c in yf.history]

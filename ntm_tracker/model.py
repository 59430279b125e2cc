"""The plan and the recorded actuals: domain classes, their rules, and their validation.

The classes are frozen dataclasses, so that reading a data folder needs no pydantic: a
command starts in the time it takes to import what it uses. ``plan_from_raw`` and
``year_from_raw`` first try ``_Fast``, a strict reader that accepts only values it is
sure about (exact types, known keys, every range and pattern checked); anything else
goes to the pydantic models of ``schema``, which are the authority: they accept, coerce
(``"2026"`` -> 2026) or raise a located error. Tests check that whatever the fast reader
accepts, pydantic accepts with the same result.

The cross-field rules (``indicator_problem``, ``plan_problem``...) are written once,
here, and both paths call them.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Literal, NamedTuple, TypeVar

from ntm_tracker.fastyaml import MISSING, parse_simple, split_values
from ntm_tracker.numbers import parse_number, parse_yes_no

Lang = Literal["en", "vi"]
LANGS: tuple[Lang, ...] = ("en", "vi")

# Limits shared by the pydantic schema and the fast reader.
ID_PATTERN = r"[a-z][a-z0-9_]*"
ID_MAX = 64
NUMBER_PATTERN = r"[0-9A-Za-z.]+"
NUMBER_MAX = 16
TEXT_MAX = 500
COMMUNE_MAX = 200
SECTION_MAX = 32
SOURCE_MAX = 2000
NOTE_MAX = 2000
USER_MAX = 200
YEAR_MIN, YEAR_MAX = 1900, 2200  # of the term
DECIMALS_MAX = 6
JUMP_MAX = 1000.0


class Kind(str, Enum):
    LEVEL = "level"  # a value judged against a trajectory from the baseline
    CUMULATIVE = "cumulative"  # a sum over a period judged against an even share
    ANNUAL = "annual"  # a threshold to meet in every year
    MAINTAINED = "maintained"  # yes/no, every year


class Comparator(str, Enum):
    AT_LEAST = "at_least"  # "đạt", "từ ... trở lên"
    ABOVE = "above"  # "trên": strictly above
    BELOW = "below"  # "dưới": strictly below
    AT_MOST = "at_most"  # "không quá", "tối đa"

    @property
    def higher_is_better(self) -> bool:
        return self in (Comparator.AT_LEAST, Comparator.ABOVE)

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {
    Comparator.AT_LEAST: "≥",
    Comparator.ABOVE: ">",
    Comparator.BELOW: "<",
    Comparator.AT_MOST: "≤",
}


class Trajectory(str, Enum):
    LINEAR = "linear"
    COMPOUND = "compound"


class Measure(str, Enum):
    PERCENT = "percent"  # a share, 0-100
    RATE = "rate"  # a growth rate in %, may be negative or above 100
    AMOUNT = "amount"  # money or a count, >= 0
    YES_NO = "yes_no"  # maintained indicators

    def valid_range(self) -> tuple[float | None, float | None]:
        return _RANGES[self]


_RANGES: dict[Measure, tuple[float | None, float | None]] = {
    Measure.PERCENT: (0.0, 100.0),
    Measure.RATE: (-100.0, None),
    Measure.AMOUNT: (0.0, None),
    Measure.YES_NO: (None, None),
}


class Field_(str, Enum):
    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    PARTY_GOVERNMENT = "party_government"
    DEFENCE_SECURITY = "defence_security"


FIELD_ORDER = list(Field_)

# -- domain classes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages."""

    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True, slots=True)
class Term:
    start: int
    end: int

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(frozen=True, slots=True)
class StatusBands:
    """Edges of the progress bands (share R of the expected change achieved)."""

    on_track: float = 0.95
    needs_acceleration: float = 0.60


@dataclass(frozen=True, slots=True)
class Checks:
    """Settings of the plausibility warnings of ``ntm check``."""

    # warn when a value is more than this many times the previous year's, or less
    # than the previous year's divided by it (percent and amount measures)
    max_jump_factor: float = 3.0


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    number: str
    field: Field_
    name: Text
    unit: Text
    kind: Kind
    measure: Measure
    comparator: Comparator
    target: float | bool
    target_year: int
    trajectory: Trajectory = Trajectory.LINEAR
    period: Period | None = None
    decimals: int = 1
    plausible: tuple[float, float] | None = None
    supplementary: bool = False
    section: str = "II"
    source: str = ""

    def valid_range(self) -> tuple[float | None, float | None]:
        return self.measure.valid_range()


@dataclass(frozen=True, slots=True)
class Plan:
    title: Text
    commune: str
    term: Term
    baseline_year: int
    indicators: list[Indicator]
    language: Lang = "en"
    status_bands: StatusBands = StatusBands()
    checks: Checks = Checks()

    def by_id(self) -> dict[str, Indicator]:
        return {ind.id: ind for ind in self.indicators}


class Entry(NamedTuple):
    """One recorded value with its provenance.

    Entry and Change are named tuples, not dataclasses: 10,000 indicators x 30 years make
    300,000 of them, and a tuple is built four times faster than a frozen dataclass."""

    value: float | bool
    estimate: bool = False
    note: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None


class Change(NamedTuple):
    """A value that was replaced: kept for the audit trail, never deleted."""

    indicator: str
    value: float | bool
    replaced_at: datetime
    estimate: bool = False
    note: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None
    replaced_by: str | None = None


@dataclass(frozen=True, slots=True)
class YearActuals:
    """The content of ``data/actuals/YEAR.yaml``."""

    year: int
    comment: str | None = None
    values: dict[str, Entry] = dataclasses.field(default_factory=dict)
    history: list[Change] = dataclasses.field(default_factory=list)


# -- rules across fields (both paths) ------------------------------------------------------


def term_problem(term: Term) -> str | None:
    return "term end must come after term start" if term.end <= term.start else None


def bands_problem(bands: StatusBands) -> str | None:
    if bands.needs_acceleration >= bands.on_track:
        return "needs_acceleration must be below on_track"
    return None


def indicator_problem(ind: Indicator) -> str | None:
    maintained = ind.kind is Kind.MAINTAINED
    if maintained != (ind.measure is Measure.YES_NO):
        return "kind 'maintained' goes with measure 'yes_no' and only with it"
    if maintained != isinstance(ind.target, bool):
        return "a maintained indicator has target true/false; others have a number"
    if (ind.kind is Kind.CUMULATIVE) != (ind.period is not None):
        return "a cumulative indicator needs a period (and only it has one)"
    if ind.kind is Kind.CUMULATIVE and not ind.comparator.higher_is_better:
        return "a cumulative indicator counts up: use at_least or above"
    if ind.kind is Kind.CUMULATIVE and float(ind.target) <= 0:
        return "a cumulative target must be above 0"
    if ind.period is not None and not (ind.period.start <= ind.period.end == ind.target_year):
        return "period must run from its start to the target year"
    if not maintained:
        low, high = ind.measure.valid_range()
        t = float(ind.target)
        if (low is not None and t < low) or (high is not None and t > high):
            return f"target {t:g} is outside the valid range of a {ind.measure.value}"
    if ind.plausible is not None and ind.plausible[0] > ind.plausible[1]:
        return "plausible must be [min, max] with min <= max"
    return None


def plan_problem(plan: Plan) -> str | None:
    if not plan.term.start <= plan.baseline_year <= plan.term.end:
        return "baseline_year must lie in the term"
    seen_ids: set[str] = set()
    seen_numbers: set[str] = set()
    for ind in plan.indicators:
        if ind.id in seen_ids:
            return f"indicator id '{ind.id}' is used twice"
        if ind.number.lower() in seen_numbers:
            return f"indicator number '{ind.number}' is used twice"
        seen_ids.add(ind.id)
        seen_numbers.add(ind.number.lower())
        if not (plan.baseline_year < ind.target_year <= plan.term.end):
            return (
                f"indicator '{ind.id}': target_year must lie after the baseline year "
                "and within the term"
            )
        if ind.period is not None and ind.period.start < plan.term.start:
            return f"indicator '{ind.id}': period must lie within the term"
    return None


def typed_by_hand(v: object) -> object:
    """A hand-edited file says what staff type: `poverty: 2,1`, `ntm_criteria: có`."""
    if isinstance(v, str):
        for parse in (parse_number, parse_yes_no):
            try:
                return parse(v)
            except ValueError:
                pass
        raise ValueError(f"'{v}' is neither a number (like 96,5) nor yes/no (có/không)")
    return v


# -- validation entry points ----------------------------------------------------------------


class SchemaError(ValueError):
    """A file's content does not fit the schema; ``errors`` are pydantic's error dicts
    (``loc``, ``msg``...), first to last."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors[0]["msg"] if errors else "invalid")
        self.errors = errors


T = TypeVar("T")


def _validated(fast: Callable[[Any], T], name: str, raw: Any) -> T:
    try:
        result = fast(raw)
    except _Unsure:
        from ntm_tracker import schema  # pydantic: only for what the fast reader refused

        return schema.validate(name, raw)  # type: ignore[no-any-return]
    return result


def plan_from_raw(raw: Any) -> Plan:
    """The plan in ``raw`` (a parsed targets.yaml), or SchemaError."""
    return _validated(_plan, "Plan", raw)


def indicator_from_raw(raw: Any) -> Indicator:
    return _validated(_indicator, "Indicator", raw)


def year_from_raw(raw: Any) -> YearActuals:
    """The year file in ``raw`` (a parsed actuals/YEAR.yaml), or SchemaError."""
    return _validated(_year, "YearActuals", raw)


# -- the fast reader -------------------------------------------------------------------------


class _Unsure(Exception):
    """The fast reader cannot vouch for a value: let pydantic decide."""


_UNSURE = _Unsure()
_ID = re.compile(ID_PATTERN)
_NUMBER = re.compile(NUMBER_PATTERN)
_KINDS = {k.value: k for k in Kind}
_MEASURES = {m.value: m for m in Measure}
_COMPARATORS = {c.value: c for c in Comparator}
_TRAJECTORIES = {t.value: t for t in Trajectory}
_FIELDS = {f.value: f for f in Field_}
_LANGUAGES: dict[str, Lang] = {lang: lang for lang in LANGS}


def _keys(raw: Any, required: frozenset[str], allowed: frozenset[str]) -> dict[str, Any]:
    if type(raw) is not dict or not (required <= raw.keys() <= allowed):
        raise _UNSURE
    return raw


def _int(v: Any, low: int | None = None, high: int | None = None) -> int:
    if type(v) is not int or (low is not None and v < low) or (high is not None and v > high):
        raise _UNSURE
    return v


def _float(v: Any) -> float:
    if type(v) is float:
        if math.isfinite(v):
            return v
    elif type(v) is int:
        return float(v)
    raise _UNSURE


def _bool(v: Any) -> bool:
    if type(v) is not bool:
        raise _UNSURE
    return v


def _str(v: Any, high: int, low: int = 0) -> str:
    if type(v) is not str or not low <= len(v) <= high:
        raise _UNSURE
    return v


def _opt_str(v: Any, high: int) -> str | None:
    return None if v is None else _str(v, high)


def _number_or_bool(v: Any) -> float | bool:
    return v if type(v) is bool else _float(v)


def _choice(v: Any, choices: Mapping[str, T]) -> T:
    if type(v) is not str or v not in choices:
        raise _UNSURE
    return choices[v]


def _id(v: Any) -> str:
    if type(v) is not str:
        raise _UNSURE
    if v not in _GOOD_IDS:  # every year file repeats the plan's ids
        if len(v) > ID_MAX or not _ID.fullmatch(v):
            raise _UNSURE
        if len(_GOOD_IDS) < 100_000:
            _GOOD_IDS.add(v)
    return v


_GOOD_IDS: set[str] = set()


def _moment(v: Any) -> datetime | None:
    """Only the form ntm writes (``2026-03-01T09:30:00+07:00``) round-trips exactly."""
    if v is None:
        return None
    if type(v) is str and len(v) == 25:
        try:
            moment = datetime.fromisoformat(v)
        except ValueError:
            raise _UNSURE from None
        if moment.tzinfo is not None and moment.isoformat() == v:
            return moment
    raise _UNSURE


def _text(raw: Any) -> Text:
    d = _keys(raw, _TEXT_KEYS, _TEXT_KEYS)
    return Text(vi=_str(d["vi"], TEXT_MAX, 1), en=_str(d["en"], TEXT_MAX, 1))


_TEXT_KEYS = frozenset({"vi", "en"})
_SPAN_KEYS = frozenset({"start", "end"})
_BANDS_KEYS = frozenset({"on_track", "needs_acceleration"})
_CHECKS_KEYS = frozenset({"max_jump_factor"})
_IND_REQUIRED = frozenset(
    {"id", "number", "field", "name", "unit", "kind", "measure", "comparator", "target"}
    | {"target_year"}
)
_IND_KEYS = _IND_REQUIRED | {
    "trajectory", "period", "decimals", "plausible", "supplementary", "section", "source",
}  # fmt: skip
_PLAN_REQUIRED = frozenset({"title", "commune", "term", "baseline_year", "indicators"})
_PLAN_KEYS = _PLAN_REQUIRED | {"language", "status_bands", "checks"}
_ENTRY_KEYS = frozenset({"value", "estimate", "note", "recorded_at", "recorded_by"})
_CHANGE_REQUIRED = frozenset({"indicator", "value", "replaced_at"})
_CHANGE_KEYS = _ENTRY_KEYS | _CHANGE_REQUIRED | {"replaced_by"}
_YEAR_KEYS = frozenset({"year", "comment", "values", "history"})
_YEAR_REQUIRED = frozenset({"year"})
_NONE: frozenset[str] = frozenset()


def _sure(problem: str | None) -> None:
    if problem is not None:
        raise _UNSURE  # pydantic raises it again, with its place in the file


def _indicator(raw: Any) -> Indicator:
    d = _keys(raw, _IND_REQUIRED, _IND_KEYS)
    period = d.get("period")
    plausible = d.get("plausible")
    if period is not None:
        p = _keys(period, _SPAN_KEYS, _SPAN_KEYS)
        period = Period(start=_int(p["start"]), end=_int(p["end"]))
    if plausible is not None:
        if type(plausible) not in (list, tuple) or len(plausible) != 2:
            raise _UNSURE
        plausible = (_float(plausible[0]), _float(plausible[1]))
    number = d["number"]
    if type(number) is not str or len(number) > NUMBER_MAX or not _NUMBER.fullmatch(number):
        raise _UNSURE
    ind = Indicator(
        id=_id(d["id"]),
        number=number,
        field=_choice(d["field"], _FIELDS),
        name=_text(d["name"]),
        unit=_text(d["unit"]),
        kind=_choice(d["kind"], _KINDS),
        measure=_choice(d["measure"], _MEASURES),
        comparator=_choice(d["comparator"], _COMPARATORS),
        target=_number_or_bool(d["target"]),
        target_year=_int(d["target_year"]),
        trajectory=_choice(d.get("trajectory", "linear"), _TRAJECTORIES),
        period=period,
        decimals=_int(d.get("decimals", 1), 0, DECIMALS_MAX),
        plausible=plausible,
        supplementary=_bool(d.get("supplementary", False)),
        section=_str(d.get("section", "II"), SECTION_MAX),
        source=_str(d.get("source", ""), SOURCE_MAX),
    )
    _sure(indicator_problem(ind))
    return ind


def _plan(raw: Any) -> Plan:
    d = _keys(raw, _PLAN_REQUIRED, _PLAN_KEYS)
    t = _keys(d["term"], _SPAN_KEYS, _SPAN_KEYS)
    term = Term(start=_int(t["start"], YEAR_MIN, YEAR_MAX), end=_int(t["end"], YEAR_MIN, YEAR_MAX))
    _sure(term_problem(term))
    bands = StatusBands()
    if "status_bands" in d:
        b = _keys(d["status_bands"], _NONE, _BANDS_KEYS)
        bands = StatusBands(
            on_track=_float(b.get("on_track", bands.on_track)),
            needs_acceleration=_float(b.get("needs_acceleration", bands.needs_acceleration)),
        )
        if not (bands.on_track > 0 and bands.needs_acceleration >= 0):
            raise _UNSURE
        _sure(bands_problem(bands))
    checks = Checks()
    if "checks" in d:
        c = _keys(d["checks"], _NONE, _CHECKS_KEYS)
        checks = Checks(max_jump_factor=_float(c.get("max_jump_factor", checks.max_jump_factor)))
        if not 1 < checks.max_jump_factor <= JUMP_MAX:
            raise _UNSURE
    items = d["indicators"]
    if type(items) is not list or not items:
        raise _UNSURE
    language: Lang = _choice(d.get("language", "en"), _LANGUAGES)
    plan = Plan(
        title=_text(d["title"]),
        commune=_str(d["commune"], COMMUNE_MAX, 1),
        term=term,
        baseline_year=_int(d["baseline_year"]),
        indicators=[_indicator(item) for item in items],
        language=language,
        status_bands=bands,
        checks=checks,
    )
    _sure(plan_problem(plan))
    return plan


def _entry(raw: Any, moments: dict[str, datetime]) -> Entry:
    """One value of a year file. ``moments`` caches parsed recorded_at texts, which
    repeat across a file."""
    if type(raw) is not dict:  # `revenue: 82` is short for `revenue: {value: 82}`
        return _entry_of(raw, False, None, None, None, moments)
    if not raw.keys() <= _ENTRY_KEYS:
        raise _UNSURE
    get = raw.get
    return _entry_of(
        get("value", MISSING),
        get("estimate", False),
        get("note"),
        get("recorded_at"),
        get("recorded_by"),
        moments,
    )


def _entry_of(
    value: Any, estimate: Any, note: Any, at: Any, by: Any, moments: dict[str, datetime]
) -> Entry:
    """The checks of one entry (the hot loop of a large folder: written out flat)."""
    kind = type(value)
    if kind is str:
        try:
            value = typed_by_hand(value)
        except ValueError:
            raise _UNSURE from None
        kind = type(value)
    if kind is int:
        value = float(value)
    elif not (kind is bool or (kind is float and math.isfinite(value))):
        raise _UNSURE
    if (
        type(estimate) is not bool
        or (note is not None and (type(note) is not str or len(note) > NOTE_MAX))
        or (by is not None and (type(by) is not str or len(by) > USER_MAX))
    ):
        raise _UNSURE
    if at is not None:
        if type(at) is not str:
            raise _UNSURE
        moment = moments.get(at)
        if moment is None:
            moment = moments[at] = _moment(at)  # type: ignore[assignment]  # never None here
        at = moment
    return Entry(value, estimate, note, at, by)


def _change(raw: Any) -> Change:
    d = _keys(raw, _CHANGE_REQUIRED, _CHANGE_KEYS)
    replaced_at = _moment(d["replaced_at"])
    if replaced_at is None:
        raise _UNSURE
    return Change(
        indicator=_id(d["indicator"]),
        value=_number_or_bool(d["value"]),
        replaced_at=replaced_at,
        estimate=_bool(d.get("estimate", False)),
        note=_opt_str(d.get("note"), NOTE_MAX),
        recorded_at=_moment(d.get("recorded_at")),
        recorded_by=_opt_str(d.get("recorded_by"), USER_MAX),
        replaced_by=_opt_str(d.get("replaced_by"), USER_MAX),
    )


def _year(raw: Any, rows: list[tuple[Any, ...]] | None = None) -> YearActuals:
    """The year file ``raw``; with ``rows`` (see fastyaml.split_values), ``raw`` has an
    empty `values:` and the values are in the rows."""
    d = _keys(raw, _YEAR_REQUIRED, _YEAR_KEYS)
    values = d.get("values", {})
    history = d.get("history", [])
    if type(values) is not dict or type(history) is not list:
        raise _UNSURE
    moments: dict[str, datetime] = {}
    if rows is None:
        entries = {_id(k): _entry(v, moments) for k, v in values.items()}
    elif values == {}:
        entries = {}
        for key, *items in rows:
            if len(items) == 1:  # `revenue: 82`
                entries[_id(key)] = _entry_of(items[0], False, None, None, None, moments)
                continue
            value, estimate, note, at, by = items
            entries[_id(key)] = _entry_of(
                value,
                False if estimate is MISSING else estimate,
                None if note is MISSING else note,
                None if at is MISSING else at,
                None if by is MISSING else by,
                moments,
            )
    else:
        raise _UNSURE
    return YearActuals(
        year=_int(d["year"]),
        comment=_opt_str(d.get("comment"), NOTE_MAX),
        values=entries,
        history=[_change(c) for c in history],
    )


def year_from_text(text: str) -> YearActuals | None:
    """A year file's text read and checked in one pass, when it is written as ntm writes
    it (the common case, and the bulk of a large folder); None for any other text: read
    it with yamlio and check it with :func:`year_from_raw`, which give the errors."""
    split = split_values(text)
    if split is None:
        return None
    rest, rows = split
    top = parse_simple(rest)
    if top is None:
        return None
    try:
        return _year(top, rows)
    except _Unsure:
        return None

"""The domain: the plan, its indicators, and the figures recorded for them.

Plain frozen dataclasses and named tuples, read and validated by the file owners
(:mod:`ntm_tracker.storage.planfile`, :mod:`ntm_tracker.storage.yearfile`) and used by
everything else. The plan's dataclasses are the one definition of the plan file: their
fields, with the reading rules of :mod:`ntm_tracker.core.fields` in ``Annotated``, are
what the plan file's owner validates a file against (with pydantic, only when the plan
is not in the cache). Nothing here reads a file, prints a word or knows about a command
line. The rules that tie several fields together are written once, here, as functions
returning :class:`Problem` records; each kind of target adds its own
(:mod:`ntm_tracker.core.kinds`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import datetime
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, Literal, NamedTuple

from ntm_tracker.core.fields import (
    Chars,
    Choice,
    Flag,
    KindName,
    NonEmpty,
    Number,
    Shorthand,
    TargetValue,
    Whole,
)
from ntm_tracker.core.kind import TargetKind
from ntm_tracker.core.numbers import Range
from ntm_tracker.core.problems import Problem

Lang = Literal["en", "vi"]
LANGS: tuple[Lang, ...] = ("en", "vi")

# Limits of the file formats (the plan and the year-file validator share them).
ID_PATTERN = r"[a-z][a-z0-9_]*"
ID_MAX = 64
NUMBER_PATTERN = r"[0-9A-Za-z.]+"
NUMBER_MAX = 16
TEXT_MAX = 500
NOTE_MAX = 2000
USER_MAX = 200
YEAR_MIN, YEAR_MAX = 1900, 2200
DECIMALS_MAX = 6
JUMP_MAX = 1000.0

# The plan file refuses keys it does not know (a typo must not be ignored); pydantic
# reads this class attribute of each of the plan's dataclasses.
_STRICT: Any = {"extra": "forbid"}

Year = Annotated[int, Whole(ge=YEAR_MIN, le=YEAR_MAX)]
ShortText = Annotated[str, Chars(max_length=TEXT_MAX)]


class Comparator(str, Enum):
    AT_LEAST = "at_least"  # "đạt 120 triệu đồng": at least the figure
    OR_MORE = "or_more"  # "từ 3% trở lên": at least, as the resolution words it
    ABOVE = "above"  # "trên": strictly above
    BELOW = "below"  # "dưới": strictly below
    AT_MOST = "at_most"  # "không quá", "tối đa"
    WITHIN = "within"  # "trong khoảng 20-22%": a band (a share of a structure)

    @property
    def higher_is_better(self) -> bool:
        return self in (Comparator.AT_LEAST, Comparator.OR_MORE, Comparator.ABOVE)

    @property
    def is_band(self) -> bool:
        """ "trong khoảng": met inside the band, not beyond one end."""
        return self is Comparator.WITHIN

    @property
    def strict(self) -> bool:
        """ "trên" and "dưới": the bound itself does not meet it (unless the plan's
        judging says its reports count it)."""
        return self in (Comparator.ABOVE, Comparator.BELOW)


def deciding(target: float | Range, comparator: Comparator) -> float:
    """The figure that decides whether a target is met: a range's low end for a target to
    reach ("tăng trưởng 8,5-9,5%" is met from 8,5), its high end for a ceiling."""
    if not isinstance(target, Range):
        return target
    return target.high if comparator in (Comparator.BELOW, Comparator.AT_MOST) else target.low


def gap_to(value: float, target: float | Range, comparator: Comparator) -> float:
    """How far ``value`` lies from the target, signed: from the deciding end; for a band
    ("trong khoảng 20-22%"), 0 inside it and the distance to its nearer end outside."""
    if isinstance(target, Range) and comparator.is_band:
        if value < target.low:
            return value - target.low
        return value - target.high if value > target.high else 0.0
    return value - deciding(target, comparator)


# How resolutions write each comparator (Choice folds marks and case away).
COMPARATOR_WORDS = {"đạt": "at_least", "từ trở lên": "or_more", "trở lên": "or_more",
                    "ít nhất": "or_more", "tối thiểu": "or_more", "không dưới": "or_more",
                    "trên": "above", "hơn": "above", "dưới": "below", "không quá": "at_most",
                    "không vượt quá": "at_most", "tối đa": "at_most", "trong khoảng": "within",
                    "từ đến": "within"}  # fmt: skip


class Trajectory(str, Enum):
    LINEAR = "linear"
    COMPOUND = "compound"


class Measure(str, Enum):
    PERCENT = "percent"  # a share, 0-100
    RATE = "rate"  # a growth rate in %, may be negative
    AMOUNT = "amount"  # money or a count, >= 0
    YES_NO = "yes_no"

    @property
    def is_rate(self) -> bool:
        """Shares and growth rates are compared in percentage points, not in % of each other."""
        return self in (Measure.PERCENT, Measure.RATE)


# What a value of each measure may be. The upper ends of growth rates and amounts are
# not limits of the real world but of what can be a typed figure: they keep every sum,
# power and forecast finite (1.7E308 + 1.7E308 is infinity).
VALID_RANGES: dict[Measure, tuple[float, float]] = {
    Measure.PERCENT: (0.0, 100.0),
    Measure.RATE: (-100.0, 1_000_000.0),
    Measure.AMOUNT: (0.0, 1e15),
}


class Sector(str, Enum):
    """The resolution's fields of work (the ``field`` key of the plan)."""

    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    ENVIRONMENT = "environment"
    PARTY_GOVERNMENT = "party_government"
    DEFENCE_SECURITY = "defence_security"


class Level(str, Enum):
    """The level of the administrative unit whose plan it is (cấp)."""

    COMMUNE = "xa"
    WARD = "phuong"
    SPECIAL_ZONE = "dac_khu"
    DISTRICT = "huyen"
    TOWN = "thi_xa"
    PROVINCE = "tinh"
    CITY = "thanh_pho"


class Body(str, Enum):
    """Who adopted the plan and reports on it: a Party committee (its reports follow
    Hướng dẫn 36-HD/VPTW), or a State body (Nghị định 30/2020/NĐ-CP)."""

    PARTY = "party"  # Đảng ủy, Ban Chấp hành Đảng bộ
    COUNCIL = "council"  # Hội đồng nhân dân
    COMMITTEE = "committee"  # Ủy ban nhân dân

    @property
    def is_state(self) -> bool:
        return self is not Body.PARTY


class DocumentKind(str, Enum):
    """The kind of document whose targets the plan holds."""

    CONGRESS_RESOLUTION = "congress_resolution"  # Nghị quyết Đại hội Đảng bộ
    ACTION_PROGRAMME = "action_programme"  # Chương trình hành động thực hiện Nghị quyết
    TERM_PLAN = "term_plan"  # Kế hoạch phát triển kinh tế - xã hội 5 năm
    YEAR_PLAN = "year_plan"  # Nghị quyết HĐND về kế hoạch phát triển KT-XH năm


# The words a plan may use for these choices besides their codes (Choice folds marks
# and case away: "Xã", "xa", "XÃ" are one).
LEVEL_WORDS = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu", "huyện": "huyen",
               "thị xã": "thi_xa", "tỉnh": "tinh", "thành phố": "thanh_pho"}  # fmt: skip
BODY_WORDS = {"đảng ủy": "party", "đảng bộ": "party", "ban chấp hành đảng bộ": "party",
              "hđnd": "council", "hội đồng nhân dân": "council", "ubnd": "committee",
              "ủy ban nhân dân": "committee"}  # fmt: skip
DOCUMENT_WORDS = {"nghị quyết đại hội": "congress_resolution",
                  "chương trình hành động": "action_programme",
                  "kế hoạch 5 năm": "term_plan", "kế hoạch năm": "year_plan",
                  "nghị quyết hđnd": "year_plan"}  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages; English may be left out (English output then shows
    the Vietnamese)."""

    __pydantic_config__ = _STRICT
    vi: Annotated[str, Chars(min_length=1, max_length=TEXT_MAX)]
    en: Annotated[str, Chars(min_length=1, max_length=TEXT_MAX)] | None = None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en is not None else self.vi


@dataclasses.dataclass(frozen=True, slots=True)
class Span:
    """A run of years, both ends included (the term, a target's period)."""

    __pydantic_config__ = _STRICT
    start: Year
    end: Year

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)

    def __len__(self) -> int:
        return max(self.end - self.start + 1, 0)


@dataclasses.dataclass(frozen=True, slots=True)
class StatusBands:
    """Edges of the progress bands (the share R of the expected change achieved)."""

    __pydantic_config__ = _STRICT
    on_track: Annotated[float, Number(gt=0)] = 0.95
    needs_acceleration: Annotated[float, Number(ge=0)] = 0.60


@dataclasses.dataclass(frozen=True, slots=True)
class Checks:
    """Settings of the plausibility warnings of ``ntm check``."""

    __pydantic_config__ = _STRICT
    max_jump_factor: Annotated[float, Number(gt=1, le=JUMP_MAX)] = 3.0


class Purpose(str, Enum):
    """Why a recipient receives the report: the words in brackets after its line."""

    REPORT = "report"  # để báo cáo: the superior body
    DIRECT = "direct"  # để chỉ đạo
    CARRY_OUT = "carry_out"  # để thực hiện
    COORDINATE = "coordinate"  # để phối hợp
    INFORMATION = "information"  # để biết


PURPOSE_WORDS = {"để báo cáo": "report", "báo cáo": "report", "b/c": "report",
                 "để b/c": "report", "để chỉ đạo": "direct", "chỉ đạo": "direct",
                 "để thực hiện": "carry_out", "thực hiện": "carry_out", "t/h": "carry_out",
                 "để phối hợp": "coordinate", "phối hợp": "coordinate",
                 "để biết": "information", "biết": "information"}  # fmt: skip


@dataclasses.dataclass(frozen=True, slots=True)
class Recipient:
    """One line of "Nơi nhận": who receives the report and why (no purpose: the line is
    shown as written, like "Lưu Văn phòng Đảng ủy")."""

    __pydantic_config__ = _STRICT
    name: Annotated[str, Chars(min_length=1, max_length=TEXT_MAX)]
    purpose: Annotated[Purpose, Choice(Purpose, PURPOSE_WORDS)] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Judging:
    """How the plan's own reports judge a figure against a target or the year's plan
    (README, "Judging"); the defaults judge by the letter of the words."""

    __pydantic_config__ = _STRICT
    # "dưới 7,6%" with 7,6 recorded: strict (not met) or inclusive (met, as many reports
    # count it)
    bounds: Literal["strict", "inclusive"] = "strict"
    # a missed target within this margin reads "cơ bản đạt" (basically met): percentage
    # points for shares and rates, % of the target for amounts; 0: no such verdict
    margin: Annotated[float, Number(ge=0, le=100)] = 0.0
    # "vượt" (exceeded) told apart from "đạt" (met)
    exceeded: Annotated[bool, Flag()] = True

    @property
    def inclusive(self) -> bool:
        return self.bounds == "inclusive"


@dataclasses.dataclass(frozen=True, slots=True)
class Office:
    """What the report frame needs about the issuing office; None: a blank to fill in,
    or the frame's own words for the plan's body (Đảng ủy, HĐND, UBND)."""

    __pydantic_config__ = _STRICT
    superior: ShortText | None = None  # "ĐẢNG BỘ TỈNH ..." above the issuing body
    issuer: ShortText | None = None  # "ĐẢNG ỦY XÃ XUÂN TRƯỜNG"
    place: ShortText | None = None  # the place of the date line: "Xuân Trường"
    signer: ShortText | None = None  # the name of who signs
    signer_title: ShortText | None = None  # "BÍ THƯ", "PHÓ BÍ THƯ", "CHỦ TỊCH"...
    on_behalf: ShortText | None = None  # "T/M BAN THƯỜNG VỤ"; default: T/M ĐẢNG ỦY, TM. ...
    symbol: ShortText | None = None  # after the number: "BC/ĐU" (Party), "BC-UBND" (State)
    # "Nơi nhận" lines: a text, or {name: ..., purpose: report} ("để báo cáo")
    recipients: tuple[Annotated[Recipient, Shorthand("name")], ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class Indicator:
    __pydantic_config__ = _STRICT
    id: Annotated[str, Chars(max_length=ID_MAX, pattern=rf"^{ID_PATTERN}$")]
    number: Annotated[str, Chars(max_length=NUMBER_MAX, pattern=rf"^{NUMBER_PATTERN}$")]
    field: Sector  # the resolution's field of work
    name: Text
    unit: Text
    kind: Annotated[TargetKind, KindName()]
    measure: Measure
    target: Annotated[float | bool | Range, TargetValue()]
    target_year: Year
    comparator: Annotated[Comparator, Choice(Comparator, COMPARATOR_WORDS)] = Comparator.AT_LEAST
    trajectory: Trajectory = Trajectory.LINEAR
    period: Span | None = None  # kinds over a period (a total, an average)
    decimals: Annotated[int, Whole(ge=0, le=DECIMALS_MAX)] = 1
    plausible: tuple[Annotated[float, Number()], Annotated[float, Number()]] | None = None
    supplementary: Annotated[bool, Flag()] = False
    section: Annotated[str, Chars(max_length=32)] = "II"
    source: Annotated[str, Chars(max_length=NOTE_MAX)] = ""
    reading_note: Annotated[bool, Flag()] = False  # the wording allows more than one reading
    # "dự toán 11.789, phấn đấu 12.320": the figure to strive for beyond the target; reaching
    # it is "vượt"
    stretch: Annotated[float, Number()] | None = None
    # "giảm 0,7% (còn 4,33%)": the level a change over last year must also reach
    level: Annotated[float, Number()] | None = None
    # a share of a structure ("cơ cấu kinh tế: nông nghiệp 20-22%..."): the structure's id
    structure: Annotated[str, Chars(max_length=ID_MAX, pattern=rf"^{ID_PATTERN}$")] | None = None
    # a total or an average: "yearly", each year's own figure is recorded; "to_date", the
    # figure recorded is already the total (average) of the period so far
    figures: Literal["yearly", "to_date"] = "yearly"

    @property
    def goal(self) -> float:
        """The figure the maths aims at: the target, or the end of a range that decides it
        (the low end of a target to reach, the high end of a ceiling)."""
        if isinstance(self.target, bool):
            raise TypeError(f"indicator '{self.id}' has a yes/no target")
        return deciding(self.target, self.comparator)

    @property
    def main_number(self) -> str:
        """The main target this figure belongs to: "6" for "6a" and "6b"."""
        stripped = self.number.rstrip("abcdefghijklmnopqrstuvwxyz")
        return stripped or self.number

    @property
    def is_yes_no(self) -> bool:
        return self.measure is Measure.YES_NO


@dataclasses.dataclass(frozen=True, slots=True)
class Untracked:
    """A commitment of the resolution that the plan leaves out on purpose, and why."""

    __pydantic_config__ = _STRICT
    section: Annotated[str, Chars(min_length=1, max_length=32)]
    source: Annotated[str, Chars(min_length=1, max_length=NOTE_MAX)]
    why: Text


@dataclasses.dataclass(frozen=True)
class Plan:
    __pydantic_config__ = _STRICT
    title: Text
    commune: Annotated[str, Chars(min_length=1, max_length=200)]  # the unit's name
    term: Span
    baseline_year: Year
    indicators: Annotated[tuple[Indicator, ...], NonEmpty()]
    language: Lang = "vi"
    level: Annotated[Level, Choice(Level, LEVEL_WORDS)] = Level.COMMUNE
    body: Annotated[Body, Choice(Body, BODY_WORDS)] = Body.PARTY
    document: Annotated[DocumentKind, Choice(DocumentKind, DOCUMENT_WORDS)] = (
        DocumentKind.ACTION_PROGRAMME
    )
    status_bands: StatusBands = StatusBands()
    judging: Judging = Judging()
    checks: Checks = Checks()
    office: Office = Office()
    not_tracked: tuple[Untracked, ...] = ()

    @cached_property
    def index(self) -> dict[str, Indicator]:
        return {ind.id: ind for ind in self.indicators}

    @cached_property
    def order(self) -> dict[str, int]:
        return {ind.id: i for i, ind in enumerate(self.indicators)}

    @property
    def years(self) -> range:
        """The years figures may be recorded for: the term, and the baseline year before
        it where the baseline is the year before the term (a plan of one year, 2026,
        judged against 2025)."""
        return range(min(self.baseline_year, self.term.start), self.term.end + 1)

    def main_targets(self) -> list[str]:
        """The numbers of the resolution's main targets, in order ("1", ..., "11")."""
        return list(dict.fromkeys(i.main_number for i in self.indicators if not i.supplementary))


class Entry(NamedTuple):
    """One recorded figure with its provenance. Named tuples, not dataclasses: a large
    folder holds hundreds of thousands of them, and a tuple is built four times faster."""

    value: float | bool  # a range's deciding end (see ``span``)
    estimate: bool = False
    note: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None
    span: Range | None = None  # a figure typed as a range ("ước 8-8,5%")


class Change(NamedTuple):
    """A figure that was replaced (or removed): kept for the audit trail, never deleted."""

    indicator: str
    value: float | bool
    replaced_at: datetime
    estimate: bool = False
    note: str | None = None
    recorded_at: datetime | None = None
    recorded_by: str | None = None
    replaced_by: str | None = None
    removed: bool = False  # True: taken out with `unset`, no new value in its place
    span: Range | None = None


class Book(str, Enum):
    """The two kinds of year file: what happened, and what the year's plan set."""

    ACTUALS = "actuals"  # data/actuals/YEAR.yaml
    PLANS = "plans"  # data/plans/YEAR.yaml: the year's plan figures (kế hoạch năm)


@dataclasses.dataclass(frozen=True, slots=True)
class YearFile:
    """The content of one year file."""

    year: int
    comment: str | None = None
    values: dict[str, Entry] = dataclasses.field(default_factory=dict)
    history: tuple[Change, ...] = ()


class Figures:
    """Every year file of one book, indexed by indicator, then year."""

    __slots__ = ("_series", "years")

    def __init__(self, years: Mapping[int, YearFile] | None = None) -> None:
        self.years: dict[int, YearFile] = dict(sorted((years or {}).items()))
        self._series: dict[str, dict[int, Entry]] = {}
        for year, yf in self.years.items():
            for ind_id, entry in yf.values.items():
                series = self._series.get(ind_id)
                if series is None:
                    series = self._series[ind_id] = {}
                series[year] = entry

    def series(self, indicator_id: str) -> Mapping[int, Entry]:
        return self._series.get(indicator_id, {})

    def entry(self, indicator_id: str, year: int) -> Entry | None:
        yf = self.years.get(year)
        return yf.values.get(indicator_id) if yf is not None else None

    def recorded_years(self) -> list[int]:
        return [y for y, yf in self.years.items() if yf.values]

    def __iter__(self) -> Iterator[YearFile]:
        return iter(self.years.values())


@dataclasses.dataclass(frozen=True, slots=True)
class DataSet:
    """A data folder as loaded and validated: the plan, the actuals and the year plans."""

    plan: Plan
    actuals: Figures
    plans: Figures

    def book(self, book: Book) -> Figures:
        return self.actuals if book is Book.ACTUALS else self.plans


# -- rules that tie fields together ------------------------------------------------------
# Each returns the problems it finds: (code, facts) with the place as a path of keys, for
# the file owner to turn into a line.

Where = tuple[str | int, ...]


def value_range(ind: Indicator) -> tuple[float, float] | None:
    return VALID_RANGES.get(ind.measure)


def figure_of(ind: Indicator, value: float | bool | Range) -> tuple[float | bool, Range | None]:
    """A figure as it is judged, and the range it was typed as: a range counts by its
    end that decides the indicator's target (the low end of a target to reach: "ước
    8-8,5%" does not meet "trên 8%"; the high end of a ceiling)."""
    if isinstance(value, Range):
        return deciding(value, ind.comparator), value
    return value, None


def value_problem(ind: Indicator, value: float | bool | Range) -> Problem | None:
    """Can ``value`` be a figure of ``ind``? (Every way in: the command line, a year file,
    an import row.)"""
    if isinstance(value, Range):
        if ind.is_yes_no:
            return Problem("value.needs_yes_no", {"indicator": ind.id})
        return value_problem(ind, value.low) or value_problem(ind, value.high)
    if ind.is_yes_no:
        if type(value) is not bool:
            return Problem("value.needs_yes_no", {"indicator": ind.id})
        return None
    if type(value) is bool:
        return Problem("value.needs_number", {"indicator": ind.id})
    limits = value_range(ind)
    if limits is not None and not limits[0] <= value <= limits[1]:
        return Problem(
            "value.out_of_range",
            {
                "indicator": ind.id,
                "value": value,
                "low": limits[0],
                "high": limits[1],
                "measure": ind.measure,
            },
        )
    return None


def needs_estimate(book: Book, value: float | bool | Range | None, estimate: bool) -> bool:
    """A range recorded as what happened is not a final figure ("ước 8-8,5%"): it must be
    marked an estimate. (A year's plan may be a range.) Every way in: the command line, an
    import row, a year file."""
    return isinstance(value, Range) and book is Book.ACTUALS and not estimate


def indicator_problems(ind: Indicator) -> Iterator[tuple[Where, Problem]]:
    """The rules one indicator must follow, beyond the type of each field: those every
    kind shares, then its kind's own."""
    p = {"indicator": ind.id}
    kind = ind.kind
    if kind.yes_no != (ind.measure is Measure.YES_NO):
        yield ("measure",), Problem("plan.yes_no_kind", {**p, "kind": kind.name})
    if kind.yes_no != isinstance(ind.target, bool):
        yield ("target",), Problem("plan.target_type", {**p, "kind": kind.name})
    takes_period = kind.over_period or kind.optional_period
    if (kind.over_period and ind.period is None) or (ind.period is not None and not takes_period):
        yield ("period",), Problem("plan.period_kind", {**p, "kind": kind.name})
    if ind.period is not None and ind.period.start > ind.period.end:
        yield ("period",), Problem("plan.period_order", p)
    elif ind.period is not None and ind.period.end != ind.target_year:
        yield ("period",), Problem("plan.period_end", {**p, "year": ind.target_year})
    yield from kind.check(ind)
    if not isinstance(ind.target, bool):
        limits = value_range(ind)
        ends = ind.target if isinstance(ind.target, Range) else (ind.target,)
        outside = [v for v in ends if limits is not None and not limits[0] <= v <= limits[1]]
        if limits is not None and outside:
            yield (
                ("target",),
                Problem(
                    "plan.target_range",
                    {**p, "value": outside[0], "low": limits[0], "high": limits[1]},
                ),
            )
        elif limits is not None and _never_met(ind.goal, ind.comparator, limits):
            yield (
                ("target",),
                Problem("plan.target_impossible", {**p, "value": ind.goal, "measure": ind.measure}),
            )
    if ind.comparator is Comparator.WITHIN and not isinstance(ind.target, Range):
        yield ("target",), Problem("plan.within_needs_range", p)
    if ind.plausible is not None and ind.plausible[0] > ind.plausible[1]:
        yield ("plausible",), Problem("plan.plausible_order", p)


def _never_met(target: float, comparator: Comparator, limits: tuple[float, float]) -> bool:
    low, high = limits
    if comparator is Comparator.ABOVE:
        return target >= high
    if comparator is Comparator.BELOW:
        return target <= low
    return False


def plan_problems(plan: Plan) -> Iterator[tuple[Where, Problem]]:
    """The rules of the plan as a whole (each indicator's own rules included)."""
    if plan.term.end < plan.term.start:
        yield ("term",), Problem("plan.term_order", {})
    if not plan.term.start - 1 <= plan.baseline_year <= plan.term.end:
        yield ("baseline_year",), Problem("plan.baseline_in_term", {"year": plan.baseline_year})
    bands = plan.status_bands
    if bands.needs_acceleration >= bands.on_track:
        yield ("status_bands",), Problem("plan.bands_order", {})
    ids: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for i, ind in enumerate(plan.indicators):
        at: Where = ("indicators", i)
        for where, problem in indicator_problems(ind):
            yield at + where, problem
        if ind.id in ids:
            yield (*at, "id"), Problem("plan.id_twice", {"indicator": ind.id})
        if ind.number.lower() in numbers:
            yield (*at, "number"), Problem("plan.number_twice", {"number": ind.number})
        ids.setdefault(ind.id, i)
        numbers.setdefault(ind.number.lower(), i)
        if not plan.baseline_year < ind.target_year <= plan.term.end:
            yield (
                (*at, "target_year"),
                Problem(
                    "plan.target_year",
                    {"indicator": ind.id, "low": plan.baseline_year + 1, "high": plan.term.end},
                ),
            )
        if ind.period is not None and ind.period.start < plan.years.start:
            yield (*at, "period"), Problem("plan.period_in_term", {"indicator": ind.id})

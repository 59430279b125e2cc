"""The plan and the recorded actuals, as validated pydantic models (no I/O here)."""

from __future__ import annotations

import math
from datetime import datetime
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ntm_tracker.numbers import parse_number, parse_yes_no

IndicatorId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Lang = Literal["en", "vi"]
LANGS: tuple[Lang, ...] = ("en", "vi")


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in both languages."""

    vi: str = Field(min_length=1, max_length=500)
    en: str = Field(min_length=1, max_length=500)

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Term(_Strict):
    start: int = Field(ge=1900, le=2200)
    end: int = Field(ge=1900, le=2200)

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        if self.end <= self.start:
            raise ValueError("term end must come after term start")
        return self

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


class Period(_Strict):
    start: int
    end: int

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


class StatusBands(_Strict):
    """Edges of the progress bands (share R of the expected change achieved)."""

    on_track: float = Field(default=0.95, gt=0)
    needs_acceleration: float = Field(default=0.60, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StatusBands:
        if self.needs_acceleration >= self.on_track:
            raise ValueError("needs_acceleration must be below on_track")
        return self


class Checks(_Strict):
    """Settings of the plausibility warnings of ``ntm check``."""

    # warn when a value is more than this many times the previous year's, or less
    # than the previous year's divided by it (percent and amount measures)
    max_jump_factor: float = Field(default=3.0, gt=1, le=1000)


class Indicator(_Strict):
    id: IndicatorId
    number: str = Field(pattern=r"^[0-9A-Za-z.]+$", max_length=16)
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
    decimals: int = Field(default=1, ge=0, le=6)
    plausible: tuple[float, float] | None = None
    supplementary: bool = False
    section: str = Field(default="II", max_length=32)
    source: str = Field(default="", max_length=2000)

    @field_validator("target")
    @classmethod
    def _finite(cls, v: float | bool) -> float | bool:
        if not isinstance(v, bool) and not math.isfinite(v):
            raise ValueError("target must be a finite number")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        maintained = self.kind is Kind.MAINTAINED
        if maintained != (self.measure is Measure.YES_NO):
            raise ValueError("kind 'maintained' goes with measure 'yes_no' and only with it")
        if maintained != isinstance(self.target, bool):
            raise ValueError("a maintained indicator has target true/false; others have a number")
        if (self.kind is Kind.CUMULATIVE) != (self.period is not None):
            raise ValueError("a cumulative indicator needs a period (and only it has one)")
        if self.kind is Kind.CUMULATIVE and not self.comparator.higher_is_better:
            raise ValueError("a cumulative indicator counts up: use at_least or above")
        if self.kind is Kind.CUMULATIVE and float(self.target) <= 0:
            raise ValueError("a cumulative target must be above 0")
        if self.period is not None and not (
            self.period.start <= self.period.end == self.target_year
        ):
            raise ValueError("period must run from its start to the target year")
        if not maintained:
            low, high = self.measure.valid_range()
            t = float(self.target)
            if (low is not None and t < low) or (high is not None and t > high):
                raise ValueError(
                    f"target {t:g} is outside the valid range of a {self.measure.value}"
                )
        if self.plausible is not None and self.plausible[0] > self.plausible[1]:
            raise ValueError("plausible must be [min, max] with min <= max")
        return self

    def valid_range(self) -> tuple[float | None, float | None]:
        return self.measure.valid_range()


class Plan(_Strict):
    title: Text
    commune: str = Field(min_length=1, max_length=200)
    term: Term
    baseline_year: int
    language: Lang = "en"
    status_bands: StatusBands = StatusBands()
    checks: Checks = Checks()
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.baseline_year not in self.term.years:
            raise ValueError("baseline_year must lie in the term")
        seen_ids: set[str] = set()
        seen_numbers: set[str] = set()
        for ind in self.indicators:
            if ind.id in seen_ids:
                raise ValueError(f"indicator id '{ind.id}' is used twice")
            if ind.number.lower() in seen_numbers:
                raise ValueError(f"indicator number '{ind.number}' is used twice")
            seen_ids.add(ind.id)
            seen_numbers.add(ind.number.lower())
            if not (self.baseline_year < ind.target_year <= self.term.end):
                raise ValueError(
                    f"indicator '{ind.id}': target_year must lie after the baseline year "
                    "and within the term"
                )
            if ind.period is not None and ind.period.start < self.term.start:
                raise ValueError(f"indicator '{ind.id}': period must lie within the term")
        return self

    def by_id(self) -> dict[str, Indicator]:
        return {ind.id: ind for ind in self.indicators}


class Entry(_Strict):
    """One recorded value with its provenance."""

    value: float | bool
    estimate: bool = False
    note: str | None = Field(default=None, max_length=2000)
    recorded_at: datetime | None = None
    recorded_by: str | None = Field(default=None, max_length=200)

    @field_validator("value", mode="before")
    @classmethod
    def _as_typed_by_hand(cls, v: object) -> object:
        """A hand-edited file says what staff type: `poverty: 2,1`, `ntm_criteria: có`."""
        if isinstance(v, str):
            for parse in (parse_number, parse_yes_no):
                try:
                    return parse(v)
                except ValueError:
                    pass
            raise ValueError(f"'{v}' is neither a number (like 96,5) nor yes/no (có/không)")
        return v

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | bool) -> float | bool:
        if not isinstance(v, bool) and not math.isfinite(v):
            raise ValueError("value must be a finite number")
        return v


class Change(_Strict):
    """A value that was replaced: kept for the audit trail, never deleted."""

    indicator: IndicatorId
    value: float | bool
    estimate: bool = False
    note: str | None = Field(default=None, max_length=2000)
    recorded_at: datetime | None = None
    recorded_by: str | None = Field(default=None, max_length=200)
    replaced_at: datetime
    replaced_by: str | None = Field(default=None, max_length=200)


class YearActuals(_Strict):
    """The content of ``data/actuals/YEAR.yaml``."""

    year: int
    comment: str | None = Field(default=None, max_length=2000)
    values: dict[IndicatorId, Entry] = Field(default_factory=dict)
    history: list[Change] = Field(default_factory=list)

    @field_validator("values", mode="before")
    @classmethod
    def _short_form(cls, v: object) -> object:
        # `revenue: 82` is accepted as shorthand for `revenue: {value: 82}`
        if isinstance(v, dict):
            return {k: (x if isinstance(x, dict) else {"value": x}) for k, x in v.items()}
        return v

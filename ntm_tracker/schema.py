"""The pydantic schema of the plan and year files: the authority on what is valid.

``model`` holds the domain classes the rest of ntm uses, and a fast check that accepts
the common, well-formed files without importing pydantic. Whenever that check is not
sure, the file goes through these models, whose result (or located error) counts, and is
converted to the domain classes. Cross-field rules live once, in ``model``; both paths
call them.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ntm_tracker import model
from ntm_tracker.model import (
    COMMUNE_MAX,
    DECIMALS_MAX,
    ID_MAX,
    ID_PATTERN,
    JUMP_MAX,
    NOTE_MAX,
    NUMBER_MAX,
    NUMBER_PATTERN,
    SECTION_MAX,
    SOURCE_MAX,
    TEXT_MAX,
    USER_MAX,
    YEAR_MAX,
    YEAR_MIN,
    Comparator,
    Field_,
    Kind,
    Lang,
    Measure,
    SchemaError,
    Trajectory,
)

IndicatorId = Annotated[str, Field(pattern=rf"^{ID_PATTERN}$", max_length=ID_MAX)]


def _check(problem: str | None) -> None:
    if problem is not None:
        raise ValueError(problem)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    vi: str = Field(min_length=1, max_length=TEXT_MAX)
    en: str = Field(min_length=1, max_length=TEXT_MAX)


class Term(_Strict):
    start: int = Field(ge=YEAR_MIN, le=YEAR_MAX)
    end: int = Field(ge=YEAR_MIN, le=YEAR_MAX)

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        _check(model.term_problem(self))  # type: ignore[arg-type]  # same attributes
        return self


class Period(_Strict):
    start: int
    end: int


class StatusBands(_Strict):
    on_track: float = Field(default=0.95, gt=0)
    needs_acceleration: float = Field(default=0.60, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StatusBands:
        _check(model.bands_problem(self))  # type: ignore[arg-type]  # same attributes
        return self


class Checks(_Strict):
    max_jump_factor: float = Field(default=3.0, gt=1, le=JUMP_MAX)


class Indicator(_Strict):
    id: IndicatorId
    number: str = Field(pattern=rf"^{NUMBER_PATTERN}$", max_length=NUMBER_MAX)
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
    decimals: int = Field(default=1, ge=0, le=DECIMALS_MAX)
    plausible: tuple[float, float] | None = None
    supplementary: bool = False
    section: str = Field(default="II", max_length=SECTION_MAX)
    source: str = Field(default="", max_length=SOURCE_MAX)

    @field_validator("target")
    @classmethod
    def _finite(cls, v: float | bool) -> float | bool:
        if not isinstance(v, bool) and not math.isfinite(v):
            raise ValueError("target must be a finite number")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        _check(model.indicator_problem(self))  # type: ignore[arg-type]  # same attributes
        return self


class Plan(_Strict):
    title: Text
    commune: str = Field(min_length=1, max_length=COMMUNE_MAX)
    term: Term
    baseline_year: int
    language: Lang = "en"
    status_bands: StatusBands = StatusBands()
    checks: Checks = Checks()
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        _check(model.plan_problem(self))  # type: ignore[arg-type]  # same attributes
        return self


class Entry(_Strict):
    value: float | bool
    estimate: bool = False
    note: str | None = Field(default=None, max_length=NOTE_MAX)
    recorded_at: datetime | None = None
    recorded_by: str | None = Field(default=None, max_length=USER_MAX)

    @field_validator("value", mode="before")
    @classmethod
    def _as_typed_by_hand(cls, v: object) -> object:
        return model.typed_by_hand(v)

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | bool) -> float | bool:
        if not isinstance(v, bool) and not math.isfinite(v):
            raise ValueError("value must be a finite number")
        return v


class Change(_Strict):
    indicator: IndicatorId
    value: float | bool
    estimate: bool = False
    note: str | None = Field(default=None, max_length=NOTE_MAX)
    recorded_at: datetime | None = None
    recorded_by: str | None = Field(default=None, max_length=USER_MAX)
    replaced_at: datetime
    replaced_by: str | None = Field(default=None, max_length=USER_MAX)


class YearActuals(_Strict):
    year: int
    comment: str | None = Field(default=None, max_length=NOTE_MAX)
    values: dict[IndicatorId, Entry] = Field(default_factory=dict)
    history: list[Change] = Field(default_factory=list)

    @field_validator("values", mode="before")
    @classmethod
    def _short_form(cls, v: object) -> object:
        # `revenue: 82` is accepted as shorthand for `revenue: {value: 82}`
        if isinstance(v, dict):
            return {k: (x if isinstance(x, dict) else {"value": x}) for k, x in v.items()}
        return v


_SCHEMAS: dict[str, type[_Strict]] = {
    "Plan": Plan,
    "Indicator": Indicator,
    "YearActuals": YearActuals,
}


def validate(name: str, raw: Any) -> Any:
    """``raw`` validated by the schema class ``name``, as model's domain object; SchemaError
    with pydantic's errors when it is not valid."""
    try:
        validated = _SCHEMAS[name].model_validate(raw)
    except ValidationError as exc:
        raise SchemaError([dict(e) for e in exc.errors(include_url=False)]) from None
    return to_domain(validated)


def to_domain(obj: Any) -> Any:
    """A validated schema object as the ``model`` dataclass of the same name, recursively."""
    if isinstance(obj, _Strict):
        cls = getattr(model, type(obj).__name__)
        return cls(**{name: to_domain(getattr(obj, name)) for name in type(obj).model_fields})
    if isinstance(obj, list):
        return [to_domain(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(to_domain(x) for x in obj)
    if isinstance(obj, dict):
        return {k: to_domain(v) for k, v in obj.items()}
    return obj

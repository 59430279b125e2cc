"""The pydantic schema of the plan file (``targets.yaml``): the type of every field.

Imported by :mod:`ntm_tracker.storage.planfile` only, and only when a plan is not in the cache.
The YAML reader hands over every scalar as the text that was typed; the annotated
types below read it with the same rules as the command line (``96,5``, ``có``), and
raise errors whose ``type`` names the problem (``number``, ``whole``...), which
``planfile`` turns into located, catalogued problems. Rules that tie several fields
together live in :mod:`ntm_tracker.core.domain`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ntm_tracker.core.domain import (
    DECIMALS_MAX,
    ID_MAX,
    ID_PATTERN,
    JUMP_MAX,
    NOTE_MAX,
    NUMBER_MAX,
    NUMBER_PATTERN,
    TEXT_MAX,
    YEAR_MAX,
    YEAR_MIN,
    Comparator,
    Kind,
    Measure,
    Sector,
    Trajectory,
)
from ntm_tracker.core.numbers import parse_number, parse_yes_no


def _text_of(v: Any) -> str:
    if not isinstance(v, str):
        raise PydanticCustomError("not_text", "expected text")
    return v


def _number(v: Any) -> float:
    try:
        return parse_number(_text_of(v))
    except ValueError:
        raise PydanticCustomError("number", "not a number") from None


def _whole(v: Any) -> int:
    s = _text_of(v).strip()
    if s.lstrip("+-").isdigit() and s.isascii() and len(s) < 12:
        return int(s)
    raise PydanticCustomError("whole", "not a whole number")


def _flag(v: Any) -> bool:
    try:
        return parse_yes_no(_text_of(v))
    except ValueError:
        raise PydanticCustomError("flag", "not yes or no") from None


def _target(v: Any) -> float | bool:
    text = _text_of(v)
    for parse in (parse_number, parse_yes_no):
        try:
            return parse(text)
        except ValueError:
            pass
    raise PydanticCustomError("target", "not a number or yes/no")


Number = Annotated[float, BeforeValidator(_number)]
Whole = Annotated[int, BeforeValidator(_whole)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Target = Annotated[float | bool, BeforeValidator(_target)]
Year = Annotated[int, BeforeValidator(_whole), Field(ge=YEAR_MIN, le=YEAR_MAX)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Text(_Strict):
    vi: str = Field(min_length=1, max_length=TEXT_MAX)
    en: str = Field(min_length=1, max_length=TEXT_MAX)


class Span(_Strict):
    start: Year
    end: Year


class StatusBands(_Strict):
    on_track: Annotated[Number, Field(gt=0)] = 0.95
    needs_acceleration: Annotated[Number, Field(ge=0)] = 0.60


class Checks(_Strict):
    max_jump_factor: Annotated[Number, Field(gt=1, le=JUMP_MAX)] = 3.0


class Office(_Strict):
    superior: str | None = Field(default=None, max_length=TEXT_MAX)
    issuer: str | None = Field(default=None, max_length=TEXT_MAX)
    place: str | None = Field(default=None, max_length=TEXT_MAX)
    signer: str | None = Field(default=None, max_length=TEXT_MAX)
    recipients: list[Annotated[str, Field(max_length=TEXT_MAX)]] = Field(default_factory=list)


class Indicator(_Strict):
    id: str = Field(pattern=rf"^{ID_PATTERN}$", max_length=ID_MAX)
    number: str = Field(pattern=rf"^{NUMBER_PATTERN}$", max_length=NUMBER_MAX)
    field: Sector
    name: Text
    unit: Text
    kind: Kind
    measure: Measure
    comparator: Comparator
    target: Target
    target_year: Year
    trajectory: Trajectory = Trajectory.LINEAR
    period: Span | None = None
    decimals: Annotated[Whole, Field(ge=0, le=DECIMALS_MAX)] = 1
    plausible: tuple[Number, Number] | None = None
    supplementary: Flag = False
    section: str = Field(default="II", max_length=32)
    source: str = Field(default="", max_length=NOTE_MAX)
    reading_note: Flag = False


class Untracked(_Strict):
    section: str = Field(min_length=1, max_length=32)
    source: str = Field(min_length=1, max_length=NOTE_MAX)
    why: Text


class Plan(_Strict):
    title: Text
    commune: str = Field(min_length=1, max_length=200)
    term: Span
    baseline_year: Year
    language: Literal["en", "vi"] = "vi"
    status_bands: StatusBands = StatusBands()
    checks: Checks = Checks()
    office: Office = Office()
    indicators: list[Indicator] = Field(min_length=1)
    not_tracked: list[Untracked] = Field(default_factory=list)


# The enums behind each field that takes a choice (for the message's list of choices).
CHOICES: dict[str, tuple[str, ...]] = {
    "field": tuple(s.value for s in Sector),
    "kind": tuple(k.value for k in Kind),
    "measure": tuple(m.value for m in Measure),
    "comparator": tuple(c.value for c in Comparator),
    "trajectory": tuple(t.value for t in Trajectory),
    "language": ("en", "vi"),
}


def validate(raw: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the plan as plain validated data, []) or (None, pydantic's error dicts)."""
    from pydantic import ValidationError

    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        return None, [dict(e) for e in exc.errors(include_url=False)]
    return plan.model_dump(mode="json"), []

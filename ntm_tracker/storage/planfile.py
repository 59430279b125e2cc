"""The plan file (``targets.yaml``): its one reader and validator.

:func:`validate` reads the text with the YAML reader, checks the type of every field
with the pydantic schema (:mod:`ntm_tracker.storage.schema`), then the rules that tie fields
together (:mod:`ntm_tracker.core.domain`), and returns every problem with its line. ntm
never writes a plan; ``ntm init`` copies the one shipped with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_tracker.core.domain import (
    Checks,
    Comparator,
    Indicator,
    Kind,
    Measure,
    Office,
    Plan,
    Sector,
    Span,
    StatusBands,
    Text,
    Trajectory,
    Untracked,
    plan_problems,
)
from ntm_tracker.core.problems import Problem
from ntm_tracker.storage.yamlio import Document, Where, YamlProblem, parse

PLAN_FILE = "targets.yaml"

# pydantic's error types, and ntm's name for each problem (the catalog key)
_CODES = {
    "missing": "plan.missing",
    "extra_forbidden": "plan.unknown_key",
    "string_type": "plan.not_text",
    "not_text": "plan.not_text",
    "string_too_short": "plan.empty_text",
    "string_too_long": "plan.too_long",
    "string_pattern_mismatch": "plan.pattern",
    "enum": "plan.choice",
    "literal_error": "plan.choice",
    "model_type": "plan.not_mapping",
    "model_attributes_type": "plan.not_mapping",
    "dict_type": "plan.not_mapping",
    "list_type": "plan.not_list",
    "tuple_type": "plan.pair",
    "too_short": "plan.too_few",
    "too_long": "plan.pair",
    "greater_than": "plan.limit",
    "greater_than_equal": "plan.limit",
    "less_than": "plan.limit",
    "less_than_equal": "plan.limit",
    "number": "plan.not_a_number",
    "whole": "plan.not_whole",
    "flag": "plan.not_yes_no",
    "target": "plan.target_value",
}
_LIMITS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}


@dataclass(frozen=True)
class Checked:
    content: Plan | None
    problems: list[Problem]
    data: dict[str, Any] | None = None  # the validated plan as plain data (for the cache)


def validate(text: str) -> Checked:
    """Read a plan text; problems carry their line (the caller adds the path)."""
    try:
        doc = parse(text)
    except YamlProblem as exc:
        return Checked(None, [exc.problem])
    if doc.data is None:
        return Checked(None, [Problem("plan.empty")])
    if not isinstance(doc.data, dict):
        return Checked(None, [Problem("plan.not_a_plan", line=1)])
    unsafe = _control_chars(doc, doc.data, ())
    if unsafe:  # every name of the plan is printed: none may drive the terminal
        return Checked(None, unsafe)
    from ntm_tracker.storage import schema  # pydantic: only for a plan that is not in the cache

    data, errors = schema.validate(doc.data)
    if data is None:
        return Checked(None, _schema_problems(doc, errors))
    plan = from_data(data)
    problems = [
        Problem(p.code, p.params, line=doc.line(where), severity=p.severity)
        for where, p in plan_problems(plan)
    ]
    problems.sort(key=lambda p: p.line or 0)
    return Checked(None if problems else plan, problems, data)


def _control_chars(doc: Document, data: Any, where: tuple[Any, ...]) -> list[Problem]:
    """A control character or a bidi override in any text of the plan, with its line."""
    from ntm_tracker.core.entering import code_point, unsafe_char

    if isinstance(data, str):
        bad = unsafe_char(data)
        if bad is None:
            return []
        key = next((str(w) for w in reversed(where) if isinstance(w, str)), "")
        facts = {"key": key, "char": code_point(bad)}
        return [Problem("year.control_char", facts, line=doc.line(where))]
    items = data.items() if isinstance(data, dict) else enumerate(data or [])
    if not isinstance(data, dict | list):
        return []
    return [p for k, v in items for p in _control_chars(doc, v, (*where, k))]


def _subject(doc: Document, loc: tuple[Any, ...]) -> tuple[str | None, tuple[Any, ...]]:
    """The indicator a location is about (its id, or its place in the list), and the
    rest of the location."""
    if len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
        items = doc.data.get("indicators") if isinstance(doc.data, dict) else None
        ind_id = None
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            ind_id = items[loc[1]].get("id")
        return (ind_id if isinstance(ind_id, str) else f"#{loc[1] + 1}"), loc[2:]
    return None, loc


def _schema_problems(doc: Document, errors: list[dict[str, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in errors:
        # pydantic adds the member of a union or the validator to the place: drop them
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and _is_tag(p)))
        if loc in seen:
            continue
        seen.add(loc)
        code = _CODES.get(err["type"], "plan.invalid")
        if code == "plan.missing" and loc and isinstance(loc[-1], int):
            code, loc = "plan.pair", loc[:-1]  # [1] for [min, max]: the pair, not "plausible.1"
        indicator, rest = _subject(doc, loc)
        ctx = err.get("ctx") or {}
        params: dict[str, Any] = {
            "indicator": indicator,
            "field": ".".join(str(p) for p in rest),
        }
        value = err.get("input")
        params["text"] = value if isinstance(value, str) else ""
        if code == "plan.choice":
            from ntm_tracker.storage.schema import CHOICES

            params["choices"] = CHOICES.get(str(rest[-1]) if rest else "", ())
        elif code == "plan.too_long":
            params["limit"] = ctx.get("max_length")
        elif code == "plan.limit":
            op = next(k for k in _LIMITS if k in ctx)
            params.update(op=_LIMITS[op], limit=ctx[op])
        elif code == "plan.too_few":
            params["limit"] = ctx.get("min_length")
        params.setdefault("choices", ())
        params.setdefault("limit", "")
        params.setdefault("op", "")
        where: Where = tuple(loc)
        problems.append(Problem(code, params, line=doc.line(where)))
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _is_tag(part: str) -> bool:
    """pydantic's names for union members and validators inside an error location."""
    return part in ("float", "bool", "int", "str", "tuple") or part.startswith(
        ("function-", "tuple[", "nullable[", "list[", "constrained-")
    )


# -- plain data <-> the domain ---------------------------------------------------------


def _text(d: dict[str, str] | None) -> Text | None:
    return Text(vi=d["vi"], en=d["en"]) if d is not None else None


def _span(d: dict[str, int] | None) -> Span | None:
    return Span(d["start"], d["end"]) if d is not None else None


def _period(plan: dict[str, Any], ind: dict[str, Any]) -> Span | None:
    """The period the plan gives; without one, a total or an average runs from the year
    after the baseline to the target year (so that switching the kind of a target
    between `level` and `cumulative` is one line)."""
    given = _span(ind.get("period"))
    if given is not None:
        return given
    if ind["kind"] in (Kind.CUMULATIVE.value, Kind.AVERAGE.value):
        return Span(plan["baseline_year"] + 1, ind["target_year"])
    return None


def from_data(d: dict[str, Any]) -> Plan:
    """The plan from its validated plain data (the schema's output, or the cache's)."""
    indicators = []
    for i in d["indicators"]:
        plausible = i.get("plausible")
        indicators.append(
            Indicator(
                id=i["id"],
                number=i["number"],
                sector=Sector(i["field"]),
                name=Text(**i["name"]),
                unit=Text(**i["unit"]),
                kind=Kind(i["kind"]),
                measure=Measure(i["measure"]),
                comparator=Comparator(i["comparator"]),
                target=i["target"],
                target_year=i["target_year"],
                trajectory=Trajectory(i["trajectory"]),
                period=_period(d, i),
                decimals=i["decimals"],
                plausible=(plausible[0], plausible[1]) if plausible is not None else None,
                supplementary=i["supplementary"],
                section=i["section"],
                source=i["source"],
                reading_note=i["reading_note"],
            )
        )
    office = d.get("office") or {}
    term = _span(d["term"])
    title = _text(d["title"])
    assert term is not None and title is not None  # required by the schema
    return Plan(
        title=title,
        commune=d["commune"],
        term=term,
        baseline_year=d["baseline_year"],
        indicators=tuple(indicators),
        language=d["language"],
        status_bands=StatusBands(**d["status_bands"]),
        checks=Checks(**d["checks"]),
        not_tracked=tuple(
            Untracked(u["section"], u["source"], Text(**u["why"])) for u in d.get("not_tracked", ())
        ),
        office=Office(
            superior=office.get("superior"),
            issuer=office.get("issuer"),
            place=office.get("place"),
            signer=office.get("signer"),
            recipients=tuple(office.get("recipients") or ()),
        ),
    )

"""The plan file (``targets.yaml``): its one reader and validator.

:func:`validate` reads the text with the YAML reader, checks the type of every field
against the plan's dataclasses (:class:`ntm_tracker.core.domain.Plan`, through pydantic),
then the rules that tie fields together (:mod:`ntm_tracker.core.domain` and each kind's),
and returns every problem with its line. :func:`to_data` and :func:`from_data` give the
validated plan as JSON data for the cache and back (:mod:`ntm_tracker.storage.codec`).
ntm never writes a plan; ``ntm init`` copies the one shipped with it.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from ntm_tracker.core import kinds
from ntm_tracker.core.domain import (
    ID_MAX,
    ID_PATTERN,
    Plan,
    Span,
    Text,
    indicator_problems,
    plan_problems,
)
from ntm_tracker.core.fields import folded
from ntm_tracker.core.kind import TargetKind
from ntm_tracker.core.problems import Problem
from ntm_tracker.storage import codec
from ntm_tracker.storage.yamlio import (
    Document,
    Where,
    YamlProblem,
    parse,
    split_figure,
    with_point,
)

PLAN_FILE = "targets.yaml"

# pydantic's error types, and ntm's name for each problem (the catalog key)
_CODES = {
    "missing": "plan.missing",
    "missing_argument": "plan.missing",
    "extra_forbidden": "plan.unknown_key",
    "unexpected_keyword_argument": "plan.unknown_key",
    "string_type": "plan.not_text",
    "not_text": "plan.not_text",
    "string_too_short": "plan.empty_text",
    "string_too_long": "plan.too_long",
    "string_pattern_mismatch": "plan.bad_id",  # or plan.bad_number: by the field
    "enum": "plan.choice",
    "literal_error": "plan.choice",
    "model_type": "plan.not_mapping",
    "dataclass_type": "plan.not_mapping",
    "dataclass_args_type": "plan.not_mapping",
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
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Checked:
    content: Plan | None
    problems: list[Problem]


def validate(text: str) -> Checked:
    """Read a plan text; problems carry their line (the caller adds the path).

    Every problem in one pass: a figure split by a comma, the type of every field, and
    the rules that tie fields together, for the whole plan when it validates, else for
    every indicator that validates on its own (see :func:`_rules_of_what_validated`)."""
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
    from pydantic import ValidationError  # only for a plan that is not in the cache

    problems = _split_figures(doc, doc.data, ())
    plan: Plan | None = None
    try:
        plan = _complete(_adapter().validate_python(doc.data))
    except ValidationError as exc:
        errors = [dict(e) for e in exc.errors()]
        problems += _schema_problems(doc, errors)
        problems += _rules_of_what_validated(doc, errors)
    else:
        problems += _located(doc, plan_problems(plan))
    problems.sort(key=lambda p: p.line or 0)
    return Checked(None if problems else plan, problems)


def _located(
    doc: Document, found: Iterable[tuple[Where, Problem]], items: Sequence[int] | None = None
) -> list[Problem]:
    """The rules' problems with their lines; ``items``: the place in the file of each
    indicator of the plan the rules ran on, when that plan left some out."""
    out = []
    for where, p in found:
        if items is not None and len(where) > 1 and where[0] == "indicators":
            assert isinstance(where[1], int)
            where = ("indicators", items[where[1]], *where[2:])
        out.append(Problem(p.code, p.params, line=doc.line(where), severity=p.severity))
    return out


def _split_figures(doc: Document, data: Any, at: Where) -> list[Problem]:
    """A figure that a comma split in braces (``{target: 7,5}``) is one problem at its
    line, not an unknown field ``5`` and whatever the 7 leads to: the figure is put back
    together in the data for the rest of the checks."""
    found: list[Problem] = []
    if isinstance(data, dict):
        for key in list(data):
            split = split_figure(data, key)
            if split is not None:
                before, figure = split
                indicator, rest = _subject(doc, (*at, before))
                params = {
                    "indicator": indicator,
                    "field": ".".join(str(p) for p in rest),
                    "text": figure,
                    "dotted": with_point(figure),
                }
                found.append(Problem("plan.split_decimal", params, line=doc.line((*at, key))))
                data[before] = figure
                del data[key]
        for key, value in data.items():
            found += _split_figures(doc, value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _split_figures(doc, value, (*at, i))
    return found


# What stands in for a field the rules do not read, when the plan's own does not validate.
_STAND_INS = {"title": {"vi": "-"}, "commune": "-", "term": {"start": "2000", "end": "2001"},
              "baseline_year": "2000"}  # fmt: skip
# The fields whose meaning the rules of the indicators depend on.
_FRAME = ("term", "baseline_year")


def _rules_of_what_validated(doc: Document, errors: list[dict[str, Any]]) -> list[Problem]:
    """The rules that tie fields together, for a plan with type errors: run on every
    indicator that validated on its own, in the plan's term and baseline year where those
    validated (a target year outside the term shows with a typo in another indicator);
    with the term or the baseline year wrong, each indicator's own rules only."""
    from pydantic import ValidationError

    data = doc.data
    bad_items: set[int] = set()
    bad_keys: set[Any] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if len(loc) > 1 and loc[0] == "indicators" and isinstance(loc[1], int):
            bad_items.add(loc[1])
        elif loc:
            bad_keys.add(loc[0])
    raw = data.get("indicators")
    items = raw if isinstance(raw, list) and "indicators" not in bad_keys else []
    kept = [i for i in range(len(items)) if i not in bad_items]
    header = {k: v for k, v in data.items() if k not in bad_keys and k != "indicators"}
    for key, stand_in in _STAND_INS.items():
        header.setdefault(key, stand_in)
    header["indicators"] = [items[i] for i in kept] or [  # one to pass, taken out below
        {"id": "x", "number": "0", "field": "economy", "name": {"vi": "-"},
         "unit": {"vi": "-"}, "kind": kinds.names()[0], "measure": "amount",
         "comparator": "at_least", "target": "1", "target_year": "2001"}
    ]  # fmt: skip
    try:
        plan = _adapter().validate_python(header)
    except ValidationError:  # pragma: no cover - what validated alone validates together
        return []
    if not kept:
        plan = replace(plan, indicators=())
    if all(k in data and k not in bad_keys for k in _FRAME):
        return _located(doc, plan_problems(_complete(plan)), kept)
    if "baseline_year" in data and "baseline_year" not in bad_keys:
        plan = _complete(plan)
    found = [
        (("indicators", j, *where), p)
        for j, ind in enumerate(plan.indicators)
        if not (ind.kind.over_period and ind.period is None)  # its period is not known
        for where, p in indicator_problems(ind)
    ]
    return _located(doc, found, kept)


@functools.cache
def _adapter() -> Any:
    """pydantic's validator of the plan, built once a run (and only when needed)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan)


def _complete(plan: Plan) -> Plan:
    """The plan with what it leaves implicit filled in: without a period, a total or an
    average runs from the year after the baseline to the target year (so that switching
    the kind of a target between `level` and `cumulative` is one line)."""
    start = plan.baseline_year + 1
    indicators = tuple(
        replace(ind, period=Span(start, ind.target_year))
        if ind.kind.over_period and ind.period is None
        else ind
        for ind in plan.indicators
    )
    return replace(plan, indicators=indicators)


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
        if code == "plan.pair" and not (loc and str(loc[-1]) in codec.fixed_lists(Plan)):
            code = "plan.not_list"  # a list of any length, given something else
        indicator, rest = _subject(doc, loc)
        ctx = err.get("ctx") or {}
        params: dict[str, Any] = {
            "indicator": indicator,
            "field": ".".join(str(p) for p in rest),
        }
        value = err.get("input")  # after a field's reading rule: a number, not the text
        typed = value if isinstance(value, str) else _typed(doc.data, loc)
        params["text"] = _shown(typed)
        if code == "plan.unknown_key":  # the closest key this place takes, if any
            parent = codec.type_at(Plan, loc[:-1])
            known = [f.name for f in dataclasses.fields(parent)] if parent is not None else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1)
            params["suggestion"] = close[0] if close else None
        elif code == "plan.bad_id" and rest and rest[-1] == "number":
            code = "plan.bad_number"  # the one field with a pattern that is no id
        elif code == "plan.bad_id":  # an indicator's id, a structure's
            params["example"] = _id_like(params["text"])
        elif code == "plan.not_mapping" and codec.type_at(Plan, loc) is Text:
            code = "plan.text_by_language"  # `name: Thu nhập`: the words, without `vi:`
            params["key"] = next((p for p in reversed(loc) if isinstance(p, str)), "")
            params["text"] = typed if isinstance(typed, str) and typed else "..."
        elif code == "plan.choice":
            params["choices"] = choices().get(str(rest[-1]) if rest else "", ())
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


def _shown(typed: Any) -> str:
    """What was typed, as a message quotes it: the text, or the shape of a list or a
    mapping."""
    if isinstance(typed, str):
        return typed
    return "[...]" if isinstance(typed, list) else "{...}" if isinstance(typed, dict) else ""


def _id_like(text: str) -> str:
    """An id made of what was typed (``Thu nhập`` -> ``thu_nhap``), to show as the form an
    id takes; a stock example when nothing usable was typed."""
    made = folded(text)
    if _ID.fullmatch(made) and len(made) <= ID_MAX:
        return made
    return "thu_nhap"


def _typed(data: Any, loc: tuple[Any, ...]) -> Any:
    """What was typed at ``loc`` of the plain data, or None."""
    for part in loc:
        found = isinstance(data, dict) and part in data
        found = found or (isinstance(data, list) and isinstance(part, int) and part < len(data))
        if not found:
            return None
        data = data[part]
    return data


def _is_tag(part: str) -> bool:
    """pydantic's names for union members and validators inside an error location."""
    return part in ("float", "bool", "int", "str", "tuple") or part.startswith(
        ("function-", "tuple[", "nullable[", "list[", "constrained-")
    )


def choices() -> dict[str, tuple[str, ...]]:
    """The values each field that takes a choice may take (for the message's list of
    choices), found from the plan's dataclasses: their enums, literals and kinds."""
    found: dict[str, tuple[str, ...]] = {}
    for name, hint in codec.fields_of(Plan):
        if isinstance(hint, type) and issubclass(hint, Enum):
            found[name] = tuple(str(m.value) for m in hint)
        elif typing.get_origin(hint) is typing.Literal:
            found[name] = tuple(str(a) for a in typing.get_args(hint))
        elif hint is TargetKind:
            found[name] = kinds.names()
    return found


# -- the cache's plain data -------------------------------------------------------------


def to_data(plan: Plan) -> Any:
    """The validated plan as JSON data."""
    return codec.encode(plan)


def from_data(data: Any) -> Plan:
    """The plan from :func:`to_data`'s data; ValueError, TypeError or KeyError when the
    data does not have the plan's shape."""
    plan = codec.decode(Plan, data)
    assert isinstance(plan, Plan)
    return plan

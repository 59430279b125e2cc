"""The fast reader of ``model`` agrees with the pydantic schema, the authority.

Whatever the fast reader accepts, pydantic must accept with exactly the same result
(same types too: 405.0 and 405, or True and 1, are not the same here); whatever
pydantic refuses, the fast reader must not accept. It may be unsure about valid data:
then the public functions give pydantic's result.
"""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntm_tracker import model, schema
from ntm_tracker.model import (
    Entry,
    SchemaError,
    YearActuals,
    plan_from_raw,
    year_from_raw,
    year_from_text,
)
from ntm_tracker.store import serialize_year
from ntm_tracker.yamlio import YamlProblem, load_yaml, parse_yaml
from tests.edits import EDITS, edit_line

ROOT = Path(__file__).resolve().parent.parent
PLAN_RAW = load_yaml(ROOT / "data" / "targets.yaml")
YEAR_RAW = load_yaml(ROOT / "examples" / "demo" / "actuals" / "2027.yaml")
WRITTEN_ENTRY = {
    "value": 93.5,
    "estimate": True,
    "note": "ước tính",
    "recorded_at": "2027-11-02T09:30:00+07:00",
    "recorded_by": "vp",
}
CHANGE = {
    "indicator": "income",
    "value": 80,
    "estimate": False,
    "recorded_at": "2027-01-02T09:30:00+07:00",
    "replaced_at": "2027-11-02T09:30:00+07:00",
    "replaced_by": "vp",
}


def canonical(obj: Any) -> Any:
    """A comparable form that keeps types apart: (type name, value) at the leaves."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (
            type(obj).__name__,
            [(f.name, canonical(getattr(obj, f.name))) for f in dataclasses.fields(obj)],
        )
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # Entry, Change
        return (type(obj).__name__, [(f, canonical(getattr(obj, f))) for f in obj._fields])
    if isinstance(obj, list | tuple):
        return (type(obj).__name__, [canonical(x) for x in obj])
    if isinstance(obj, dict):
        return ("dict", [(k, canonical(v)) for k, v in obj.items()])
    if isinstance(obj, datetime):
        return ("datetime", obj.isoformat())
    return (type(obj).__name__, repr(obj))


def fast_result(reader: Any, raw: Any) -> Any:
    try:
        return reader(copy.deepcopy(raw))
    except model._Unsure:
        return None


def authority(name: str, raw: Any) -> Any:
    try:
        return schema.validate(name, copy.deepcopy(raw))
    except SchemaError:
        return SchemaError


def assert_agree(reader: Any, name: str, raw: Any) -> bool:
    """True when the fast reader was sure."""
    fast = fast_result(reader, raw)
    slow = authority(name, raw)
    if fast is not None:
        assert slow is not SchemaError, f"fast reader accepted what pydantic refuses: {raw!r}"
        assert canonical(fast) == canonical(slow)
    public = {"Plan": plan_from_raw, "YearActuals": year_from_raw}[name]
    try:
        result = public(copy.deepcopy(raw))
    except SchemaError:
        assert slow is SchemaError
    else:
        assert canonical(result) == canonical(slow)
    return fast is not None


def test_fast_reader_is_sure_of_the_shipped_files() -> None:
    # not a trivial agreement: the files ntm ships and writes take the fast path
    assert assert_agree(model._plan, "Plan", PLAN_RAW)
    assert assert_agree(model._year, "YearActuals", YEAR_RAW)
    written = {"year": 2027, "values": {"income": WRITTEN_ENTRY}, "history": [CHANGE]}
    assert assert_agree(model._year, "YearActuals", written)


TRICKY_VALUES: list[Any] = (
    [
        None, True, False, 0, 1, -1, 2, 6, 7, 0.5, 1.5, -100.5, 405, 405.0, 2026, 2026.0,
        2031, 1899, 2201, float("nan"), float("inf"), "", " ", "x", "2026", "1,5", "có",
        "level", "cumulative", "maintained", "annual", "percent", "rate", "amount", "yes_no",
        "at_least", "above", "below", "at_most", "linear", "compound", "economy", "en", "vi",
        "abc\n", "a" * 33, "a" * 501, "6b", "Bad Id", [1, 2], [2, 1], [1], (0, 100),
        {"start": 2026, "end": 2030}, {"start": 2030, "end": 2026}, {"vi": "a", "en": "b"},
        {"vi": "", "en": "b"}, {"on_track": 0.9}, {"needs_acceleration": 0.99},
        "2027-11-02T09:30:00+07:00", "2027-11-02T09:30:00Z", "2027-11-02 09:30:00+07:00",
        "2027-11-02T09:30:00.5+07:00", "2027-13-02T09:30:00+07:00", datetime(2027, 1, 1),
    ]
)  # fmt: skip
TRICKY = st.sampled_from(TRICKY_VALUES)
PLAN_KEYS = ["title", "commune", "term", "baseline_year", "language", "status_bands", "checks"]
IND_KEYS = [
    "id", "number", "field", "name", "unit", "kind", "measure", "comparator", "target",
    "target_year", "trajectory", "period", "decimals", "plausible", "supplementary",
    "section", "source", "extra",
]  # fmt: skip
YEAR_KEYS = [
    "year", "comment", "value", "estimate", "note", "recorded_at", "recorded_by",
    "indicator", "replaced_at", "replaced_by", "income", "Bad Id", "extra",
]  # fmt: skip
_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_single_change_to_the_plan_agrees() -> None:
    # each key of the plan, of a level and of a cumulative indicator, set to each tricky
    # value or removed: some 4,000 plans, exhaustively (hypothesis below mixes them)
    kinds = {ind["kind"]: i for i, ind in enumerate(PLAN_RAW["indicators"])}
    places = [(None, PLAN_KEYS)] + [(i, IND_KEYS) for i in sorted(set(kinds.values()))]
    sure = 0
    for index, keys in places:
        for key in keys:
            for value in [*TRICKY_VALUES, KeyError]:
                raw = copy.deepcopy(PLAN_RAW)
                target = raw if index is None else raw["indicators"][index]
                if value is KeyError:
                    target.pop(key, None)
                else:
                    target[key] = value
                sure += assert_agree(model._plan, "Plan", raw)
    assert sure > 100  # the fast reader did take part


@_SETTINGS
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, len(PLAN_RAW["indicators"]) - 1)),
            st.sampled_from(PLAN_KEYS + IND_KEYS),
            st.one_of(TRICKY, st.just(KeyError)),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_plan_readers_agree(mutations: list[tuple[int | None, str, Any]]) -> None:
    raw = copy.deepcopy(PLAN_RAW)
    for index, key, value in mutations:
        target = raw if index is None else raw["indicators"][index]
        if value is KeyError:
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(value)
    assert_agree(model._plan, "Plan", raw)


@_SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["values", "entry", "history", "change", "top"]),
            st.sampled_from(YEAR_KEYS),
            st.one_of(TRICKY, st.just(KeyError)),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_year_readers_agree(mutations: list[tuple[str, str, Any]]) -> None:
    assert_agree(model._year, "YearActuals", _year_with(mutations))


def test_every_single_change_to_a_year_file_agrees() -> None:
    sure = 0
    for where in ["values", "entry", "history", "change", "top"]:
        for key in YEAR_KEYS:
            for value in [*TRICKY_VALUES, KeyError]:
                sure += assert_agree(model._year, "YearActuals", _year_with([(where, key, value)]))
    assert sure > 100


def _year_with(mutations: list[tuple[str, str, Any]]) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "year": 2027,
        "comment": "c",
        "values": {"income": dict(WRITTEN_ENTRY), "poverty": 2.1, "ntm_criteria": "có"},
        "history": [dict(CHANGE)],
    }
    for where, key, value in mutations:
        target = _container(raw, where)
        if where == "history":
            key = "history"
        if target is None:
            continue
        if value is KeyError:
            target.pop(key, None)
        else:
            target[key] = copy.deepcopy(value)
    return raw


def _container(raw: dict[str, Any], where: str) -> dict[str, Any] | None:
    found: Any = raw
    path = {"top": [], "history": [], "values": ["values"], "entry": ["values", "income"]}
    for step in path.get(where, ["history", 0]):
        if (isinstance(found, dict) and step in found) or (isinstance(found, list) and found):
            found = found[step]
        else:
            return None
    return found if isinstance(found, dict) else None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(405, 405.0), (True, True), ("96,5", 96.5), ("có", True), (0, 0.0)],
)
def test_values_have_one_type_on_both_paths(value: object, expected: object) -> None:
    raw = {"year": 2027, "values": {"income": value}}
    got = year_from_raw(raw).values["income"].value
    assert (type(got), got) == (type(expected), expected)
    assert canonical(schema.validate("YearActuals", raw)) == canonical(year_from_raw(raw))


# -- year files read in one pass (model.year_from_text) ---------------------------------
PLAN = plan_from_raw(PLAN_RAW)
NOTES = st.text(alphabet=st.sampled_from(list("aý ,.:#'\"-!?%01yesno\u00a0")), max_size=10)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.timezones()
).map(lambda d: d.replace(microsecond=0))
NEW_ENTRIES = st.builds(
    Entry,
    value=st.booleans() | st.integers(-5, 10**6).map(float) | st.floats(-100, 1e6),
    estimate=st.booleans(),
    note=st.none() | NOTES,
    recorded_at=st.none() | MOMENTS,
    recorded_by=st.none() | NOTES,
)


def read_as_reference(text: str) -> Any:
    """What the general path gives: a YearActuals, or SchemaError for any refusal."""
    try:
        raw = parse_yaml(text)
    except YamlProblem:
        return SchemaError
    if not isinstance(raw, dict):
        return SchemaError
    try:
        return year_from_raw(raw)
    except SchemaError:
        return SchemaError


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from([i.id for i in PLAN.indicators] + ["x_1", "b"]), NEW_ENTRIES),
    st.integers(2000, 2100),
    EDITS,
    st.data(),
)
def test_one_pass_year_reader_agrees_with_the_general_path(
    values: dict[str, Entry], year: int, edit: str, data: st.DataObject
) -> None:
    text = serialize_year(PLAN, YearActuals(year=year, values=values))
    text = edit_line(text, edit, data, TRICKY.map(lambda v: repr(v).strip("'"))) + "\n"
    fast = year_from_text(text)
    reference = read_as_reference(text)
    if fast is not None:
        assert reference is not SchemaError, text
        assert canonical(fast) == canonical(reference)
    plain = all(
        "e" not in repr(e.value) and all(t is None or t.isalpha() for t in (e.note, e.recorded_by))
        for e in values.values()
    )
    if edit == "none" and values and plain:
        assert fast is not None  # what ntm writes takes the one-pass reader


def test_the_demo_year_files_take_the_one_pass_reader() -> None:
    for path in sorted((ROOT / "examples" / "demo" / "actuals").glob("*.yaml")):
        text = path.read_text("utf-8")
        fast = year_from_text(text)
        assert fast is not None, path
        assert canonical(fast) == canonical(read_as_reference(text))


@pytest.mark.parametrize(
    "name",
    sorted(
        name
        for name, cls in vars(schema).items()
        if isinstance(cls, type) and issubclass(cls, schema._Strict) and cls is not schema._Strict
    ),
)
def test_schema_and_domain_classes_have_the_same_fields_and_defaults(name: str) -> None:
    # the fields are written twice (pydantic models, dataclasses): they must not drift
    schema_fields = getattr(schema, name).model_fields
    domain = getattr(model, name)
    if hasattr(domain, "_fields"):
        domain_defaults = dict(domain._field_defaults)
        names = set(domain._fields)
    else:
        fields = dataclasses.fields(domain)
        names = {f.name for f in fields}
        domain_defaults = {
            f.name: f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[misc]
            for f in fields
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        }
    assert names == set(schema_fields)
    schema_defaults = {
        n: schema.to_domain(f.get_default(call_default_factory=True))
        for n, f in schema_fields.items()
        if not f.is_required()
    }
    assert schema_defaults == domain_defaults

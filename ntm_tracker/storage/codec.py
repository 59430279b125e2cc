"""Plain JSON data to and from the plan's dataclasses, derived from their type hints.

The cache keeps a validated plan as JSON; reading it back must give the very objects a
fresh validation gives, without pydantic (which the warm path never imports). This is
that mapping, written once for every dataclass by walking its fields' types: no class
is listed here, so the plan's dataclasses stay the one definition of its shape.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NoReturn, Union

from ntm_tracker.core import kinds
from ntm_tracker.core.kind import TargetKind


def encode(value: Any) -> Any:
    """``value`` as JSON data: a dataclass as an object of its fields, an enum as its
    value, a kind as its name, a tuple as a list."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, TargetKind):
        return value.name
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


@functools.cache
def _hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """The fields of ``cls`` and their types (evaluated only where they are strings)."""
    fields = dataclasses.fields(cls)
    if any(isinstance(f.type, str) for f in fields):
        hints = typing.get_type_hints(cls)
        return tuple((f.name, hints[f.name]) for f in fields)
    return tuple((f.name, f.type) for f in fields)


def fields_of(cls: type) -> list[tuple[str, Any]]:
    """Every field of ``cls`` and of the dataclasses it holds, as (name, type) with the
    type's wrappers (Annotated, Optional, tuple) taken off."""
    found: list[tuple[str, Any]] = []
    for name, hint in _hints(cls):
        for inner in _leaves(hint):
            found.append((name, inner))
            if isinstance(inner, type) and dataclasses.is_dataclass(inner):
                found += fields_of(inner)
    return found


def type_at(cls: type, loc: Sequence[Any]) -> type | None:
    """The dataclass found at ``loc`` (field names; list indexes are passed over) inside
    ``cls``, or None where the place holds no dataclass: ``(indicators, 3, name)`` of the
    plan is a Text."""
    found: type | None = cls
    for part in loc:
        if isinstance(part, int):
            continue
        hint = dict(_hints(found)).get(part) if found is not None else None
        found = next(
            (t for t in _leaves(hint) if isinstance(t, type) and dataclasses.is_dataclass(t)),
            None,
        )
    return found


def fixed_lists(cls: type) -> set[str]:
    """The fields of ``cls`` (and of the dataclasses it holds) that hold a fixed number of
    items, like ``plausible: [min, max]``, as opposed to a list of any length."""
    found: set[str] = set()
    for name, hint in _hints(cls):
        for part in _unwrapped(hint):
            args = typing.get_args(part)
            if typing.get_origin(part) is tuple and Ellipsis not in args:
                found.add(name)
    for _, inner in fields_of(cls):
        if isinstance(inner, type) and dataclasses.is_dataclass(inner):
            found |= fixed_lists(inner)
    return found


def _unwrapped(hint: Any) -> list[Any]:
    """``hint`` without Annotated, split into the members of a union."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _unwrapped(typing.get_args(hint)[0])
    if origin in (Union, types.UnionType):
        return [part for arg in typing.get_args(hint) for part in _unwrapped(arg)]
    return [hint]


def _leaves(hint: Any) -> list[Any]:
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(hint)[0])
    if origin in (Union, types.UnionType, tuple):
        return [
            leaf for arg in typing.get_args(hint) if arg is not Ellipsis for leaf in _leaves(arg)
        ]
    return [hint]


def decode(kind: Any, data: Any) -> Any:
    """JSON ``data`` as a value of type ``kind`` (the inverse of :func:`encode`);
    ValueError, TypeError or KeyError when the data does not have that shape."""
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@functools.cache
def _decoder(kind: Any) -> Decoder:
    """The function that decodes data of type ``kind``, made once per type (a plan is
    decoded on every command: walking the types again for each value cost 10 ms)."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _decoder(typing.get_args(kind)[0])
    if origin in (Union, types.UnionType):
        return _union(typing.get_args(kind))
    if origin is tuple:
        return _tuple(typing.get_args(kind))
    if origin is typing.Literal:
        allowed = typing.get_args(kind)
        return lambda data: data if data in allowed else _refuse(data, kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    if kind is TargetKind:
        return _kind
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is float:
        return _float
    if kind in (int, str, bool):
        return lambda data: data if type(data) is kind else _refuse(data, kind)
    raise TypeError(f"no decoding for {kind!r}")


def _refuse(data: Any, kind: Any) -> NoReturn:
    raise TypeError(f"{data!r} is not of type {kind!r}")


def _union(options: tuple[Any, ...]) -> Decoder:
    optional = type(None) in options
    takes_bool = bool in options  # before float: JSON true is not the number 1
    other = [o for o in options if o not in (bool, type(None))]
    inner = _decoder(other[0]) if other else None

    def decode_union(data: Any) -> Any:
        if data is None and optional:
            return None
        if takes_bool and isinstance(data, bool):
            return data
        if inner is None:
            return _refuse(data, options)
        return inner(data)

    return decode_union


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def decode_list(data: Any) -> Any:
            if not isinstance(data, list):
                return _refuse(data, tuple)
            return tuple(item(v) for v in data)

        return decode_list
    items = [_decoder(a) for a in args]

    def decode_fixed(data: Any) -> Any:
        if not isinstance(data, list) or len(data) != len(items):
            return _refuse(data, tuple)
        return tuple(f(v) for f, v in zip(items, data, strict=True))

    return decode_fixed


def _dataclass(cls: type) -> Decoder:
    fields = [(name, _decoder(hint)) for name, hint in _hints(cls)]

    def decode_object(data: Any) -> Any:
        if not isinstance(data, dict):
            return _refuse(data, cls)
        return cls(**{name: f(data[name]) for name, f in fields})

    return decode_object


def _kind(data: Any) -> TargetKind:
    found = kinds.get(data) if isinstance(data, str) else None
    if found is None:
        raise ValueError(f"{data!r} is not a kind")
    return found


def _float(data: Any) -> float:
    if isinstance(data, bool) or not isinstance(data, int | float):
        _refuse(data, float)
    return float(data)

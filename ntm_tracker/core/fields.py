"""How a field of the plan is read from what was typed: markers for ``Annotated`` types.

The plan's dataclasses (:mod:`ntm_tracker.core.domain`) are the one definition of the
plan file: the plan file's owner validates a file against them with pydantic
(``TypeAdapter(Plan)``), and the rest of ntm uses the same objects. Each field that is
read from typed text carries one of these markers; each marker tells pydantic how to
read it (with the same rules as the command line: ``96,5``, ``có``) and which error type
names a refusal (``number``, ``whole``...; the plan file's owner turns those into
catalogued problems).

pydantic is imported only when a schema is built, that is when a plan is validated;
commands that find the plan in the cache never import it.
"""

from __future__ import annotations

from typing import Any


class _Marker:
    """A field's reading rule; pydantic calls :meth:`__get_pydantic_core_schema__`."""

    def schema(self, source: Any, handler: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return self.schema(source, handler)


def _text_of(value: Any) -> str:
    from pydantic_core import PydanticCustomError

    if not isinstance(value, str):
        raise PydanticCustomError("not_text", "expected text")
    return value


class Number(_Marker):
    """A figure as the office types it (``96,5``, ``1.234,5``), within limits."""

    def __init__(self, **limits: float) -> None:
        self.limits: dict[str, Any] = limits  # gt, ge, lt, le

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        from ntm_tracker.core.numbers import NumberError, parse_number

        def read(value: Any) -> float:
            if isinstance(value, str):  # a list or a mapping is no number either
                try:
                    return parse_number(value)
                except NumberError:
                    pass
            raise PydanticCustomError("number", "not a number")

        return core_schema.no_info_before_validator_function(
            read, core_schema.float_schema(**self.limits)
        )


class Whole(_Marker):
    """A whole number (a year, a count of places), within limits."""

    def __init__(self, **limits: int) -> None:
        self.limits: dict[str, Any] = limits

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        def read(value: Any) -> int:
            s = _text_of(value).strip()
            if s.lstrip("+-").isdigit() and s.isascii() and len(s) < 12:
                return int(s)
            raise PydanticCustomError("whole", "not a whole number")

        return core_schema.no_info_before_validator_function(
            read, core_schema.int_schema(**self.limits)
        )


class Flag(_Marker):
    """yes/no, có/không."""

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        from ntm_tracker.core.numbers import NumberError, parse_yes_no

        def read(value: Any) -> bool:
            if isinstance(value, str):  # a list or a mapping is no yes/no either
                try:
                    return parse_yes_no(value)
                except NumberError:
                    pass
            raise PydanticCustomError("flag", "not yes or no")

        return core_schema.no_info_plain_validator_function(read)


class TargetValue(_Marker):
    """A target: a figure, a range (``8,5-9,5`` or ``[8.5, 9.5]``), or yes/no for a goal
    to reach or keep."""

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        from ntm_tracker.core.numbers import (
            RANGE_ORDER,
            NumberError,
            Range,
            parse_number,
            parse_range,
            parse_yes_no,
        )

        def read(value: Any) -> float | bool | Range:
            if (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, str) for v in value)
            ):
                try:
                    low, high = parse_number(value[0]), parse_number(value[1])
                except NumberError:
                    raise PydanticCustomError("target", "not a range") from None
                if low > high:
                    raise PydanticCustomError("range_order", "low end first")
                return Range(low, high)
            if not isinstance(value, str):  # a mapping, or a list that is no pair
                raise PydanticCustomError("target", "not a number or yes/no")
            text = value
            for parse in (parse_number, parse_yes_no):
                try:
                    return parse(text)
                except NumberError:
                    pass
            try:
                return Range(*parse_range(text))
            except NumberError as exc:
                if exc.code == RANGE_ORDER:
                    raise PydanticCustomError("range_order", "low end first") from None
            raise PydanticCustomError("target", "not a number or yes/no")

        return core_schema.no_info_plain_validator_function(read)


class Chars(_Marker):
    """Text, with a length (and a pattern) it must keep to."""

    def __init__(
        self, *, min_length: int | None = None, max_length: int, pattern: str | None = None
    ) -> None:
        self.limits: dict[str, Any] = {"max_length": max_length}
        if min_length is not None:
            self.limits["min_length"] = min_length
        if pattern is not None:
            self.limits["pattern"] = pattern

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(
            _text_of, core_schema.str_schema(**self.limits)
        )


class NonEmpty(_Marker):
    """A list that must hold at least one item."""

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        def check(value: Any) -> Any:
            if isinstance(value, list | tuple) and not value:  # counted as typed, not as
                # the items that pass (an empty list, not a list of one bad item)
                raise PydanticCustomError("too_short", "empty", {"min_length": 1})
            return value

        return core_schema.no_info_before_validator_function(check, handler(source))


def folded(text: str) -> str:
    """A word as a plan may write it, reduced for lookup: 'Từ ... trở lên' and 'tu tro
    len' both give 'tu_tro_len'; 'Đảng ủy' gives 'dang_uy'."""
    import unicodedata

    plain = unicodedata.normalize("NFD", text.strip().lower().replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return "_".join(words)


class Choice(_Marker):
    """One value of an enum, by its code (``at_least``) or by the words a resolution
    uses for it (``từ ... trở lên``), with or without Vietnamese marks."""

    def __init__(self, enum: type[Any], words: dict[str, str] | None = None) -> None:
        self.enum = enum
        self.words = {folded(w): code for w, code in (words or {}).items()}

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        codes = {str(m.value): m for m in self.enum}
        choices = ", ".join(repr(c) for c in codes)

        def read(value: Any) -> Any:
            if isinstance(value, self.enum):
                return value
            key = folded(_text_of(value))
            found = codes.get(key) or codes.get(self.words.get(key, ""))
            if found is None:
                raise PydanticCustomError("enum", "not a choice", {"expected": choices})
            return found

        return core_schema.no_info_plain_validator_function(read)


class Shorthand(_Marker):
    """A mapping that may be written as its one text: ``- Lưu VP Đảng ủy`` stands for
    ``- {name: Lưu VP Đảng ủy}`` (so that a list of plain lines stays valid when its
    items gain keys)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        def read(value: Any) -> Any:
            return {self.key: value} if isinstance(value, str) else value

        return core_schema.no_info_before_validator_function(read, handler(source))


class KindName(_Marker):
    """A kind of target, by its word in the plan (``level``): a registered kind."""

    def schema(self, source: Any, handler: Any) -> Any:
        from pydantic_core import PydanticCustomError, core_schema

        from ntm_tracker.core import kind

        def read(value: Any) -> Any:
            found = kind.get(_text_of(value).strip())
            if found is None:
                choices = ", ".join(repr(n) for n in kind.names())
                raise PydanticCustomError("enum", "not a kind", {"expected": choices})
            return found

        return core_schema.no_info_plain_validator_function(read)


__all__ = [
    "Chars",
    "Choice",
    "Flag",
    "KindName",
    "NonEmpty",
    "Number",
    "TargetValue",
    "Whole",
    "folded",
]

"""The one YAML reader of ntm, and the quoting its writers use.

ntm's files are read with PyYAML's parser (libyaml's C parser when present), but not
with YAML's implicit typing: every scalar is read as the text that was typed, and the
file owners decide what it means with the same rules as the command line. So
``schools: 070`` is 70 (not the octal 56), ``1:24``, ``0x54``, ``8_4`` and
``2027-13-02`` are text that the owner refuses with its line, and ``yes`` only means
yes where yes/no is expected. Only an empty value, ``~`` and ``null`` mean "nothing".

:func:`parse` returns plain data (dicts, lists, strings, None) with the line of every
key and list item; a key written twice, an anchor or alias (``&a``, ``*a``), a tag
(``!!int``) or a mapping used as a key are refused with their line.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ntm_tracker.core.problems import Problem

Where = tuple[str | int, ...]

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAX_DEPTH = 64  # far deeper than any ntm file; libyaml itself stops at 1,000


class YamlProblem(Exception):
    """A text that is not the YAML ntm reads; ``problem`` has the code and the line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass(frozen=True)
class Document:
    data: Any
    lines: dict[Where, int]  # 1-based line of each mapping key and list item

    def line(self, where: Where) -> int | None:
        """The line of ``where``, or of the nearest enclosing place that has one."""
        while where:
            found = self.lines.get(where)
            if found is not None:
                return found
            where = where[:-1]
        return None


@functools.cache
def composer() -> type:
    """A PyYAML composer class whose only implicit type is null (see the module doc)."""
    import yaml

    class TextResolver(yaml.resolver.BaseResolver):
        """Every scalar is text but a plain null word; no path resolvers. (PyYAML's own
        resolver does the same through its tables, three calls a node: a third of the
        time of reading a large file.)"""

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                plain = implicit[0]
                return NULL_TAG if plain and value in _NULL_WORDS else STR_TAG
            return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    cparser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
    if cparser is not None:

        class CComposer(cparser, TextResolver):  # type: ignore[misc]  # PyYAML has no types
            def __init__(self, stream: str) -> None:
                cparser.__init__(self, stream)
                TextResolver.__init__(self)

        return CComposer

    class PyComposer(  # pragma: no cover - PyYAML built without libyaml
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        TextResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            TextResolver.__init__(self)

    return PyComposer


def compose(text: str) -> Any:
    """The root node of ``text`` (PyYAML nodes with their marks), or YamlProblem."""
    import yaml

    loader = composer()(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem(_syntax_problem(exc, text)) from None
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        line = None
        position = getattr(exc, "position", None)
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        raise YamlProblem(Problem("yaml.control_char", {}, line=line)) from None
    except RecursionError:  # pragma: no cover - the pure-Python parser on deep nesting
        raise YamlProblem(Problem("yaml.too_deep", {})) from None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()


# PyYAML's words for the common mistakes, and what ntm calls each one.
_SYNTAX = (
    ("cannot start any token", "yaml.tab"),
    ("mapping values are not allowed", "yaml.colon_in_value"),  # "here" or "in this context"
    ("could not find expected ':'", "yaml.missing_colon"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("found unknown escape character", "yaml.escape"),
    ("exceeded maximum nesting depth", "yaml.too_deep"),
    ("expected a single document", "yaml.several_documents"),
    ("but found another document", "yaml.several_documents"),
    ("expected <block end>", "yaml.indentation"),
    ("did not find expected key", "yaml.indentation"),
    ("did not find expected '-' indicator", "yaml.indentation"),
    ("found undefined alias", "yaml.alias"),
    ("found duplicate anchor", "yaml.alias"),
)


def _syntax_problem(exc: Any, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    words = f"{exc.context or ''} {exc.problem or ''}"
    code = next((c for needle, c in _SYNTAX if needle in words), "yaml.invalid")
    if code == "yaml.invalid" and line is not None:
        lines = text.splitlines()
        if line <= len(lines) and "\t" in lines[line - 1]:
            code = "yaml.tab"
    return Problem(code, {}, line=line)


def parse(text: str) -> Document:
    """Plain data and line numbers of one YAML document; YamlProblem when it is not one."""
    root = compose(text)
    lines: dict[Where, int] = {}
    if root is None:
        return Document(None, lines)
    return Document(_plain(root, (), lines, set(), 0), lines)


def _plain(node: Any, where: Where, lines: dict[Where, int], seen: set[int], depth: int) -> Any:
    import yaml

    line = node.start_mark.line + 1
    if id(node) in seen:  # the composer hands an alias the node it names
        raise YamlProblem(Problem("yaml.alias", {}, line=line))
    if depth > MAX_DEPTH:
        raise YamlProblem(Problem("yaml.too_deep", {}, line=line))
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == NULL_TAG:
            return None
        if node.tag != STR_TAG:
            raise YamlProblem(Problem("yaml.tag", {"tag": node.tag}, line=line))
        return node.value
    if isinstance(node, yaml.SequenceNode):
        if node.tag != SEQ_TAG:
            raise YamlProblem(Problem("yaml.tag", {"tag": node.tag}, line=line))
        items = []
        for i, item in enumerate(node.value):
            at: Where = (*where, i)
            lines[at] = item.start_mark.line + 1
            items.append(_plain(item, at, lines, seen, depth + 1))
        return items
    if node.tag != MAP_TAG:
        raise YamlProblem(Problem("yaml.tag", {"tag": node.tag}, line=line))
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR_TAG, NULL_TAG):
            raise YamlProblem(Problem("yaml.complex_key", {}, line=key_line))
        key = key_node.value
        place: Where = (*where, key)
        if key in mapping:
            facts = {"key": key, "first": lines[place]}
            raise YamlProblem(Problem("yaml.duplicate_key", facts, line=key_line))
        lines[place] = key_line
        mapping[key] = _plain(value_node, place, lines, seen, depth + 1)
    return mapping


def split_figure(mapping: dict[str, Any], key: str) -> tuple[str, str] | None:
    """The figure a comma split, when ``key`` is its second half: in braces a comma
    separates entries, so ``{target: 7,5}`` reads as ``target: 7`` and a key ``5`` with
    no value. For that key: (the key before it, the figure as typed: ``7,5``); None for
    any other key. The one rule of every file ntm reads (the plan and year files)."""
    if not (key.isascii() and key.isdigit()) or mapping.get(key, "") is not None:
        return None
    keys = list(mapping)
    at = keys.index(key)
    before = mapping[keys[at - 1]] if at > 0 else None
    if not isinstance(before, str) or not _FIGURE_HEAD.fullmatch(before.strip()):
        return None
    return keys[at - 1], f"{before.strip()},{key}"


def with_point(figure: str) -> str:
    """A figure typed with a decimal comma, written with a point: 7,5 -> 7.5 (1.234,5 ->
    1234.5), the form that needs no quotes in braces."""
    return figure.replace(".", "").replace(",", ".")


_FIGURE_HEAD = re.compile(r"[+-]?[0-9][0-9.]*")


# -- writing ---------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_.@/+-]*")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Printable, but read as a line break or dropped inside a quoted scalar: always escaped.
_ESCAPED_ANYWAY = frozenset("\u2028\u2029\ufeff")


def _printable(c: str) -> bool:
    """What PyYAML's reader accepts in a file (YAML's printable set, less NEL)."""
    o = ord(c)
    return (
        0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back as exactly ``text``."""
    out = []
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif _printable(c) and c not in _ESCAPED_ANYWAY:
            out.append(c)
        elif ord(c) <= 0xFF:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:  # pragma: no cover - astral characters are printable
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def word(text: str) -> str:
    """An id or a timestamp plain when that reads back the same, quoted otherwise."""
    if _PLAIN_SAFE.fullmatch(text) and text not in _NULL_WORDS:
        return text
    return quoted(text)

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
        problem = _syntax_problem(exc, text)
        if problem.code == "yaml.several_documents":
            only = _first_of_empty_documents(text)
            if only is not None:  # a trailing --- (or --- ...): an empty document, no other
                return only
        raise YamlProblem(problem) from None
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


def _first_of_empty_documents(text: str) -> Any | None:
    """The first document's node when every document after it is empty (a ``---`` left
    at the end of a file), else None."""
    import yaml

    loader = composer()(text)
    try:
        nodes = []
        while loader.check_node():
            nodes.append(loader.get_node())
    except yaml.YAMLError:
        return None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    empty = all(
        isinstance(n, yaml.ScalarNode) and n.tag == NULL_TAG and not n.value for n in nodes[1:]
    )
    return nodes[0] if nodes and empty else None


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
    # the line Notepad shows: YAML also counts NEL, U+2028 and U+2029 as line breaks
    line = text.count("\n", 0, mark.index) + 1 if mark is not None else None
    words = f"{exc.context or ''} {exc.problem or ''}"
    code = next((c for needle, c in _SYNTAX if needle in words), "yaml.invalid")
    if code == "yaml.invalid" and line is not None:
        lines = text.splitlines()
        if line <= len(lines) and "\t" in lines[line - 1]:
            code = "yaml.tab"
    return Problem(code, {}, line=line)


def parse(text: str) -> Document:
    """Plain data and line numbers of one YAML document; YamlProblem when it is not one
    (naming the slip that caused it where it is a common one, on the line Notepad shows)."""
    try:
        root = compose(text)
    except YamlProblem as exc:
        found = slip(text)
        line = exc.problem.line
        if found is not None and (line is None or (found.line or 0) <= line):
            raise YamlProblem(found) from None
        raise
    lines: dict[Where, int] = {}
    if root is None:
        return Document(None, lines)
    line_of = _notepad_lines(text)
    return Document(_plain(root, (), lines, set(), 0, line_of), lines)


# -- the slips of a hand edit in Notepad -------------------------------------------------

# Spaces that look like one in Notepad but are none to YAML: a no-break space (Word,
# Excel, a Vietnamese keyboard's Shift+Space), the full-width space, the thin ones...
ODD_SPACES = frozenset("\u00a0\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
                       "\u2008\u2009\u200a\u202f\u205f")  # fmt: skip
_KEY = r"[A-Za-z0-9_][A-Za-z0-9_]*"
_NO_SPACE = re.compile(rf"({_KEY}):(?=[^\s:/\\])")  # revenue:82
_FLOW_NO_SPACE = re.compile(rf"[{{,]\s*({_KEY}):(?=[^\s:/\\}},])")  # {{value:82}}
_ENTRY = re.compile(rf"({_KEY}|\S[^:#]*?):( +\S.*)?$")  # key: value
_TOP = ("year", "comment", "values", "history")
_COMMENT = re.compile(r"(^|\s)#.*$")


def slip(text: str) -> Problem | None:
    """The first common slip of a hand edit, on the line and column Notepad shows: no
    space after a colon, a space that is none (no-break, full-width), a line indented
    deeper than its sibling, figures with no ``values:`` line above them."""
    previous: tuple[int, str, bool] | None = None  # indent, key, has a one-line value
    levels: list[int] = []  # the indents of the keys that enclose this line
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        for c in "\x85\u2028\u2029":  # a line break to YAML, none in Notepad
            if c in line:
                facts = {"char": f"U+{ord(c):04X}", "column": line.index(c) + 1}
                return Problem("yaml.hidden_break", facts, line=n)
        body = _without_strings(line) if '"' in line or "'" in line else line
        stripped = body.lstrip(" \t")
        indent = len(body) - len(stripped)
        item = stripped[2:].lstrip(" ") if stripped.startswith("- ") else stripped
        if stripped[:1] in ODD_SPACES or item[:1] in ODD_SPACES:
            at = indent if stripped[:1] in ODD_SPACES else len(body) - len(item)
            facts = {"char": f"U+{ord(body[at]):04X}", "column": at + 1}
            return Problem("yaml.odd_space", facts, line=n)
        if not stripped or stripped.startswith("#"):
            continue
        colon = body.find(":")
        while colon != -1:
            if body[colon + 1 : colon + 2] in ODD_SPACES and colon + 1 < len(body):
                facts = {"char": f"U+{ord(body[colon + 1]):04X}", "column": colon + 2}
                return Problem("yaml.odd_space", facts, line=n)
            colon = body.find(":", colon + 1)
        glued = _NO_SPACE.match(item) or ("{" in item and _FLOW_NO_SPACE.search(item))
        if glued:
            return Problem("yaml.no_space", {"key": glued.group(1)}, line=n)
        entry = _ENTRY.match(_COMMENT.sub("", item).rstrip())
        if entry is None:
            previous = None
            continue
        key, value = entry.group(1), bool(entry.group(2))
        value = value and body.count("{") <= body.count("}") and body.count("[") <= body.count("]")
        if previous is not None and indent > previous[0] and previous[2]:
            if previous[0] == 0 and previous[1] in _TOP and key not in _TOP:
                return Problem("yaml.missing_values", {}, line=n)
            facts = {"found": indent, "expected": previous[0]}
            return Problem("yaml.indent_mismatch", facts, line=n)
        popped = None
        while levels and indent < levels[-1]:
            popped = levels.pop()
        if popped is not None and (not levels or indent > levels[-1]):
            return Problem("yaml.indent_mismatch", {"found": indent, "expected": popped}, line=n)
        if not levels or indent > levels[-1]:
            levels.append(indent)
        previous = (indent, key, value)
    return None


def _without_strings(line: str) -> str:
    """``line`` with quoted text blanked (a colon in a note is no slip)."""
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', lambda m: "x" * len(m.group()), line)


def _notepad_lines(text: str) -> list[int] | None:
    """Where each line starts, counting only the line breaks Notepad shows (\\n): YAML
    also breaks lines at NEL, U+2028 and U+2029, which would shift every line number
    after one. None when the text has none of those (the marks' own lines are right)."""
    if not any(c in text for c in "\x85\u2028\u2029"):
        return None
    return [i for i, c in enumerate(text) if c == "\n"]


def _line(mark: Any, line_of: list[int] | None) -> int:
    if line_of is None:
        return int(mark.line) + 1
    import bisect

    return bisect.bisect_right(line_of, mark.index - 1) + 1


def _plain(
    node: Any,
    where: Where,
    lines: dict[Where, int],
    seen: set[int],
    depth: int,
    line_of: list[int] | None = None,
) -> Any:
    import yaml

    line = _line(node.start_mark, line_of)
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
            lines[at] = _line(item.start_mark, line_of)
            items.append(_plain(item, at, lines, seen, depth + 1, line_of))
        return items
    if node.tag != MAP_TAG:
        raise YamlProblem(Problem("yaml.tag", {"tag": node.tag}, line=line))
    mapping: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = _line(key_node.start_mark, line_of)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR_TAG, NULL_TAG):
            raise YamlProblem(Problem("yaml.complex_key", {}, line=key_line))
        key = key_node.value
        place: Where = (*where, key)
        if key in mapping:
            facts = {"key": key, "first": lines[place]}
            raise YamlProblem(Problem("yaml.duplicate_key", facts, line=key_line))
        lines[place] = key_line
        mapping[key] = _plain(value_node, place, lines, seen, depth + 1, line_of)
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

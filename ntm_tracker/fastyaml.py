"""A fast reader for the plain block YAML that ntm writes, with PyYAML as the judge.

A year file with 10,000 indicators has some 50,000 lines; PyYAML, even with libyaml,
builds each scalar through Python-level resolvers and constructors and takes most of
a second for it. The files ntm writes (and most hand-written ones) use a small part
of YAML: nested block mappings, block sequences of mappings, one-line flow mappings,
and scalars that are integers, decimals, booleans, single-quoted or simple plain text.

:func:`parse_simple` reads exactly that part and returns ``None`` for anything else
(and for any doubt: a duplicate key, an odd indent, a tab, a comment after a value,
a double-quoted scalar with escapes, a multi-line scalar, an anchor, a tag...), and the caller then
parses the text with PyYAML, which also produces the error message. So whatever it
returns is what PyYAML's safe loader returns for the same text.
"""

from __future__ import annotations

import re
from typing import Any

# Every line: "key: value", "- key: value", "key:" (a block follows), blank or a comment.
_LINES = re.compile(r"^(?:( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?| *(?:#.*)?)$", re.MULTILINE)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?")  # an integer or a plain decimal
_QUOTED = re.compile(r"'(?:[^']|'')*'")
_DOUBLE_QUOTED = re.compile(r'"[^"\\]*"')  # no escapes: the text between the quotes
# Plain text: starts with a letter, no ':' or '#' (so no ': ', ' #'), no leading indicator.
_PLAIN = re.compile(r"[^\W\d_][\w .,;()/%+\-'\"!?&]*")
_FLOW_PLAIN = re.compile(r"[^\W\d_][\w .;()/%+\-!?&]*")  # and no ',' or quote inside {...}
_FLOW_PAIR = re.compile(r" *([A-Za-z_][A-Za-z0-9_]*): +('(?:[^']|'')*'|[^,'{}]+?) *(?:,|$)")
# PyYAML's implicit booleans and nulls (YAML 1.1); as keys these are not strings.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
}
_NO = object()  # "not in the simple subset"
# A "key: >-" line, which opens a folded block scalar (hand-written plans use them).
_FOLDED = re.compile(r"^( *)(- )?([A-Za-z_][A-Za-z0-9_]*): >-$", re.MULTILINE)


def _unfold(text: str) -> str | None:
    """``text`` with each plain folded block (``key: >-`` then lines of one indent, no
    blank line) written as one single-quoted line, as PyYAML would read it; None when a
    block is not that plain."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _FOLDED.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        spaces, dash, key = match.groups()
        key_indent = len(spaces) + len(dash or "")
        block: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip(" ") and _indent(lines[i]) > key_indent:
            block.append(lines[i])
            i += 1
        if not block or len({_indent(line) for line in block}) != 1:
            return None  # empty, or more-indented lines (kept as lines by YAML)
        if i < len(lines) and not lines[i].strip(" "):
            rest = [line for line in lines[i:] if line.strip(" ")]
            if rest and _indent(rest[0]) > key_indent:
                return None  # a blank line inside the block
        if any(line.endswith(" ") for line in block):
            return None
        folded = " ".join(line.lstrip(" ") for line in block).replace("'", "''")
        out.append(f"{spaces}{dash or ''}{key}: '{folded}'")
    return "\n".join(out)


# The `values:` section of a year file: each indicator with a one-line value, or with a
# block of one-line `key: value` pairs, and nothing else (no comment, blank or deeper line).
_VALUES = re.compile(r"^values:\n", re.MULTILINE)
_NEXT_TOP_LEVEL = re.compile(r"\n[^ ]")  # the line after a section
_ENTRY = re.compile(
    r"  ([A-Za-z_][A-Za-z0-9_]*):(?: +([^\n]*))?\n((?:    [A-Za-z_][A-Za-z0-9_]*: +[^\n]*\n)*)"
)
_PAIR = re.compile(r"    ([A-Za-z_][A-Za-z0-9_]*): +([^\n]*)\n")
# The same entry in the order `ntm record` writes its keys, read in one match.
_WRITTEN_KEYS = ("value", "estimate", "note", "recorded_at", "recorded_by")  # this order
_WRITTEN = re.compile(
    r"  ([A-Za-z_][A-Za-z0-9_]*):(?: +([^ \n][^\n]*)\n|\n"  # `id: value`, or `id:` and
    + "".join(f"(?:    {key}: +([^ \\n][^\\n]*)\\n)?" for key in _WRITTEN_KEYS)  # its pairs
    + r")(?=  [A-Za-z_]|\Z)"
)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # in a row of split_values: the key is not written


class _NotSimple(Exception):
    pass


def _written_rows(section: str, known: dict[str, Any]) -> list[tuple[Any, ...]] | None:
    """Each entry of a values section as ``(id, scalar)`` for `id: scalar`, or as
    ``(id, value, estimate, note, recorded_at, recorded_by)``, YAML scalars or MISSING,
    when every entry is written as ntm writes it (its keys in its order, one line each);
    None otherwise."""

    def scalar(text: str | None) -> Any:
        if text is None:
            return MISSING
        item = known.get(text, _NO)
        if item is _NO:
            item = _known_value(text, known)
            if item is _NO:
                raise _NotSimple
        return item

    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    pos, end, written = 0, len(section), _WRITTEN.match
    try:
        while pos < end:
            found = written(section, pos)
            if found is None:
                return None
            key, short, value, estimate, note, at, by = found.groups()
            if key in seen or key in _WORDS:
                return None
            seen.add(key)
            if short is not None:
                rows.append((key, scalar(short)))
            elif value is estimate is note is at is by is None:
                return None  # `id:` and nothing: a null
            else:
                rows.append(
                    (key, scalar(value), scalar(estimate), scalar(note), scalar(at), scalar(by))
                )
            pos = found.end()
    except _NotSimple:
        return None
    return rows


def split_values(text: str) -> tuple[str, list[tuple[Any, ...]]] | None:
    """A year file as ntm writes it, in two parts: its text with the `values:` section
    replaced by ``values: {}``, and the section's entries as :func:`_written_rows` gives
    them. None when the text or the section is in any way unusual: read it whole."""
    if not text.replace("\n", "").isprintable() or ">-" in text:
        return None
    section = _values_section(text)
    if section is None:
        return None
    before, body, after = section
    rows = _written_rows(body, {}) if body else None
    if rows is None:
        return None
    return f"{before}values: {{}}\n{after}", rows


def _values_section(text: str) -> tuple[str, str, str] | None:
    """(the text before `values:`, the lines under it, the text after them), or None."""
    section = _VALUES.search(text)
    if section is None:
        return None
    end = _NEXT_TOP_LEVEL.search(text, section.end() - 1)
    stop = end.start() + 1 if end is not None else len(text)
    return text[: section.start()], text[section.end() : stop], text[stop:]


def _known_value(rest: str, known: dict[str, Any]) -> Any:
    value = known.get(rest, _NO)
    if value is _NO:
        if not rest.strip(" "):
            return _NO  # `key:` then spaces: a block may follow, left to the line reader
        value = _value(rest)
        if value is not _NO and type(value) is not dict:
            known[rest] = value
    return value


def _block_of_blocks(section: str, known: dict[str, Any]) -> dict[str, Any] | None:
    """The mapping in ``section`` (the lines under `values:`), or None if it is not made
    only of the two simple line forms; the caller then reads the file line by line."""
    if not section:
        return None  # `values:` and nothing under it: a null
    rows = _written_rows(section, known)
    if rows is not None:
        return {
            key: items[0]
            if len(items) == 1
            else {n: v for n, v in zip(_WRITTEN_KEYS, items, strict=True) if v is not MISSING}
            for key, *items in rows
        }
    result: dict[str, Any] = {}
    pos, end, match = 0, len(section), _ENTRY.match
    while pos < end:
        found = match(section, pos)
        if found is None:
            return None
        key, rest, body = found.groups()
        if key in result or key in _WORDS:
            return None
        value: Any
        if rest is not None:  # `revenue: 82`
            if body:
                return None
            value = _known_value(rest, known)
            if value is _NO:
                return None
        else:
            if not body:
                return None  # `revenue:` and nothing: a null, left to the line reader
            value = {}
            for name, text in _PAIR.findall(body):
                if name in value or name in _WORDS:
                    return None
                item = _known_value(text, known)
                if item is _NO:
                    return None
                value[name] = item
        result[key] = value
        pos = found.end()
    return result


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _scalar(text: str, plain: re.Pattern[str]) -> Any:
    if text in _WORDS:
        return _WORDS[text]
    first = text[0]
    if first == "'":
        return text[1:-1].replace("''", "'") if _QUOTED.fullmatch(text) else _NO
    if first == '"':
        return text[1:-1] if _DOUBLE_QUOTED.fullmatch(text) else _NO
    if first.isdigit() or first == "-":
        number = _NUMBER.fullmatch(text)
        if number is None:
            return _NO
        return float(text) if number.group(1) else int(text)
    return text if plain.fullmatch(text) else _NO


def _value(text: str) -> Any:
    """A one-line value: a scalar, or a flow mapping of scalars like {vi: có, en: yes}."""
    text = text.rstrip(" ")
    if not text.startswith("{"):
        return _scalar(text, _PLAIN)
    if not text.endswith("}"):
        return _NO
    inner, pos = text[1:-1], 0
    result: dict[str, Any] = {}
    while inner[pos:].strip(" "):
        match = _FLOW_PAIR.match(inner, pos)
        if match is None:
            return _NO
        key, raw = match.groups()
        value = _scalar(raw, _FLOW_PLAIN)
        if value is _NO or key in result or key in _WORDS:
            return _NO
        result[key] = value
        pos = match.end()
    return result


def parse_simple(text: str) -> Any:
    """The document as PyYAML's safe loader reads it, or None outside the simple subset."""
    if not text.replace("\n", "").isprintable():
        return None  # tabs, CR, other line breaks, BOM, control characters: PyYAML decides
    if ">-" in text and _FOLDED.search(text):
        unfolded = _unfold(text)
        if unfolded is None:
            return None
        text = unfolded
    known: dict[str, Any] = {}  # scalar text -> value; year files repeat most of them
    values = None
    section = _values_section(text)
    if section is not None:  # a year file: read its bulk, `values:`, in one pass
        before, body, after = section
        values = _block_of_blocks(body, known)
        if values is not None:
            text = f"{before}values: {{}}\n{after}"
    root = _parse_lines(text, known)
    if values is not None and root is not None:
        root["values"] = values
    return root


def _parse_lines(text: str, known: dict[str, Any]) -> Any:
    lines = _LINES.findall(text)  # (indent, "- " or "", key, value or "") per line
    if len(lines) != text.count("\n") + 1:
        return None  # a line of another form
    root: dict[str, Any] = {}
    # open containers, innermost last: (indent of their lines, the container)
    stack: list[tuple[int, dict[str, Any] | list[Any]]] = [(0, root)]
    level, mapping = 0, root  # the mapping that takes the next key, and its keys' indent
    pending: tuple[dict[str, Any], str, int] | None = None  # a "key:" awaiting its block
    for spaces, dash, key, rest in lines:
        if not key:
            continue  # a blank line or a comment
        indent = len(spaces)
        if pending is not None or indent != level or dash:  # the structure changes here
            if pending is not None:  # this line opens the block of the pending key
                parent, parent_key, parent_indent = pending
                pending = None
                block: dict[str, Any] | list[Any]
                if dash and indent >= parent_indent:  # a sequence may sit at the key's indent
                    block = []
                elif not dash and indent > parent_indent:
                    block = {}
                else:
                    return None  # an empty value (null): leave it to PyYAML
                parent[parent_key] = block
                stack.append((indent, block))
            while stack[-1][0] > indent or (
                stack[-1][0] == indent and isinstance(stack[-1][1], list) and not dash
            ):
                stack.pop()  # never the root: its indent is 0 and it is a mapping
            top_level, top = stack[-1]
            if top_level != indent:
                return None
            if isinstance(top, dict) and not dash:
                level, mapping = indent, top
            elif isinstance(top, list) and dash:
                level, mapping = indent + 2, {}
                top.append(mapping)
                stack.append((level, mapping))
            else:
                return None
        if key in mapping or key in _WORDS:
            return None
        if not rest:
            mapping[key] = None
            pending = (mapping, key, level)
            continue
        value = known.get(rest, _NO)
        if value is _NO:
            value = _value(rest)
            if value is _NO:
                return None
            if type(value) is not dict:
                known[rest] = value
        mapping[key] = value
    if pending is not None or not root:
        return None
    return root

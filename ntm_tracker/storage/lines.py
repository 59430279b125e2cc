"""Line-level edits of a YAML mapping file, keeping every comment a person typed.

ntm changes a hand-editable file by replacing, inserting or deleting whole lines at
the places PyYAML's composer reports, instead of dumping the whole document again:
what it does not touch stays byte for byte as it was (comments, blank lines, quoting,
the order and form of other entries). Where it replaces lines, the comments on them
are kept: a full-line comment stays above, a trailing comment follows its entry.

Used by :mod:`ntm_tracker.storage.yearfile`, which owns the layout and checks the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ntm_tracker.storage.yamlio import compose

Block = Callable[[], list[str]]  # the lines of a whole section, built only when needed

# The order of insertions at one line (lowest first): entries by their plan order, then
# list items in the order they were appended, then a section added at the end of the file.
_ITEMS = 1 << 30
_LAST = 1 << 31


@dataclass(order=True)
class _Edit:
    start: int  # the first line replaced, or the line to insert before
    rank: int  # at the same start: replacements (1) before insertions (0)
    order: int  # insertions at one place: the lowest order ends up first
    end: int = field(compare=False)  # one past the last line replaced (== start: insert)
    lines: list[str] = field(compare=False)


class LineEditor:
    def __init__(self, text: str) -> None:
        import yaml

        self._yaml = yaml
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.splitlines()
        root = compose(text)
        self.sections: dict[str, tuple[Any, Any]] = {}
        if isinstance(root, yaml.MappingNode):
            self.sections = {k.value: (k, v) for k, v in root.value}
        self.edits: list[_Edit] = []
        self.rewritten: set[str] = set()
        # where new lines go at the end: before a document end (...) or a --- left there
        self.end = len(self.lines)
        while self.end > 0 and (
            self.lines[self.end - 1].strip() in ("...", "---", "")
            or self.lines[self.end - 1].lstrip().startswith("#")
        ):
            self.end -= 1
        if not any(ln.strip() in ("...", "---") for ln in self.lines[self.end :]):
            self.end = len(self.lines)

    # -- what is where -------------------------------------------------------------------

    def _last_line(self, node: Any) -> int:
        """The last line (0-based) holding content of ``node``."""
        last: int = node.start_mark.line
        for n in self._walk(node):
            end = n.end_mark
            line = end.line if end.column > 0 else end.line - 1
            last = max(last, line)
        while last > node.start_mark.line and not self.lines[last].strip():
            last -= 1
        return min(last, len(self.lines) - 1)

    def _walk(self, node: Any) -> list[Any]:
        """``node`` and its descendants that end where their text ends: scalars and
        flow collections (a block collection ends where the next token starts)."""
        found = []
        stack = [node]
        while stack:
            n = stack.pop()
            if isinstance(n, self._yaml.ScalarNode) or getattr(n, "flow_style", False):
                found.append(n)
            if isinstance(n, self._yaml.MappingNode):
                for k, v in n.value:
                    stack += [k, v]
            elif isinstance(n, self._yaml.SequenceNode):
                stack += n.value
        return found

    def _comments(self, nodes: list[Any], first: int, last: int) -> tuple[list[str], list[str]]:
        """(full-line comments, trailing comments with the spaces before them) on lines
        ``first``..``last``."""
        content_end: dict[int, int] = {}
        inside: set[int] = set()  # lines within a multi-line scalar: all content
        for n in nodes:
            s, e = n.start_mark, n.end_mark
            if isinstance(n, self._yaml.ScalarNode) and e.line > s.line:
                inside.update(range(s.line + 1, e.line if e.column == 0 else e.line + 1))
                if e.column == 0:
                    continue
            content_end[e.line] = max(content_end.get(e.line, 0), e.column)
        full, trailing = [], []
        for i in range(first, last + 1):
            line = self.lines[i]
            if i in inside and i not in content_end:
                continue
            stripped = line.strip()
            if stripped.startswith("#") and i not in content_end:
                full.append(line)
                continue
            tail = line[content_end.get(i, 0) :]
            at = _comment_start(tail)
            if at is not None:  # with the spaces typed before it, where there are some
                space = tail[:at] if tail[:at].isspace() else "  "
                trailing.append(space + tail[at:])
        return full, trailing

    def _leading_comments(self, line: int) -> int:
        """The first of the comment lines directly above ``line`` (they belong to it)."""
        while line > 0 and self.lines[line - 1].strip().startswith("#"):
            line -= 1
        return line

    # -- edits ---------------------------------------------------------------------------

    def _replace(self, key: Any, value: Any, new: list[str], indent: str, order: int = 0) -> None:
        """Replace the lines of one entry (``key`` and its ``value``) with ``new``."""
        first = key.start_mark.line
        last = self._last_line(value) if value is not None else first
        last = max(last, first)
        nodes = [key, *self._walk(value)] if value is not None else [key]
        full, trailing = self._comments(nodes, first, last)
        lines = list(full)
        lines += [indent + c.lstrip() for c in trailing[1:]]
        if new:
            head = new[0] + (trailing[0] if trailing else "")
            lines += [head, *new[1:]]
        elif trailing:
            lines.append(indent + trailing[0].lstrip())
        self.edits.append(_Edit(first, 1, order, last + 1, lines))

    def _rewrite(self, section: str, block: Block, item_indent: str = "  ") -> None:
        """Write ``section`` again as a block (flow style, empty, or missing before)."""
        if section in self.rewritten:
            return
        self.rewritten.add(section)
        new = [f"{section}:", *(item_indent + line for line in block())]
        if section in self.sections:
            key, value = self.sections[section]
            self._replace(key, value, new, "")
            return
        at, order = self.end, _LAST
        if section == "values" and "history" in self.sections:
            at, order = self._leading_comments(self.sections["history"][0].start_mark.line), 0
        self.edits.append(_Edit(at, 0, order, at, new))

    def _block_mapping(self, section: str) -> Any | None:
        found = self.sections.get(section)
        if found is None or section in self.rewritten:
            return None
        value = found[1]
        if isinstance(value, self._yaml.MappingNode) and not value.flow_style and value.value:
            return value
        return None

    def set_entry(
        self, section: str, key: str, text: str, order: Mapping[str, int], block: Block
    ) -> None:
        """Give ``key`` of the mapping ``section`` the one-line value ``text``."""
        mapping = self._block_mapping(section)
        if mapping is None:
            self._rewrite(section, block)
            return
        entries = {k.value: (k, v) for k, v in mapping.value}
        indent = " " * mapping.value[0][0].start_mark.column
        line = f"{indent}{key}: {text}"
        if key in entries:
            k, v = entries[key]
            self._replace(k, v, [line], indent)
            return
        rank = order.get(key, len(order))
        later = [k for k, _ in mapping.value if order.get(k.value, len(order)) > rank]
        if later:
            at = self._leading_comments(later[0].start_mark.line)
        else:
            at = self._last_line(mapping.value[-1][1]) + 1
        self.edits.append(_Edit(at, 0, rank, at, [line]))

    def remove_entry(self, section: str, key: str, block: Block) -> None:
        mapping = self._block_mapping(section)
        if mapping is None:
            self._rewrite(section, block)
            return
        for k, v in mapping.value:
            if k.value == key:
                indent = " " * k.start_mark.column
                self._replace(k, v, [], indent)
                return

    def append_item(self, section: str, text: str, block: Block) -> None:
        """Add the one-line item ``text`` at the end of the list ``section``."""
        found = self.sections.get(section)
        value = found[1] if found is not None and section not in self.rewritten else None
        if not (
            isinstance(value, self._yaml.SequenceNode) and not value.flow_style and value.value
        ):
            self._rewrite(section, block)
            return
        dash = " " * value.start_mark.column
        at = self._last_line(value.value[-1]) + 1
        # after any entry inserted here, and items appended in one run stay in their order
        self.edits.append(_Edit(at, 0, _ITEMS + len(self.edits), at, [f"{dash}- {text}"]))

    def text(self) -> str:
        lines = list(self.lines)
        for edit in sorted(self.edits, reverse=True):
            lines[edit.start : edit.end] = edit.lines
        return self.newline.join(lines) + self.newline


def _comment_start(tail: str) -> int | None:
    """Where a comment starts in what follows the last value on a line: a '#' at the
    start or after a space (YAML's rule), or None."""
    for i, c in enumerate(tail):
        if c == "#" and (i == 0 or tail[i - 1] in " \t"):
            return i
    return None

"""What `record`, `plan`, `unset`, `import`, `init` and the report writers say when done."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Book, Entry, Indicator

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ntm_tracker.core.report import Row
    from ntm_tracker.i18n import Words
    from ntm_tracker.storage.csvfile import Table
    from ntm_tracker.storage.store import Outcome


def figure(words: Words, ind: Indicator, entry: Entry) -> str:
    """A figure with its unit and estimate mark: '82 tỷ đồng (ước thực hiện)'."""
    text = words.with_unit(ind, entry.value)
    return text + (" " + words("word.estimate") if entry.estimate else "")


def _note(words: Words, note: str | None) -> str:
    """The note of a figure, where only the note tells two figures apart."""
    return " " + (words("entry.with_note", note=note) if note else words("entry.without_note"))


def render_entry(words: Words, outcome: Outcome, row: Row) -> str:
    """The confirmation of one figure recorded, planned, replaced or removed."""
    ind = outcome.indicator
    facts = {"number": ind.number, "id": ind.id, "year": outcome.year}
    book = "plan" if outcome.book is Book.PLANS else "actual"
    if outcome.new is None:
        assert outcome.old is not None  # only a recorded figure can be removed
        return (
            words(f"entry.removed_{book}", figure=figure(words, ind, outcome.old), **facts) + "\n"
        )
    shown = figure(words, ind, outcome.new)
    if not outcome.changed:
        return words(f"entry.unchanged_{book}", figure=shown, **facts) + "\n"
    old = outcome.old
    was = figure(words, ind, old) if old is not None else ""
    if old is not None and (old.value, old.estimate) == (outcome.new.value, outcome.new.estimate):
        shown, was = shown + _note(words, outcome.new.note), was + _note(words, old.note)
    line = words(f"entry.{outcome.action}_{book}", figure=shown, **facts)
    if old is not None:
        line += " " + words("entry.was", figure=was)
    if outcome.book is Book.ACTUALS:
        status = row.result.status
        if status.value == "baseline":
            line += " " + words("entry.baseline", year=outcome.year)
        else:
            line += " " + words(
                "entry.status", year=outcome.year, status=words(f"status.{status.value}")
            )
    return line + "\n"


def render_import(
    words: Words, table: Table, outcomes: Sequence[Outcome], skipped: int, *, dry_run: bool
) -> str:
    counts: dict[str, int] = {}
    lines = []
    for o in outcomes:
        counts[o.action] = counts.get(o.action, 0) + 1
        if not o.changed or o.new is None:
            continue
        key = "import.line_plan" if o.book is Book.PLANS else "import.line"
        line = "  " + words(
            key, id=o.indicator.id, year=o.year, figure=figure(words, o.indicator, o.new)
        )
        if o.old is not None:
            line += " " + words("entry.was", figure=figure(words, o.indicator, o.old))
        lines.append(line)
    mode = "dry" if dry_run else "done"
    parts = [words.plural(f"import.{mode}_{action}", n) for action, n in counts.items()]
    found = ", ".join(parts)
    if skipped:
        found += "; " + words.plural("import.skipped", skipped)
    name = words.path(table.path)
    if dry_run:  # says how the file was read: a wrong encoding or separator shows here
        head = words("import.head_dry", file=name, source=read_as(words, table), found=found)
    else:
        head = words("import.head_done", file=name, found=found)
    return "\n".join([head, *lines]) + "\n"


SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def read_as(words: Words, table: Table) -> str:
    """How an import file was read: 'CSV in Windows-1258, cells separated by tabs', or
    'Excel workbook, sheet 'Số liệu''."""
    if table.sheet is not None:
        return words("import.read_sheet", sheet=table.sheet)
    encoding = words(f"encoding.{table.encoding}")
    separator = words(f"separator.{SEPARATOR_NAMES[table.separator or ',']}")
    return words("import.read_csv", encoding=encoding, separator=separator)


def render_init(
    words: Words, folder: Path, plan: Path, kept: int = 0, *, blank: bool = False
) -> str:
    """What `ntm init` made (``blank``: the plan to fill in by hand); ``kept``: the files
    actuals/ and plans/ held already."""
    facts = {"folder": words.path(folder), "plan": words.path(plan)}
    done = "init.blank_done" if blank else "init.done"
    if kept:
        return words.plural(f"{done}_kept", kept, **facts) + "\n"
    return words(done, **facts) + "\n"


def render_written(words: Words, path: Path) -> str:
    return words("output.written", path=words.path(path)) + "\n"

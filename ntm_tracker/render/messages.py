"""What `record`, `plan`, `unset`, `import`, `init` and the report writers say when done."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ntm_tracker.core.domain import Book, Entry, Indicator

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ntm_tracker.core.report import Row
    from ntm_tracker.i18n import Words
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
    words: Words, path: Path, outcomes: Sequence[Outcome], skipped: int, *, dry_run: bool
) -> str:
    from ntm_tracker.i18n import display, one_line

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
    head = words(f"import.head_{mode}", file=one_line(display(path)), found=found)
    return "\n".join([head, *lines]) + "\n"


def render_init(words: Words, folder: Path, plan: Path, kept: int = 0) -> str:
    """What `ntm init` made; ``kept``: the files actuals/ and plans/ held already."""
    from ntm_tracker.i18n import display, one_line

    facts = {"folder": one_line(display(folder)), "plan": one_line(display(plan))}
    if kept:
        return words.plural("init.done_kept", kept, **facts) + "\n"
    return words("init.done", **facts) + "\n"


def render_written(words: Words, path: Path) -> str:
    from ntm_tracker.i18n import display, one_line

    return words("output.written", path=one_line(display(path))) + "\n"

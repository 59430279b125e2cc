"""The annual report as a document: paragraphs and the appendix table, already in words.

Composed once by :mod:`ntm_tracker.render.summary`, laid out by the text, Markdown,
Word and Excel renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Frame:
    """What the office fills in on a report; None: a blank to fill in by hand."""

    number: str | None = None
    issued: date | None = None
    signer: str | None = None


@dataclass
class Paragraph:
    text: str
    kind: str = "body"  # title, heading, body, item


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, and for a figure its number (kept as a number in Excel)."""

    text: str
    number: float | None = None
    decimals: int = 0
    mark: str = ""  # shown after the number: the estimate mark "(ước)"


@dataclass
class Appendix:
    title: list[str]
    header: list[str]
    rows: list[list[Cell]]
    groups: list[int] = field(default_factory=list)  # indexes of rows that name a group
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: list[str]  # the heading lines (the Word frame has its own above them)
    body: list[Paragraph]
    appendix: Appendix
    notes: list[str]  # (*) notes on how the plan reads a target

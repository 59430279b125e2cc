"""The annual report as a document: paragraphs and the appendix table, already in words.

Composed once by :mod:`ntm_tracker.render.summary`, laid out by the text, Markdown,
Word and Excel renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Frame:
    """What the office fills in on a report; None: a blank to fill in by hand.
    ``template``: the bytes of the office's own Word file to start from (``--template``)."""

    number: str | None = None
    issued: date | None = None
    signer: str | None = None
    template: bytes | None = None


@dataclass
class Paragraph:
    text: str
    # heading (I., II.), subheading (1., 2.), field (a), b)), body, item, placeholder (a
    # place the office fills in by hand: marked, highlighted in Word)
    kind: str = "body"


@dataclass(frozen=True)
class Note:
    """A note on how the plan reads a target: its mark, as it stands in the text after
    the target's figure ("(*)", "(**)": one mark per note), and what it says."""

    mark: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.mark} {self.text}"


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, and for a figure its number (kept as a number in Excel,
    shown with ``prefix`` before it and ``mark`` after it: "dưới 1,0", "93,5 (ước)",
    "89,7%", "-2,5 điểm %"; ``signed``: the number shows its sign, +1,2)."""

    text: str
    number: float | None = None
    decimals: int = 0
    mark: str = ""  # the text after the number, with its own leading space if any
    prefix: str = ""
    signed: bool = False


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
    notes: list[Note]  # notes on how the plan reads a target (Word: footnotes)
    # where the Word report says that an appendix is attached: after body[appendix_at]
    # (None: after the last paragraph)
    appendix_at: int | None = None
    end: str = ""  # the mark after the body's last sentence: "./."


def end_mark(text: str, mark: str) -> str:
    """The last sentence closed with "./." (the habit of both systems: NĐ 30's models
    end so; HD 36's text could not be read, Party documents do the same)."""
    if not mark or text.endswith(mark):
        return text
    return (text[:-1] if text.endswith(".") else text) + mark

"""How wide a text is in Times New Roman, without the font: for the layout of the Word
frame (a rule as long as its heading, a date that must fit on one line) and the heights
of wrapped rows in Excel.

The advance widths are Liberation Serif's (in 1/2048 of the font size), read once with
fontTools from the fonts LibreOffice ships; Liberation Serif is made metric-compatible
with Times New Roman, so Word lays the same text out to the same width. A Vietnamese
letter has the width of its base letter (the marks sit above or below it), except the
horned ơ, ư, Ư and đ, Đ, which have their own.
"""

from __future__ import annotations

import unicodedata

_CHARS = "".join(chr(c) for c in range(32, 127)) + "đĐơưƯ–"
# fmt: off
_REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155,
    909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821,
    1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569,
    682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569,
    1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983,
    410, 983, 1108, 1024, 1479, 1083, 1110, 1589, 1024,
)
_BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
    1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933,
    1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
    682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
    1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807,
    451, 807, 1065, 1139, 1479, 1134, 1229, 1630, 1024,
)
_ITALIC = (
    512, 682, 860, 1024, 1024, 1706, 1593, 438, 682, 682, 1024, 1382, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1382, 1382, 1382,
    1024, 1884, 1251, 1251, 1366, 1479, 1251, 1251, 1479, 1479, 682, 909, 1366, 1139, 1706,
    1366, 1479, 1251, 1479, 1251, 1024, 1139, 1479, 1251, 1706, 1251, 1139, 1139, 797, 569,
    797, 864, 1024, 682, 1024, 1024, 909, 1024, 909, 569, 1024, 1024, 569, 569, 909, 569,
    1479, 1024, 1024, 1024, 1024, 797, 797, 569, 1024, 909, 1366, 909, 909, 797, 819, 563,
    819, 1108, 1024, 1479, 1093, 1117, 1544, 1024,
)
# fmt: on
_TABLES = {
    (False, False): dict(zip(_CHARS, _REGULAR, strict=True)),
    (True, False): dict(zip(_CHARS, _BOLD, strict=True)),
    (False, True): dict(zip(_CHARS, _ITALIC, strict=True)),
    (True, True): dict(zip(_CHARS, _BOLD, strict=True)),  # bold italic: close to bold
}
UNITS = 2048
_UNKNOWN = 1024  # a letter of another script: half an em, the width of a digit
POINTS_PER_MM = 72 / 25.4


def _advance(table: dict[str, int], char: str) -> int:
    found = table.get(char)
    if found is not None:
        return found
    base = unicodedata.normalize("NFD", char)
    if base and base[0] in table:
        return table[base[0]]
    return 0 if unicodedata.combining(char) else _UNKNOWN


def width_pt(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` set in Times New Roman at ``size`` points, in points."""
    table = _TABLES[(bold, italic)]
    return sum(_advance(table, c) for c in text) * size / UNITS


def width_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    return width_pt(text, size, bold=bold, italic=italic) / POINTS_PER_MM


def line_count(text: str, width: float, size: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped at spaces into ``width`` points (a word
    longer than the line is broken, as Word and Excel break it); 1 for an empty text."""
    if not text:
        return 1
    space = width_pt(" ", size, bold=bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            w = width_pt(word, size, bold=bold)
            if used and used + space + w > width:
                lines += 1
                used = 0.0
            if w > width:  # broken inside the word
                extra = int(w // width)
                lines += extra
                w -= extra * width
            used += (space if used else 0.0) + w
    return lines

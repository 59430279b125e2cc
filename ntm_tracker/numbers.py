"""Forgiving number input and locale-aware number output (pure, no I/O).

Input accepts what office staff type: ``96.5``, ``96,5``, ``96,5%``, ``1.234,5``,
``1,234.5``, ``1 234,5``. Output follows the language: Vietnamese ``1.234,5``,
English ``1,234.5``.
"""

from __future__ import annotations

import math
import re

_SPACES = re.compile(r"[\s\u00a0\u202f_']")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

YES_WORDS = frozenset({"yes", "y", "true", "1", "có", "co", "đạt", "dat", "x", "ok"})
NO_WORDS = frozenset(
    {"no", "n", "false", "0", "không", "khong", "không đạt", "khong dat", "chưa đạt"}
)


def parse_number(text: str) -> float:
    """Parse a number typed with a decimal comma or point.

    Raises ``ValueError`` with a message fit for the user.
    """
    raw = text
    s = _SPACES.sub("", text.strip())
    s = s.rstrip("%").replace("\u2212", "-")  # a trailing percent sign; a Unicode minus
    if not s:
        raise ValueError(f"'{raw}' is not a number; write it like 96,5 or 96.5")
    if "," in s and "." in s:
        # the separator that comes last is the decimal one: 1.234,5 or 1,234.5
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        s = s.replace(",", "")  # 1,234,567: thousands
    elif s.count(".") > 1:
        s = s.replace(".", "")  # 1.234.567: thousands
    if not _NUMBER.fullmatch(s):
        raise ValueError(f"'{raw}' is not a number; write it like 96,5 or 96.5")
    value = float(s)
    if not math.isfinite(value):
        raise ValueError(f"'{raw}' is not a finite number")
    return value


def parse_yes_no(text: str) -> bool:
    """Parse yes/no in English or Vietnamese (có/không), with or without diacritics."""
    s = " ".join(text.strip().lower().split())
    if s in YES_WORDS:
        return True
    if s in NO_WORDS:
        return False
    raise ValueError(f"'{text}' is not yes or no; write yes/no (or có/không)")


def format_number(value: float, lang: str, decimals: int = 1, *, strip: bool = False) -> str:
    """Format ``value`` with ``decimals`` places in the language's convention.

    ``strip`` drops trailing zeros (for recorded values: 80 stays 80, 96.5 stays 96,5);
    without it the places are fixed (for computed figures: 2,0).
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_signed(value: float, lang: str, decimals: int = 1) -> str:
    """Format with an explicit sign: +2,0 / -1,5 / 0,0."""
    text = format_number(value, lang, decimals)
    if text.lstrip("0,.") and not text.startswith("-"):
        return "+" + text
    return text

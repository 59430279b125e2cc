"""Forgiving number input and locale-aware number output (pure, no I/O).

Input accepts what office staff type: ``96.5``, ``96,5``, ``96,5%``, ``1.234,5``,
``1,234.5``, ``1 234,5``. Output follows the language: Vietnamese ``1.234,5``,
English ``1,234.5``.

One rule says what a figure may look like, for every way in (the command line, an
import row, a hand-edited year file, the plan): plain digits with at most one decimal
separator and whole thousands groups; no exponent (``8e1``); at most
:data:`RECORDED_DECIMALS` places and :data:`MAX_DIGITS` digits in all, so that every
figure accepted is stored exactly and shown exactly as it was typed (``0,0000001`` would
be stored as 1e-07 and shown as 0: it is refused instead); ``-0`` is 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

# A recorded value is echoed with up to this many places, trailing zeros dropped, so
# that what was stored is what is shown (1.234 stays 1.234, 80 stays 80).
RECORDED_DECIMALS = 6
# The digits a float keeps exactly (15 significant digits round-trip through a double):
# 999.999.999.999.999, or 123.456.789,123456. No commune's figure comes near.
MAX_DIGITS = 15
_THOUSANDS_SPACES = " \u00a0\u202f"  # a space, a no-break space, a narrow no-break space
_EXPONENT = re.compile(r"[0-9.,]*[0-9][0-9.,]*[eE][+-]?[0-9]+")  # 8e1, 8E+1, 1,5e3
_BODY = re.compile(r"[0-9][0-9.,]*|[.,][0-9]+")
_GROUPED = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})+")  # X stands for the thousands separator
_GROUP_HEAD = re.compile(r"[1-9][0-9]{0,2}")  # what may stand before a thousands group

YES_WORDS = frozenset({"yes", "y", "true", "1", "có", "co", "đạt", "dat", "x", "ok"})
NO_WORDS = frozenset(
    {"no", "n", "false", "0", "không", "khong", "không đạt", "khong dat", "chưa đạt"}
)


NOT_A_NUMBER = "not_a_number"  # the codes of the NumberErrors raised here
NOT_FINITE = "not_finite"
NOT_YES_NO = "not_yes_no"
NOT_A_YEAR = "not_a_year"
AMBIGUOUS = "ambiguous"
NOT_A_RANGE = "not_a_range"
RANGE_ORDER = "range_order"
EXPONENT = "exponent"
TOO_PRECISE = "too_precise"


class NumberError(ValueError):
    """What was typed is not a figure of the kind asked for; ``code`` says why (one of
    the constants above, the ``value.`` catalog keys' last part)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _not_a_number() -> NumberError:
    return NumberError(NOT_A_NUMBER)


def parse_number(text: str) -> float:
    """Parse a number typed with a decimal comma or point, strictly.

    One separator, once, is the decimal one (``96,5``, ``96.5``). Thousands
    separators are accepted only in whole groups of three (``1.234,5``, ``1,234.5``,
    ``1 234,5``, ``1.234.567``); anything else (``96,5,3``, ``12,5.``, ``1_0``,
    non-ASCII digits, ``0x54``, ``1:24``, an exponent ``8e1``) is refused rather than
    guessed; leading zeros are decimal (``070`` is 70). One separator followed by
    exactly three digits (``12.500``, ``1,234``) is a thousands group to a Vietnamese
    clerk and a decimal to an English one: it is refused as ambiguous (``12500`` or
    ``12,50`` are not). More than :data:`RECORDED_DECIMALS` places (trailing zeros
    aside) or :data:`MAX_DIGITS` digits cannot be kept as typed: refused too. ``-0`` is 0.
    Raises :class:`NumberError`.
    """
    if len(text) > 1000:  # no figure is this long; do not spend time on it
        raise _not_a_number()
    s = unicodedata.normalize("NFC", text).strip().replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:].lstrip()
    if _EXPONENT.fullmatch(s):
        raise NumberError(EXPONENT)
    grouped = s
    for space in _THOUSANDS_SPACES:
        grouped = grouped.replace(space, "X")
    plain = grouped.replace("X", "")
    if not _BODY.fullmatch(plain):
        raise _not_a_number()
    commas, points = plain.count(","), plain.count(".")
    if commas and points:
        decimal = "," if plain.rfind(",") > plain.rfind(".") else "."
    elif commas == 1 or points == 1:
        decimal = "," if commas else "."
    else:
        decimal = ""  # no separator, or one repeated: thousands only
    thousands = {",": ".", ".": ","}.get(decimal, "," if commas else ".")
    whole, _, fraction = grouped.partition(decimal) if decimal else (grouped, "", "")
    if decimal and (not fraction.isdigit() or not fraction.isascii()):
        raise _not_a_number()
    if commas + points == 1 and len(fraction) == 3 and _GROUP_HEAD.fullmatch(whole):
        raise NumberError(AMBIGUOUS)
    whole = whole.replace(thousands, "X")
    if "X" in whole and not _GROUPED.fullmatch(whole):
        raise _not_a_number()
    whole = whole.replace("X", "")
    if whole and not (whole.isdigit() and whole.isascii()):
        raise _not_a_number()
    fraction = fraction.rstrip("0")
    if len(whole.lstrip("0")) > MAX_DIGITS:
        raise NumberError(NOT_FINITE)  # too large to be a figure
    if len(fraction) > RECORDED_DECIMALS or len((whole + fraction).lstrip("0")) > MAX_DIGITS:
        raise NumberError(TOO_PRECISE)
    body = (whole or "0") + ("." + fraction if fraction else "")
    return float(sign + body) + 0.0  # + 0.0: -0 is 0


class Range(NamedTuple):
    """A target or a figure written as a range: "tăng trưởng 8,5-9,5%", "ước 8-8,5%"."""

    low: float
    high: float


# "8,5-9,5", "8,5 - 9,5%", "8,5–9,5", "từ 8,5 đến 9,5", "8.5 to 9.5": two figures
_RANGE = re.compile(
    r"^\s*(?:từ|tu|from)?\s*(?P<low>-?[0-9][0-9.,\u00a0\u202f ]*?)\s*%?\s*"
    r"(?:[-\u2013\u2014]|đến|den|to)\s*(?P<high>-?[0-9][0-9.,\u00a0\u202f ]*?)\s*%?\s*$",
    re.IGNORECASE,
)


def parse_range(text: str) -> tuple[float, float]:
    """Two figures written as a range, as resolutions write them: ``8,5-9,5``,
    ``8,5 - 9,5%``, ``từ 8,5 đến 9,5``; each read by :func:`parse_number`. The low end
    first (NumberError ``range_order`` otherwise); ``not_a_range`` when it is not two
    figures."""
    if len(text) > 1000:
        raise NumberError(NOT_A_RANGE)
    found = _RANGE.match(unicodedata.normalize("NFC", text))
    if found is None:
        raise NumberError(NOT_A_RANGE)
    low, high = parse_number(found["low"]), parse_number(found["high"])
    if low > high:
        raise NumberError(RANGE_ORDER)
    return low, high


def places_of(value: float, most: int = RECORDED_DECIMALS) -> int:
    """The decimal places ``value`` has as typed (80: 0, 96.5: 1, 2.125: 3), up to ``most``."""
    return next((d for d in range(most) if round(value, d) == value), most)


def unambiguous(text: str) -> str:
    """A number written with a decimal point (``2.125``, as ``repr`` or ``:g`` give it),
    made so that :func:`parse_number` reads it back as that number and not as a refused
    thousands group: ``2.1250``."""
    try:
        parse_number(text)
    except NumberError as exc:
        if exc.code == AMBIGUOUS:
            return text + "0"
    return text


def plain_text(value: float, significant: int = 12) -> str:
    """``value`` written with a decimal point and never an exponent, as ntm's writers put
    it in a file: exactly for a figure :func:`parse_number` accepts (``82``, ``96.5``,
    ``0.000001``, ``2.1250``: it reads back as the same number), else a computed figure to
    ``significant`` digits (``0.938271604938``)."""
    for places in range(RECORDED_DECIMALS + 1):
        text = f"{value:.{places}f}"
        if float(text) == value and len(text.lstrip("-0").replace(".", "")) <= MAX_DIGITS:
            break
    else:
        text = format(Decimal(f"{value:.{significant}g}"), "f")
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return unambiguous(text)


def parse_yes_no(text: str) -> bool:
    """Parse yes/no in English or Vietnamese (có/không), with or without diacritics."""
    s = " ".join(unicodedata.normalize("NFC", text).strip().lower().split())
    if s in YES_WORDS:
        return True
    if s in NO_WORDS:
        return False
    raise NumberError(NOT_YES_NO)


def parse_year(text: str) -> int:
    """A year as typed: four ASCII digits (``2026``); NumberError otherwise."""
    s = text.strip()
    if len(s) == 4 and s.isdigit() and s.isascii():
        return int(s)
    raise NumberError(NOT_A_YEAR)


_PLACES = [Decimal(1).scaleb(-d) for d in range(16)]
_WIDE = Context(prec=400)  # room for any finite float at any of those places


def _half_up(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.12g}").quantize(_PLACES[decimals], ROUND_HALF_UP, _WIDE)


def round_half_up(value: float, decimals: int) -> float:
    """``value`` rounded as :func:`format_number` shows it (half up, 12 digits)."""
    return float(_half_up(value, decimals))


def format_number(value: float, lang: str, decimals: int = 1, *, strip: bool = False) -> str:
    """Format ``value`` with ``decimals`` places in the language's convention.

    ``strip`` drops trailing zeros (for recorded values: 80 stays 80, 96.5 stays 96,5);
    without it the places are fixed (for computed figures: 2,0).
    """
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    # Half up, as a clerk or Excel rounds: 87/80 = 1.0875 shows as 108,8%, where the binary
    # float (1.08749999...) would round down; 12 significant digits drop that noise.
    text = f"{_half_up(value, decimals):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_signed(value: float, lang: str, decimals: int = 1, *, strip: bool = False) -> str:
    """Format with an explicit sign: +2,0 / -1,5 / 0,0 (``strip``: +2 / -1,5 / 0)."""
    text = format_number(value, lang, decimals, strip=strip)
    if text.lstrip("0,.") and not text.startswith("-"):
        return "+" + text
    return text

"""Forgiving number input and locale number output."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_tracker.core.numbers import (
    NumberError,
    format_number,
    format_signed,
    parse_number,
    parse_yes_no,
    plain_text,
    unambiguous,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("96.5", 96.5),
        ("96,5", 96.5),
        ("96,5%", 96.5),
        (" 96,5 % ", 96.5),
        ("82", 82.0),
        ("-5,5", -5.5),
        ("\u22125", -5.0),  # a Unicode minus pasted from Word
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),  # a non-breaking space from Excel
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        (".5", 0.5),
        ("-0", 0.0),
        ("0,000001", 0.000001),
        ("12,5000000", 12.5),  # trailing zeros are not places
        ("999999999999999", 999999999999999.0),
        ("123456789,123456", 123456789.123456),
        ("0,125", 0.125),  # a leading 0 cannot stand before a thousands group
        ("1.2345", 1.2345),
        ("12,50", 12.5),
        ("1 234.500", 1234.5),  # the space groups the thousands: the point is the decimal
        ("+3", 3.0),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1,2,3.4.5", "nan", "inf", "-inf", "1e999", "--5", "%",
     "96,5,3", "96.5.3", "12,5.", "1_0", "1'000", "\u0663", "\uff11\uff12", "1,23,4", "12 34"],
)  # fmt: skip
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the README refuses exponents: a clerk never types one, a pasted one is a mistake
        ("8e1", "exponent"),
        ("8E+1", "exponent"),
        ("1e2", "exponent"),
        ("1e-320", "exponent"),
        ("5e-324", "exponent"),
        ("1,5e3", "exponent"),
        ("-1e999", "exponent"),
        # what a float cannot keep as typed: it would be shown otherwise (0,0000001 as 0)
        ("0,0000001", "too_precise"),
        ("-0,0000001", "too_precise"),
        ("1234567890,1234567", "too_precise"),
        ("123456789012,3456", "too_precise"),  # 16 digits in all
        ("1" + "0" * 15, "not_finite"),
        ("0," + "0" * 400 + "1", "too_precise"),  # 1e-401: would be stored as 0
    ],
)
def test_one_rule_for_what_a_figure_may_look_like(text: str, code: str) -> None:
    with pytest.raises(NumberError, match=f"^{code}$"):
        parse_number(text)


def test_minus_zero_is_zero() -> None:
    assert math.copysign(1, parse_number("-0")) == 1
    assert math.copysign(1, parse_number("-0,000")) == 1


@pytest.mark.parametrize("text", ["12.500", "12,500", "1.234", "-1,234", "999.000", "12.500%"])
def test_one_separator_before_three_digits_is_ambiguous(text: str) -> None:
    # 12.500 is twelve thousand five hundred to a Vietnamese clerk, 12.5 to an English one
    with pytest.raises(NumberError, match=r"^ambiguous$"):
        parse_number(text)


FIGURES = st.decimals(
    min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False
)


@given(FIGURES)
def test_what_ntm_writes_reads_back_as_written(typed: Decimal) -> None:
    """Every figure ntm accepts is written (year files, CSV) as plain digits that read
    back as the same number: no exponent (1e-05), no refused thousands group (2.125)."""
    value = parse_number(str(typed))
    text = plain_text(value)
    assert "e" not in text.lower()
    assert parse_number(text) == value
    assert Decimal(text) == typed.normalize() or Decimal(text) == typed


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_computed_figure_is_written_without_an_exponent(value: float) -> None:
    text = plain_text(value)
    assert "e" not in text.lower()
    assert math.isclose(float(text), value, rel_tol=1e-11, abs_tol=1e-300)
    assert unambiguous(text) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", True), ("có", True), ("co\u0301", True), ("Có", True), ("co", True),
     ("đạt", True), ("1", True),
     ("no", False), ("không", False), ("KHONG", False), ("không đạt", False), ("0", False)],
)  # fmt: skip
def test_parse_yes_no(text: str, value: bool) -> None:
    assert parse_yes_no(text) is value


def test_parse_yes_no_rejects() -> None:
    with pytest.raises(NumberError, match=r"^not_yes_no$"):
        parse_yes_no("maybe")


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "strip", "text"),
    [
        (96.5, "vi", 1, False, "96,5"),
        (1234.5, "vi", 1, False, "1.234,5"),
        (1234.5, "en", 1, False, "1,234.5"),
        (80.0, "vi", 2, True, "80"),
        (2.0, "vi", 1, False, "2,0"),
        (66.6666, "vi", 1, False, "66,7"),
        (-0.04, "en", 1, False, "0.0"),  # no "-0.0"
        (1234567.891, "vi", 2, False, "1.234.567,89"),
    ],
)
def test_format_number(value: float, lang: str, decimals: int, strip: bool, text: str) -> None:
    assert format_number(value, lang, decimals, strip=strip) == text


def test_format_signed() -> None:
    assert format_signed(2.0, "vi") == "+2,0"
    assert format_signed(-1.25, "en", 2) == "-1.25"
    assert format_signed(0.0, "vi") == "0,0"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 3)))
def test_vi_format_round_trips_through_parse(value: float) -> None:
    for lang in ("vi", "en"):
        for decimals in (2, 4):  # 3 places after a 1-3 digit whole part are ambiguous
            text = format_number(value, lang, decimals)
            assert math.isclose(parse_number(text), value, abs_tol=1e-2)

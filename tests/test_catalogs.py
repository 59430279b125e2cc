"""The word catalogs: the same keys and placeholders in English and Vietnamese, and a
sentence for every key the code asks for (a missing one would end a command in a
KeyError instead of a sentence)."""

from __future__ import annotations

import ast
import re
import string

import pytest

from ntm_tracker.core import domain, kinds, result
from ntm_tracker.i18n import catalog
from ntm_tracker.render import export, history
from ntm_tracker.render import status as render_status
from tests.conftest import ROOT

EN, VI = catalog("en"), catalog("vi")
SOURCES = sorted((ROOT / "ntm_tracker").rglob("*.py"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_in_both_languages() -> None:
    assert set(EN) ^ set(VI) == set()


@pytest.mark.parametrize("key", sorted(EN))
def test_same_placeholders(key: str) -> None:
    assert fields(EN[key]) == fields(VI[key]), key


def literal_keys() -> set[str]:
    """Every catalog key written out in the code: words("key"), words.plural("key")..."""
    keys: set[str] = set()
    for path in SOURCES:
        if path.parent.name == "i18n" and path.name in ("en.py", "vi.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = node.args[0]
                if name in ("words", "plural", "self") or (
                    isinstance(func, ast.Name) and func.id == "words"
                ):
                    options = (
                        [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
                    )
                    for c in options:  # f-strings build keys at run time: not checked here
                        text = c.value if isinstance(c, ast.Constant) else None
                        if isinstance(text, str) and re.fullmatch(r"[a-z_]+\.[a-z_.]+", text):
                            keys.add(text)
    return keys


def problem_codes() -> set[str]:
    """Every problem code the code can raise: Problem("code"...), self.add("code"...)."""
    codes: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) else None
            if name in ("Problem", "add", "file_problem") and isinstance(text, str) and "." in text:
                codes.add(text)
    return codes


def has(key: str) -> bool:
    return key in EN or (f"{key}.one" in EN and f"{key}.other" in EN)


def test_every_literal_key_exists() -> None:
    keys = literal_keys()
    assert len(keys) > 100  # the scan sees the code
    missing = sorted(k for k in keys if not has(k) and not k.startswith("ntm_tracker."))
    assert missing == []


def test_every_problem_has_a_sentence() -> None:
    codes = problem_codes()
    assert len(codes) > 60
    assert sorted(c for c in codes if not has(f"problem.{c}")) == []


def test_the_codes_of_the_parsers_have_a_sentence() -> None:
    from ntm_tracker.core import numbers
    from ntm_tracker.storage import planfile, yamlio

    for code in (numbers.NOT_A_NUMBER, numbers.NOT_FINITE, numbers.NOT_YES_NO, numbers.AMBIGUOUS):
        assert has(f"problem.value.{code}")
    for _, code in yamlio._SYNTAX:
        assert has(f"problem.{code}")
    for code in planfile._CODES.values():
        assert has(f"problem.{code}")


def test_every_enum_value_has_a_word() -> None:
    for s in result.Status:
        assert (has(f"status.{s.value}") and has(f"sum.verdict_{s.value}")) or s in (
            result.Status.ACHIEVED, result.Status.DETERIORATING, result.Status.BASELINE,
            result.Status.NO_BASELINE, result.Status.NO_DATA,
        )  # fmt: skip
        assert has(f"status.{s.value}")
        assert has(f"explain.why_{s.value}")
    for k in kinds.all_kinds():
        assert has(f"kind.{k.name}") and has(f"note.reading_{k.name}")
    for m in domain.Measure:
        assert has(f"measure.{m.value}")
    for c in domain.Comparator:
        assert has(f"comparator.{c.value}")
    for b in domain.Book:
        assert has(f"book.{b.value}")


def test_every_column_has_a_header() -> None:
    for column in (*render_status.CSV_COLUMNS, *export.COLUMNS, *history.CSV_COLUMNS):
        assert has(f"col.{column}"), column


def test_no_english_left_in_the_vietnamese_catalog() -> None:
    """A Vietnamese sentence copied from English by mistake (the ids, file names,
    commands and formulas it quotes are fine)."""
    english = re.compile(r"\b(the|and|of|is|not|with|must|figure|target)\b")
    for key, text in VI.items():
        prose = re.sub(r"`[^`]*`|'[^']*'|\{[^}]*\}|--[a-z-]+|\b[A-Z_]{2,}\b", "", text)
        assert not english.search(prose), f"{key}: {text}"

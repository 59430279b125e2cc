"""docs/plan-format.md stays true to the code: every YAML block on it loads as a plan (a
block marked ``yaml plan`` as it stands, a block marked ``yaml indicator`` as the
indicators of a plan of 2025-2030, or of the term its mark names), and every kind and
every comparator word ntm knows is on it."""

from __future__ import annotations

import re

import pytest

from ntm_tracker.core import kinds
from ntm_tracker.core.domain import COMPARATOR_WORDS, Comparator
from ntm_tracker.storage import planfile
from tests.conftest import ROOT

DOC = ROOT / "docs" / "plan-format.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCK = re.compile(r"^```yaml([^\n]*)\n(.*?)^```$", re.M | re.S)

# The plan an indicator block is checked in: the least a plan file needs.
HEADER = """\
title: {{vi: Ví dụ}}
commune: Ví dụ
term: {{start: {start}, end: {end}}}
baseline_year: {start}
indicators:
"""


def as_plan(mark: str, body: str) -> str:
    """The plan file a block stands for, by its mark."""
    words = mark.split()
    if words == ["plan"]:
        return body
    assert words[:1] == ["indicator"] and len(words) <= 2, f"a YAML block marked {mark!r}"
    start, end = words[1].split("-") if len(words) == 2 else ("2025", "2030")
    indented = "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())
    return HEADER.format(start=start, end=end) + indented


BLOCKS = [(m.group(1).strip(), m.group(2)) for m in BLOCK.finditer(TEXT)]


def test_the_doc_has_its_yaml_blocks() -> None:
    assert len(BLOCKS) >= 15
    assert "```yml" not in TEXT  # every YAML block is one this test finds


@pytest.mark.parametrize(
    ("mark", "body"), BLOCKS, ids=[f"{i + 1}-{mark}" for i, (mark, _) in enumerate(BLOCKS)]
)
def test_every_yaml_block_of_the_doc_loads(mark: str, body: str) -> None:
    checked = planfile.validate(as_plan(mark, body))
    assert checked.problems == []
    assert checked.content is not None


def test_every_kind_has_its_section() -> None:
    for name in kinds.names():
        assert re.search(rf"^### .*`{name}`", TEXT, flags=re.M), name


def test_every_comparator_and_its_words_are_in_the_table() -> None:
    table = TEXT.split("## Comparators", 1)[1].split("\n## ", 1)[0]
    for comparator in Comparator:
        assert f"| `{comparator.value}`" in table, comparator
    for words in COMPARATOR_WORDS:
        # "từ trở lên" is written as resolutions write it, "từ ... trở lên"
        assert words in table or words.replace("từ ", "từ ... ") in table, words

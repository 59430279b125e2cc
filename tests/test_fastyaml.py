"""The fast YAML reader returns exactly what PyYAML's safe loader returns, or None."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_tracker.fastyaml import parse_simple
from ntm_tracker.yamlio import YamlProblem, dump_yaml, parse_yaml
from tests.edits import EDITS, edit_line

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def typed(value: Any) -> Any:
    """The value with every scalar's type spelled out (1, 1.0 and True differ)."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def agrees_with_pyyaml(text: str) -> bool:
    """True when the fast reader took the text (and then it must agree with PyYAML)."""
    fast = parse_simple(text)
    if fast is None:
        return False
    assert typed(fast) == typed(yaml.load(text, Loader=Loader)), text
    return True


YEAR_FILE = """\
# Actual values for 2027 (số liệu thực hiện năm 2027).
year: 2027
comment: Illustrative, not official figures (số liệu minh họa).
values:
  revenue:
    value: 70
    estimate: false
  health_insurance:
    value: 93.5
    estimate: true
    note: Ước thực hiện đến 31/12 (estimate to 31 December)
    recorded_at: '2026-11-29T03:06:39+00:00'
    recorded_by: root
  ntm_criteria: yes
  poverty: -0.25
history:
- indicator: schools
  value: 78
  estimate: false
  replaced_at: '2026-11-29T03:06:38+00:00'
- indicator: schools
  value: 80
  note: it's fine
  replaced_at: '2026-11-29T03:06:39+00:00'
"""


def test_a_year_file_as_ntm_writes_it_is_read_fast_and_the_same() -> None:
    assert agrees_with_pyyaml(YEAR_FILE)
    assert parse_simple(YEAR_FILE)["values"]["ntm_criteria"] is True


@pytest.mark.parametrize(
    "text",
    [
        'number: "6a"\nname: "Tỷ lệ: 96,5%"\nempty: ""\n',
        "source: >-\n  (6) ... đạt 80%. Section III.2: \"Tỷ lệ\n  it's # not a comment\nnext: 1\n",
        "list:\n- id: a\n  source: >-\n    one\n    two\n  target: 1\n",
        "a: >-\n  last block\n  of the file",
        "a: >-\n  block\n\nb: after a blank line\n",
    ],
)
def test_double_quotes_and_plain_folded_blocks_are_read_fast(text: str) -> None:
    assert agrees_with_pyyaml(text)


def test_the_shipped_plan_is_read_fast() -> None:
    text = (Path(__file__).resolve().parent.parent / "data" / "targets.yaml").read_text("utf-8")
    assert agrees_with_pyyaml(text)


def test_flow_mappings_of_a_plan_are_read_fast() -> None:
    text = "unit: {vi: '%/năm', en: '% a year'}\nperiod: {start: 2026, end: 2030}\nx: {}\n"
    assert agrees_with_pyyaml(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: PyYAML path reports it with its line
        "a: {b: 1, b: 2}\n",
        "a: 1 # comment after a value\n",
        'a: "with \\"escapes\\""\n',
        'a: "x\\ny"\n',
        "a: >-\n  one\n    more indented\n",
        "a: >-\n  one\n\n  blank line inside\n",
        "a: >-\n  trailing space \n  x\n",
        "a: >-\nb: 1\n",  # an empty block
        "a: >\n  keeps its line end\n",
        "a: |-\n  literal\n",
        "a: 007\n",  # octal in YAML 1.1
        "a: 1_000\n",
        "a: 1e3\n",
        "a: 2026-01-15\n",  # a date
        "a: 1:30\n",  # sexagesimal
        "a: .5\n",
        "a: +1\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: [1, 2]\n",
        "a:\nb: 1\n",  # null value
        "a: 'open\n  quote'\n",
        "a: text\n  continued\n",
        "a:\tb\n",
        "a: 1\r\nb: 2\r\n",
        "a: x\u2028y\n",  # a line break to YAML
        "a: \ufeffx\n",
        "# \x07\na: 1\n",  # a control character, even in a comment
        "---\na: 1\n",
        "on: 1\n",  # a boolean key
        "a: b: c\n",
        "- a: 1\n",  # a sequence at the top
        "",
        "# only a comment\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert parse_simple(text) is None


def test_duplicate_keys_are_still_refused_with_their_line() -> None:
    with pytest.raises(YamlProblem) as err:
        parse_yaml("values:\n  a: 1\n  b: 2\n  a: 3\n")
    assert err.value.line == 4
    assert "written twice" in err.value.problem


# -- properties --------------------------------------------------------------------
keys = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
texts = st.text(
    alphabet=st.sampled_from(list("aAyYnNoOtT ,.;:#'\"-_!&*?%/()01\u1ef0\u01b0\u00e9\u00a0")),
    min_size=0,
    max_size=12,
)
scalars = (
    st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False, width=64)
    | st.booleans()
    | st.none()
    | texts
    | st.from_regex(r"[A-Za-z\u01af\u01b0][a-z\u01b0 ]{0,8}[a-z]", fullmatch=True)
)
documents = st.dictionaries(
    keys,
    st.recursive(
        scalars,
        lambda inner: (
            st.dictionaries(keys, inner, max_size=4)
            | st.lists(st.dictionaries(keys, inner, min_size=1, max_size=3), max_size=3)
        ),
        max_leaves=12,
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_what_ntm_dumps_reads_back_the_same(doc: dict[str, Any]) -> None:
    text = dump_yaml(doc, "# header\n")
    agrees_with_pyyaml(text)


LINE_PARTS = st.sampled_from(
    [
        "yes", "No", "~", "null", "1.5", "-0", "0", "12", "007", "1e3", "'a''b'", "'x", "''",
        "a: b", "a #b", "{a: 1}", "{a: 1, a: 2}", "{a: 'x, y', b: c d}", "{a: }", "{a: 1,}",
        "[1]", "&x", "*x", "!!str 1", '"q"', "-", "1:30", "2026-01-01", ".5", "+1", "0x1F",
        "Ước tính", "a'b", 'a"b', "text  ", "x:y", "? q", '"a: b"', '"a\\tb"', '""', '"x',
        ">-\n  folded\n  text", ">-\n  x\n   y", ">-", "|-\n  x", ">-\n  x\n\n  y",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(documents, st.data())
def test_any_text_the_fast_reader_takes_pyyaml_reads_the_same(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    """A valid layout with one value, or one key, replaced by something tricky."""
    lines = dump_yaml(doc).splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    key, colon, _ = lines[i].partition(":")
    if data.draw(st.booleans()):
        lines[i] = f"{key}{colon} {data.draw(LINE_PARTS)}"
    else:
        indent = key[: len(key) - len(key.lstrip(" -"))]
        lines[i] = indent + data.draw(st.sampled_from(["on", "No", "a b", "-x", "'q'"])) + colon
    text = "\n".join(lines) + "\n"
    fast = parse_simple(text)
    if fast is not None:
        assert typed(fast) == typed(yaml.load(text, Loader=Loader)), text


# A year file's bulk, `values:`, is read in one pass; the same properties hold there.
entries = st.fixed_dictionaries(
    {"value": scalars},
    optional={
        "estimate": st.booleans(),
        "note": texts,
        "recorded_at": st.just("2026-11-29T03:06:39+00:00"),
        "recorded_by": texts,
        "extra": scalars,
    },
)
year_documents = st.fixed_dictionaries(
    {"year": st.integers(2000, 2100), "values": st.dictionaries(keys, entries | scalars)},
    optional={"history": st.lists(entries, max_size=2), "comment": texts},
)


@settings(max_examples=300, deadline=None)
@given(year_documents, st.data())
def test_year_files_read_in_one_pass_agree_with_pyyaml(
    doc: dict[str, Any], data: st.DataObject
) -> None:
    text = dump_yaml(doc)
    agrees_with_pyyaml(text)
    edit = data.draw(EDITS)
    mutated = edit_line(text, edit, data, LINE_PARTS) + data.draw(st.sampled_from(["\n", ""]))
    agrees_with_pyyaml(mutated)


@pytest.mark.parametrize(
    "text",
    [
        "year: 1\nvalues:\nhistory: []\n",  # values: null
        "year: 1\nvalues:\n",
        "values:\n  a:\n    value: 1\n    note: \n",  # note: null
        "values:\n  a:\n    value: 1\n    note:\n",
        "values:\n  a: \n  b: 1\n",
        "values:\n  a:\n    value: 1\n    estimate: false\n    other: 2\n",
        "values:\n  a:\n    estimate: false\n    value: 1\n",
        "values:\n  a:\n    value: 1\n  a:\n    value: 2\n",
        "values:\n  a:\n    value: 1\n    value: 2\n",
        "values:\n  a:\n    value: 1\n     more: 2\n",
        "values:\n  a:\n    value: 1\n\n  b: 2\n",
        "values:\n  a:\n    value: 1\n  # note\n  b: 2\n",
        "values:\n  on:\n    value: 1\n",
        "values:\n  a:\n    value: 1\nvalues:\n  b: 1\n",
        "values:\n  a:\n    value: 1",  # no line end at the end
    ],
)
def test_odd_values_sections_agree_or_are_left_to_pyyaml(text: str) -> None:
    fast = parse_simple(text)
    try:
        slow = yaml.load(text, Loader=Loader)
    except yaml.YAMLError:
        assert fast is None
    else:
        assert fast is None or typed(fast) == typed(slow)


def test_a_year_file_as_ntm_writes_it_takes_the_one_pass_reader() -> None:
    from ntm_tracker import fastyaml

    section = YEAR_FILE.split("values:\n")[1].split("history:")[0]
    assert fastyaml._block_of_blocks(section, {}) is not None
    assert agrees_with_pyyaml(YEAR_FILE)

"""Property-based tests: whatever `record`, `import` and the loaders are fed, the answer is a
success or one clean error line with a non-zero exit, and data is unchanged after a failure."""

from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ntm_tracker.check import check_data
from ntm_tracker.cli import app
from ntm_tracker.errors import NtmError
from ntm_tracker.store import Store
from tests.conftest import DEMO

runner = CliRunner()
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
IDS = ["revenue", "income", "poverty", "schools", "ntm_criteria", "investment_growth", "6a", "S3"]


@pytest.fixture
def demo() -> Iterator[Path]:
    """A demo copy shared by the examples of one test (a failed example must not change it)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "demo"
        shutil.copytree(DEMO, target)
        yield target


def snapshot(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "actuals").glob("*.yaml"))}


def assert_clean_outcome(result: Any, before: dict[str, bytes], data: Path) -> None:
    """Success, or one `Error: ...` line (maybe after per-row lines) and nothing changed."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code == 0:
        return
    assert result.exit_code in (1, 2, 3, 4), result.exit_code
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: ") or "Usage:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data) == before


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=False, places=3).map(lambda d: str(d).replace(".", ",")),
)
words = st.text(max_size=30)
values = st.one_of(numbers, words, st.sampled_from(["có", "không", "yes", "96,5%", "1.234,5"]))


@SETTINGS
@given(
    year=st.one_of(st.integers(min_value=2020, max_value=2035), st.integers()).map(str),
    indicator=st.one_of(st.sampled_from(IDS), words),
    value=values,
    note=st.one_of(st.none(), st.text(max_size=50), st.just("x" * 2001)),
    force=st.booleans(),
)
def test_record_random_input(
    demo: Path, year: str, indicator: str, value: str, note: str | None, force: bool
) -> None:
    before = snapshot(demo)
    args = ["--data-dir", str(demo), "record", year, indicator, value]
    if note is not None:
        args += ["--note", note]
    if force:
        args.append("--force")
    result = runner.invoke(app, args)
    assert_clean_outcome(result, before, demo)
    Store(demo).load_actuals(Store(demo).load_plan())  # whatever happened, it still loads


cells = st.one_of(numbers, words, st.sampled_from([*IDS, "2026", "2027", "", '"8,5"', "x"]))
rows = st.lists(st.lists(cells, min_size=0, max_size=6), max_size=8)


@SETTINGS
@given(
    header=st.sampled_from(["", "year,indicator,value\n", "id;year;value;estimate;note\n"]),
    table=rows,
    sep=st.sampled_from([",", ";"]),
    force=st.booleans(),
)
def test_import_random_csv(
    demo: Path, header: str, table: list[list[str]], sep: str, force: bool
) -> None:
    before = snapshot(demo)
    csv_path = demo.parent / "in.csv"
    csv_path.write_text(header + "".join(sep.join(r) + "\n" for r in table), encoding="utf-8")
    args = ["--data-dir", str(demo), "import", str(csv_path)] + (["--force"] if force else [])
    result = runner.invoke(app, args)
    assert_clean_outcome(result, before, demo)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from('2026,;"revenue\nincome 8\r\x00é-'), max_size=80))
def test_import_random_text(demo: Path, text: str) -> None:
    """Any text at all, quotes and separators included: a success or one clean error."""
    before = snapshot(demo)
    csv_path = demo.parent / "in.csv"
    csv_path.write_text("year,indicator,value\n" + text, encoding="utf-8")
    result = runner.invoke(app, ["--data-dir", str(demo), "import", str(csv_path), "--force"])
    assert_clean_outcome(result, before, demo)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["revenue", "value", "year", "values", "history", 2026]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    [
                        "year",
                        "values",
                        "revenue",
                        "value",
                        "note",
                        "history",
                        "estimate",
                        "indicator",
                        "replaced_at",
                    ]
                ),
                st.text(max_size=8),
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=12,
)


def _year_doc(body: Any) -> Any:
    """Half of the documents look like a year file, to reach the deeper checks."""
    return {"year": 2026, "values": body} if isinstance(body, dict) and body else body


@SETTINGS
@given(doc=documents.map(_year_doc), mangle=st.integers(min_value=-1, max_value=400))
def test_loaders_random_yaml(demo: Path, doc: Any, mangle: int) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    if 0 <= mangle < len(text):  # also feed broken YAML: cut the text somewhere
        text = text[:mangle] + "\n  : [" + text[mangle:]
    (demo / "actuals" / "2026.yaml").write_text(text, encoding="utf-8")
    store = Store(demo)
    plan = store.load_plan()
    try:
        actuals = store.load_actuals(plan)
    except NtmError as exc:
        assert "\n" not in str(exc)
    else:
        for ya in actuals.years.values():
            for entry in ya.values.values():
                assert isinstance(entry.value, bool) or math.isfinite(entry.value)
    report = check_data(store)  # never raises, whatever the file holds
    assert all("\n" not in str(f) for f in report.findings)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_loaders_random_bytes(demo: Path, data: bytes) -> None:
    (demo / "actuals" / "2026.yaml").write_bytes(b"year: 2026\nvalues:\n" + data)
    (demo / "targets.yaml").write_bytes((DEMO / "targets.yaml").read_bytes()[:400] + data)
    store = Store(demo)
    with pytest.raises(NtmError):
        store.load_plan()
    check_data(store)


@SETTINGS
@given(doc=documents)
def test_plan_loader_random_yaml(demo: Path, doc: Any) -> None:
    (demo / "targets.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(NtmError) as info:
        Store(demo).load_plan()
    assert "\n" not in str(info.value)
    assert check_data(Store(demo)).errors >= 1

"""A cache that cannot lie: what a command shows from the cache is what a fresh reading
shows, whatever is in the cache folder.

One test per way it used to lie (each with a real cache folder): an entry of other code
(an older ntm of the same version, another Python, another pydantic or PyYAML), an entry
of the right key and a wrong shape, a folder that others could fill (another user's,
writable by others, a link), and an entry that is not a regular file (a pipe, a link to
a device). Most show first that the planted entry would change the output if it were
used: the test then proves that the cache refuses it, not that the plant missed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from ntm_tracker.core.numbers import parse_number as real_parse
from ntm_tracker.storage import cache as cache_module
from ntm_tracker.storage import yearfile
from ntm_tracker.storage.cache import Cache
from tests.conftest import ROOT, Invoke

posix_only = pytest.mark.posix_only("owners, modes, pipes and links are POSIX's")

SHARED = (
    "Warning: c: other users can write in the cache folder, so ntm does not use it (commands"
    " are slower, results the same); delete it (ntm makes a new one that only you can write)"
    " or set NTM_CACHE_DIR to a folder of your own.\n"
)
NOT_OWNED = (
    "Warning: c: the cache folder belongs to another user, so ntm does not use it (commands"
    " are slower, results the same); set NTM_CACHE_DIR to a folder of your own, or ask that"
    " user to delete it.\n"
)
LINKED = (
    "Warning: c: the cache folder is a link to another place, so ntm does not use it"
    " (commands are slower, results the same); delete the link (ntm makes a new folder) or"
    " set NTM_CACHE_DIR to a folder of your own.\n"
)


@pytest.fixture(autouse=True)
def _fresh_fingerprint(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fingerprint is computed once per run: each test (and each simulated run of
    other code) starts without it."""
    cache_module.fingerprint.cache_clear()
    yield
    cache_module.fingerprint.cache_clear()


@pytest.fixture
def work(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run beside the demo copy, so that the cache folder ``c`` is shown as ``c``."""
    monkeypatch.chdir(demo_dir.parent)
    return demo_dir


def run(ntm: Invoke, demo: Path, cache: str, *args: str) -> tuple[int, str, str]:
    r = ntm("--data-dir", str(demo), *args, NTM_CACHE_DIR=cache)
    return r.exit_code, r.stdout, r.stderr


def entry_of(folder: Path, path: Path) -> Path:
    """The cache entry of the data file ``path`` (each entry names its file)."""
    for entry in folder.glob("*.json"):
        if json.loads(entry.read_text(encoding="utf-8"))["path"] == str(path.absolute()):
            return entry
    raise AssertionError(f"no entry for {path}")


def set_in(data: Any, match: dict[str, Any], key: str, value: Any) -> int:
    """Set ``key`` to ``value`` in every mapping of ``data`` that holds ``match``: the
    plan's entry is changed without knowing its exact shape. Returns how many."""
    found = 0
    if isinstance(data, dict):
        if all(data.get(k) == v for k, v in match.items()) and key in data:
            data[key] = value
            found += 1
        found += sum(set_in(v, match, key, value) for v in data.values())
    elif isinstance(data, list):
        found += sum(set_in(v, match, key, value) for v in data)
    return found


def craft(entry: Path, change: Callable[[Any], None]) -> None:
    """Change the content of an entry, keeping its key (what an attacker would write)."""
    stored = json.loads(entry.read_text(encoding="utf-8"))
    change(stored["data"])
    entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")


def revenue_999(data: Any) -> None:
    data["values"]["revenue"][0] = 999


def income_target_80(data: Any) -> None:
    assert set_in(data, {"id": "income"}, "target", 80) == 1


VIEWS = (
    ("status", "--format", "json"),
    ("summary", "2027", "--lang", "vi"),
    ("explain", "income", "2027", "--lang", "en"),
)


def views(ntm: Invoke, demo: Path, cache: str) -> list[str]:
    """What status, summary and explain show (each exits 0)."""
    shown = []
    for args in VIEWS:
        code, out, err = run(ntm, demo, cache, *args)
        assert code == 0, err
        shown.append(out)
    return shown


def lies(shown: list[str]) -> bool:
    """Whether the crafted entries show: revenue 999 and income judged against 80."""
    status, summary, explain = shown
    revenue = next(x for x in json.loads(status)["indicators"] if x["id"] == "revenue")
    seen = (revenue["actual"], "đạt 999 tỷ đồng" in summary, "Target T (2030) = 80" in explain)
    return seen == (999, True, True)


def planted(ntm: Invoke, demo: Path, folder: Path) -> list[str]:
    """Fill ``folder`` from the demo, craft its entries, and show that they are used while
    the folder is trusted (the outputs lie). Returns what a fresh reading shows."""
    truth = views(ntm, demo, "")
    assert not lies(truth)
    views(ntm, demo, str(folder))
    craft(entry_of(folder, demo / "actuals" / "2027.yaml"), revenue_999)
    craft(entry_of(folder, demo / "targets.yaml"), income_target_80)
    assert lies(views(ntm, demo, str(folder)))  # a trusted folder is believed
    return truth


# -- an entry of other code ------------------------------------------------------------


def test_an_entry_of_older_ntm_code_of_the_same_version_is_not_used(
    ntm: Invoke, work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older ntm (same version number, other code) read 'revenue: 1,234' as 1234;
    today's refuses it as ambiguous, and so it must with the older one's entry there."""
    year = work / "actuals" / "2026.yaml"
    text = year.read_text(encoding="utf-8")
    year.write_text(text.replace("revenue: 82", "revenue: 1,234"), encoding="utf-8")
    today = run(ntm, work, "", "summary", "2026", "--lang", "en")
    assert today[0] == 1 and "can be read two ways" in today[2], today

    older = tmp_path / "older" / "ntm_tracker"  # the older code: one file differs
    shutil.copytree(cache_module.CODE, older, ignore=shutil.ignore_patterns("__pycache__"))
    numbers = older / "core" / "numbers.py"
    numbers.write_text(numbers.read_text(encoding="utf-8") + "\n# older\n", encoding="utf-8")

    def older_parse(text: str) -> float:
        return 1234.0 if text == "1,234" else real_parse(text)

    with monkeypatch.context() as older_run:
        older_run.setattr(cache_module, "CODE", older)
        older_run.setattr(yearfile, "parse_number", older_parse)
        cache_module.fingerprint.cache_clear()
        code, out, _ = run(ntm, work, "c", "summary", "2026", "--lang", "en")
        assert code == 0 and "1,234 billion VND" in out  # and its entry is in the cache
        cache_module.fingerprint.cache_clear()
        older_run.setattr(yearfile, "parse_number", real_parse)
        code, out, _ = run(ntm, work, "c", "summary", "2026", "--lang", "en")
        assert code == 0 and "1,234 billion VND" in out  # a key without the code would lie

    cache_module.fingerprint.cache_clear()
    assert run(ntm, work, "c", "summary", "2026", "--lang", "en") == today


class Py311(datetime):
    """``datetime.fromisoformat`` as Python 3.11 has it: a 'Z' is UTC."""

    @classmethod
    def fromisoformat(cls, text: str) -> datetime:  # type: ignore[override]  # a plain datetime, as Python's
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


class Py310(datetime):
    """``datetime.fromisoformat`` as Python 3.10 has it: a 'Z' is not an ISO time."""

    @classmethod
    def fromisoformat(cls, text: str) -> datetime:  # type: ignore[override]  # a plain datetime, as Python's
        if text.endswith("Z"):
            raise ValueError(f"Invalid isoformat string: {text!r}")
        return Py311.fromisoformat(text)


def test_an_entry_of_another_python_is_not_used(
    ntm: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'recorded_at: ...Z' read by Python 3.11 is refused by 3.10: cached by 3.11, it
    must still be refused by 3.10."""
    year = work / "actuals" / "2026.yaml"
    text = year.read_text(encoding="utf-8")
    year.write_text(text.replace("income: 80", "income: {value: 80, recorded_at: "
                                 "2026-12-20T08:00:00Z}"), encoding="utf-8")  # fmt: skip
    args = ("status", "--format", "json")

    def python(version: str, dt: type[datetime]) -> None:
        monkeypatch.setattr(sys, "version", version)
        monkeypatch.setattr(yearfile, "datetime", dt)
        cache_module.fingerprint.cache_clear()

    python("3.10.14 (main, Mar 19 2024, 21:46:16) [GCC 12.2.0]", Py310)
    fresh = run(ntm, work, "", *args)
    assert fresh[0] == 1 and "recorded_at" in fresh[2], fresh
    python("3.11.9 (main, Apr  2 2024, 08:25:04) [GCC 12.2.0]", Py311)
    assert run(ntm, work, "c", *args)[0] == 0  # 3.11 reads it, and caches it
    python("3.11.9 (main, Apr  2 2024, 08:25:04) [GCC 12.2.0]", Py310)
    assert run(ntm, work, "c", *args)[0] == 0  # a key without Python's version would lie
    python("3.10.14 (main, Mar 19 2024, 21:46:16) [GCC 12.2.0]", Py310)
    assert run(ntm, work, "c", *args) == fresh


def test_an_entry_of_another_version_of_a_library_is_not_used(
    ntm: Invoke, work: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library upgraded (a new version.py, a new C extension) misses every entry. The
    real pydantic, pydantic_core and PyYAML are in use by the tests: a stand-in shows
    the mechanism, and the fingerprint is shown to stat the real ones' files."""
    stamps = "\n".join(cache_module._libraries())
    for name in ("pydantic/version.py:", "pydantic_core/_pydantic_core.", "yaml/__init__.py:"):
        assert name in stamps
    import yaml

    if yaml.__with_libyaml__:  # PyYAML's C extension, with libyaml inside (wheels)
        assert "yaml/_yaml." in stamps

    site = tmp_path / "site"
    (site / "ntm_standin").mkdir(parents=True)
    (site / "ntm_standin" / "__init__.py").write_text("", encoding="utf-8")
    version = site / "ntm_standin" / "version.py"
    version.write_text("VERSION = '2.9.2'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(cache_module, "LIBRARIES", (*cache_module.LIBRARIES, "ntm_standin"))

    truth = views(ntm, work, "")
    assert views(ntm, work, "c") == truth
    keys = {e.name: json.loads(e.read_text(encoding="utf-8"))["key"] for e in Path("c").iterdir()}
    assert len(keys) == 6
    version.write_text("VERSION = '2.10.0'\n", encoding="utf-8")  # the upgrade
    cache_module.fingerprint.cache_clear()
    craft(entry_of(Path("c"), work / "actuals" / "2027.yaml"), revenue_999)  # under old key
    assert views(ntm, work, "c") == truth
    after = {e.name: json.loads(e.read_text(encoding="utf-8"))["key"] for e in Path("c").iterdir()}
    assert after.keys() == keys.keys() and all(after[n] != keys[n] for n in keys)


# -- an entry of the right key and a wrong shape --------------------------------------


@pytest.mark.parametrize(
    ("file", "data"),
    [
        ("actuals/2027.yaml", {"year": 2027}),  # KeyError
        ("actuals/2027.yaml", None),  # TypeError
        ("actuals/2027.yaml", {"year": 2027, "comment": None, "values": {"x": [1]}}),  # ValueError
        ("targets.yaml", {"indicators": [{}]}),  # KeyError
        ("targets.yaml", []),  # TypeError
    ],
)
def test_an_entry_that_cannot_be_rebuilt_is_a_miss_and_is_dropped(
    ntm: Invoke, work: Path, file: str, data: Any
) -> None:
    truth = views(ntm, work, "")
    views(ntm, work, "c")
    entry = entry_of(Path("c"), work / file)
    stored = json.loads(entry.read_text(encoding="utf-8"))
    good = stored["data"]
    entry.write_text(json.dumps({**stored, "data": data}), encoding="utf-8")
    code, out, err = run(ntm, work, "c", "status", "--format", "json", "--lang", "en")
    assert (code, out, err) == (0, truth[0], "")
    assert json.loads(entry.read_text(encoding="utf-8"))["data"] == good  # read again, put back


def test_a_failing_rebuild_drops_the_entry(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    c = Cache(folder)
    c.put(tmp_path / "f.yaml", "k", {"a": 1})
    assert c.get(tmp_path / "f.yaml", "k", lambda d: d["a"]) == 1

    def broken(d: Any) -> Any:
        raise RuntimeError("a rebuild that fails in any way")

    assert c.get(tmp_path / "f.yaml", "k", broken) is None
    assert list(folder.iterdir()) == []  # dropped
    c.put(tmp_path / "f.yaml", "k", {"a": 1})
    assert c.get(tmp_path / "f.yaml", "other key", broken) is None  # stale: kept for put
    assert len(list(folder.iterdir())) == 1


# -- a folder others could fill --------------------------------------------------------


@posix_only
@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702, 0o1777])
def test_a_folder_others_can_write_is_not_used(ntm: Invoke, work: Path, mode: int) -> None:
    truth = planted(ntm, work, Path("c"))
    before = sorted(os.listdir("c"))
    os.chmod("c", mode)
    code, out, err = run(ntm, work, "c", "status", "--format", "json", "--lang", "en")
    assert (code, out, err) == (0, truth[0], SHARED)  # the warning, once
    assert views(ntm, work, "c") == truth
    assert sorted(os.listdir("c")) == before  # nothing read from it, nothing written to it


@posix_only
def test_a_folder_of_another_user_is_not_used(
    ntm: Invoke, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    truth = planted(ntm, work, Path("c"))
    if os.geteuid() == 0:
        os.chown("c", 65534, 65534)  # nobody
    else:  # pragma: no cover - only root can give a folder away: the user id seen changes
        monkeypatch.setattr(cache_module, "_me", lambda: os.geteuid() + 1)
    code, out, err = run(ntm, work, "c", "status", "--format", "json", "--lang", "en")
    assert (code, out, err) == (0, truth[0], NOT_OWNED)
    assert views(ntm, work, "c") == truth


@posix_only
def test_a_folder_reached_through_a_link_is_not_used(
    ntm: Invoke, work: Path, tmp_path: Path
) -> None:
    """A link to someone else's folder; even to one of the user's own, it is refused
    (who made the link cannot be told)."""
    elsewhere = tmp_path / "someone-else"
    truth = planted(ntm, work, elsewhere)
    os.symlink(elsewhere, "c")
    code, out, err = run(ntm, work, "c", "status", "--format", "json", "--lang", "en")
    assert (code, out, err) == (0, truth[0], LINKED)
    assert views(ntm, work, "c") == truth


@posix_only
def test_an_entry_of_another_user_is_not_used(ntm: Invoke, work: Path) -> None:
    if os.geteuid() != 0:  # pragma: no cover - only root can give a file away
        pytest.skip("needs root to give a file to another user")
    truth = planted(ntm, work, Path("c"))
    for entry in Path("c").iterdir():
        os.chown(entry, 65534, 65534)
    code, out, err = run(ntm, work, "c", "status", "--format", "json", "--lang", "en")
    assert (code, out, err) == (0, truth[0], "")  # the folder is the user's: no warning
    assert views(ntm, work, "c") == truth


@posix_only
def test_a_new_folder_and_its_new_parents_are_for_the_user_alone(ntm: Invoke, work: Path) -> None:
    old = os.umask(0o002)  # the group-writable umask of many Linux users
    try:
        assert run(ntm, work, "new/cache", "status")[0] == 0
    finally:
        os.umask(old)
    assert [oct(os.stat(p).st_mode & 0o777) for p in ("new", "new/cache")] == ["0o700"] * 2
    assert all(oct(os.stat(e).st_mode & 0o777) == "0o600" for e in Path("new/cache").iterdir())
    assert len(list(Path("new/cache").iterdir())) == 6


# -- an entry that is not a regular file -----------------------------------------------


def subprocess_ntm(demo: Path, cache: str, *args: str) -> subprocess.CompletedProcess[str]:
    """ntm in its own process, so that a hang fails the test (timeout) instead of hanging
    the suite."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NTM_")}
    env.update(NTM_CACHE_DIR=cache, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    argv = [sys.executable, "-m", "ntm_tracker", "--data-dir", str(demo), *args]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "link_to_a_crafted_entry"])
def test_an_entry_that_is_not_a_regular_file_is_not_opened(
    ntm: Invoke, work: Path, tmp_path: Path, kind: str
) -> None:
    args = ("status", "--format", "json")
    truth = subprocess_ntm(work, "", *args)
    assert truth.returncode == 0
    assert subprocess_ntm(work, "c", *args).stdout == truth.stdout
    entries = [entry_of(Path("c"), work / "targets.yaml"),
               entry_of(Path("c"), work / "actuals" / "2027.yaml")]  # fmt: skip
    for entry in entries:
        if kind == "fifo":
            entry.unlink()
            os.mkfifo(entry)
        elif kind == "dev_zero":
            entry.unlink()
            os.symlink("/dev/zero", entry)
        else:
            outside = tmp_path / entry.name
            shutil.copy(entry, outside)
            craft(outside, revenue_999 if "2027" in json.loads(outside.read_text())["path"]
                  else income_target_80)  # fmt: skip
            entry.unlink()
            os.symlink(outside, entry)
    r = subprocess_ntm(work, "c", *args)
    assert (r.returncode, r.stdout, r.stderr) == (0, truth.stdout, "")
    assert all(e.is_file() and not e.is_symlink() for e in entries)  # replaced by entries


# -- the Windows branch, on any system -------------------------------------------------


def test_the_windows_folder_is_in_local_app_data() -> None:
    local = r"C:\Users\lan\AppData\Local"
    assert cache_module.default_folder({"LOCALAPPDATA": local}, "nt") == (
        Path(local) / "ntm-tracker" / "cache"
    )
    assert cache_module.default_folder({"NTM_CACHE_DIR": "D:\\c", "LOCALAPPDATA": local}, "nt") == (
        Path("D:\\c")
    )
    assert cache_module.default_folder({"NTM_CACHE_DIR": " "}, "nt") is None
    home = Path.home()
    assert cache_module.default_folder({}, "nt") == (
        home / "AppData" / "Local" / "ntm-tracker" / "cache"
    )
    assert cache_module.default_folder({}, "posix") == home / ".cache" / "ntm-tracker"
    assert cache_module.default_folder({"XDG_CACHE_HOME": "/x"}, "posix") == Path("/x/ntm-tracker")


@posix_only  # pipes and links are made with POSIX calls; the code under test is Windows'
def test_the_windows_branch_looks_before_it_opens(tmp_path: Path) -> None:
    """Without O_NOFOLLOW, an entry is looked at (lstat) before it is opened; the folder's
    owner and mode bits mean nothing there, a link to it is still refused."""
    folder = tmp_path / "c"
    c = Cache(folder, system="nt")
    data_file = tmp_path / "f.yaml"
    c.put(data_file, "k", {"a": 1})
    assert c.get(data_file, "k", dict) == {"a": 1}
    entry = next(folder.iterdir())
    entry.unlink()
    os.mkfifo(entry)
    assert Cache(folder, system="nt").get(data_file, "k", dict) is None  # no hang
    entry.unlink()
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"key": "k", "path": str(data_file), "data": {"a": 2}}))
    os.symlink(outside, entry)
    assert Cache(folder, system="nt").get(data_file, "k", dict) is None
    os.chmod(folder, 0o777)
    entry.unlink()
    c = Cache(folder, system="nt")
    c.put(data_file, "k", {"a": 3})
    assert c.get(data_file, "k", dict) == {"a": 3} and c.warnings() == []
    os.symlink(folder, tmp_path / "link")
    linked = Cache(tmp_path / "link", system="nt")
    assert linked.get(data_file, "k", dict) is None
    assert [p.code for p in linked.warnings()] == ["cache.linked"]
    assert linked.warnings() == []  # once

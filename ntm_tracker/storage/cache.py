"""A cache of already validated files, so that an unchanged data folder is read fast.

Reading a plan or a year file means parsing YAML and validating it (PyYAML and, for
the plan, pydantic); for a large folder that is most of a command's time. The cache
keeps, for each file, the validated content as standard-library JSON, under a key made
of everything a fresh reading depends on: the file's bytes and whatever else its meaning
depends on (a year file's meaning depends on the plan), and the :func:`fingerprint` of
the code that reads it (ntm's own code, Python, pydantic, PyYAML and its libyaml). A file
whose key matches is rebuilt from its entry; any other, and any entry that cannot be
rebuilt, is read the full way and its entry rewritten.

The cache lives outside the data folder (``NTM_CACHE_DIR``, else the user's cache
folder: ``~/.cache/ntm-tracker`` or ``%LOCALAPPDATA%\\ntm-tracker\\cache``); ``NTM_CACHE_DIR``
set empty turns it off. ntm makes the folder for its user alone (0o700) and opens only
regular files there (never a link, a pipe or a device), on POSIX only its user's; a
folder that others could have filled (a link, and on POSIX another user's folder or one
that others can write) is not used, with one warning (:meth:`Cache.warnings`). A
missing, stale, corrupt or unwritable cache is silently ignored: it can only make a
command faster, never change what it shows. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ntm_tracker import __version__
from ntm_tracker.core.problems import Problem

FORMAT = 2  # bump when the cached data changes shape, or what validation accepts (2: one rule
# for figures, no control characters in notes: an older entry may hold either)
ENV = "NTM_CACHE_DIR"
CODE = Path(__file__).resolve().parent.parent  # ntm's own code: the ntm_tracker folder
LIBRARIES = ("pydantic", "pydantic_core", "yaml")  # what reads the files besides ntm
# An entry holds about what its file holds: the largest of the benchmark (10,000
# indicators x 30 years) is the plan's, 3.9 MB. A bigger one is not read (a miss).
MAX_ENTRY = 64 * 1024 * 1024
T = TypeVar("T")


# -- what a fresh reading depends on ---------------------------------------------------


def _python() -> list[str]:
    """The interpreter: its version and build (3.11 reads '...Z' times, 3.10 does not)."""
    return [sys.implementation.name, sys.version, str(sys.implementation.cache_tag)]


def _files(folder: Path, suffixes: tuple[str, ...], *, recurse: bool, under: str = "") -> list[str]:
    """'name:size:mtime' of each file of ``folder`` ending with one of ``suffixes``: what
    Python's own ``__pycache__`` trusts to tell a changed source."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return [f"{under}?"]
    stamps: list[str] = []
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                if recurse and e.name != "__pycache__":
                    inner = f"{under}{e.name}/"
                    stamps += _files(Path(e.path), suffixes, recurse=True, under=inner)
            elif e.name.endswith(suffixes):
                st = e.stat()
                stamps.append(f"{under}{e.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{under}{e.name}:?")
    return stamps


def _code() -> list[str]:
    """ntm's own .py files: an editable install whose code changes misses every entry
    even when the version number stays the same."""
    return _files(CODE, (".py",), recurse=True)


def _libraries() -> list[str]:
    """The files of pydantic, pydantic_core and PyYAML, found WITHOUT importing them (the
    warm path never does): their .py files (pydantic/version.py, yaml/__init__.py name
    their versions) and C extensions (pydantic_core's, and PyYAML's _yaml, which PyYAML's
    wheels build with libyaml inside). A libyaml linked as a separate system library (a
    Linux distribution's PyYAML) is not seen: upgrade it, then delete the cache."""
    import importlib.machinery
    import importlib.util

    suffixes = (".py", *importlib.machinery.EXTENSION_SUFFIXES)
    stamps: list[str] = []
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        stamps.append(f"{name}={spec.origin if spec is not None else None}")
        if spec is None:
            continue
        if spec.submodule_search_locations:
            for place in spec.submodule_search_locations:
                stamps += _files(Path(place), suffixes, recurse=False, under=f"{name}/")
        elif spec.origin:
            origin = Path(spec.origin)
            stamps += [s for s in _files(origin.parent, suffixes, recurse=False)
                       if s.startswith(f"{origin.name}:")]  # fmt: skip
    return stamps


@functools.cache
def fingerprint() -> bytes:
    """A digest of the code a fresh reading runs, computed once per run.

    Measured (2 shared cores, CPython 3.11, warm disk): 0.9 ms in all, of a ~125 ms
    ``ntm status``: 0.4 ms for the stat of ntm's 52 files, 0.55 ms to find the three
    libraries and stat their 59; importlib.util is already imported at start-up, and
    ``python -X importtime`` shows no module added.
    """
    h = hashlib.blake2b(digest_size=20)
    for part in (__version__, str(FORMAT), *_python(), *_code(), *_libraries()):
        data = part.encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def key(*parts: bytes | str) -> str:
    """A digest of everything a cached content depends on: the :func:`fingerprint` of the
    code that reads it, and ``parts`` (the file's bytes, its kind, the plan's key...)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(fingerprint())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# -- where it lives, and whether it can be trusted -------------------------------------


def default_folder(environ: Mapping[str, str] | None = None, system: str = os.name) -> Path | None:
    """Where the cache lives; None when ``NTM_CACHE_DIR`` is set empty (no cache).
    ``system`` is ``os.name`` (given by the tests of the Windows branch)."""
    env = os.environ if environ is None else environ
    chosen = env.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if system == "nt":
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ntm-tracker" / "cache"
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ntm-tracker"


def _me() -> int:
    return os.geteuid()


def _linked(st: os.stat_result) -> bool:
    """A symbolic link, or on Windows any reparse point (a junction too)."""
    reparse = getattr(st, "st_file_attributes", 0) & stat.FILE_ATTRIBUTE_REPARSE_POINT
    return stat.S_ISLNK(st.st_mode) or bool(reparse)


def _make(folder: Path) -> None:
    """Make ``folder`` and its missing parents, for the user alone (0o700)."""
    missing: list[Path] = []
    place = folder
    while not os.path.lexists(place) and place.parent != place:
        missing.append(place)
        place = place.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made by another ntm at the same time
            os.mkdir(made, 0o700)


def trust(folder: Path, system: str = os.name) -> tuple[bool, Problem | None]:
    """Whether the cache may use ``folder`` (made if missing), and the warning if it may
    not because others could have put entries there. A folder that cannot be made or is
    not a folder is no cache, without a word (as an unwritable one)."""
    try:
        _make(folder)
        st = os.lstat(folder)
    except OSError:
        return False, None
    if _linked(st):
        return False, Problem("cache.linked", {}, path=folder).warning()
    if not stat.S_ISDIR(st.st_mode):
        return False, None
    if system != "nt":  # Windows: no owner ids or mode bits; LOCALAPPDATA is the user's
        if st.st_uid != _me():
            return False, Problem("cache.not_owned", {}, path=folder).warning()
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False, Problem("cache.shared", {}, path=folder).warning()
    return True, None


class Cache:
    """One JSON file per data file, named after the data file's absolute path.

    ``system`` is ``os.name`` (given by the tests of the Windows branch)."""

    def __init__(self, folder: Path | None, *, system: str = os.name) -> None:
        self.folder = folder
        self.system = system
        self._usable: bool | None = None  # decided at the first use, once
        self._problem: Problem | None = None

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        if self._usable is None:
            self._usable, self._problem = trust(self.folder, self.system)
        if not self._usable:
            return None
        name = hashlib.blake2b(str(path.absolute()).encode("utf-8"), digest_size=16).hexdigest()
        return self.folder / f"{name}.json"

    def warnings(self) -> list[Problem]:
        """Why the cache folder is not used, the first time it is asked (a command shows
        it as a warning, once), then nothing."""
        found, self._problem = self._problem, None
        return [found] if found is not None else []

    def _read(self, entry: Path) -> bytes | None:
        """The bytes of ``entry`` if it is a regular file of the user's and not too large;
        never follows a link, never waits on a pipe or device (OSError: a miss)."""
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        nofollow = getattr(os, "O_NOFOLLOW", 0) if self.system != "nt" else 0
        if not nofollow:  # Windows: look at the name before opening it
            seen = os.lstat(entry)
            if _linked(seen) or not stat.S_ISREG(seen.st_mode):
                return None
        fd = os.open(entry, flags | nofollow)
        with open(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
                return None
            if self.system != "nt" and st.st_uid != _me():
                return None
            data = handle.read(MAX_ENTRY + 1)
        return data if len(data) <= MAX_ENTRY else None

    def get(self, path: Path, digest: str, rebuild: Callable[[Any], T]) -> T | None:
        """What ``rebuild`` makes of the content cached for ``path`` under ``digest``, or
        None: no entry, a stale one, or one that cannot be rebuilt (it is dropped)."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            raw = self._read(entry)
        except OSError:
            return None  # missing, unreadable, a link: read the file the full way
        if raw is None:
            return None
        try:
            stored = json.loads(raw)
            if stored["key"] != digest:
                return None  # stale: the full reading puts a new entry in its place
            return rebuild(stored["data"])
        except Exception:  # corrupt, or not the shape this code reads: a miss, whatever it is
            with contextlib.suppress(OSError):
                os.unlink(entry)
            return None

    def put(self, path: Path, digest: str, data: Any) -> None:
        """Keep ``data`` for ``path`` under ``digest``; any failure is ignored."""
        entry = self._entry(path)
        if entry is None:
            return
        with contextlib.suppress(OSError, ValueError, TypeError):
            text = json.dumps(
                {"key": digest, "path": str(path.absolute()), "data": data},
                ensure_ascii=False,
                allow_nan=False,
                separators=(",", ":"),
            )
            import tempfile  # only when writing an entry

            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")  # 0o600
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, entry)  # replaces a link or pipe at that name, never follows it
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

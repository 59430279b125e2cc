"""A cache of already validated files, so that an unchanged data folder is read fast.

Reading a plan or a year file means parsing YAML and validating it (PyYAML and, for
the plan, pydantic); for a large folder that is most of a command's time. The cache
keeps, for each file, the validated content as standard-library JSON, under a key made
of ntm's version, the cache format, the file's bytes and whatever else its meaning
depends on (a year file's meaning depends on the plan). A file whose key matches is
taken from the cache; any other is read the full way and its entry rewritten.

The cache lives outside the data folder (``NTM_CACHE_DIR``, else the user's cache
folder: ``~/.cache/ntm-tracker`` or ``%LOCALAPPDATA%\\ntm-tracker\\cache``); ``NTM_CACHE_DIR``
set empty turns it off. A missing, stale, corrupt or unwritable cache is silently
ignored: it can only make a command faster, never change what it shows. Deleting the
folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ntm_tracker import __version__

FORMAT = 2  # bump when the cached data changes shape, or what validation accepts (2: one rule
# for figures, no control characters in notes: an older entry may hold either)
ENV = "NTM_CACHE_DIR"


def default_folder() -> Path | None:
    """Where the cache lives; None when ``NTM_CACHE_DIR`` is set empty (no cache)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if os.name == "nt":  # pragma: no cover - Windows
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ntm-tracker" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ntm-tracker"


def key(*parts: bytes | str) -> str:
    """A digest of everything a cached content depends on."""
    h = hashlib.blake2b(digest_size=20)
    for part in (__version__, str(FORMAT), *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class Cache:
    """One JSON file per data file, named after the data file's absolute path."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _entry(self, path: Path) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.blake2b(str(path.absolute()).encode("utf-8"), digest_size=16).hexdigest()
        return self.folder / f"{name}.json"

    def get(self, path: Path, digest: str) -> Any | None:
        """The content cached for ``path`` under ``digest``, or None."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            with open(entry, encoding="utf-8") as handle:
                stored = json.load(handle)
            if stored["key"] == digest:
                return stored["data"]
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing, unreadable, corrupt: read the file the full way
        return None

    def put(self, path: Path, digest: str, data: Any) -> None:
        """Keep ``data`` for ``path`` under ``digest``; any failure is ignored."""
        entry = self._entry(path)
        if entry is None:
            return
        with contextlib.suppress(OSError, ValueError, TypeError):
            entry.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(
                {"key": digest, "path": str(path.absolute()), "data": data},
                ensure_ascii=False,
                allow_nan=False,
                separators=(",", ":"),
            )
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(tmp, entry)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

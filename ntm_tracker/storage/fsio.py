"""Files on disk: reading only regular files, atomic writes, and a Ctrl+C that waits.

Every read goes through :func:`read_bytes` (a FIFO, a device or ``/dev/zero`` is refused
before it is opened, a file larger than the limit is refused before it is read), every
write through :func:`atomic_write` (a temporary file beside the target, fsynced, then
renamed over it; a symlinked target is written through its link).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from ntm_tracker.core.problems import DataError, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024  # no plan, year or import file is anywhere near this
TEMP_SUFFIX = ".tmp"  # with a leading '.': the temporary file of an atomic write
# On Windows a file another process has open cannot be renamed over for a moment
# (an `ntm status` reading it, an antivirus scan): try again for about a second.
RENAME_RETRIES = 20 if os.name == "nt" else 0
RENAME_WAIT = 0.05  # seconds between two tries


# Windows' own error numbers for a file another program holds open: Word and Excel keep
# the file they show locked (a sharing violation, or a lock on a part of it). Python
# raises PermissionError for both, as for a file one may not write.
SHARING_VIOLATION, LOCK_VIOLATION = 32, 33


def in_use(exc: OSError) -> bool:
    """Did the call fail because another program has the file open (Windows)?"""
    return getattr(exc, "winerror", None) in (SHARING_VIOLATION, LOCK_VIOLATION)


def os_reason(exc: OSError) -> str:
    """A catalog word for why an operating-system call failed."""
    code = exc.errno
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return "permission"
    if isinstance(exc, FileNotFoundError):
        return "not_found"
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return "disk_full"
    if code == errno.EROFS:
        return "read_only"
    if isinstance(exc, IsADirectoryError):
        return "is_folder"
    if isinstance(exc, NotADirectoryError):
        return "not_folder"
    if code == errno.ENAMETOOLONG:
        return "name_too_long"
    if isinstance(exc, FileExistsError) or code == errno.ENOTEMPTY:
        return "exists"
    if code in (errno.EBUSY, getattr(errno, "ETXTBSY", -1)):
        return "busy"
    if code == errno.EINVAL:  # Windows: a name with : * ? " < > |
        return "bad_name"
    if code == errno.EIO:
        return "io"
    if code == errno.ELOOP:
        return "loop"
    return "other"


def cwd_gone() -> bool:
    """Was the working folder deleted (or moved) under the command? Every relative path
    then fails as "not found", which is not what happened."""
    try:
        os.getcwd()
    except OSError:
        return True
    return False


def file_problem(code: str, path: Path, exc: OSError | None = None, **params: object) -> Problem:
    """The problem ``code`` about ``path``, with why the system refused (``exc``). A file
    open in Word or Excel is its own problem, whatever was being done: what to do is to
    close it there, not to choose another file or to look for a missing permission."""
    if exc is not None and in_use(exc):
        return Problem("file.in_use", {"name": path.name}, path=path)
    facts: dict[str, object] = dict(params)
    if exc is not None:
        facts["reason"] = os_reason(exc)
        facts["errno"] = errno.errorcode.get(exc.errno or 0, "")
    return Problem(code, facts, path=path)


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``; DataError for anything else."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DataError(file_problem("file.is_folder", path))
        if not stat.S_ISREG(info.st_mode):
            raise DataError(file_problem("file.not_regular", path))
        if info.st_size > limit:
            raise DataError(file_problem("file.too_large", path, size=info.st_size))
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise DataError(file_problem("file.missing", path)) from None
    except OSError as exc:
        raise DataError(file_problem("file.unreadable", path, exc)) from None
    if len(data) > limit:  # it grew while we read it
        raise DataError(file_problem("file.too_large", path, size=len(data)))
    return data


def read_stream(stream: BinaryIO, path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an open stream (stdin), named ``path`` in messages, up to the limit."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise DataError(file_problem("file.unreadable", path, exc)) from None
    if len(data) > limit:
        raise DataError(file_problem("file.too_large", path, size=len(data)))
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark is dropped); DataError naming the line otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(Problem("file.not_utf8", {}, path=path, line=line)) from None


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    return decode(read_bytes(path, limit), path)


def is_special(path: Path) -> bool:
    """Does ``path`` exist as something other than a regular file or a folder?"""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def atomic_write(path: Path, data: bytes) -> Path:
    """Write ``data`` so that readers see the old file or the new one, never half of one.

    The target of a symlink is written (the link stays a link). The data goes to a
    temporary file in the same folder, is flushed and fsynced, then renamed over the
    target (``os.replace``: atomic on POSIX and Windows), and the folder is synced. The
    temporary file is removed if anything fails; only a killed process can leave one,
    named ``.NAME.XXXX.tmp``, which loaders skip. Returns the path written.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent
    import tempfile  # a writer's only (4M instructions a run that only reads)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        _replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return target


def _replace(tmp: Path, path: Path, retries: int | None = None) -> None:
    """``os.replace``, retried briefly where a reader holding the file blocks it (on
    Windows: ``retries`` times, about a second); a file kept open (in Word) fails then."""
    retries = RENAME_RETRIES if retries is None else retries
    for attempt in range(retries + 1):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == retries:
                raise
            time.sleep(RENAME_WAIT)


def _fsync_dir(folder: Path, posix: bool | None = None) -> None:
    """Make the rename itself durable where the OS allows it: not on Windows, where a
    folder cannot be opened to be synced (``posix``: this machine's unless given)."""
    if not (os.name == "posix" if posix is None else posix):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def interrupt_deferred() -> Iterator[None]:
    """Hold Ctrl+C (SIGINT) back until the block ends, then raise KeyboardInterrupt.

    Used around the step that makes a write visible and the bookkeeping that records
    it, so that "was it written?" always has a true answer. Outside the main thread
    (no signal handlers there) the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt

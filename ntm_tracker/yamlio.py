"""Reading and writing YAML safely: clear errors with file and line, atomic writes.

Reading uses libyaml's C parser when present (it is much faster on large files) and
refuses duplicate keys, which plain PyYAML would silently resolve by keeping the last.
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

from ntm_tracker.errors import DataError
from ntm_tracker.fastyaml import parse_simple

MAX_FILE_BYTES = 64 * 1024 * 1024  # a plan or year file larger than this is not ours
TEMP_SUFFIX = ".tmp"  # with a leading '.': the temporary file of an atomic write
# On Windows a file another process has open cannot be renamed over for a moment
# (an `ntm status` reading it, an antivirus scan): try again for about a second.
RENAME_RETRIES = 20 if os.name == "nt" else 0


@functools.cache
def _pyyaml() -> tuple[Any, Any, Any]:
    """PyYAML with its fastest safe loader and dumper, and a loader that refuses duplicate
    keys; imported on first use (files in ntm's own layout never need it to be read)."""
    import yaml

    base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class UniqueKeyLoader(base_loader):  # type: ignore[misc,valid-type]
        """A safe loader that raises on a key written twice in one mapping."""

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                except TypeError:
                    duplicate = False  # an unhashable key: let PyYAML report it
                if duplicate:
                    first = seen[key].start_mark.line + 1
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key '{key}' is written twice (first on line {first})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
            return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    return base_loader, UniqueKeyLoader, dumper


def display(path: Path) -> str:
    """The path as the user should read it: relative below the working folder
    (data/actuals/2026.yaml), absolute elsewhere (never ../../...)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if relative.startswith("..") else relative


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning every OS or decoding problem into a DataError."""
    try:
        if path.is_dir():
            raise DataError(f"{display(path)} is a folder, not a file.")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataError(f"{display(path)} is too large ({size} bytes) to be an ntm file.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{display(path)} does not exist.") from None
    except PermissionError:
        raise DataError(f"{display(path)} cannot be read: permission denied.") from None
    except OSError as exc:
        raise DataError(f"{display(path)} cannot be read: {exc.strerror or exc}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{display(path)}, line {line}: the file is not UTF-8 text; save it again as UTF-8."
        ) from None


class YamlProblem(Exception):
    """A YAML text that cannot be read: the problem and its 1-based line, if known."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def parse_yaml(text: str) -> Any:
    """Parse one YAML document (duplicate keys refused) or raise YamlProblem."""
    simple = parse_simple(text)  # the plain layout ntm writes, read fast; None otherwise
    if simple is not None:
        return simple
    import yaml

    _, unique_key_loader, _ = _pyyaml()
    try:
        return yaml.load(text, Loader=unique_key_loader)  # a safe loader (SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
            problem = "a tab character on this line; YAML needs spaces instead of tabs"
        raise YamlProblem(problem, mark.line + 1 if mark is not None else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML ({exc})", None) from None
    except RecursionError:
        raise YamlProblem("the YAML is nested too deeply", None) from None
    except (ValueError, OverflowError):  # a plain value YAML reads as a date, and is none
        raise _impossible_date(text) from None


def _impossible_date(text: str) -> YamlProblem:
    """The problem of the first plain scalar that reads as a date or time but is not one
    (`2027-13-02`), with its line."""
    import yaml

    base_loader = _pyyaml()[0]
    stack = [yaml.compose(text, Loader=base_loader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(v for pair in reversed(node.value) for v in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":timestamp"):
            try:
                yaml.load(node.value, Loader=base_loader)
            except (ValueError, OverflowError):
                return YamlProblem(
                    f"'{node.value}' looks like a date but is not one "
                    "(put it in quotes if it is text)",
                    node.start_mark.line + 1,
                )
    return YamlProblem("a value that cannot be read", None)  # pragma: no cover


def load_yaml(path: Path, text: str | None = None) -> Any:
    """Load one YAML document (``text``: the file's content, when already read); every
    problem becomes a one-line DataError with a line."""
    if text is None:
        text = read_text(path)
    try:
        return parse_yaml(text)
    except YamlProblem as exc:
        where = f", line {exc.line}" if exc.line else ""
        raise DataError(
            f"{display(path)}{where}: {exc.problem}; fix the YAML there and try again."
        ) from None


def line_of(path: Path, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at ``loc`` in the YAML file, or None.

    Only called on the error path: it parses the file once more, keeping positions.
    """
    try:
        return line_in(read_text(path), loc)
    except DataError:
        return None


def line_in(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at ``loc`` in a YAML text, or None."""
    import yaml

    try:
        node: yaml.Node | None = yaml.compose(text, Loader=_pyyaml()[0])
    except (yaml.YAMLError, RecursionError):
        return None
    best = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    best = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return best
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return best
            node = node.value[part]
            best = node.start_mark.line + 1
        else:
            return best
    return best


def dump_yaml(data: Any, header: str = "") -> str:
    """Readable YAML: keys in the given order, Unicode kept, block style."""
    import yaml

    body = yaml.dump(
        data,
        Dumper=_pyyaml()[2],
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return header + body


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (``\\n`` line ends) to ``path``; see atomic_write_bytes."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one.

    The data goes to a temporary file in the same folder, is flushed and fsynced,
    then renamed over the target (``os.replace``, atomic on POSIX and Windows). The
    temporary file is removed if anything fails; only a killed process can leave one
    behind. Temporary names start with '.' and end with '.tmp', so loaders skip them.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def _replace(tmp: Path, path: Path) -> None:
    """``os.replace``, retried briefly where a reader holding the file blocks it (Windows)."""
    for attempt in range(RENAME_RETRIES + 1):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == RENAME_RETRIES:
                raise
            time.sleep(0.05)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (not on Windows)."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

"""Golden files: the expected output of a command, byte for byte, under tests/golden/.

``check_golden(name, output)`` compares ``output`` with ``tests/golden/NAME``. With
``NTM_UPDATE_GOLDEN=1`` in the environment (``make golden``) it rewrites the file
instead; review the diff before committing it. Tests that use it are named
``test_golden_*`` so that ``pytest -k golden`` finds them all.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = "NTM_UPDATE_GOLDEN"


def updating() -> bool:
    return os.environ.get(UPDATE) == "1"


def check_golden(name: str, output: str | bytes) -> None:
    """Compare ``output`` (text is encoded as UTF-8) with the golden file ``name``."""
    data = output.encode("utf-8") if isinstance(output, str) else output
    path = GOLDEN / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.is_file(), f"no golden file {name}; create it with `make golden`"
    expected = path.read_bytes()
    if data == expected:
        return
    try:
        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8").splitlines(keepends=True),
                data.decode("utf-8").splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="output",
            )
        )
    except UnicodeDecodeError:
        diff = f"{len(expected)} bytes expected, {len(data)} bytes written"
    raise AssertionError(
        f"{name} differs from the output; if the change is intended, run `make golden` "
        f"and review the diff:\n{diff[:6000]}"
    )

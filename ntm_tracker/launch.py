"""The first code of every ``ntm`` run (the console script and ``python -m ntm_tracker``).

It imports nothing heavy itself: a Ctrl+C while the command line's modules are still
loading (typer, click, ntm's own; about 0.2 s) ends in the one interrupted message like
any other Ctrl+C, not in Python's traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys

INTERRUPTED = 130


def main() -> None:
    """Console entry point: :func:`ntm_tracker.cli.main`, guarded from its first line."""
    try:
        from ntm_tracker.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.exit(_interrupted())


def _interrupted() -> int:
    """Say that nothing was written (nothing can have been: no command had started), in
    the user's language when the message's module still loads, else by NTM_LANG."""
    try:
        from ntm_tracker.cli import report_interrupt

        return report_interrupt(sys.argv[1:])
    except BaseException:  # a second Ctrl+C, or the modules half loaded: the plain words
        lang = os.environ.get("NTM_LANG", "")
        text = "Interrupted; nothing was written." if lang == "en" else "Đã dừng; chưa ghi gì."
        text = ("Error: " if lang == "en" else "Lỗi: ") + text
        with contextlib.suppress(BaseException):  # nothing more can be said on a closed stderr
            sys.stderr.write(text + "\n")
        return INTERRUPTED

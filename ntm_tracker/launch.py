"""The first code of every ``ntm`` run (the console script and ``python -m ntm_tracker``).

It imports nothing heavy itself: a Ctrl+C while the command line's modules are still
loading (typer, click, ntm's own; about 0.2 s) ends in the one interrupted message like
any other Ctrl+C, not in Python's traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable

INTERRUPTED = 130


def main() -> None:
    """Console entry point: :func:`ntm_tracker.cli.main`, guarded from its first line to
    its last. cli.main ends the process itself once the command is done
    (:func:`ntm_tracker.cli.exit_now`, which ignores a Ctrl+C from then on: too late to
    stop the command, which has said what it did); what comes back here is a Ctrl+C while
    the modules load, or an exit raised before the command ran."""
    code: int | str | None = 0
    try:
        run = _load()
        run()
    except KeyboardInterrupt:
        code = _interrupted()
    except SystemExit as done:
        code = done.code
    if threading_main():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


def _load() -> Callable[[], None]:
    """The command line's entry, imported with Ctrl+C held back: Python's import machinery
    turns an interrupt inside it into "Exception ignored ..." and a traceback on stderr.
    A Ctrl+C meanwhile is raised once the import is done (nothing has run yet)."""
    if not threading_main():
        from ntm_tracker.cli import main as run

        return run
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        from ntm_tracker.cli import main as run
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt
    return run


def threading_main() -> bool:
    return threading.current_thread() is threading.main_thread()


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

"""Which language a run speaks: --lang, then NTM_LANG, then the plan's, then the
system's, else Vietnamese (the language of the plan ntm ships)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Plan

LANGUAGES = ("en", "vi")


def named(text: str | None) -> str | None:
    """The language ``text`` names ('en', ' VI '), or None."""
    if text is None:
        return None
    code = text.strip().lower()
    return code if code in LANGUAGES else None


def fallback_language() -> str:
    """Before a plan says which: the system's language when it names one (vi_VN, en_US),
    else Vietnamese, the language of the plan ntm ships (a Windows office machine sets no
    LANG; "C" and "POSIX" name none)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "").lower()
        if value and not value.startswith(("c.", "posix")) and value != "c":
            return "vi" if value.startswith("vi") else "en"
    return "vi"


def choose_language(given: str | None, plan: Callable[[], Plan | None]) -> str:
    """--lang (``given``), then NTM_LANG, then the plan's language (``plan()`` is asked
    only then), then the system's. A value that names no language is passed over."""
    for candidate in (given, os.environ.get("NTM_LANG")):
        found = named(candidate)
        if found is not None:
            return found
    chosen = plan()
    return chosen.language if chosen is not None else fallback_language()

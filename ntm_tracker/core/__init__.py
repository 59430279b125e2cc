"""The core: the plan and its figures, the status maths and the typed reports.

Pure: no file, no terminal, no word. Numbers, enums, dates and problems only; the
on-disk formats live in :mod:`ntm_tracker.storage`, the words in :mod:`ntm_tracker.i18n`.
"""

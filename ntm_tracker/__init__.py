"""ntm-tracker: follow a commune's 2025-2030 development targets year by year.

The package is importable without the CLI: :mod:`ntm_tracker.model`,
:mod:`ntm_tracker.store`, :mod:`ntm_tracker.status` and :mod:`ntm_tracker.report`
never import typer or rich.
"""

__version__ = "0.1.0"

"""ntm-tracker: follow a commune's 2025-2030 development targets year by year.

The package is importable without the CLI: :mod:`ntm_tracker.core` (the plan, the
status maths, the reports) and :mod:`ntm_tracker.storage` (the data folder and its files)
never import typer, rich or tabulate.
"""

__version__ = "0.1.0"

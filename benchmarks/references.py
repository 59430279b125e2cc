"""The reference programs ``bench.py`` times ntm against: what a bare program doing the
same job costs. Run as ``python -c "...; import references; references.main()" WHAT ...``
(the module is imported, so that its bytecode is cached as ntm's is):

- ``table``: a bare typer app printing a rich table of 22 rows and the 11 columns of
  ``ntm status`` (two-line cells as ntm's), to a 120-column terminal;
- ``json``: a bare typer command printing the JSON of 22 records of 40 figures (the size
  of ``ntm status --format json`` on the demo);
- ``yaml DIR``: libyaml (PyYAML's CSafeLoader) parsing the plan and every year file of a
  data folder, the collector paused as ntm pauses it while loading;
- ``loads DIR``: ``json.loads`` of every ``.json`` file of a folder (the same data as a
  data folder's, written as JSON by bench.py), the collector paused too.

The two floors end with ``os._exit`` as ntm does, so that what they measure is the
parsing, not the interpreter freeing what was parsed.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

COLUMNS = ("No.", "Indicator", "Baseline\n2025", "Actual\n2026", "Plan\n2027", "Actual\n2027",
           "Path\n2027", "Target", "Against\ntarget", "Needed\na year", "Status")  # fmt: skip
ROWS = 22


def table() -> None:
    import typer
    from rich.console import Console
    from rich.table import Table

    app = typer.Typer(add_completion=False)

    @app.command()
    def status(year: int = 2027) -> None:
        grid = Table(title=f"Xuân Trường: the targets in {year}")
        for i, name in enumerate(COLUMNS):
            grid.add_column(name, justify="right" if 1 < i < len(COLUMNS) - 1 else "left")
        for i in range(ROWS):
            grid.add_row(
                str(i + 1), f"Share of households that are poor, figure {i + 1} [%]",
                "2.5", "2.4", "2.2\n+0.10 pts", "2.3", "1.90", "below 1.0\nby 2030",
                "+1.30 pts", "-0.43", "slow progress",
            )  # fmt: skip
        Console().print(grid)

    app()


def json_command() -> None:
    import json

    import typer

    app = typer.Typer(add_completion=False)

    @app.command()
    def status(year: int = 2027) -> None:
        rows = [{f"figure_{k}": 1.5 * i + k / 7 for k in range(40)} for i in range(ROWS)]
        typer.echo(json.dumps({"year": year, "indicators": rows}, indent=1))

    app()


def yaml_files(folder: Path) -> None:
    import yaml

    gc.disable()
    for path in [folder / "targets.yaml", *sorted(folder.glob("*/*.yaml"))]:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def json_files(folder: Path) -> None:
    import json

    gc.disable()
    for path in sorted(folder.glob("**/*.json")):
        json.loads(path.read_bytes())


def main() -> None:
    what, *args = sys.argv[1:]
    if what == "table":
        sys.argv = sys.argv[:1]
        table()
    elif what == "json":
        sys.argv = sys.argv[:1]
        json_command()
    elif what == "yaml":
        yaml_files(Path(args[0]))
        os._exit(0)
    elif what == "loads":
        json_files(Path(args[0]))
        os._exit(0)
    else:
        raise SystemExit(f"unknown reference {what!r}")

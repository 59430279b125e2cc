"""The ``ntm`` command line: parse arguments, call the core, render, map errors.

No figure is computed here. Domain errors (``NtmError``) become one line on stderr and
their named exit code; nothing a user can cause ends in a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from ntm_tracker import __version__
from ntm_tracker.errors import ExitCode, NtmError, UsageError

if TYPE_CHECKING:
    from ntm_tracker.model import Plan
    from ntm_tracker.render.terminal import TerminalEnv
    from ntm_tracker.store import Store

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="ntm",
    help=(
        "Follow the commune's 2025-2030 development targets year by year: "
        "record actual values, see each indicator's status against its path to the target."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Settings:
    data_dir: Path
    color: str = "auto"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ntm-tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data_dir: Path = typer.Option(
        Path("data"),
        "--data-dir",
        envvar="NTM_DATA_DIR",
        help="Folder holding targets.yaml and actuals/ (env NTM_DATA_DIR).",
        show_default=True,
    ),
    color: str = typer.Option(
        "auto", "--color", help="Colour: auto (terminal only, honours NO_COLOR), always, never."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    if color not in ("auto", "always", "never"):
        raise typer.BadParameter("choose auto, always or never", param_hint="--color")
    ctx.obj = Settings(data_dir=data_dir, color=color)


def handle_errors(fn: F) -> F:
    """Turn domain errors into one line on stderr and the error's exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NtmError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            typer.echo("Interrupted; nothing was written.", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    return wrapper  # type: ignore[return-value]


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_object(Settings)
    if obj is None:  # pragma: no cover - the callback always sets it
        obj = Settings(Path(os.environ.get("NTM_DATA_DIR", "data")))
    return obj


def open_store(ctx: typer.Context) -> Store:
    from ntm_tracker.store import Store

    return Store(settings(ctx).data_dir)


def open_plan(ctx: typer.Context, lang: str | None) -> tuple[Store, Plan, str]:
    """The data folder, its validated plan, and the output language (--lang, NTM_LANG,
    then the plan's own) — what almost every command starts with."""
    store = open_store(ctx)
    plan = store.load_plan()
    return store, plan, resolve_lang(lang, plan)


def resolve_lang(option: str | None, plan: Plan | None) -> str:
    """--lang, then NTM_LANG, then the plan's language, then English."""
    for candidate, source in ((option, "--lang"), (os.environ.get("NTM_LANG"), "NTM_LANG")):
        if candidate:
            lang = candidate.strip().lower()
            if lang not in ("en", "vi"):
                raise UsageError(f"{source} must be 'en' or 'vi', not '{candidate}'.")
            return lang
    return plan.language if plan is not None else "en"


def terminal(ctx: typer.Context) -> TerminalEnv:
    from ntm_tracker.render.terminal import TerminalEnv

    return TerminalEnv.detect(sys.stdout, color=settings(ctx).color)


def emit(text: str) -> None:
    """Write rendered text to stdout as it is.

    ``color=True`` stops click from stripping colour codes: the renderer has already
    decided about colour (TerminalEnv), and plain text carries none.
    """
    typer.echo(text, nl=not text.endswith("\n"), color=True)


INDICATOR_ARGUMENT = typer.Argument(
    ..., metavar="INDICATOR", help="Indicator id (income) or number (3, 6b)."
)
LANG_OPTION = typer.Option(
    None, "--lang", "-l", help="Language: en or vi (default: NTM_LANG, then the plan)."
)


# ignore_unknown_options lets a negative VALUE through: `ntm record 2026 2 -5`
@app.command(context_settings={"ignore_unknown_options": True})
@handle_errors
def record(
    ctx: typer.Context,
    year: int = typer.Argument(
        ..., metavar="YEAR", help="Year of the value, within the term (e.g. 2026)."
    ),
    indicator: str = INDICATOR_ARGUMENT,
    value: str = typer.Argument(
        ..., metavar="VALUE", help="The value: 96,5 or 96.5; yes/no (có/không) for kept criteria."
    ),
    estimate: bool = typer.Option(
        False, "--estimate", "-e", help="Mark as a provisional figure (ước thực hiện)."
    ),
    note: str | None = typer.Option(
        None, "--note", "-n", help="A note kept with the value (source, remark)."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        "-f",
        help="Replace a value already recorded (the old one is kept in history).",
    ),
    lang: str | None = LANG_OPTION,
) -> None:
    """Record the actual value of one indicator for one year.

    Example: ntm record 2026 revenue 82 --estimate
    """
    from ntm_tracker.i18n import Formatter
    from ntm_tracker.report import evaluate_indicator
    from ntm_tracker.store import check_year, find_indicator, parse_value

    store, plan, language = open_plan(ctx, lang)
    check_year(plan, year)
    ind = find_indicator(plan, indicator)
    parsed = parse_value(ind, value)
    if note is not None and not note.strip():
        note = None
    outcome = store.record(plan, ind, year, parsed, estimate=estimate, note=note, force=force)
    result = evaluate_indicator(plan, store.load_actuals(plan), ind, year)
    fmt = Formatter(language)
    shown = fmt.with_unit(ind, outcome.new.value)
    if outcome.new.estimate:
        shown += " (ước thực hiện)" if language == "vi" else " (estimate)"
    status = fmt.status_text(ind, result)
    if language == "vi":
        verb = "Đã ghi" if outcome.old is None else "Đã thay"
        if not outcome.changed:
            verb = "Không đổi"
        line = f"{verb} {ind.id} năm {year} = {shown}. Đánh giá năm {year}: {status}."
    else:
        verb = "Recorded" if outcome.old is None else "Replaced"
        if not outcome.changed:
            verb = "Unchanged"
        line = f"{verb} {ind.id} {year} = {shown}. Status {year}: {status}."
    if outcome.changed and outcome.old is not None:
        previous = fmt.value(ind, outcome.old.value)
        line += f" (trước đó: {previous})" if language == "vi" else f" (was {previous})"
    typer.echo(line)


@app.command()
@handle_errors
def status(
    ctx: typer.Context,
    year: int | None = typer.Option(
        None, "--year", "-y", help="Year to report (default: the latest year with a value)."
    ),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", "-f", help="Output: table, json or csv."),
    forecast: bool = typer.Option(
        False,
        "--forecast",
        help="Add a column with the forecast for the target year (least squares trend).",
    ),
) -> None:
    """Show every indicator's status in a year against its path to the target."""
    from ntm_tracker.render import STATUS_FORMATS, check_format, render_status
    from ntm_tracker.report import build_status_report, default_year
    from ntm_tracker.store import check_year

    check_format(fmt, STATUS_FORMATS)
    store, plan, language = open_plan(ctx, lang)
    actuals = store.load_actuals(plan)
    if year is None:
        year = default_year(plan, actuals)
    check_year(plan, year)
    report = build_status_report(plan, actuals, year)
    emit(render_status(report, fmt, language, terminal(ctx), forecast=forecast))


@app.command()
@handle_errors
def indicators(
    ctx: typer.Context,
    lang: str | None = LANG_OPTION,
) -> None:
    """List the plan's indicators: id, number, name, target, kind, comparator."""
    from ntm_tracker.render.table import render_plan_table

    plan = open_store(ctx).load_plan()
    emit(render_plan_table(plan, resolve_lang(lang, plan), terminal(ctx)))


def main() -> None:
    """Console entry point."""
    # ntm uses no pydantic plugin; looking for them scans every installed package's
    # metadata (~30 ms a command). An explicit PYDANTIC_DISABLE_PLUGINS still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A command builds one large graph of data without reference cycles (300,000 entries
    # for 10,000 indicators x 30 years) and exits: the cycle collector would only scan it
    # again and again (a tenth of such a run). Collect young objects rarely, old ones
    # almost never; reference counting still frees everything as it goes.
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.stderr.write("Interrupted.\n")
        sys.exit(int(ExitCode.INTERRUPTED))


__all__ = ["ExitCode", "app", "main"]


# --- command modules: importing one registers its commands on `app` -----------------
# (kept at the bottom: each module imports `app` and the helpers above)
# E402: must follow `app`; F401: imported for the side effect of registering commands
from ntm_tracker.commands import data, exports, reports  # noqa: E402, F401

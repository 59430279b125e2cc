"""The ``ntm`` command line: the app, its global options, and the one place where an
error becomes a message and an exit code.

Commands live in :mod:`ntm_tracker.commands` and are registered here; they parse their
arguments, call the core and render. Everything a user can cause ends in
:func:`_report`: one line on stderr in the user's language (core problems through the
catalogs, the command-line parser's own errors too) and a named exit code, never a
traceback.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from ntm_tracker.domain import Plan
    from ntm_tracker.i18n import Words

from ntm_tracker import __version__
from ntm_tracker.commands import data, entry, reports, status
from ntm_tracker.commands.common import ExitCode, Settings, choose_language
from ntm_tracker.problems import (
    ConflictError,
    DataError,
    InputError,
    Interrupted,
    LockedError,
    MissingExtraError,
    NtmError,
    OutputError,
    Problem,
    RowsError,
)

# Each kind of error: its exit code, and the hint (a catalog key) that says what to do.
ERRORS: dict[type[NtmError], tuple[ExitCode, str | None]] = {
    DataError: (ExitCode.DATA_ERROR, "hint.fix_file"),
    RowsError: (ExitCode.DATA_ERROR, "hint.fix_rows"),
    InputError: (ExitCode.USAGE_ERROR, None),
    OutputError: (ExitCode.USAGE_ERROR, None),
    ConflictError: (ExitCode.CONFLICT, "hint.force"),
    LockedError: (ExitCode.LOCKED, "hint.try_again"),
    MissingExtraError: (ExitCode.MISSING_EXTRA, None),
    Interrupted: (ExitCode.INTERRUPTED, None),
}

GLOBAL_OPTIONS = ("--data-dir", "--lang", "-l", "--color")  # accepted after the command too
# the group's options that take a value (the word after them is not a command name)
_GROUP_VALUES = frozenset({*GLOBAL_OPTIONS, "--format"})
_NEGATIVE = re.compile(r"-[.,]?\d")  # no option starts with a digit


class NtmGroup(TyperGroup):
    """The ``ntm`` group: reads argv the forgiving way, and reports every error itself."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        argv = normalize(self, list(sys.argv[1:] if args is None else args))
        try:
            code = super().main(
                argv, prog_name or "ntm", complete_var, False, windows_expand_args, **extra
            )
        except BaseException as exc:
            code = _report(exc, argv)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            settings = ctx.find_object(Settings)
            written = list(settings.store.written) if settings and settings.store else []
            raise Interrupted(Problem("interrupted", {"written": written})) from None


app = typer.Typer(
    name="ntm",
    cls=NtmGroup,
    help="Follow the commune's 2025-2030 development targets year by year: record each "
    "year's figures and plans, see where every indicator stands, write the annual report.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ntm-tracker {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    data_dir: Path = typer.Option(
        Path("data"),
        "--data-dir",
        envvar="NTM_DATA_DIR",
        metavar="DIR",
        help="Folder holding targets.yaml, actuals/ and plans/.",
        show_default=True,
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        metavar="en|vi",
        help="Language: en or vi (default: NTM_LANG, then the plan's).",
    ),
    color: str = typer.Option(
        "auto",
        "--color",
        metavar="auto|always|never",
        help="Colour: auto (terminal only, honours NO_COLOR), always, never.",
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        metavar="FORMAT",
        help="Output format, for the commands that have several.",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Options given before or after the command name."""
    ctx.obj = Settings(data_dir=data_dir, lang=lang, color=color, format=fmt)
    ctx.obj.check()


for module in (entry, status, reports, data):
    for command in module.COMMANDS:
        app.command(**command.options)(command.function)


def normalize(group: TyperGroup, args: list[str]) -> list[str]:
    """argv as the parser should read it: the global options moved before the command
    name (``ntm status --lang vi``), and a negative number typed as a figure kept from
    being read as an option (``ntm record 2027 2 -3`` records -3)."""
    i, before = 0, []
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        before.append(args[i])
        if args[i] in _GROUP_VALUES and i + 1 < len(args):
            before.append(args[i + 1])
            i += 1
        i += 1
    if i >= len(args) or args[i] not in group.commands:
        return args
    name, rest = args[i], args[i + 1 :]
    command = group.commands[name]
    takes_value = {opt for p in command.params if not getattr(p, "is_flag", True) for opt in p.opts}
    hoisted: list[str] = []
    kept: list[str] = []  # the rest as typed
    options: list[str] = []
    arguments: list[str] = []
    negative = False
    j = 0
    while j < len(rest):
        token = rest[j]
        if token == "--":  # typed by the user: everything after it is an argument
            kept += rest[j:]
            arguments += rest[j + 1 :]
            break
        option = token.split("=", 1)[0]
        if option in GLOBAL_OPTIONS and option not in takes_value:
            if "=" in token:
                hoisted.append(token)
            elif j + 1 >= len(rest):  # `ntm record 2027 x 9 --lang`: say it needs a value
                return [*before, token]
            else:
                hoisted += [token, rest[j + 1]]
                j += 1
        elif token in takes_value and j + 1 < len(rest):
            options += [token, rest[j + 1]]
            kept += [token, rest[j + 1]]
            j += 1
        else:
            if _NEGATIVE.match(token):  # -3, -0,5, even a mistyped -3f: a figure
                negative = True
                arguments.append(token)
            elif token.startswith("-") and token != "-":
                options.append(token)
            else:
                arguments.append(token)
            kept.append(token)
        j += 1
    if not negative:  # nothing to protect: the order as typed
        return [*before, *hoisted, name, *kept]
    # the options first, then the arguments after "--", where "-3" cannot be an option
    return [*before, *hoisted, name, *options, "--", *arguments]


# -- errors ----------------------------------------------------------------------------


def _report(exc: BaseException, argv: list[str]) -> int:
    """Print what went wrong in the user's language; return the exit code."""
    from typer._click import exceptions as click_errors

    from ntm_tracker.i18n import Words

    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else 1
    if isinstance(exc, BrokenPipeError):  # `ntm status | head`: the reader left
        return 0
    words = Words(_language(argv))
    if isinstance(exc, NtmError):
        return _ntm_error(words, exc)
    if isinstance(exc, click_errors.NoArgsIsHelpError):
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        return ExitCode.OK
    if isinstance(exc, click_errors.UsageError):
        _echo_error(words, _usage_message(words, exc))
        typer.echo(words("usage.try_help", command=_command_path(exc, argv)), err=True)
        return ExitCode.USAGE_ERROR
    if isinstance(exc, typer.Abort | KeyboardInterrupt):
        typer.echo(words("problem.interrupted_nothing"), err=True)
        return ExitCode.INTERRUPTED
    raise exc


def _command_path(exc: Any, argv: list[str]) -> str:
    """'ntm record' for an error in a command's arguments, 'ntm' for one before it (the
    parser reports some option errors with the group's context)."""
    if exc.ctx is not None and exc.ctx.command_path != "ntm":
        return str(exc.ctx.command_path)
    names = set(app_commands())
    skip = False
    for token in argv:  # the first word that is not a global option or its value
        if skip or token == "--":
            skip = False
            continue
        if token in _GROUP_VALUES:
            skip = True
        elif not token.startswith("-"):
            return f"ntm {token}" if token in names else "ntm"
    return "ntm"


def _echo_error(words: Words, message: str) -> None:
    typer.echo(words("fmt.error", message=message), err=True)


# Problems in a file a person edits: the message ends with "fix the file and try again".
_IN_A_FILE = ("yaml.", "plan.", "year.", "value.", "file.not_utf8")


def _ntm_error(words: Words, exc: NtmError) -> int:
    code, hint = ERRORS.get(type(exc), (ExitCode.DATA_ERROR, None))
    problem = exc.problem
    listed = exc.problems if isinstance(exc, ConflictError | RowsError) else []
    if len(listed) > 1 or isinstance(exc, RowsError):
        for found in listed:
            typer.echo(words.problem(found), err=True)
        if isinstance(exc, ConflictError):
            problem = Problem("write.conflicts", {"n": len(exc.problems)})
    if isinstance(exc, Interrupted) and not problem.params.get("written"):
        problem = Problem("interrupted_nothing")
    message = words.problem(problem)
    if exc.more:
        message += " " + words.plural("hint.more", exc.more)
    if isinstance(exc, DataError) and not problem.code.startswith(_IN_A_FILE):
        hint = None
    if hint is not None:
        message += " " + words(hint)
    _echo_error(words, message)
    return code


def _usage_message(words: Words, exc: Any) -> str:
    """The parser's own errors, in the user's language."""
    from typer._click import exceptions as click_errors

    if isinstance(exc, click_errors.NoSuchOption):
        close = difflib.get_close_matches(exc.option_name, exc.possibilities or [], n=2)
        return words.problem(
            Problem("usage.no_such_option", {"option": exc.option_name, "suggestions": close})
        )
    if isinstance(exc, click_errors.BadOptionUsage):
        code = "usage.needs_value" if "requires" in exc.message else "usage.takes_no_value"
        return words.problem(Problem(code, {"option": exc.option_name}))
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        name = exc.param.human_readable_name
        kind = (
            "usage.missing_argument"
            if exc.param.param_type_name == "argument"
            else "usage.missing_option"
        )
        return words.problem(Problem(kind, {"name": name}))
    text = exc.message or ""
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", text)
    if extra:
        takes_figure = exc.ctx is not None and any(
            p.name == "value" for p in exc.ctx.command.params
        )
        code = "usage.extra_after_figure" if takes_figure else "usage.extra_arguments"
        return words.problem(Problem(code, {"text": extra.group(1)}))
    unknown = re.match(r"No such command '(.*?)'", text)
    if unknown:
        close = difflib.get_close_matches(unknown.group(1), list(app_commands()), n=2)
        return words.problem(
            Problem("usage.no_such_command", {"text": unknown.group(1), "suggestions": close})
        )
    if text.startswith("Missing command"):
        return words.problem(Problem("usage.missing_command", {}))
    return words.problem(Problem("usage.other", {"text": text}))


def app_commands() -> list[str]:
    return [c.name or "" for c in app.registered_commands]


def _language(argv: list[str]) -> str:
    """The language of an error message, by the rule of every command (--lang in argv,
    NTM_LANG, the plan's, the system's); the plan is read only when it decides."""
    given, data_dir = None, Path(os.environ.get("NTM_DATA_DIR") or "data")
    for i, token in enumerate(argv):
        option, _, inline = token.partition("=")
        value = inline or (argv[i + 1] if i + 1 < len(argv) else "")
        if option in ("--lang", "-l") and value.strip().lower() in ("en", "vi"):
            given = given or value
        elif option == "--data-dir" and value:
            data_dir = Path(value)

    def plan() -> Plan | None:
        from ntm_tracker.store import Store

        try:
            return Store(data_dir).load_plan()[0]
        except Exception:  # a broken plan must not hide the error being reported
            return None

    return choose_language(given, plan)


def main() -> None:
    """Console entry point."""
    # ntm uses no pydantic plugin; looking for them scans every installed package's
    # metadata (~30 ms a command). An explicit PYDANTIC_DISABLE_PLUGINS still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()


__all__ = ["ExitCode", "app", "main"]

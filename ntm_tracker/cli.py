"""The ``ntm`` command line: the app, its global options, and the one place where an
error becomes a message and an exit code.

Commands live in :mod:`ntm_tracker.commands` and are registered here; they parse their
arguments, call the core and render. Everything a user can cause ends in
:func:`_report`: one line on stderr in the user's language (core problems through the
catalogs, the command-line parser's own errors too) and a named exit code, never a
traceback.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import os
import re
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Plan
    from ntm_tracker.i18n import Words

from ntm_tracker import __version__
from ntm_tracker.commands import data, entry, reports, status
from ntm_tracker.commands.context import Settings
from ntm_tracker.commands.installation import install_command
from ntm_tracker.core.problems import (
    ConflictError,
    DataError,
    Findings,
    InputError,
    Interrupted,
    LockedError,
    MissingExtraError,
    NtmError,
    OutputError,
    Placeholder,
    Problem,
    RowsError,
)
from ntm_tracker.i18n.language import choose_language, named
from ntm_tracker.render import output
from ntm_tracker.render.output import configure_streams


class ExitCode(IntEnum):
    """Exit codes of ``ntm``. The README has the same table (a test compares them);
    :data:`ERRORS` maps each kind of error to one of them."""

    OK = 0
    DATA_ERROR = 1  # the plan or a year file is missing, unreadable or invalid
    USAGE_ERROR = 2  # the command line is wrong: unknown indicator, bad number, year...
    CONFLICT = 3  # a figure is already recorded; add --force to replace it
    LOCKED = 4  # another ntm process holds the data folder for too long
    MISSING_EXTRA = 5  # an optional package (matplotlib, openpyxl, python-docx) is missing
    INTERRUPTED = 130  # stopped with Ctrl+C


class UsageProblem(InputError):
    """A mistake in the command line itself (an unknown command, an extra argument): the
    message adds a line naming the help of ``command``."""

    def __init__(self, problem: Problem, *, command: str | None = None) -> None:
        super().__init__(problem)
        self.command = command


# Each kind of error: its exit code, and the hint (a catalog key) that says what to do.
# Findings are already listed by `ntm check`: nothing more is printed for them.
ERRORS: dict[type[NtmError], tuple[ExitCode, str | None]] = {
    DataError: (ExitCode.DATA_ERROR, "hint.fix_file"),
    RowsError: (ExitCode.DATA_ERROR, "hint.fix_rows"),
    Findings: (ExitCode.DATA_ERROR, None),
    InputError: (ExitCode.USAGE_ERROR, None),
    UsageProblem: (ExitCode.USAGE_ERROR, None),
    OutputError: (ExitCode.USAGE_ERROR, None),
    ConflictError: (ExitCode.CONFLICT, "hint.force"),
    LockedError: (ExitCode.LOCKED, "hint.try_again"),
    MissingExtraError: (ExitCode.MISSING_EXTRA, None),
    Interrupted: (ExitCode.INTERRUPTED, None),
}

# click's UsageError, the base of every command-line error the parser raises. typer keeps
# click in a private module; its public BadParameter is a UsageError, so the base class is
# reached through it (tests/test_errors.py pins this).
USAGE_ERROR: type[Exception] = typer.BadParameter.__mro__[1]

GLOBAL_OPTIONS = ("--data-dir", "--lang", "-l", "--color")  # accepted after the command too
# the group's options that take a value (the word after them is not a command name)
_GROUP_VALUES = frozenset({*GLOBAL_OPTIONS, "--format"})
# no option starts with a digit, or is -inf: both are figures (-inf is refused as one)
_NEGATIVE = re.compile(r"-([.,]?\d|inf|nan|∞)", re.IGNORECASE)


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
        argv = list(sys.argv[1:] if args is None else args)
        try:
            argv = normalize(self, argv)
            if _command_word(argv) is None and not _asks_help(argv) and not _dangling(argv):
                argv = [*argv, "--help"]  # `ntm`, `ntm --lang vi`: the help, not an error
            code = super().main(
                argv, prog_name or "ntm", complete_var, False, windows_expand_args, **extra
            )
            output.flush()  # the last bytes out while a failure can still be reported
        except BaseException as exc:
            code = _report(exc, argv)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta.setdefault(ARGV, list(args))  # the help's language is decided from it
        rest: list[str] = super().parse_args(ctx, args)
        return rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        write_help(self, ctx, formatter, help_words(ctx))

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return completions(super().shell_complete(ctx, incomplete), ctx)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name not in self.commands:
            close = difflib.get_close_matches(name, list(self.commands), n=2)
            raise UsageProblem(
                Problem("usage.no_such_command", {"text": name, "suggestions": close})
            )
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            settings = ctx.find_object(Settings)
            written = list(settings.store.written) if settings and settings.store else []
            raise Interrupted(Problem("interrupted", {"written": written})) from None


class NtmCommand(TyperCommand):
    """A command that reports extra arguments itself, naming them in the user's words,
    and writes its help in the user's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        write_help(self, ctx, formatter, help_words(ctx))

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        return completions(super().shell_complete(ctx, incomplete), ctx)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # left in ctx.args instead of click's English error
        twice = given_twice(self, args)
        if twice is not None and not ctx.resilient_parsing:
            raise UsageProblem(
                Problem("usage.option_twice", {"option": twice}), command=ctx.command_path
            )
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except USAGE_ERROR as exc:
            missing = getattr(exc, "param", None)
            if getattr(missing, "param_type_name", None) != "argument" or ctx.resilient_parsing:
                raise
            name = _forgotten(self, ctx.params, missing.name if missing else "")
            facts = {"name": name, "usage": _usage(self, ctx.command_path)}
            problem = Problem("usage.missing_argument", facts)
            raise UsageProblem(problem, command=ctx.command_path) from None
        if ctx.args and not ctx.resilient_parsing:
            takes_figure = any(p.name == "value" for p in self.params)
            code = "usage.extra_after_figure" if takes_figure else "usage.extra_arguments"
            extra: dict[str, object] = {"text": " ".join(ctx.args)}
            value = ctx.params.get("value")
            if takes_figure and not _figure(value) and _figure(ctx.args[-1]):
                # record 2026 doanh thu 82: a name of several words, typed without quotes
                joined = " ".join([ctx.params["indicator"], value, *ctx.args[:-1]])
                example = f'{ctx.command_path} {ctx.params["year"]} "{joined}" {ctx.args[-1]}'
                code, extra = "usage.quote_name", {"name": joined, "example": example}
            raise UsageProblem(Problem(code, extra), command=ctx.command_path)
        return rest


app = typer.Typer(
    name="ntm",
    cls=NtmGroup,
    help="help.app",
    no_args_is_help=False,
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
        metavar="metavar.dir",
        help="help.opt.data_dir",
        show_default=True,
        readable=False,
    ),
    lang: str | None = typer.Option(
        None,
        "--lang",
        "-l",
        metavar="en|vi",
        help="help.opt.lang",
    ),
    color: str = typer.Option(
        "auto",
        "--color",
        metavar="auto|always|never",
        help="help.opt.color",
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        metavar="metavar.format",
        help="help.opt.format",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="help.opt.version"
    ),
) -> None:
    """Options given before or after the command name."""
    ctx.obj = Settings(data_dir=data_dir, lang=lang, color=color, format=fmt)
    ctx.obj.check()


for module in (entry, status, reports, data):
    for command in module.COMMANDS:
        app.command(cls=NtmCommand, **command.options)(command.function)


def _forgotten(command: Any, given: dict[str, Any], missing: str) -> Placeholder:
    """The argument the user most likely forgot: the parser names the last one missing
    (``record revenue 82`` lacks VALUE to it), but a first word that is no year means the
    year was left out, and a number where the indicator stands means the indicator was."""
    from ntm_tracker.core.numbers import NumberError, parse_number, parse_year

    arguments = [p for p in command.params if getattr(p, "param_type_name", "") == "argument"]
    names = [p.name for p in arguments]
    guess = missing
    if names[:1] == ["year"] and given.get("year") is not None:
        try:
            parse_year(str(given["year"]))
        except NumberError:
            guess = "year"
    if guess == missing and names[1:2] == ["indicator"] and given.get("indicator") is not None:
        try:
            parse_number(str(given["indicator"]))
            guess = "indicator" if "value" in names else missing
        except NumberError:
            pass
    return _placeholder(next(p for p in arguments if p.name == guess))


def _figure(text: object) -> bool:
    """Does ``text`` read as a figure (a number, or yes/no)?"""
    from ntm_tracker.core.numbers import NumberError, parse_number, parse_yes_no

    for parse in (parse_number, parse_yes_no):
        try:
            parse(str(text))
            return True
        except NumberError:
            pass
    return False


def _usage(command: Any, path: str) -> list[Placeholder]:
    return [Placeholder(path)] + [
        _placeholder(p) for p in command.params if getattr(p, "param_type_name", "") == "argument"
    ]


def _placeholder(param: Any) -> Placeholder:
    """An argument as a message names it: its metavar's catalog key, in brackets when it
    may be left out ([metavar.year]); the message writes it as :func:`takes` does (NĂM)."""
    key = param.metavar or param.name.upper()
    return Placeholder(key if param.required else f"[{key}]")


def given_twice(command: Any, args: list[str]) -> str | None:
    """An option of a command that takes a value, given twice (``--note A --note B``): the
    parser would keep the last and drop the other without a word; the user is asked to
    choose. (The global options keep the last: an alias ``ntm --lang en`` can be overridden.)"""
    valued = [p for p in command.params if not getattr(p, "is_flag", True)]
    names = {opt: p.name for p in valued if not getattr(p, "multiple", False) for opt in p.opts}
    seen: set[str] = set()
    skip = False
    for token in args:
        if skip:
            skip = False
            continue
        if token == "--":
            break
        option, equals, _ = token.partition("=")
        name = names.get(option)
        if name is None:
            continue
        if name in seen:
            return option
        seen.add(name)
        skip = not equals
    return None


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


# -- help, in the user's language --------------------------------------------------------
# Every text of `ntm --help` and `ntm COMMAND --help` is a catalog key: the commands declare
# keys (help="help.cmd.record", metavar="metavar.year"), and the help is written here, with
# click's own words (Usage, Options, [default: ...]) from the catalogs too. Options click or
# typer add (--help, --install-completion) take the key help.opt.NAME.

ARGV = "ntm.argv"  # ctx.meta: the command line as read, for the help's language


def help_words(ctx: Any) -> Words:
    """The words of the help: the language of the run, by the rule of every command."""
    from ntm_tracker.i18n import Words

    return Words(_language(list(ctx.meta.get(ARGV, []))))


def _text(words: Words, key: str | None) -> str:
    return words(key) if key and words.has(key) else (key or "")


def takes(words: Words, param: Any) -> str:
    """What an argument or an option takes, as help and errors name it: NĂM, [NĂM],
    TỆP; a list of values (en|vi) as it is."""
    name = _text(words, param.metavar)
    if param.param_type_name == "argument" and not param.required:
        return f"[{name}]"
    return name


def _option(words: Words, param: Any) -> str:
    """'-f, --format ĐỊNH_DẠNG': the short name first, as click writes it."""

    def names(opts: Sequence[str]) -> str:
        text = ", ".join(sorted(opts, key=lambda o: len(o) - len(o.lstrip("-"))))
        return text if getattr(param, "is_flag", False) else f"{text} {takes(words, param)}"

    return " / ".join(names(o) for o in (param.opts, param.secondary_opts) if o)


def _param_help(words: Words, param: Any) -> str:
    """An argument's or option's help, then what click adds: [env var; default; required]."""
    key = param.help if param.help and words.has(param.help) else f"help.opt.{param.name}"
    text = _text(words, key if words.has(key) else param.help)
    extra = []
    if getattr(param, "show_envvar", False) and isinstance(param.envvar, str):
        extra.append(words("help.envvar", name=param.envvar))
    shown, default = getattr(param, "show_default", False), param.default
    flag = getattr(param, "is_flag", False)
    if isinstance(shown, str):
        extra.append(words("help.default", value=shown))
    elif shown and default not in (None, False) and not callable(default) and not flag:
        extra.append(words("help.default", value=str(default)))
    if param.required:
        extra.append(words("help.required"))
    return f"{text}  [{'; '.join(extra)}]" if extra else text


def _short(text: str, limit: int) -> str:
    """A command's line in the list of commands: its first sentence, cut to ``limit``."""
    kept: list[str] = []
    for word in text.split("\n\n", 1)[0].split():
        if len(" ".join([*kept, word])) > limit - 3:
            return " ".join(kept).rstrip(",;:") + "..."
        kept.append(word)
        if word.endswith("."):
            break
    return " ".join(kept)


def completions(items: list[Any], ctx: Any) -> list[Any]:
    """Shell completion's items (zsh, fish and PowerShell show each one's help beside it)
    with their help in words: a command's first sentence, an option's help."""
    words = help_words(ctx)
    named = {o: p.name for p in ctx.command.get_params(ctx) for o in (*p.opts, *p.secondary_opts)}
    for item in items:
        key = item.help
        if not (key and words.has(key)) and item.value in named:  # --help: click's own
            key = f"help.opt.{named[item.value]}"
        if key and words.has(key):
            item.help = _short(words(key), 80)
    return items


def write_help(command: Any, ctx: Any, formatter: Any, words: Words) -> None:
    """The help of ``command`` (the group or a command) as click lays it out, every word
    from the catalog of ``words``."""
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    group = isinstance(command, TyperGroup)
    pieces = [words("help.options_metavar"), *(takes(words, p) for p in arguments)]
    if group:
        pieces.append(words("help.command_metavar"))
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=words("help.usage") + " ")
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(_text(words, command.help))
    for heading, found in (("help.arguments", arguments), ("help.options", options)):
        if found:
            with formatter.section(words(heading)):
                formatter.write_dl(
                    [
                        (
                            takes(words, p) if p in arguments else _option(words, p),
                            _param_help(words, p),
                        )
                        for p in found
                    ]
                )
    if group:
        names = [n for n in command.list_commands(ctx) if not command.commands[n].hidden]
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(n, _short(_text(words, command.commands[n].help), limit)) for n in names]
        with formatter.section(words("help.commands")):
            formatter.write_dl(rows)


# -- errors ----------------------------------------------------------------------------


def _report(exc: BaseException, argv: list[str]) -> int:
    """Print what went wrong in the user's language; return the exit code."""
    from ntm_tracker.i18n import Words

    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else 1
    if isinstance(exc, BrokenPipeError):  # `ntm status | head`: the reader left
        return 0
    words = Words(_language(argv))
    if isinstance(exc, UsageProblem):
        _ntm_error(words, exc)
        typer.echo(words("usage.try_help", command=exc.command or _command_path(argv)), err=True)
        return ExitCode.USAGE_ERROR
    if isinstance(exc, NtmError):
        return _ntm_error(words, exc)
    if isinstance(exc, USAGE_ERROR):
        _echo_error(words, _usage_message(words, exc, argv))
        command = getattr(getattr(exc, "ctx", None), "command_path", "ntm")
        if command == "ntm":  # some option errors come with the group's context
            command = _command_path(argv)
        typer.echo(words("usage.try_help", command=command), err=True)
        return ExitCode.USAGE_ERROR
    if isinstance(exc, typer.Abort | KeyboardInterrupt) or _interrupted_in_native_code(exc):
        return _ntm_error(words, Interrupted(Problem("interrupted", {"written": []})))
    if isinstance(exc, OSError):  # a file or folder the OS refused where no owner expected it
        _echo_error(words, words.problem(_os_problem(exc)))
        return ExitCode.DATA_ERROR
    raise exc


def _interrupted_in_native_code(exc: BaseException) -> bool:
    """Ctrl+C that lands while pydantic's compiled core builds a validator surfaces as the
    extension's panic (pyo3_runtime.PanicException, a BaseException) naming the interrupt,
    not as a KeyboardInterrupt: it is the same Ctrl+C."""
    return type(exc).__name__ == "PanicException" and "KeyboardInterrupt" in str(exc)


def _os_problem(exc: OSError) -> Problem:
    """An operating-system error as one problem: the working folder deleted under the
    command (every relative path fails), or the file named by the error and why."""
    from ntm_tracker.storage.fsio import cwd_gone, file_problem

    if cwd_gone():
        return Problem("folder.cwd_gone", {})
    name = exc.filename if isinstance(exc.filename, str) else None
    return file_problem("file.os_error", Path(name) if name else Path("."), exc)


def report_interrupt(argv: list[str]) -> int:
    """A Ctrl+C before any command ran (see :mod:`ntm_tracker.launch`)."""
    configure_streams((sys.stderr,))  # as main() would have: the message in UTF-8 into a file
    return _report(KeyboardInterrupt(), argv)


def _command_word(argv: list[str]) -> str | None:
    """The first word that is not a global option or its value: the command's name."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token == "--":
            return None
        if token in _GROUP_VALUES:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _dangling(argv: list[str]) -> bool:
    """The last word is an option that needs a value (`ntm --data-dir`): the parser says so."""
    return bool(argv) and argv[-1] in _GROUP_VALUES


def _asks_help(argv: list[str]) -> bool:
    return any(t in ("--help", "-h", "--version") or t.endswith("-completion") for t in argv)


def _command_path(argv: list[str]) -> str:
    """'ntm record' for an error in a command's arguments, 'ntm' for one before it."""
    name = _command_word(argv)
    return f"ntm {name}" if name in app_commands() else "ntm"


def _echo_error(words: Words, message: str) -> None:
    typer.echo(words("fmt.error", message=message), err=True)


# Problems in a file a person edits: the message ends with "fix the file and try again".
_IN_A_FILE = ("yaml.", "plan.", "year.", "value.", "file.not_utf8")


def _ntm_error(words: Words, exc: NtmError) -> int:
    code, hint = ERRORS.get(type(exc), (ExitCode.DATA_ERROR, None))
    if isinstance(exc, Findings):
        return code  # `ntm check` has listed every finding
    problem = exc.problem
    listed = exc.problems if isinstance(exc, ConflictError | RowsError) else []
    if len(listed) > 1 or isinstance(exc, RowsError):
        for found in listed:
            typer.echo(words.problem(found), err=True)
        if isinstance(exc, ConflictError):
            problem = Problem("write.conflicts", {"n": len(exc.problems)})
    if isinstance(exc, Interrupted) and not problem.params.get("written"):
        problem = Problem("interrupted_nothing")
    if isinstance(exc, MissingExtraError):  # installed where this ntm looks for it
        facts = problem.params
        command = install_command(str(facts["package"]), str(facts["extra"]))
        problem = Problem(problem.code, {**facts, "command": command})
    message = words.problem(problem)
    if exc.more:
        message += " " + words.plural("hint.more", exc.more)
    if isinstance(exc, DataError) and not problem.code.startswith(_IN_A_FILE):
        hint = None
    if hint is not None:
        message += " " + words(hint)
    _echo_error(words, message)
    return code


def _usage_message(words: Words, exc: Any, argv: list[str]) -> str:
    """The parser's own errors, in the user's language: told apart by what each carries
    (click's NoSuchOption has ``possibilities``, BadOptionUsage an ``option_name``,
    MissingParameter a ``param``), not by their English messages."""
    option = getattr(exc, "option_name", None)
    if option is not None and hasattr(exc, "possibilities"):
        close = difflib.get_close_matches(option, exc.possibilities or [], n=2)
        return words.problem(
            Problem("usage.no_such_option", {"option": option, "suggestions": close})
        )
    if option is not None:  # given a value it does not take (--force=yes), or none
        valued = any(token.startswith(f"{option}=") for token in argv)
        code = "usage.takes_no_value" if valued else "usage.needs_value"
        return words.problem(Problem(code, {"option": option}))
    param = getattr(exc, "param", None)
    if isinstance(exc, typer.BadParameter) and hasattr(exc, "param_type") and param is not None:
        name = takes(words, param) if param.metavar else param.human_readable_name
        return words.problem(Problem("usage.missing_option", {"name": name.strip("[]")}))
    return words.problem(Problem("usage.other", {"text": exc.format_message()}))


def app_commands() -> list[str]:
    return [c.name or "" for c in app.registered_commands]


def _language(argv: list[str]) -> str:
    """The language of an error message, by the rule of every command (--lang in argv,
    NTM_LANG, the plan's, the system's); the plan is read only when it decides."""
    given, data_dir = None, Path(os.environ.get("NTM_DATA_DIR") or "data")
    for i, token in enumerate(argv):
        option, _, inline = token.partition("=")
        value = inline or (argv[i + 1] if i + 1 < len(argv) else "")
        if option in ("--lang", "-l") and named(value) is not None:
            given = given or value
        elif option == "--data-dir" and value:
            data_dir = Path(value)

    def plan() -> Plan | None:
        from ntm_tracker.storage.store import Store

        try:
            return Store(data_dir).load_plan()[0]
        except Exception:  # a broken plan must not hide the error being reported
            return None

    return choose_language(given, plan)


def main() -> NoReturn:
    """Console entry point (``ntm``, ``python -m ntm_tracker``): run the command, then end
    the process at once (:func:`exit_now`)."""
    # ntm uses no pydantic plugin; looking for them scans every installed package's
    # metadata (~30 ms a command). An explicit PYDANTIC_DISABLE_PLUGINS still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    configure_streams((sys.stdout, sys.stderr))  # UTF-8 into files and pipes, on Windows too
    code = app_for(sys.argv[1:])(standalone_mode=False)
    exit_now(code if isinstance(code, int) else 0)


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command that ``args`` name, when they name one: typer makes
    a click command from each command's signature on every run, and for all 15 of ntm's
    that was 31M instructions (callgrind), 5-8 ms of every command. Help, completion and
    a mistyped name get the whole app."""
    name = _command_word(args)
    if name is None or _asks_help(args) or os.environ.get("_NTM_COMPLETE"):
        return app
    chosen = [c for c in app.registered_commands if c.name == name]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` once the command is done, without the interpreter's
    teardown.

    By now the output is written and flushed (``NtmGroup.main``, which reports a failed
    write), every file is closed and the folder's lock released (each command holds them
    in a ``with`` that has ended; tests/test_exit.py checks). The functions libraries
    registered to run at exit still run (openpyxl's temporary files, filelock's and
    logging's own); what is skipped is the interpreter freeing every module and object
    one by one: 31-34 ms after the last byte of ``ntm status`` (17% of its time; hledger
    exits in 6 ms) that the user waits for and nothing needs. In-process runs (tests,
    typer's CliRunner) call ``app()`` and never come here.
    """
    import atexit
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        # the command has said what it did: a Ctrl+C now is too late to stop it, and must
        # not end in launch's "nothing was written" (or a traceback) instead
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a reader that left (already reported), a closed stream: nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


__all__ = ["ExitCode", "app", "app_for", "exit_now", "main"]

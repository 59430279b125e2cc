"""Every word a user reads: one catalog per language (``en.py``, ``vi.py``), looked up
when a report is rendered, and the number formats of each language.

:class:`Words` is what renderers and the command line hold: ``words("key", x=1)``
fills a catalog entry; :meth:`Words.problem` turns a core :class:`Problem` (a code and
its facts) into one sentence. Both catalogs have the same keys and placeholders
(``tests/test_catalogs.py``). The core never imports this package.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from ntm_tracker.core.domain import Comparator, Entry, Indicator, Measure, Plan
from ntm_tracker.core.numbers import RECORDED_DECIMALS, Range, format_number, format_signed
from ntm_tracker.core.phrase import Diff, Fig, Goal, Num, Pct, Phrase, Scope, Terms, Versus, Years
from ntm_tracker.core.problems import Placeholder, Problem
from ntm_tracker.i18n.language import LANGUAGES


def catalog(lang: str) -> dict[str, str]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    module = importlib.import_module(f"ntm_tracker.i18n.{lang}")
    words: dict[str, str] = module.WORDS
    return words


def display(path: Path) -> str:
    """A path as the user should read it: relative below the working folder
    (data/actuals/2026.yaml), absolute elsewhere (never ../../...)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # on Windows, a path on another drive (D: seen from C:)
        return str(path)
    except OSError:  # the working folder was deleted: the path as it was given
        return str(path)
    return str(Path(path).absolute()) if relative.startswith("..") else relative


def one_line(text: str) -> str:
    """``text`` with control characters (a typed newline, a stray byte) shown escaped,
    so that a message quoting what the user typed stays on one readable line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


QUOTED_LIMIT = 80  # characters of a typed value a message quotes
WHOLE = frozenset(
    {"command", "names", "places"}
)  # facts ntm makes itself, to copy whole: never clipped


def clip(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text``, or its start and '...' when it is longer than ``limit`` (a 1 MB value
    pasted by mistake is quoted, not printed whole)."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


class Words:
    """The catalog of one language, and the formats of its numbers.

    ``plan`` gives the words every sentence about it may use: ``{doc}``, what its targets
    are called ("Nghị quyết", "kế hoạch": the kind of document that set them), and
    ``{doc_short}``, its name in a table header ("NQ", "KH"). ``tidy``:
    worked-out figures drop trailing zeros (2,3 not 2,30; 7 not 7,0), as a report writes
    them; tables keep the places fixed so that columns line up.
    """

    def __init__(self, lang: str, plan: Plan | None = None, *, tidy: bool = False) -> None:
        self.lang = lang
        self.table = catalog(lang)
        self.plan = plan
        self.is_tidy = tidy
        document = plan.document.value if plan is not None else "action_programme"
        self.context = {
            "doc": self.table[f"doc.{document}"],
            "doc_short": self.table[f"doc_short.{document}"],
        }

    def __call__(self, key: str, /, **params: Any) -> str:
        return self.table[key].format(**{**self.context, **params})

    def tidy(self) -> Words:
        """These words, with worked-out figures written without trailing zeros."""
        return Words(self.lang, self.plan, tidy=True)

    def has(self, key: str) -> bool:
        return key in self.table

    # -- numbers ----------------------------------------------------------------------

    def number(self, value: float, decimals: int = 1, *, strip: bool = False) -> str:
        return format_number(value, self.lang, decimals, strip=strip)

    def signed(self, value: float, decimals: int = 1) -> str:
        return format_signed(value, self.lang, decimals, strip=self.is_tidy)

    def plain(self, value: float) -> str:
        """A figure as it was typed: 80, 96,5, 1.234,5 (up to 6 places, no trailing 0)."""
        return format_number(value, self.lang, RECORDED_DECIMALS, strip=True)

    def percent(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "-"
        return format_number(value, self.lang, decimals, strip=self.is_tidy) + "%"

    def yes_no(self, value: bool) -> str:
        return self("word.yes" if value else "word.no")

    def date(self, day: date) -> str:
        return self("word.date", day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)

    def moment(self, at: datetime | None) -> str:
        """A time as the log shows it, with its UTC offset: 2026-11-29 10:15 +07:00."""
        if at is None:
            return "-"
        text = at.strftime("%Y-%m-%d %H:%M")
        offset = at.strftime("%z")
        return f"{text} {offset[:3]}:{offset[3:]}" if offset else text

    # -- the plan ---------------------------------------------------------------------

    def place(self, plan: Plan, *, in_sentence: bool = False) -> str:
        """The unit the plan is for: 'Xã Xuân Trường' (in a sentence 'xã Xuân Trường');
        'Xuân Trường commune'."""
        text = self("fmt.place", level=self(f"level.{plan.level.value}"), name=plan.commune)
        return text if in_sentence else text[:1].upper() + text[1:]

    def issuer(self, plan: Plan) -> str:
        """The body that issues the plan's reports, as a heading writes it: 'ĐẢNG ỦY XÃ
        XUÂN TRƯỜNG' (the plan's ``office.issuer`` when it names one)."""
        if plan.office.issuer:
            return plan.office.issuer
        level = self(f"level.{plan.level.value}")
        return self(f"issuer.{plan.body.value}", level=level, name=plan.commune).upper()

    # -- indicators -------------------------------------------------------------------

    def name(self, ind: Indicator) -> str:
        return ind.name.get(self.lang)

    def unit(self, ind: Indicator) -> str:
        return ind.unit.get(self.lang)

    def value(self, ind: Indicator, value: float | bool | None) -> str:
        """A recorded figure as typed: 80, 96,5; yes/no for yes/no indicators; - for none."""
        if value is None:
            return "-"
        if isinstance(value, bool):
            return self.yes_no(value)
        return format_number(value, self.lang, max(ind.decimals, RECORDED_DECIMALS), strip=True)

    def computed(self, ind: Indicator, value: float | None) -> str:
        """A computed figure with the indicator's places: 78,0; - for none."""
        if value is None:
            return "-"
        return format_number(value, self.lang, ind.decimals, strip=self.is_tidy)

    def amount(self, ind: Indicator, text: str) -> str:
        """``text`` (a number) with the unit: '86,8 triệu đồng', '93,5%'."""
        if ind.is_yes_no:
            return text
        unit = self.unit(ind)
        return text + unit if unit.startswith("%") else f"{text} {unit}"

    def with_unit(self, ind: Indicator, value: float | bool | None) -> str:
        return self.value(ind, value) if value is None else self.amount(ind, self.value(ind, value))

    def difference(self, ind: Indicator, value: float) -> str:
        """The size of a difference with its unit: '2,0 triệu đồng', '0,4 điểm phần trăm'."""
        text = format_number(abs(value), self.lang, ind.decimals, strip=self.is_tidy)
        if ind.measure.is_rate:
            one = text == format_number(1, self.lang, ind.decimals, strip=self.is_tidy)
            return self("word.point" if one else "word.points", x=text)
        return self.amount(ind, text)

    def target_number(self, ind: Indicator) -> str:
        """The target's number as the resolution writes it: '120', '1,0', '96,5'."""
        if isinstance(ind.target, bool):
            return self.yes_no(ind.target)
        if isinstance(ind.target, Range):
            return self.range(ind, ind.target)
        target = float(ind.target)
        if target.is_integer() and ind.comparator in (Comparator.BELOW, Comparator.AT_MOST):
            return format_number(target, self.lang, min(ind.decimals, 1))  # "dưới 1,0%"
        return format_number(target, self.lang, ind.decimals, strip=True)

    def range(self, ind: Indicator, span: Range) -> str:
        """A range as resolutions write it: '8,5-9,5'."""
        low, high = (format_number(v, self.lang, ind.decimals, strip=True) for v in span)
        return self("fmt.range", low=low, high=high)

    def compare(self, comparator: Comparator, x: str) -> str:
        """A comparison in words: 'above 90%', 'trên 90%', 'dưới 1,0%', 'từ 3% trở lên'."""
        return self(f"comparator.{comparator.value}", x=x)

    def target(self, ind: Indicator) -> str:
        """The target in words with its unit: 'trên 90%', '120 triệu đồng', 'kept'."""
        said = ind.kind.target_words(ind)
        if said is not None:
            text = self.say(said)
        else:
            text = self.compare(ind.comparator, self.amount(ind, self.target_number(ind)))
        if ind.stretch is not None:  # "11.789 tỷ đồng (phấn đấu 12.320 tỷ đồng)"
            text += self("target.stretch", x=self.with_unit(ind, ind.stretch))
        return text

    def target_short(self, ind: Indicator) -> str:
        """The target for a table cell, without unit or symbols: '120', 'trên 90', 'dưới 1,0'."""
        said = ind.kind.target_words(ind)
        if said is not None:
            return self.say(said)
        number = self.target_number(ind)
        if ind.comparator is Comparator.AT_LEAST:
            return number
        return self.compare(ind.comparator, number)

    def scope(self, ind: Indicator) -> str:
        """What the target applies to: 'in 2030', 'every year', 'total 2026-2030'."""
        return self.say(ind.kind.scope(ind))

    # -- phrases ----------------------------------------------------------------------

    def say(self, phrase: Phrase) -> str:
        """A phrase of the core in this language (``key.one``/``key.other`` by its ``n``)."""
        key = phrase.key
        if key not in self.table and "n" in phrase.params:
            key += ".one" if phrase.params["n"] == 1 else ".other"
        return self(key, **{k: self.fact(v) for k, v in phrase.params.items()})

    def fact(self, value: Any) -> str:
        """One fact of a phrase as it reads in a sentence."""
        if isinstance(value, str):
            return value
        if isinstance(value, Phrase):
            return self.say(value)
        if isinstance(value, Fig):
            return self._figure(value)
        if isinstance(value, Goal):
            if value.number:
                return self.target_number(value.indicator)
            return (
                self.target_short(value.indicator) if value.short else self.target(value.indicator)
            )
        if isinstance(value, Diff):
            return self.difference(value.indicator, value.value)
        if isinstance(value, Pct):
            return self.percent(value.value)
        if isinstance(value, Num):
            return self.number(value.value, value.places)
        if isinstance(value, Scope):
            return self.scope(value.indicator)
        if isinstance(value, Versus):
            return self.compare(value.comparator, self.fact(value.x))
        if isinstance(value, Terms):
            return f" {value.operator} ".join(self.fact(v) for v in value.items)
        if isinstance(value, Years):
            return ", ".join(str(y) for y in value.years)
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, Enum):
            return self(f"{type(value).__name__.lower()}.{value.value}")
        if isinstance(value, tuple | list):
            return ", ".join(self.fact(v) for v in value)
        if isinstance(value, float):
            return self.plain(value)
        return str(value)

    def _figure(self, fig: Fig) -> str:
        ind, value = fig.indicator, fig.value
        if value is None or isinstance(value, bool):
            text = self.value(ind, value)
        elif fig.places is not None:
            text = self.number(value, fig.places)
        elif fig.computed:
            text = self.computed(ind, value)
        else:
            text = self.value(ind, value)
        if fig.unit and value is not None:
            text = self.amount(ind, text)
        return text + (" " + self(fig.mark) if fig.mark else "")

    def entry(self, ind: Indicator | None, entry: Entry) -> str:
        """A recorded figure with its estimate mark: '82 (estimate)'."""
        text = self.value(ind, entry.value) if ind is not None else self.raw(entry.value)
        return text + (" " + self("word.estimate_mark") if entry.estimate else "")

    def raw(self, value: object) -> str:
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, float):
            return self.plain(value)
        return str(value)

    def path(self, path: Path) -> str:
        """A file as a message names it (see :func:`display`); '-' is stdin, in words."""
        return self("word.stdin") if path == Path("-") else one_line(display(path))

    # -- problems ---------------------------------------------------------------------

    def param(self, name: str, value: Any) -> str:
        """One fact of a problem, as a message shows it."""
        if value is None:
            return ""
        if isinstance(value, Placeholder):  # metavar.year, [metavar.year]: NĂM, [NĂM]
            key = value.strip("[]")
            text = self(key) if self.has(key) else key
            return f"[{text}]" if value.startswith("[") else text
        if name == "usage" and isinstance(value, list):  # ntm record YEAR INDICATOR VALUE
            return " ".join(self.param(name, v) for v in value)
        if isinstance(value, Path):
            return self.path(value)
        if isinstance(value, bool):
            return self.yes_no(value)
        if isinstance(value, float):
            return self.number(value, 1, strip=True) if name == "ratio" else self.plain(value)
        if isinstance(value, Enum):
            key = f"{type(value).__name__.lower()}.{value.value}"
            return self(key) if self.has(key) else str(value.value)
        if isinstance(value, Phrase | Fig | Goal | Diff | Pct | Num | Scope | Versus | Terms):
            return self.fact(value)
        if isinstance(value, Entry):
            return self.raw(value.value) + (
                " " + self("word.estimate_mark") if value.estimate else ""
            )
        if isinstance(value, (list, tuple)):
            return ", ".join(
                f"'{clip(v)}'" if isinstance(v, str) and name != "others" else self.param(name, v)
                for v in value
            )
        if name in WHOLE:
            return one_line(str(value))
        return one_line(clip(str(value)))

    def problem(self, problem: Problem, *, located: bool = True) -> str:
        """The problem as one line: where (file, line), what, and what to do."""
        params = {k: self.param(k, v) for k, v in problem.params.items()}
        params.update(self._optional(problem.params))
        key = "problem." + problem.code
        if not self.has(key):  # a message that depends on a count: key.one / key.other
            key += ".one" if problem.params.get("n") == 1 else ".other"
        text = self(key, **params)
        if located and problem.path is not None:
            where = self("loc.file", path=self.path(problem.path))
            if problem.line:
                where = self("loc.file_line", path=self.path(problem.path), line=problem.line)
            text = f"{where}: {text}"
        return one_line(text.strip())

    def _optional(self, facts: Mapping[str, Any]) -> dict[str, str]:
        """Parts of a sentence that appear only with their fact: 'Did you mean ...?',
        'indicator 'x', field 'y': '."""
        extra: dict[str, str] = {}
        close = facts.get("suggestion") or facts.get("suggestions")
        if "suggestion" in facts or "suggestions" in facts:
            names = [close] if isinstance(close, str) else list(close or ())
            names_text = ", ".join(f"'{n}'" for n in names)
            # the hint brings its own leading space: "...'xyz'. Did you mean..." or "...'xyz'."
            extra["hint"] = " " + self("fmt.did_you_mean", names=names_text) if names else ""
        if "field" in facts:
            ind, field = facts.get("indicator"), facts.get("field")
            if ind and field:
                extra["place"] = self("fmt.place_indicator_field", indicator=ind, field=field)
            elif ind:
                extra["place"] = self("fmt.place_indicator", indicator=ind)
            elif field:
                extra["place"] = self("fmt.place_field", field=field)
            else:
                extra["place"] = self("fmt.place_plan")
        if "measure" in facts and isinstance(facts["measure"], Measure):
            extra["measure"] = self(f"measure.{facts['measure'].value}")
        if "reason" in facts:
            extra["reason"] = self(f"reason.{facts['reason']}", errno=facts.get("errno", ""))
        return extra

    def plural(self, key: str, n: int, **params: Any) -> str:
        """``key.one`` or ``key.other`` for the count ``n``."""
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=n, **params)

    def join(self, parts: Sequence[str], key: str = "fmt.and") -> str:
        """'a, b and c' / 'a, b và c'; ``key="fmt.counts"`` for a list of counts, whose
        items may hold an "and" of their own ('đạt và vượt')."""
        if len(parts) <= 1:
            return "".join(parts)
        return self(key, first=", ".join(parts[:-1]), last=parts[-1])

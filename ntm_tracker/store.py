"""The data folder: the plan file and the yearly actuals, loaded and written safely.

Layout::

    DATA_DIR/targets.yaml        the plan
    DATA_DIR/actuals/YEAR.yaml   the values recorded for one year, with their history
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import gc
import getpass
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ntm_tracker.errors import ConflictError, DataError, LockedError, UsageError
from ntm_tracker.model import (
    NOTE_MAX,
    USER_MAX,
    Change,
    Entry,
    Indicator,
    Kind,
    Plan,
    SchemaError,
    YearActuals,
    plan_from_raw,
    year_from_raw,
    year_from_text,
)
from ntm_tracker.numbers import RECORDED_DECIMALS, format_number, parse_number, parse_yes_no
from ntm_tracker.status import Observed
from ntm_tracker.yamlio import (
    atomic_write_bytes,
    atomic_write_text,
    display,
    dump_yaml,
    line_of,
    load_yaml,
    read_text,
)

PLAN_FILE = "targets.yaml"
ACTUALS_DIR = "actuals"
LOCK_FILE = ".ntm.lock"
LOCK_TIMEOUT_SECONDS = 30.0
YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")  # what an actuals file is called
_PYDANTIC_TAG = re.compile(r"^(float|int|bool|str|function-\w+.*|tuple\[.*\])$")


def validation_problems(raw: Any, exc: SchemaError, what: str) -> list[tuple[list[str | int], str]]:
    """Each pydantic error as (location, "indicator 'x', field 'y': message"), one per place.

    ``what`` is "plan" or "actuals": it decides how a location names its indicator.
    """

    def clean(loc: tuple[str | int, ...]) -> list[str | int]:
        # drop pydantic's union-member and validator tags: ('target', 'float') -> ['target']
        return [p for p in loc if not (isinstance(p, str) and _PYDANTIC_TAG.match(p))]

    problems: list[tuple[list[str | int], str]] = []
    seen: set[tuple[str | int, ...]] = set()
    for err in exc.errors:
        loc = clean(err["loc"])
        if tuple(loc) in seen:
            continue
        seen.add(tuple(loc))
        subject = ""
        rest: list[str | int] = loc
        if what == "plan" and len(loc) >= 2 and loc[0] == "indicators" and isinstance(loc[1], int):
            ind_id = None
            if isinstance(raw, dict) and isinstance(raw.get("indicators"), list):
                items = raw["indicators"]
                if loc[1] < len(items) and isinstance(items[loc[1]], dict):
                    ind_id = items[loc[1]].get("id")
            subject = f"indicator '{ind_id}'" if ind_id else f"indicator #{loc[1] + 1}"
            rest = loc[2:]
        elif what == "actuals" and len(loc) >= 2 and loc[0] == "values":
            subject = f"indicator '{loc[1]}'"
            rest = loc[2:]
        field_name = ".".join(str(p) for p in rest)
        parts = [p for p in (subject, f"field '{field_name}'" if field_name else "") if p]
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        label = (", ".join(parts) + ": ") if parts else ""
        problems.append((loc, label + msg))
    return problems


def _first_validation_error(path: Path, raw: Any, exc: SchemaError, what: str) -> DataError:
    """One line naming file, line, indicator and field for the first pydantic error."""
    problems = validation_problems(raw, exc, what)
    loc, text = problems[0]
    line = line_of(path, loc)
    where = display(path) + (f", line {line}" if line else "")
    more = f" (and {len(problems) - 1} more; `ntm check` lists them)" if len(problems) > 1 else ""
    return DataError(f"{where}: {text}{more}. Fix the file and try again.")


def validate_plan(raw: Any, path: Path) -> Plan:
    if raw is None:
        raise DataError(f"{display(path)} is empty; it must hold the plan (title, indicators...).")
    if not isinstance(raw, dict):
        raise DataError(
            f"{display(path)}: expected a mapping (title:, term:, indicators: ...), "
            f"found a {type(raw).__name__}."
        )
    try:
        return plan_from_raw(raw)
    except SchemaError as exc:
        raise _first_validation_error(path, raw, exc, "plan") from None


def parse_value(indicator: Indicator, text: str) -> float | bool:
    """Turn what the user typed into a value for ``indicator``, or raise UsageError."""
    if indicator.kind is Kind.MAINTAINED:
        try:
            return parse_yes_no(text)
        except ValueError as exc:
            raise UsageError(f"{exc} (indicator '{indicator.id}').") from None
    try:
        value = parse_number(text)
    except ValueError as exc:
        raise UsageError(f"{exc} (indicator '{indicator.id}').") from None
    problem = range_problem(indicator, value)
    if problem:
        raise UsageError(problem)
    return value


def range_problem(indicator: Indicator, value: float) -> str | None:
    """A message when ``value`` lies outside what the indicator's measure allows."""
    low, high = indicator.valid_range()
    if (low is not None and value < low) or (high is not None and value > high):
        shown = format_number(value, "en", indicator.decimals, strip=True)
        lo = "" if low is None else format_number(low, "en", 0)
        hi = "" if high is None else format_number(high, "en", 0)
        if low is not None and high is not None:
            allowed = f"between {lo} and {hi}"
        elif low is not None:
            allowed = f"at least {lo}"
        else:
            allowed = f"at most {hi}"
        unit = indicator.unit.en
        return f"{shown} is out of range for '{indicator.id}': a value in {unit} must be {allowed}."
    return None


def find_indicator(plan: Plan, text: str) -> Indicator:
    """Find an indicator by id or by its number in the resolution ("4", "6b", "(6b)")."""
    key = text.strip().strip("()").lower().replace("-", "_")
    for ind in plan.indicators:
        if ind.id == key or ind.number.lower() == key:
            return ind
    choices = [i.id for i in plan.indicators]
    close = difflib.get_close_matches(key, choices, n=3, cutoff=0.5)
    hint = f"Did you mean {', '.join(repr(c) for c in close)}? " if close else ""
    raise UsageError(
        f"Unknown indicator '{text}'. {hint}Run `ntm indicators` to list ids and numbers."
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while loading: data files make millions of small objects
    without reference cycles, which it would only scan again and again (a third of the
    time for 10,000 indicators x 30 years)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Actuals:
    """Every recorded value, indexed by indicator then year."""

    years: dict[int, YearActuals] = field(default_factory=dict)
    files: dict[int, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._series: dict[str, dict[int, Entry]] = {}
        for year, ya in sorted(self.years.items()):
            for ind_id, entry in ya.values.items():
                series = self._series.get(ind_id)
                if series is None:
                    series = self._series[ind_id] = {}
                series[year] = entry

    def series(self, indicator_id: str) -> Mapping[int, Observed]:
        return self._series.get(indicator_id, {})

    def entry(self, indicator_id: str, year: int) -> Entry | None:
        ya = self.years.get(year)
        return ya.values.get(indicator_id) if ya is not None else None

    def recorded_years(self) -> list[int]:
        return sorted(y for y, ya in self.years.items() if ya.values)

    def is_empty(self) -> bool:
        return not any(ya.values for ya in self.years.values())


def entry_problem(plan_ids: Mapping[str, Indicator], ind_id: str, entry: Entry) -> str | None:
    ind = plan_ids.get(ind_id)
    if ind is None:
        close = difflib.get_close_matches(ind_id, list(plan_ids), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"indicator '{ind_id}' is not in the plan{hint}"
    value = entry.value
    if ind.kind is Kind.MAINTAINED:
        return None if type(value) is bool else f"indicator '{ind_id}': value must be yes or no"
    if type(value) is bool:
        return f"indicator '{ind_id}': value must be a number, not yes/no"
    low, high = ind.measure.valid_range()
    if (low is not None and value < low) or (high is not None and value > high):
        problem = range_problem(ind, float(value))
        return problem.rstrip(".") if problem else None
    return None


class Store:
    """A data folder. Reading never writes; every write is atomic and locked."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.plan_path = data_dir / PLAN_FILE
        self.actuals_dir = data_dir / ACTUALS_DIR

    # -- reading -----------------------------------------------------------------
    def check_dir(self) -> None:
        d = self.data_dir
        if not d.exists():
            raise DataError(
                f"Data folder '{display(d)}' not found. Run ntm in the folder that holds "
                "'data/', or give the folder with --data-dir PATH (or NTM_DATA_DIR)."
            )
        if not d.is_dir():
            raise DataError(
                f"'{display(d)}' is a file, not a data folder; give a folder with --data-dir."
            )
        if not self.plan_path.exists():
            raise DataError(f"No plan file in '{display(d)}': expected {display(self.plan_path)}.")

    def load_plan(self) -> Plan:
        self.check_dir()
        with _gc_paused():
            return validate_plan(load_yaml(self.plan_path), self.plan_path)

    def year_files(self) -> Iterator[tuple[int, Path]]:
        """(year, path) of every actuals file; a YAML file not named YEAR.yaml is an error."""
        d = self.actuals_dir
        if not d.exists():
            return
        if not d.is_dir():
            raise DataError(f"'{display(d)}' is a file; it must be a folder of YEAR.yaml files.")
        try:
            names = sorted(os.listdir(d))
        except OSError as exc:
            raise DataError(f"'{display(d)}' cannot be read: {exc.strerror or exc}.") from None
        for name in names:
            if name.startswith("."):
                continue  # lock file, temporary files of an interrupted write
            match = YEAR_FILE.match(name)
            if match:
                yield int(match.group(1)), d / name
            elif name.lower().endswith((".yaml", ".yml")):
                raise DataError(
                    f"{display(d / name)}: an actuals file must be named after its year, "
                    "like 2026.yaml; rename or move it."
                )

    def load_year(
        self, plan: Plan, year: int, path: Path, ids: Mapping[str, Indicator] | None = None
    ) -> YearActuals:
        """The year file at ``path``, checked against the plan (``ids``: plan.by_id())."""
        text = read_text(path)
        ya = year_from_text(text)  # a file as ntm writes it, in one pass; None otherwise
        if ya is None:
            ya = self._year_from_yaml(path, text)
        if ya.year != year:
            raise DataError(
                f"{display(path)}, line {line_of(path, ['year'])}: says year {ya.year} "
                f"but the file name says {year}; make them agree."
            )
        if year not in plan.term.years:
            raise DataError(
                f"{display(path)}: year {year} lies outside the term "
                f"{plan.term.start}-{plan.term.end}; move or delete the file."
            )
        ids = plan.by_id() if ids is None else ids
        for ind_id, entry in ya.values.items():
            problem = entry_problem(ids, ind_id, entry)
            if problem:
                line = line_of(path, ["values", ind_id])
                where = f", line {line}" if line else ""
                raise DataError(f"{display(path)}{where}: {problem}. Fix the file and try again.")
        return ya

    def _year_from_yaml(self, path: Path, text: str) -> YearActuals:
        raw = load_yaml(path, text)
        if raw is None:
            raise DataError(
                f"{display(path)} is empty; it holds no values, so delete it, then record again."
            )
        if not isinstance(raw, dict):
            found = type(raw).__name__
            raise DataError(
                f"{display(path)}: expected a mapping (year:, values:), found a {found}."
            )
        try:
            return year_from_raw(raw)
        except SchemaError as exc:
            raise _first_validation_error(path, raw, exc, "actuals") from None

    def load_actuals(self, plan: Plan) -> Actuals:
        years: dict[int, YearActuals] = {}
        files: dict[int, Path] = {}
        ids = plan.by_id()
        with _gc_paused():
            for year, path in self.year_files():
                years[year] = self.load_year(plan, year, path, ids)
                files[year] = path
        return Actuals(years, files)

    # -- writing -----------------------------------------------------------------
    def year_path(self, year: int) -> Path:
        return self.actuals_dir / f"{year}.yaml"

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold an exclusive lock on the data folder for a read-modify-write."""
        from filelock import FileLock, Timeout

        try:
            self.actuals_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(
                f"Cannot create '{display(self.actuals_dir)}': "
                f"{(exc.strerror or str(exc)).lower()}. Nothing was written."
            ) from None
        lock = FileLock(str(self.actuals_dir / LOCK_FILE), timeout=LOCK_TIMEOUT_SECONDS)
        try:
            lock.acquire()
        except Timeout:
            raise LockedError(
                "Another ntm command is writing to this data folder; wait a moment and try again."
            ) from None
        except OSError as exc:
            raise DataError(
                f"Cannot lock '{display(self.actuals_dir)}' for writing: "
                f"{(exc.strerror or str(exc)).lower()}. Nothing was written."
            ) from None
        try:
            yield
        finally:
            lock.release()

    def write_year(self, plan: Plan, ya: YearActuals) -> Path:
        path = self.year_path(ya.year)
        text = serialize_year(plan, ya)
        try:
            atomic_write_text(path, text)
        except OSError as exc:
            raise DataError(
                f"Cannot write {display(path)}: {exc.strerror or exc}. Nothing was changed."
            ) from None
        return path

    def record(
        self,
        plan: Plan,
        indicator: Indicator,
        year: int,
        value: float | bool,
        *,
        estimate: bool = False,
        note: str | None = None,
        force: bool = False,
        now: datetime | None = None,
        user: str | None = None,
    ) -> RecordOutcome:
        """Record one value under the folder lock; refuse to replace without ``force``."""
        item = NewValue(indicator, year, value, estimate, note)
        return self.record_many(plan, [item], force=force, now=now, user=user)[0]

    def record_many(
        self,
        plan: Plan,
        items: Sequence[NewValue],
        *,
        force: bool = False,
        now: datetime | None = None,
        user: str | None = None,
        dry_run: bool = False,
    ) -> list[RecordOutcome]:
        """Record several values at once: all of them, or none.

        Every affected year file is read and checked under ONE lock; if any value would
        replace a recorded one without ``force``, nothing is written (RecordConflict).
        Then each file is written atomically; if a later file cannot be written, the
        files already written are put back as they were. ``dry_run`` reads and checks
        without the lock and writes nothing.
        """
        seen: set[tuple[str, int]] = set()
        for item in items:
            check_year(plan, item.year)
            check_note(item.note)
            key = (item.indicator.id, item.year)
            if key in seen:
                raise UsageError(f"{item.indicator.id} {item.year} is given twice; keep one.")
            seen.add(key)
        now = now or datetime.now().astimezone().replace(microsecond=0)
        user = user if user is not None else current_user()
        with contextlib.nullcontext() if dry_run else self.lock():
            # every year file must load: a write never goes on top of a broken folder
            years = dict(self.load_actuals(plan).years)
            for item in items:
                years.setdefault(item.year, YearActuals(year=item.year))
            outcomes: list[RecordOutcome] = []
            conflicts: list[tuple[NewValue, Entry]] = []
            for item in items:
                new = Entry(
                    value=item.value,
                    estimate=item.estimate,
                    note=check_note(item.note),
                    recorded_at=now,
                    recorded_by=user,
                )
                old = years[item.year].values.get(item.indicator.id)
                path = self.year_path(item.year)
                if old is not None and _same(old, new):
                    outcomes.append(RecordOutcome(item.indicator, item.year, old, old, path, False))
                    continue
                if old is not None and not force:
                    conflicts.append((item, old))
                outcomes.append(RecordOutcome(item.indicator, item.year, old, new, path, True))
            if conflicts:
                raise RecordConflict(conflicts)
            changed = [o for o in outcomes if o.changed]
            if dry_run or not changed:
                return outcomes
            for o in changed:
                years[o.year] = _with_value(years[o.year], o, now, user)
            self._write_all(plan, [years[y] for y in sorted({o.year for o in changed})])
        return outcomes

    def _write_all(self, plan: Plan, updated: list[YearActuals]) -> None:
        """Write each year file atomically; on a failure put back the ones already written."""
        written: list[tuple[Path, bytes | None]] = []
        try:
            for ya in updated:
                path = self.year_path(ya.year)
                before = path.read_bytes() if path.exists() else None
                self.write_year(plan, ya)
                written.append((path, before))
        except BaseException:
            for path, before in reversed(written):
                with contextlib.suppress(OSError):
                    if before is None:
                        path.unlink()
                    else:
                        atomic_write_bytes(path, before)
            raise


@dataclass(frozen=True)
class NewValue:
    """One value to record: what ``ntm record`` takes, or one row of ``ntm import``."""

    indicator: Indicator
    year: int
    value: float | bool
    estimate: bool = False
    note: str | None = None


class RecordConflict(ConflictError):
    """Values already recorded that would be replaced without --force (nothing written)."""

    def __init__(self, conflicts: list[tuple[NewValue, Entry]]) -> None:
        self.conflicts = conflicts
        if len(conflicts) == 1:
            item, old = conflicts[0]
            message = (
                f"{item.indicator.id} {item.year} is already recorded as "
                f"{describe_conflict(item.indicator, old)}. "
                "Add --force to replace it; the old value is kept in the file's history."
            )
        else:
            listed = ", ".join(
                f"{item.indicator.id} {item.year} = {describe_conflict(item.indicator, old)}"
                for item, old in conflicts
            )
            message = (
                f"{len(conflicts)} values are already recorded ({listed}). Add --force to "
                "replace them; the old values are kept in the files' history. Nothing was written."
            )
        super().__init__(message)


def describe_conflict(indicator: Indicator, old: Entry) -> str:
    """The value already recorded, as a conflict message shows it: ``82 (estimate)``."""
    return describe_value(indicator, old.value) + (" (estimate)" if old.estimate else "")


def _with_value(ya: YearActuals, o: RecordOutcome, now: datetime, user: str | None) -> YearActuals:
    """``ya`` with the outcome's new value, the replaced one moved to the history."""
    values = dict(ya.values)
    values[o.indicator.id] = o.new
    history = list(ya.history)
    if o.old is not None:
        history.append(
            Change(
                indicator=o.indicator.id,
                value=o.old.value,
                estimate=o.old.estimate,
                note=o.old.note,
                recorded_at=o.old.recorded_at,
                recorded_by=o.old.recorded_by,
                replaced_at=now,
                replaced_by=user,
            )
        )
    return dataclasses.replace(ya, values=values, history=history)


@dataclass(frozen=True)
class RecordOutcome:
    indicator: Indicator
    year: int
    old: Entry | None
    new: Entry
    path: Path
    changed: bool


def _same(a: Entry, b: Entry) -> bool:
    return (a.value, a.estimate, a.note) == (b.value, b.estimate, b.note) and type(a.value) is type(
        b.value
    )


MAX_NOTE = NOTE_MAX  # characters, as model.Entry allows


def check_note(note: str | None) -> str | None:
    """The note to keep (None when blank), or UsageError when it cannot be stored."""
    if note is None or not note.strip():
        return None
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise UsageError(
            f"The note is {len(note)} characters long; shorten it to {MAX_NOTE} at most."
        )
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(
            "The note contains bytes that are not text; type it again or save the file as UTF-8."
        ) from None
    return note


def check_year(plan: Plan, year: int) -> None:
    if year not in plan.term.years:
        raise UsageError(
            f"Year {year} is outside the term {plan.term.start}-{plan.term.end}; "
            f"give a year from {plan.term.start} to {plan.term.end}."
        )


def current_user() -> str | None:
    try:
        return getpass.getuser()[:USER_MAX] or None  # what Entry.recorded_by holds
    except Exception:  # getuser raises various errors when no user name is known
        return None


def describe_value(indicator: Indicator, value: float | bool, lang: str = "en") -> str:
    if isinstance(value, bool):
        if lang == "vi":
            return "có" if value else "không"
        return "yes" if value else "no"
    return format_number(value, lang, max(indicator.decimals, RECORDED_DECIMALS), strip=True)


def _plain(value: float | bool) -> float | int | bool:
    if isinstance(value, bool):
        return value
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def _entry_dict(e: Entry | Change) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if isinstance(e, Change):
        d["indicator"] = e.indicator
    d["value"] = _plain(e.value)
    d["estimate"] = e.estimate
    if e.note:
        d["note"] = e.note
    if e.recorded_at is not None:
        d["recorded_at"] = e.recorded_at.isoformat()
    if e.recorded_by:
        d["recorded_by"] = e.recorded_by
    if isinstance(e, Change):
        d["replaced_at"] = e.replaced_at.isoformat()
        if e.replaced_by:
            d["replaced_by"] = e.replaced_by
    return d


def serialize_year(plan: Plan, ya: YearActuals) -> str:
    """The YAML text of a year file: plan order for values, history oldest first."""
    order = {ind.id: i for i, ind in enumerate(plan.indicators)}
    ids = sorted(ya.values, key=lambda k: (order.get(k, len(order)), k))
    doc: dict[str, Any] = {"year": ya.year}
    if ya.comment:
        doc["comment"] = ya.comment
    doc["values"] = {k: _entry_dict(ya.values[k]) for k in ids}
    if ya.history:
        doc["history"] = [_entry_dict(c) for c in ya.history]
    header = (
        f"# Actual values for {ya.year} (số liệu thực hiện năm {ya.year}).\n"
        "# Written by `ntm record`; hand edits are fine, `ntm check` validates them.\n"
        "# Replaced values are kept under 'history' and must not be deleted.\n"
    )
    return dump_yaml(doc, header)

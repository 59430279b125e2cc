"""The data folder: where each file lives, loading it whole, and changing it safely.

Layout::

    DATA_DIR/targets.yaml          the plan (planfile)
    DATA_DIR/actuals/YEAR.yaml     the figures recorded for a year (yearfile)
    DATA_DIR/plans/YEAR.yaml       the year's plan figures, kế hoạch năm (yearfile)
    DATA_DIR/.ntm.lock             held by a writer

:meth:`Store.load` reads and validates every file once (through the cache), and stops
at the first problem. :meth:`Store.write` changes figures under the folder lock: it
loads the folder, refuses to replace a figure unless told to, edits each year file in
place, checks that the new text reads back as intended, writes it atomically and puts
the files back as they were if a later one fails.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ntm_tracker.core.domain import (
    USER_MAX,
    Book,
    Change,
    DataSet,
    Entry,
    Figures,
    Indicator,
    Plan,
    YearFile,
    figure_of,
    needs_estimate,
    value_problem,
)
from ntm_tracker.core.entering import NewValue, check_note, check_year, unsafe_char
from ntm_tracker.core.problems import (
    ConflictError,
    DataError,
    InputError,
    Interrupted,
    LockedError,
    Problem,
)
from ntm_tracker.storage import cache as cache_module
from ntm_tracker.storage import planfile, yearfile
from ntm_tracker.storage.cache import Cache
from ntm_tracker.storage.fsio import (
    TEMP_SUFFIX,
    atomic_write,
    cwd_gone,
    decode,
    file_problem,
    interrupt_deferred,
    read_bytes,
)

PLAN_FILE = planfile.PLAN_FILE
FOLDERS = {Book.ACTUALS: "actuals", Book.PLANS: "plans"}
LOCK_FILE = ".ntm.lock"
LOCK_TIMEOUT_SECONDS = 30.0
LOCK_NOTICE_SECONDS = 1.0  # after this long, a waiting writer says why it waits
YEAR_FILE = re.compile(r"[0-9]{4}\.yaml")  # the one name a year file may have
_A_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")  # a year in a stray name: any script's digits
_TEMP = re.compile(r"\.[0-9]{4}\.yaml\..+" + re.escape(TEMP_SUFFIX))
# A name that holds a year file whatever it was saved as: 2027.yaml.txt (Notepad, with the
# extensions hidden), 2027.yml, 2027.YAML, 2027 (1).yaml, 2027.yaml.bak; or, without
# .yaml in it, a name that is the year alone: 2027.txt, 2027, 2027 (1).txt, ~$2027.txt.
_YEAR_ALONE = re.compile(r"(~\$)?\d{4}( ?\(\d+\)| - .*)?(\.txt|\.bak)?", re.IGNORECASE)
_SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db"})  # Windows' own, in any folder
# Outside the year folders only a name that is a year file's, saved one way or another,
# counts (data/2027.yaml, actual/2027 (1).yaml): not a plan's copy "targets 2025-2030.yaml"
_YEAR_FILE_LIKE = re.compile(
    r"(~\$)?\d{4}( ?\(\d+\)| - [^.]*)?(\.ya?ml)?(\.txt|\.bak|~)?", re.IGNORECASE
)


def year_named(name: str) -> int | None:
    """The year a file name holds when it looks like a year file saved under another name
    (``2027.yaml.txt``, ``2027 (1).yaml``, ``~$2027.yaml``, ``2027.txt``), else None."""
    lower = name.lower()
    if name.startswith(".") or lower in _SYSTEM_FILES:
        return None
    if not (".yaml" in lower or ".yml" in lower or _YEAR_ALONE.fullmatch(name)):
        return None
    years = _A_YEAR.findall(name)
    return int(years[0]) if years else None


@dataclass(frozen=True)
class Listing:
    """The files of one year folder: the year files, and the ones ntm leaves alone."""

    folder: Path = Path()
    files: dict[int, Path] = field(default_factory=dict)
    strays: list[tuple[Path, int | None]] = field(default_factory=list)  # (file, year it names)
    temps: list[Path] = field(default_factory=list)  # left by an interrupted write

    def warnings(self) -> list[Problem]:
        found = [stray_warning(p, year, self.files) for p, year in self.strays]
        return found + [Problem("folder.temp_file", {}, path=p).warning() for p in self.temps]


def stray_warning(path: Path, year: int | None, files: dict[int, Path]) -> Problem:
    """What to do with a file that is not read: rename it to its year's name, or merge it
    into the file of that name that is read."""
    if year is None:
        return Problem("folder.stray", {}, path=path).warning()
    notepad = "_txt" if path.name.lower().endswith(".txt") else ""
    fix = "merge" if year in files else "rename"
    facts = {"year": year, "name": f"{year}.yaml"}
    return Problem(f"folder.stray{notepad}_{fix}", facts, path=path).warning()


@dataclass(frozen=True)
class Loaded:
    """A folder as loaded: the data, the warnings about its stray files, and the bytes
    of each year file (kept for a writer)."""

    data: DataSet
    warnings: list[Problem]
    sources: dict[Path, bytes]
    listings: dict[Book, Listing]
    plan_key: str
    misplaced: list[tuple[Path, int]] = field(default_factory=list)  # year files elsewhere


@dataclass(frozen=True)
class Outcome:
    book: Book
    indicator: Indicator
    year: int
    old: Entry | None
    new: Entry | None  # None: removed
    changed: bool = True

    @property
    def action(self) -> str:
        if not self.changed:
            return "unchanged"
        if self.new is None:
            return "removed"
        return "recorded" if self.old is None else "replaced"


@dataclass(frozen=True)
class Written:
    outcomes: list[Outcome]
    data: DataSet  # the folder after the change (what a report of it must use)
    paths: list[Path]  # the files written


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Reading a folder without the cyclic garbage collector, and its objects frozen after.

    Loading makes hundreds of thousands of objects that live until the command ends (the
    parsed YAML, the entries, the plan) and none that form cycles. Each allocation counts
    towards the next collection, and each full collection walks every object made so far:
    on 10,000 indicators x 30 years the collector took 58% of a cold ``status`` and 61% of
    ``check`` (102 full collections), and made them grow x19 and x17 from 1,000 to 10,000
    indicators. Paused, then the loaded objects frozen (moved where no later collection
    looks): 31.2 s -> 12.5 s for the cold ``status``, the same output, and linear growth
    (x9.3). Nested uses are fine: the outermost one turns the collector back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def current_user() -> str | None:
    try:
        import getpass  # a writer's only

        name = getpass.getuser()
    except Exception:  # getuser raises various errors when no user name is known
        return None
    name = "".join(c for c in name if unsafe_char(c, lines=False) is None)  # as a file holds it
    return name[:USER_MAX] or None


class Store:
    """A data folder. Reading never writes to it; every write is atomic and locked."""

    def __init__(self, data_dir: Path, cache: Cache | None = None) -> None:
        self.data_dir = data_dir
        self.plan_path = data_dir / PLAN_FILE
        self.cache = cache if cache is not None else Cache(cache_module.default_folder())
        self.written: list[Path] = []  # files this process replaced (for a true Ctrl+C message)

    def folder(self, book: Book) -> Path:
        return self.data_dir / FOLDERS[book]

    def year_path(self, book: Book, year: int) -> Path:
        return self.folder(book) / f"{year}.yaml"

    # -- reading -----------------------------------------------------------------------

    def check_folder(self) -> None:
        d = self.data_dir
        if not d.is_absolute() and cwd_gone():
            raise DataError(Problem("folder.cwd_gone", {}))
        try:
            if not d.exists():
                raise DataError(Problem("folder.missing", {}, path=d))
            if not d.is_dir():
                raise DataError(Problem("folder.not_folder", {}, path=d))
            if not self.plan_path.exists():
                raise DataError(Problem("folder.no_plan", {"plan": self.plan_path}, path=d))
        except OSError as exc:  # a name too long, a loop of links
            raise DataError(file_problem("folder.unreadable", d, exc)) from None

    def listing(self, book: Book) -> Listing:
        folder = self.folder(book)
        found = Listing(folder)
        if not folder.exists():
            return found
        if not folder.is_dir():
            raise DataError(Problem("folder.not_folder", {}, path=folder))
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            raise DataError(file_problem("folder.unreadable", folder, exc)) from None
        for name in names:
            path = folder / name
            if YEAR_FILE.fullmatch(name):
                found.files[int(name[:4])] = path
            elif _TEMP.fullmatch(name):
                found.temps.append(path)
            elif name.lower().endswith((".yaml", ".yml")):
                years = _A_YEAR.findall(name)
                found.strays.append((path, int(years[0]) if years else None))
            elif year_named(name) is not None and not os.path.isdir(path):
                found.strays.append((path, year_named(name)))
        return found

    def misplaced(self) -> list[tuple[Path, int]]:
        """Year files where ntm does not look: beside the plan, in a folder of another name
        (``actual/``, ``Actuals/``, ``backup/``), or in a folder inside actuals/ or plans/."""
        books = set(FOLDERS.values())
        found: list[tuple[Path, int]] = []
        folders: list[Path] = []
        for folder, depth in ((self.data_dir, 0), *((self.folder(b), 1) for b in Book)):
            for entry in _entries(folder):
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    if depth == 1 or entry.name not in books:
                        folders.append(Path(entry.path))
                elif depth == 0 and _YEAR_FILE_LIKE.fullmatch(entry.name):
                    found.append((Path(entry.path), int(_A_YEAR.findall(entry.name)[0])))
        for folder in folders:
            for entry in _entries(folder):
                if _YEAR_FILE_LIKE.fullmatch(entry.name) and entry.is_file():
                    found.append((Path(entry.path), int(_A_YEAR.findall(entry.name)[0])))
        return sorted(found)

    def load_plan(self) -> tuple[Plan, str]:
        """The validated plan, and the key of its bytes (a year file's meaning hangs on it)."""
        with collector_paused():
            return self._load_plan()

    def _load_plan(self) -> tuple[Plan, str]:
        self.check_folder()
        data = read_bytes(self.plan_path)
        digest = cache_module.key("plan", data)
        cached = self.cache.get(self.plan_path, digest, planfile.from_data)
        if cached is not None:
            return cached, digest
        checked = planfile.validate(decode(data, self.plan_path))
        if checked.content is None:
            raise _first(checked.problems, self.plan_path)
        self.cache.put(self.plan_path, digest, planfile.to_data(checked.content))
        return checked.content, digest

    def load(self, *, keep_sources: bool = False) -> Loaded:
        """Every file, validated; DataError at the first problem."""
        with collector_paused():
            return self._load(keep_sources)

    def _load(self, keep_sources: bool) -> Loaded:
        plan, plan_key = self._load_plan()
        books: dict[Book, Figures] = {}
        warnings: list[Problem] = self.cache.warnings()  # a cache folder others could fill
        sources: dict[Path, bytes] = {}
        listings: dict[Book, Listing] = {}
        misplaced = self.misplaced()
        warnings += misplaced_warnings(self, misplaced)
        for book in Book:
            listing = listings[book] = self.listing(book)
            warnings += [w for w in listing.warnings() if w.code.startswith("folder.stray")]
            years: dict[int, YearFile] = {}
            for year, path in listing.files.items():
                raw = read_bytes(path)
                if keep_sources:
                    sources[path] = raw
                years[year] = self._year_file(plan, plan_key, book, year, path, raw)
            books[book] = Figures(years)
        data = DataSet(plan, books[Book.ACTUALS], books[Book.PLANS])
        return Loaded(data, warnings, sources, listings, plan_key, misplaced)

    def _year_file(
        self, plan: Plan, plan_key: str, book: Book, year: int, path: Path, data: bytes
    ) -> YearFile:
        digest = cache_module.key(book.value, plan_key, str(year), data)
        cached = self.cache.get(path, digest, yearfile.from_cache)
        if cached is not None:
            return cached
        checked = yearfile.validate(decode(data, path), year, plan, book)
        if checked.content is None:
            raise _first(checked.errors, path)
        self.cache.put(path, digest, yearfile.to_cache(checked.content))
        return checked.content

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the folder's lock for a read-modify-write; ``on_wait`` is called once
        when another writer has held it for a second."""
        from filelock import FileLock, Timeout

        self.check_folder()
        lock = FileLock(str(self.data_dir / LOCK_FILE))
        try:
            try:
                lock.acquire(timeout=LOCK_NOTICE_SECONDS)
            except Timeout:
                if on_wait is not None:
                    on_wait()
                lock.acquire(timeout=LOCK_TIMEOUT_SECONDS - LOCK_NOTICE_SECONDS)
        except Timeout:
            raise LockedError(
                Problem("write.locked", {"seconds": LOCK_TIMEOUT_SECONDS}, path=self.data_dir)
            ) from None
        except OSError as exc:
            raise DataError(file_problem("write.cannot_lock", self.data_dir, exc)) from None
        try:
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def editing(
        self, *, dry_run: bool = False, on_wait: Callable[[], None] | None = None
    ) -> Iterator[Loaded]:
        """The folder, loaded once under its lock, for :meth:`change` (``dry_run``: no
        lock, for a change that will not be written)."""
        with contextlib.nullcontext() if dry_run else self.lock(on_wait):
            yield self.load(keep_sources=not dry_run)

    def change(
        self,
        loaded: Loaded,
        items: Sequence[NewValue],
        *,
        force: bool = False,
        dry_run: bool = False,
        header: Callable[[Book, int], Sequence[str]] = lambda book, year: (),
        now: datetime | None = None,
        user: str | None = None,
    ) -> Written:
        """Record (or remove) figures in the folder ``loaded`` under :meth:`editing`:
        all of them, or none.

        Replacing a different figure, or writing a read-only year file, needs ``force``
        (ConflictError or DataError otherwise, nothing written); ``dry_run`` writes nothing.
        ``header`` gives the comment lines of a year file that does not exist yet. Returns
        the outcomes and the folder after.
        """
        data = loaded.data
        seen: set[tuple[Book, str, int]] = set()
        for item in items:
            check_year(data.plan, item.year)
            key = (item.book, item.indicator.id, item.year)
            if key in seen:
                raise InputError(
                    Problem(
                        "input.given_twice", {"indicator": item.indicator.id, "year": item.year}
                    )
                )
            seen.add(key)
        now = now or datetime.now().astimezone().replace(microsecond=0)
        user = user if user is not None else current_user()
        outcomes, conflicts = _plan_changes(data, items, now, user)
        if conflicts and not force:
            raise ConflictError(conflicts)
        changed = [o for o in outcomes if o.changed]
        if dry_run or not changed:
            return Written(outcomes, data, [])
        with collector_paused():  # the edited files are read back: as many objects as a load
            return self._commit(loaded, changed, outcomes, header, now, user, force)

    def _commit(
        self,
        loaded: Loaded,
        changed: list[Outcome],
        outcomes: list[Outcome],
        header: Callable[[Book, int], Sequence[str]],
        now: datetime,
        user: str | None,
        force: bool = False,
    ) -> Written:
        data = loaded.data
        plan = data.plan
        files: dict[tuple[Book, int], list[yearfile.Operation]] = {}
        for o in changed:
            ops = files.setdefault((o.book, o.year), [])
            if o.new is not None:
                ops.append(yearfile.Set(o.indicator.id, o.new))
            else:
                ops.append(yearfile.Remove(o.indicator.id))
            if o.old is not None:
                old = o.old
                ops.append(
                    yearfile.Log(
                        Change(
                            o.indicator.id,
                            old.value,
                            now,
                            old.estimate,
                            old.note,
                            old.recorded_at,
                            old.recorded_by,
                            user,
                            o.new is None,
                        )
                    )
                )
        texts: list[tuple[Path, bytes, YearFile, Book]] = []
        for (book, year), ops in sorted(files.items()):
            listing = loaded.listings[book]
            path = self.year_path(book, year)
            before = data.book(book).years.get(year)
            claims = [p for p, y in listing.strays if y == year]
            if before is None:  # a new file: not beside a copy of that year left elsewhere
                claims += [p for p, y in loaded.misplaced if y == year]
            if claims:
                code = "write.year_claimed" if before is not None else "write.year_claimed_new"
                facts = {"year": year, "others": claims, "name": path.name}
                raise DataError(Problem(code, facts, path=path))
            if before is not None and not force and _read_only(path):
                raise DataError(Problem("write.read_only", {}, path=path))
            after = yearfile.apply(before or YearFile(year), ops)
            if before is None:
                self.folder(book).mkdir(parents=True, exist_ok=True)
                text, bom = yearfile.new_text(plan, after, header(book, year)), b""
            else:
                source = loaded.sources[path]
                bom = b"\xef\xbb\xbf" if source.startswith(b"\xef\xbb\xbf") else b""
                text = yearfile.edit(decode(source, path), plan, before, ops)
            check = yearfile.validate(text, year, plan, book)
            if check.content != after:  # pragma: no cover - a bug in the editor, not the data
                raise DataError(Problem("write.verify_failed", {}, path=path))
            texts.append((path, bom + text.encode("utf-8"), after, book))
        written: list[tuple[Path, bytes | None]] = []
        try:
            with interrupt_deferred():
                for path, new, after, book in texts:
                    before_bytes = loaded.sources.get(path)
                    try:
                        atomic_write(path, new)
                    except OSError as exc:
                        raise DataError(file_problem("write.failed", path, exc)) from None
                    written.append((path, before_bytes))
                    self.written.append(path)
                    digest = cache_module.key(book.value, loaded.plan_key, str(after.year), new)
                    self.cache.put(path, digest, yearfile.to_cache(after))
        except KeyboardInterrupt:
            done = {p for p, _ in written}
            # a Ctrl+C let through inside the last write may come after its rename
            done |= {p for p, new, _, _ in texts if p not in done and _holds(p, new)}
            order = [p for p, _, _, _ in texts if p in done]
            raise Interrupted(Problem("interrupted", {"written": order})) from None
        except BaseException:
            for path, before_bytes in reversed(written):
                with contextlib.suppress(OSError):
                    if before_bytes is None:
                        path.unlink()
                    else:
                        atomic_write(path, before_bytes)
                    self.written.remove(path)
            raise
        books = {b: dict(data.book(b).years) for b in Book}
        for _, _, after, book in texts:
            books[book][after.year] = after
        new_data = DataSet(plan, Figures(books[Book.ACTUALS]), Figures(books[Book.PLANS]))
        return Written(outcomes, new_data, [p for p, _ in written])


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of a folder, none when it cannot be listed (it is only looked into)."""
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def misplaced_warnings(store: Store, found: list[tuple[Path, int]]) -> list[Problem]:
    facts = {"actuals": store.folder(Book.ACTUALS), "plans": store.folder(Book.PLANS)}
    return [Problem("folder.misplaced", {**facts, "year": y}, path=p).warning() for p, y in found]


def _first(problems: list[Problem], path: Path) -> DataError:
    first = problems[0]
    return DataError(first.at(path, first.line), more=len(problems) - 1)


def _same(a: Entry, b: Entry) -> bool:
    same = (a.value, a.estimate, a.note, a.span) == (b.value, b.estimate, b.note, b.span)
    return same and type(a.value) is type(b.value)


def _plan_changes(
    data: DataSet, items: Sequence[NewValue], now: datetime, user: str | None
) -> tuple[list[Outcome], list[Problem]]:
    outcomes: list[Outcome] = []
    conflicts: list[Problem] = []
    for item in items:
        old = data.book(item.book).entry(item.indicator.id, item.year)
        if item.value is None:
            if old is None:
                raise InputError(
                    Problem(
                        "input.nothing_to_remove",
                        {"indicator": item.indicator.id, "year": item.year, "book": item.book},
                    )
                )
            outcomes.append(Outcome(item.book, item.indicator, item.year, old, None))
            continue
        problem = value_problem(item.indicator, item.value)
        if problem is not None:
            raise InputError(problem)
        if needs_estimate(item.book, item.value, item.estimate):
            facts = {"indicator": item.indicator.id, "year": item.year}
            raise InputError(Problem("input.range_needs_estimate", facts))
        value, span = figure_of(item.indicator, item.value)
        new = Entry(value, item.estimate, check_note(item.note), now, user, span)
        if old is not None and _same(old, new):
            outcomes.append(Outcome(item.book, item.indicator, item.year, old, old, changed=False))
            continue
        if old is not None:
            same_figure = old.value == new.value and old.estimate == new.estimate
            conflicts.append(
                Problem(
                    "write.conflict_note" if same_figure else "write.conflict",
                    {
                        "indicator": item.indicator.id,
                        "year": item.year,
                        "book": item.book,
                        "old": old,
                        "new": new,
                    },
                )
            )
        outcomes.append(Outcome(item.book, item.indicator, item.year, old, new))
    return outcomes, conflicts


BLANK_PLAN = "blank.yaml"  # the template of `ntm init --blank`, beside the shipped plan


def shipped_plan(name: str = PLAN_FILE) -> bytes:
    """A plan file shipped with ntm: the resolution's targets (``targets.yaml``, see
    data/targets.yaml), or the template to fill in by hand (``blank.yaml``)."""
    from importlib.resources import files

    return files("ntm_tracker").joinpath("shipped").joinpath(name).read_bytes()


def init_folder(folder: Path, *, blank: bool = False) -> Path:
    """Create a data folder with the shipped plan (``blank``: the template to fill in) and
    empty year folders; refuse to overwrite a plan. Returns the plan's path."""
    plan_path = folder / PLAN_FILE
    if plan_path.exists():
        raise DataError(Problem("init.exists", {}, path=plan_path))
    if folder.exists() and not folder.is_dir():
        raise DataError(Problem("folder.not_folder", {}, path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in FOLDERS.values():
            (folder / name).mkdir(exist_ok=True)
        atomic_write(plan_path, shipped_plan(BLANK_PLAN if blank else PLAN_FILE))
    except OSError as exc:
        raise DataError(file_problem("init.failed", folder, exc)) from None
    return plan_path


def _read_only(path: Path) -> bool:
    """A year file nobody may write (``chmod 444``, Windows' read-only attribute): someone
    protected it; an atomic rename would replace it all the same, so ntm asks for --force."""
    import stat

    try:
        return not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError:
        return False


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` now holds exactly ``data``."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False

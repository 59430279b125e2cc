"""What a kind of target is: the one protocol every kind module implements.

A kind (``level``, ``cumulative``, ...) is the way a resolution states a target: a level
to reach by a year, a total over a period, a threshold for every year... Everything that
depends on the kind lives in its module, behind :class:`TargetKind`: the rules of its
plan fields, how a year is judged, the path, the forecast, the running figure, the
fields of its JSON row, the numbers ``explain`` shows, and the catalog keys and facts of
its sentences (:class:`~ntm_tracker.core.phrase.Phrase`). Reports and renderers ask the
indicator's kind; none of them branches on which kind it is.

The kinds ntm ships are the modules of :mod:`ntm_tracker.core.kinds`, which registers
them. A new kind: a module there (or anywhere) with a subclass of :class:`TargetKind`,
registered with :func:`register`, and its words in the catalogs (``kind.NAME`` and
whatever keys its phrases use).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from ntm_tracker.core.phrase import NOTE, Diff, Fig, Goal, Pct, Phrase
from ntm_tracker.core.problems import Problem

if TYPE_CHECKING:
    from ntm_tracker.core.domain import Entry, Indicator, Judging, StatusBands
    from ntm_tracker.core.explain import Explanation
    from ntm_tracker.core.forecast import Forecast
    from ntm_tracker.core.report import Row
    from ntm_tracker.core.result import Result

Where = tuple[str | int, ...]


class Basis(NamedTuple):
    """What judging a year needs beyond the indicator and its figures."""

    base_year: int  # the plan's baseline year
    bands: StatusBands  # the edges of the progress bands
    judging: Judging  # how the plan's reports judge a figure


class Running(NamedTuple):
    """A figure a kind keeps over its period (the running total, the average so far)."""

    name: str  # its catalog suffix: "total", "average"
    value: float
    start: int  # the years it covers
    last: int
    computed: bool  # worked out (shown with the indicator's places), not a sum of figures
    change: bool = False  # a change: signed, in % for amounts, in points for rates


class TargetKind:
    """The protocol of a kind of target, with the defaults of a numeric target.

    Class attributes say what the kind is; the methods answer every question a report,
    a renderer or the plan's validator asks about it.
    """

    name: ClassVar[str]  # the word in the plan (``kind: level``), the JSON and the catalogs
    yes_no: ClassVar[bool] = False  # figures are yes/no, the target is "yes"
    over_period: ClassVar[bool] = False  # judged over a period of years (it has a ``period``)
    optional_period: ClassVar[bool] = False  # judged over a period where the plan gives one
    on_path: ClassVar[bool] = False  # judged on a path from the baseline year's figure
    paced: ClassVar[bool] = False  # judged each year against where it should be by then (a
    # path, an even share): its status comes from the progress ratio R and the bands
    running_name: ClassVar[str | None] = None  # the figure it keeps over its period: "total"
    drawn_name: ClassVar[str | None] = None  # what :meth:`drawn` is, where not the figure
    scope_in_cell: ClassVar[bool] = True  # a table's target cell names what it applies to

    def __repr__(self) -> str:
        return f"<kind {self.name}>"

    # -- the plan ------------------------------------------------------------------------

    def check(self, ind: Indicator) -> Iterator[tuple[Where, Problem]]:
        """The rules this kind sets on an indicator's fields (besides the shared ones in
        :func:`ntm_tracker.core.domain.indicator_problems`)."""
        return iter(())

    # -- the maths -----------------------------------------------------------------------

    def evaluate(
        self, ind: Indicator, series: Mapping[int, Entry], year: int, basis: Basis
    ) -> Result:
        raise NotImplementedError

    def forecast(
        self, ind: Indicator, series: Mapping[int, Entry], years: range, last: int
    ) -> Forecast | None:
        """The value at the target year from the recorded trend; None when the kind's
        target is not a level to reach (each year stands on its own)."""
        return None

    def drawn(self, r: Result) -> float | bool | None:
        """What a chart draws for the year: the figure itself, by default."""
        return r.actual

    def running(self, ind: Indicator, r: Result) -> Running | None:
        """The figure the kind keeps over its period, where it keeps one."""
        return None

    def fields(self, ind: Indicator, r: Result) -> dict[str, Any]:
        """The kind's own fields of a JSON or CSV row (raw numbers, no words)."""
        return {}

    # -- the words (catalog keys and their facts) --------------------------------------

    def target_words(self, ind: Indicator) -> Phrase | None:
        """The target in words where it is not a number compared ('kept', 'reached')."""
        return None

    def scope(self, ind: Indicator) -> Phrase:
        """What the target applies to: 'by 2030'."""
        return Phrase("scope.by_year", year=ind.target_year)

    def reading(self, ind: Indicator) -> Phrase:
        """The footnote saying how the plan reads a target whose wording allows more."""
        return Phrase(f"note.reading_{self.name}", number=ind.number, year=ind.target_year)

    def sentence(self, row: Row, head: str, lead: str) -> Phrase | None:
        """The report's whole sentence for a judged figure, for a kind whose sentence has
        its own shape (``lead``: the figure and its comparisons, in words); None: the
        lead, then :meth:`against` and :meth:`verdict`."""
        return None

    def against(self, row: Row) -> Phrase:
        """The figure against the resolution's target: 'bằng 72,5% mục tiêu...'."""
        ind, r = row.indicator, row.result
        goal, year = Goal(ind), ind.target_year
        note = NOTE if ind.reading_note else ""
        if r.met and r.year < year:  # in its year the verdict says it: 'hoàn thành mục tiêu'
            return Phrase("sum.target_met", year=year, target=goal, note=note)
        if r.met and ind.comparator.is_band:
            return Phrase("sum.target_within", year=year, target=goal, note=note)
        if r.percent_of_target is not None:
            return Phrase(
                "sum.target_percent",
                pct=Pct(r.percent_of_target),
                year=year,
                target=goal,
                note=note,
            )
        if r.target_gap is not None:
            from ntm_tracker.core.numbers import round_half_up

            if round_half_up(r.target_gap, ind.decimals) == 0:  # no distance as shown
                # at a strict bound, or met at the target itself: 'bằng mức mục tiêu'; a
                # figure short by less than shows: 'chưa đạt mục tiêu', with no '0 điểm'
                key = (
                    "sum.target_equal"
                    if r.met or ind.comparator.strict
                    else "sum.target_just_short"
                )
                return Phrase(key, year=year, target=goal, note=note)
            # below a ceiling is good: 'below', not 'short of' (en)
            side = "above" if r.target_gap > 0 else "below"
            if side == "below" and not ind.comparator.higher_is_better:
                side = "under"
            diff = Diff(ind, r.target_gap)
            return Phrase(f"sum.target_{side}", diff=diff, year=year, target=goal, note=note)
        return Phrase("sum.target_plain", year=year, target=goal, note=note)

    def verdict(self, row: Row, base_year: int) -> Phrase:
        """The verdict that closes the sentence: 'đạt tiến độ đề ra'."""
        from ntm_tracker.core.result import Status, Verdict

        status, verdict = row.result.status, row.result.verdict
        if verdict in (Verdict.EXCEEDED, Verdict.NEARLY_MET):
            return Phrase(f"sum.verdict_{verdict.value}")
        if status is Status.ACHIEVED:
            return Phrase("sum.verdict_met")
        if status is Status.DETERIORATING:
            side = "down" if row.indicator.comparator.higher_is_better else "up"
            return Phrase(f"sum.verdict_worse_{side}", year=base_year)
        return Phrase(f"sum.verdict_{status.value}")

    def pace(self, row: Row) -> Phrase | None:
        """What is needed from now on, where something is."""
        return None

    def explain(self, ex: Explanation) -> list[Phrase]:
        """The kind's steps of ``ntm explain``: its figures and formulas, each number
        with the places that make every line's arithmetic come out as shown."""
        raise NotImplementedError

    def chart_subtitle(
        self, ind: Indicator, baseline: float | bool | None, base_year: int
    ) -> Phrase:
        return Phrase(f"chart.{self.name}", target=Goal(ind))


def over_period(key: str, ind: Indicator) -> Phrase:
    """A phrase about the period of a total or an average: its scope ('tổng cả giai
    đoạn 2026-2030'), how the plan reads it (the note)."""
    assert ind.period is not None  # guaranteed by the plan rules for these kinds
    start, end = ind.period.start, ind.period.end
    return Phrase(key, number=ind.number, year=ind.target_year, start=start, end=end)


def actual_line(ex: Explanation) -> Phrase:
    """'Actual 2027: 93,5 (estimate)' / 'No figure is recorded for 2027.'"""
    ind, r = ex.indicator, ex.row.result
    if r.actual is None:
        return Phrase("explain.actual_missing", year=ex.year)
    estimate = r.estimate and ex.row.entry is not None and ex.row.entry.estimate
    mark = "word.estimate" if estimate else None
    return Phrase("explain.actual", year=ex.year, value=Fig(ind, r.actual, unit=False, mark=mark))


def met_line(ind: Indicator, symbol: str, shown: Any, met: bool) -> Phrase:
    """'Is a (87) at least 120? no.'"""
    from ntm_tracker.core.phrase import Versus

    return Phrase(
        "explain.met",
        a=symbol,
        shown=shown,
        comparison=Versus(ind.comparator, Goal(ind, number=True)),
        answer=met,
    )


# -- the registry: the kinds a plan may name ---------------------------------------------

_REGISTRY: dict[str, TargetKind] = {}


def register(kind: TargetKind) -> TargetKind:
    """Add ``kind`` to the kinds a plan may name; its name must be new."""
    if kind.name in _REGISTRY and _REGISTRY[kind.name] is not kind:
        raise ValueError(f"a kind named {kind.name!r} is registered already")
    _REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a kind (a test's toy kind, when the test is over)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> TargetKind | None:
    return _REGISTRY.get(name)


def names() -> tuple[str, ...]:
    """The words a plan may write for ``kind``, in the order they were registered."""
    return tuple(_REGISTRY)


def all_kinds() -> tuple[TargetKind, ...]:
    return tuple(_REGISTRY.values())

"""The tidy export table: one row per indicator and year of the term (pure; no I/O).

Every figure comes from ``status.evaluate`` (through ``report.evaluate_indicator``).
Nothing is recomputed here. Numbers stay raw (no locale
format) and ``None`` means "missing or does not apply", never zero.
Renderers: ``ntm_tracker.render.export``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Plan
from ntm_tracker.report import evaluate_indicator
from ntm_tracker.store import Actuals

# The columns first, in its order; then the figures behind the status.
COLUMNS: tuple[str, ...] = (
    "id", "number", "name", "unit", "year", "value", "estimate", "expected", "target",
    "status", "note", "baseline", "cumulative", "gap", "progress", "status_code",
)  # fmt: skip

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class ExportRow:
    """One indicator in one year. For cumulative indicators ``value`` is the year's own
    figure, ``cumulative`` the running total that ``expected``, ``gap`` and the status
    are about."""

    id: str
    number: str
    name: str  # in the export's language
    unit: str  # in the export's language
    year: int
    value: float | bool | None  # the recorded value of the year
    estimate: bool | None  # the value is provisional (None when there is no value)
    expected: float | None  # on the path to the target (even share for cumulative)
    target: float | bool | None
    status: str  # the status in words, in the export's language
    note: str | None
    baseline: float | bool | None
    cumulative: float | None
    gap: float | None  # value (or running total) minus expected
    progress: float | None  # R, the share of the expected change achieved
    status_code: str  # the status key: on_track, no_data...

    def cells(self) -> tuple[Cell, ...]:
        return tuple(getattr(self, name) for name in COLUMNS)


@dataclass(frozen=True)
class ExportTable:
    lang: str
    rows: tuple[ExportRow, ...]
    columns: tuple[str, ...] = COLUMNS


def plain(x: float | bool | None) -> float | bool | None:
    """A figure as it is exported: 12 significant digits (no floating-point noise such
    as 81.00000000000001), whole numbers as integers (80, not 80.0)."""
    if x is None or isinstance(x, bool):
        return x
    tidy = float(f"{x:.12g}")
    return int(tidy) if tidy.is_integer() else tidy


def build_export(plan: Plan, actuals: Actuals, lang: str) -> ExportTable:
    """Every indicator (plan order) x every year of the term (ascending)."""
    fmt = Formatter(lang)
    rows: list[ExportRow] = []
    for ind in plan.indicators:
        for year in plan.term.years:
            r = evaluate_indicator(plan, actuals, ind, year)
            entry = actuals.entry(ind.id, year)
            rows.append(
                ExportRow(
                    id=ind.id,
                    number=ind.number,
                    name=ind.name.get(lang),
                    unit=fmt.unit(ind),
                    year=year,
                    value=plain(r.actual),
                    estimate=entry.estimate if entry is not None else None,
                    expected=plain(r.expected),
                    target=plain(r.target),
                    status=fmt.status_text(ind, r),
                    note=entry.note if entry is not None else None,
                    baseline=plain(r.baseline),
                    cumulative=plain(r.cumulative),
                    gap=plain(r.gap),
                    progress=plain(r.progress),
                    status_code=r.status.value,
                )
            )
    return ExportTable(lang, tuple(rows))

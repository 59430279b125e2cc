"""The result of judging one indicator in one year: its status, why, and every figure
behind it (numbers and enums only; ``None`` never means zero)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from ntm_tracker.core.numbers import Range


class Status(str, Enum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATING = "deteriorating"
    MISSED = "missed"
    PENDING = "pending"  # a milestone not reached yet, before its deadline
    BASELINE = "baseline"  # the baseline year's own value (or one before the period): not judged
    NO_BASELINE = "no_baseline"
    NO_DATA = "no_data"
    NOT_JUDGED = "not_judged"  # a figure to show and compare, never counted as met or missed


STATUS_ORDER = tuple(Status)
BEHIND = frozenset(
    {Status.NEEDS_ACCELERATION, Status.LIMITED_PROGRESS, Status.DETERIORATING, Status.MISSED}
)
# From the worst to the best: a main target with several figures takes its worst one.
SEVERITY = (
    Status.DETERIORATING,
    Status.MISSED,
    Status.LIMITED_PROGRESS,
    Status.NEEDS_ACCELERATION,
    Status.NO_BASELINE,
    Status.NO_DATA,
    Status.PENDING,
    Status.BASELINE,
    Status.NOT_JUDGED,
    Status.ON_TRACK,
    Status.ACHIEVED,
)


class Verdict(str, Enum):
    """A figure against a target or the year's plan, as a report words it."""

    EXCEEDED = "exceeded"  # vượt
    MET = "met"  # đạt
    NEARLY_MET = "nearly_met"  # cơ bản đạt: short, within the plan's judging margin
    NOT_MET = "not_met"  # không đạt / chưa đạt


class Reason(str, Enum):
    """Why a status is what it is, when the figures alone do not say it."""

    NO_VALUE = "no_value"  # nothing recorded for the year
    GAP_IN_PERIOD = "gap_in_period"  # a year of the period is missing: no total
    BEFORE_PERIOD = "before_period"  # the year lies before the target's period
    BASELINE_YEAR = "baseline_year"
    BASELINE_MEETS_TARGET = "baseline_meets_target"  # the path is to keep the baseline
    NO_BASELINE = "no_baseline"
    REACHED_EARLIER = "reached_earlier"  # a milestone reached in an earlier year
    YEARS_SKIPPED = "years_skipped"  # an average over the recorded years only
    NO_PREVIOUS = "no_previous"  # a change over last year, without last year's figure


@dataclass(frozen=True)
class Result:
    """The status of one indicator in one year, with every figure behind it.

    ``None`` always means "does not apply or cannot be computed", never zero.
    """

    status: Status
    year: int
    actual: float | bool | None = None  # the value recorded for the year
    estimate: bool = False  # the figures judged rest on a provisional value
    baseline: float | bool | None = None
    expected: float | None = None  # on the path (level), the even share due (cumulative)
    target: float | bool | Range | None = None
    progress: float | None = None  # R, the share of the expected change achieved
    gap: float | None = None  # actual (total, average) minus expected (target), signed
    percent_of_target: float | None = None  # a/T, C/T in %; amounts and higher-is-better only
    target_gap: float | None = None  # a − T (points for rates)
    required_per_year: float | None = None
    required_rate: float | None = None  # compound rate in % a year
    cumulative: float | None = None  # cumulative kind: the running total of the period
    average: float | None = None  # average kind: the average of the recorded years
    required_average: float | None = None  # average kind: needed over the years left
    years_counted: tuple[int, ...] = ()  # the years behind a total or an average
    period_years: tuple[int, int] | None = None  # (elapsed, total) of a period
    missing_years: tuple[int, ...] = ()  # years whose absence blocks or thins the status
    since: int | None = None  # milestone: the year it was reached
    met: bool | None = None  # level: the figure meets the target (the baseline year too)
    flat: bool = False  # level: the baseline already meets the target: the path keeps it
    reason: Reason | None = None
    verdict: Verdict | None = None  # against the target, once the year settles it
    change: float | None = None  # growth and reduction: the change judged (% or points)

    @classmethod
    def no_value(cls, year: int, target: float | bool | Range | None, **known: Any) -> Result:
        """No figure recorded for ``year``: the status every kind gives then, with what
        it knows besides (the baseline, the path)."""
        return cls(
            Status.NO_DATA,
            year,
            target=target,
            reason=Reason.NO_VALUE,
            missing_years=(year,),
            **known,
        )

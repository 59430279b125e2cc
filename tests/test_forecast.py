"""The least squares forecast, with hand-computed numbers."""

from __future__ import annotations

from typing import Any

import pytest

from ntm_tracker.core.domain import Entry, Indicator, Plan
from ntm_tracker.core.forecast import Forecast, forecast, forecast_to_dict, least_squares
from ntm_tracker.storage.planfile import validate
from ntm_tracker.storage.store import Store
from tests.conftest import DEMO, PLAN, Invoke


@pytest.fixture(scope="module")
def plan() -> Plan:
    checked = validate(PLAN.read_text(encoding="utf-8"))
    assert checked.content is not None
    return checked.content


def obs(**values: float) -> dict[int, Entry]:
    return {int(y[1:]): Entry(v) for y, v in values.items()}


def test_least_squares_through_three_points() -> None:
    # x̄ = 2026, ȳ = 79; Σ(x-x̄)(y-ȳ) = (-1)(-9) + 0 + (1)(8) = 17; Σ(x-x̄)² = 2
    slope, intercept = least_squares(((2025, 70.0), (2026, 80.0), (2027, 87.0)))
    assert slope == pytest.approx(8.5)
    assert intercept + slope * 2030 == pytest.approx(113.0)  # 79 + 8,5 x 4


def test_level_forecast_short_of_target(plan: Plan) -> None:
    income = plan.index["income"]
    fc = forecast(income, obs(y2025=70, y2026=80, y2027=87), plan)
    assert fc.method == "least_squares" and fc.reason is None
    assert fc.points == ((2025, 70.0), (2026, 80.0), (2027, 87.0))
    assert fc.n_points == 3 and (fc.first_year, fc.last_year) == (2025, 2027)
    assert fc.slope == pytest.approx(8.5)
    assert fc.projected == pytest.approx(113.0)
    assert fc.reaches_target is False  # 113 < 120


def test_level_forecast_uses_years_up_to_the_report_year(plan: Plan) -> None:
    income = plan.index["income"]
    fc = forecast(income, obs(y2025=70, y2026=80, y2027=87), plan, year=2026)
    assert fc.n_points == 2
    assert fc.projected == pytest.approx(120.0)  # 70 + 10 x 5
    assert fc.reaches_target is True  # at least 120


def test_below_comparator(plan: Plan) -> None:
    poverty = plan.index["poverty"]
    # ȳ = 2,3; slope = ((-1)(0,2) + (1)(0)) / 2 = -0,1; 2030: 2,3 - 0,4 = 1,9
    fc = forecast(poverty, obs(y2025=2.5, y2026=2.1, y2027=2.3), plan)
    assert fc.projected == pytest.approx(1.9)
    assert fc.reaches_target is False  # not below 1,0
    fc = forecast(poverty, obs(y2025=2.5, y2026=2.0), plan)  # -0,5 a year: 0,0 in 2030
    assert fc.projected == pytest.approx(0.0)
    assert fc.reaches_target is True


def test_percent_is_capped_at_100(plan: Plan) -> None:
    schools = plan.index["schools"]
    fc = forecast(schools, obs(y2025=90, y2026=96), plan)  # 90 + 6 x 5 = 120
    assert fc.projected == 100.0 and fc.reaches_target is True
    assert fc.slope == pytest.approx(6.0)


def test_cumulative_projects_the_period_total(plan: Plan) -> None:
    revenue = plan.index["revenue"]
    # 2025 is outside the period 2026-2030 and is not used; line 82, 70 -> -12 a year
    fc = forecast(revenue, obs(y2025=75, y2026=82, y2027=70), plan)
    assert fc.points == ((2026, 82.0), (2027, 70.0))
    assert fc.recorded_total == pytest.approx(152.0)
    assert fc.projected == pytest.approx(152 + 58 + 46 + 34)  # 290
    assert fc.reaches_target is False  # 290 < 405


def test_cumulative_on_a_rising_line_reaches(plan: Plan) -> None:
    revenue = plan.index["revenue"]
    fc = forecast(revenue, obs(y2026=78, y2027=82), plan)  # 86, 90, 94 to come
    assert fc.projected == pytest.approx(78 + 82 + 86 + 90 + 94)  # 430
    assert fc.reaches_target is True


def test_too_few_points(plan: Plan) -> None:
    income = plan.index["income"]
    fc = forecast(income, obs(y2026=80), plan)
    assert fc.reason == "too_few_points" and fc.projected is None
    assert fc.n_points == 1 and fc.reaches_target is None
    assert forecast(income, {}, plan).n_points == 0


def test_annual_average_maintained_and_milestone_have_none(plan: Plan) -> None:
    for ind_id in ("party_org_rating", "ntm_criteria", "investment_growth", "ward_criteria"):
        ind = plan.index[ind_id]
        fc = forecast(ind, obs(y2025=92, y2026=91), plan)
        assert fc.reason == "not_applicable" and fc.points == ()


def test_to_dict(plan: Plan) -> None:
    fc = forecast(plan.index["income"], obs(y2025=70, y2026=80), plan)
    d = forecast_to_dict(fc)
    assert d["method"] == "least_squares" and d["points"] == 2 and d["years"] == [2025, 2026]
    assert d["target_year"] == 2030 and d["reaches_target"] is True and d["reason"] is None
    assert d["projected"] == pytest.approx(120.0)


# -- made only when shown --------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ((), False),  # the table without its forecast column
        (("--forecast",), True),
        (("--format", "json"), True),  # each indicator's "forecast"
        (("--format", "csv"), False),  # no column for it
    ],
)
def test_forecasts_are_made_only_for_a_report_that_shows_them(
    ntm: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], shown: bool
) -> None:
    from ntm_tracker.core import report

    made: list[str] = []

    def counted(indicator: Indicator, *rest: Any) -> Forecast:
        made.append(indicator.id)
        return forecast(indicator, *rest)

    monkeypatch.setattr(report, "forecast", counted)
    r = ntm("--data-dir", str(DEMO), "status", *args)
    assert r.exit_code == 0, r.stderr
    ids = [ind.id for ind in Store(DEMO).load().data.plan.indicators]
    assert made == (ids if shown else [])


def test_a_row_makes_its_forecast_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_tracker.core import report

    made: list[str] = []

    def counted(indicator: Indicator, *rest: Any) -> Forecast:
        made.append(indicator.id)
        return forecast(indicator, *rest)

    monkeypatch.setattr(report, "forecast", counted)
    data = Store(DEMO).load().data
    row = report.build_row(data, data.plan.index["income"], 2027)
    assert made == []
    first = row.forecast
    assert row.forecast is first and made == ["income"]
    assert first == forecast(
        data.plan.index["income"], data.actuals.series("income"), data.plan, 2027
    )

"""The status of one indicator in one year, worked out in words and numbers (pure).

Every number shown is a field of ``status.Result`` (the same ``evaluate`` call that
``ntm status`` makes) or of the plan; the formulas are written out with them filled in.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.forecast import Forecast, forecast
from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Indicator, Kind, Plan, StatusBands
from ntm_tracker.phrases import (
    forecast_sentence,
    pace_sentence,
    phrase,
    target_number,
    target_words,
)
from ntm_tracker.report import evaluate_indicator
from ntm_tracker.status import Result, Status, is_compound
from ntm_tracker.store import Actuals

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "({number}) {name} [{unit}], {year}",
        "kind_level": (
            "Kind: level, {trajectory} path from the {base} baseline; target {target} in {ty}."
        ),
        "kind_total": "Kind: cumulative, the total over {start}-{end}; target {target} in all.",
        "kind_annual": "Kind: every year; target {target} in each year.",
        "kind_maintained": "Kind: kept every year; required: {target}.",
        "linear": "linear",
        "compound": "compound",
        "baseline": "Baseline b ({year}) = {value}",
        "baseline_missing": "Baseline b ({year}): not recorded.",
        "actual": "Actual a ({year}) = {value}",
        "actual_missing": "Actual a ({year}): not recorded.",
        "target": "Target T ({year}) = {value}",
        "expected": "Expected on the path: e = {formula} = {filled} = {value}",
        "flat": "The baseline already meets the target, so the path is to keep it: e = b = {value}",
        "values": "Values {span}: C = {terms} = {value}",
        "expected_total": "Expected by {year}: e = T × k / n = {target} × {k} / {n} = {value}",
        "gap": "Gap to the path: {a} - e = {filled} = {value}",
        "progress": "Progress R = {formula} = {filled} = {value}",
        "bands": (
            "Bands: on track R ≥ {on}; needs acceleration {na} ≤ R < {on}; "
            "limited progress 0 ≤ R < {na}; deteriorating R < 0."
        ),
        "met": "Target met? {a} {sym} T: {filled}: {answer}.",
        "yes": "yes",
        "no": "no",
        "s_achieved": "Status: achieved (the target is met).",
        "s_band": "Status: {status} (R = {r} lies in {band}).",
        "s_flat": "Status: {status} (the path is flat, e = b, so only the direction counts).",
        "s_no_baseline": "Status: {status} (the {year} value is needed to draw the path).",
        "s_no_data": "Status: {status}.",
        "s_missed": "Status: missed (the target is not met).",
        "pace": "Pace needed: {pace}.",
        "b_on": "R ≥ {on}",
        "b_na": "{na} ≤ R < {on}",
        "b_lp": "0 ≤ R < {na}",
        "b_det": "R < 0",
    },
    "vi": {
        "title": "({number}) {name} [{unit}], năm {year}",
        "kind_level": (
            "Loại: mức đạt, lộ trình {trajectory} từ số liệu gốc năm {base}; "
            "mục tiêu {target} năm {ty}."
        ),
        "kind_total": "Loại: lũy kế giai đoạn {start}-{end}; mục tiêu tổng {target}.",
        "kind_annual": "Loại: hằng năm; mục tiêu {target} mỗi năm.",
        "kind_maintained": "Loại: duy trì hằng năm; yêu cầu: {target}.",
        "linear": "tuyến tính",
        "compound": "tăng trưởng kép",
        "baseline": "Số liệu gốc b ({year}) = {value}",
        "baseline_missing": "Số liệu gốc b ({year}): chưa có.",
        "actual": "Thực hiện a ({year}) = {value}",
        "actual_missing": "Thực hiện a ({year}): chưa có.",
        "target": "Mục tiêu T ({year}) = {value}",
        "expected": "Lộ trình: e = {formula} = {filled} = {value}",
        "flat": "Số liệu gốc đã đạt mục tiêu nên lộ trình là giữ vững: e = b = {value}",
        "values": "Số liệu {span}: C = {terms} = {value}",
        "expected_total": "Lộ trình đến năm {year}: e = T × k / n = {target} × {k} / {n} = {value}",
        "gap": "Chênh lệch so với lộ trình: {a} - e = {filled} = {value}",
        "progress": "Tiến độ R = {formula} = {filled} = {value}",
        "bands": (
            "Ngưỡng: đúng tiến độ R ≥ {on}; cần đẩy nhanh {na} ≤ R < {on}; "
            "tiến độ chậm 0 ≤ R < {na}; đi xuống R < 0."
        ),
        "met": "Đạt mục tiêu? {a} {sym} T: {filled}: {answer}.",
        "yes": "có",
        "no": "không",
        "s_achieved": "Đánh giá: đạt (đã đạt mục tiêu).",
        "s_band": "Đánh giá: {status} (R = {r} nằm trong khoảng {band}).",
        "s_flat": "Đánh giá: {status} (lộ trình không đổi, e = b, nên chỉ xét chiều biến động).",
        "s_no_baseline": "Đánh giá: {status} (cần số liệu năm {year} để xác định lộ trình).",
        "s_no_data": "Đánh giá: {status}.",
        "s_missed": "Đánh giá: không đạt (chưa đạt mục tiêu).",
        "pace": "Tiến độ còn lại: {pace}.",
        "b_on": "R ≥ {on}",
        "b_na": "{na} ≤ R < {on}",
        "b_lp": "0 ≤ R < {na}",
        "b_det": "R < 0",
    },
}

LINEAR = "b + (T - b) × (y - y0) / (yT - y0)"
COMPOUND = "b × (T / b) ^ ((y - y0) / (yT - y0))"


@dataclass(frozen=True)
class Explanation:
    indicator: Indicator
    year: int
    result: Result  # the figures, as ``ntm status`` computes them
    forecast: Forecast
    title: str
    lines: tuple[str, ...]


def _w(fmt: Formatter, key: str, **kw: object) -> str:
    return WORDS[fmt.lang][key].format(**kw)


def _estimate(fmt: Formatter, r: Result) -> str:
    return phrase(fmt, "estimate") if r.estimate else ""


def ratio(fmt: Formatter, value: float) -> str:
    """R with two decimals: 0,94."""
    return fmt.number(value, 2)


def _band_edges(fmt: Formatter, bands: StatusBands) -> dict[str, str]:
    return {"on": ratio(fmt, bands.on_track), "na": ratio(fmt, bands.needs_acceleration)}


def _band_status(fmt: Formatter, ind: Indicator, r: Result, bands: StatusBands) -> str:
    status = fmt.status(r.status)
    if r.status is Status.ACHIEVED:
        return _w(fmt, "s_achieved")
    if r.status is Status.MISSED:
        return _w(fmt, "s_missed")
    if r.status is Status.NO_DATA:
        return _w(fmt, "s_no_data", status=fmt.status_text(ind, r))
    if r.progress is None:
        return _w(fmt, "s_flat", status=status)
    key = {
        Status.ON_TRACK: "b_on",
        Status.NEEDS_ACCELERATION: "b_na",
        Status.LIMITED_PROGRESS: "b_lp",
        Status.DETERIORATING: "b_det",
    }[r.status]
    band = _w(fmt, key, **_band_edges(fmt, bands))
    return _w(fmt, "s_band", status=status, r=ratio(fmt, r.progress), band=band)


def _met(fmt: Formatter, ind: Indicator, a: str, shown: str, met: bool) -> str:
    filled = f"{shown} {ind.comparator.symbol} {target_number(fmt, ind)}"
    return _w(
        fmt,
        "met",
        a=a,
        sym=ind.comparator.symbol,
        filled=filled,
        answer=_w(fmt, "yes" if met else "no"),
    )


def _level(fmt: Formatter, plan: Plan, ind: Indicator, r: Result) -> list[str]:
    base, y = plan.baseline_year, r.year
    compound = r.baseline is not None and is_compound(
        ind.trajectory, float(r.baseline), float(ind.target)
    )
    lines = [
        _w(
            fmt,
            "kind_level",
            trajectory=_w(fmt, ind.trajectory.value),
            base=base,
            target=target_words(fmt, ind),
            ty=ind.target_year,
        )
    ]
    b = fmt.value(ind, r.baseline)
    a = fmt.value(ind, r.actual)
    t = target_number(fmt, ind)
    if r.baseline is None:
        lines.append(_w(fmt, "baseline_missing", year=base))
    else:
        lines.append(_w(fmt, "baseline", year=base, value=b))
    if r.actual is None:
        lines.append(_w(fmt, "actual_missing", year=y))
    else:
        lines.append(_w(fmt, "actual", year=y, value=a + _estimate(fmt, r)))
    lines.append(_w(fmt, "target", year=ind.target_year, value=t))
    if r.reason == "baseline_meets_target":
        lines.append(_w(fmt, "flat", value=b))
    elif r.expected is not None:
        share = f"({y} - {base}) / ({ind.target_year} - {base})"
        filled = f"{b} × ({t} / {b}) ^ ({share})" if compound else f"{b} + ({t} - {b}) × {share}"
        lines.append(
            _w(
                fmt,
                "expected",
                formula=COMPOUND if compound else LINEAR,
                filled=filled,
                value=fmt.computed(ind, r.expected),
            )
        )
    e = fmt.computed(ind, r.expected)
    if r.gap is not None:
        lines.append(_w(fmt, "gap", a="a", filled=f"{a} - {e}", value=fmt.signed(ind, r.gap)))
    if r.actual is not None:
        lines.append(_met(fmt, ind, "a", a, r.status is Status.ACHIEVED))
    if r.progress is not None:
        filled = f"({a} - {b}) / ({e} - {b})"
        lines.append(
            _w(
                fmt,
                "progress",
                formula="(a - b) / (e - b)",
                filled=filled,
                value=ratio(fmt, r.progress),
            )
        )
    if r.status is Status.NO_BASELINE:
        lines.append(_w(fmt, "s_no_baseline", status=fmt.status(r.status), year=base))
    return lines


def _cumulative(fmt: Formatter, ind: Indicator, r: Result, values: list[float]) -> list[str]:
    assert ind.period is not None  # a cumulative indicator has one
    start, end = ind.period.start, ind.period.end
    lines = [_w(fmt, "kind_total", start=start, end=end, target=target_words(fmt, ind))]
    if r.actual is None:
        lines.append(_w(fmt, "actual_missing", year=r.year))
    else:
        shown = fmt.value(ind, r.actual) + _estimate(fmt, r)
        lines.append(_w(fmt, "actual", year=r.year, value=shown))
    if r.cumulative is None or r.period_years is None or r.expected is None:
        return lines
    c, e = fmt.value(ind, r.cumulative), fmt.computed(ind, r.expected)
    terms = " + ".join(fmt.value(ind, v) for v in values)
    span = f"{start}-{r.year}" if r.year > start else str(start)
    k, n = r.period_years
    lines += [
        _w(fmt, "values", span=span, terms=terms, value=c),
        _w(fmt, "expected_total", year=r.year, target=target_number(fmt, ind), k=k, n=n, value=e),
        _w(fmt, "gap", a="C", filled=f"{c} - {e}", value=fmt.signed(ind, r.gap)),
        _met(fmt, ind, "C", c, r.status is Status.ACHIEVED),
    ]
    if r.progress is not None:
        lines.append(
            _w(fmt, "progress", formula="C / e", filled=f"{c} / {e}", value=ratio(fmt, r.progress))
        )
    return lines


def _threshold(fmt: Formatter, ind: Indicator, r: Result) -> list[str]:
    key = "kind_maintained" if ind.kind is Kind.MAINTAINED else "kind_annual"
    lines = [_w(fmt, key, target=target_words(fmt, ind))]
    if r.actual is None:
        return [*lines, _w(fmt, "actual_missing", year=r.year)]
    a = fmt.value(ind, r.actual)
    lines.append(_w(fmt, "actual", year=r.year, value=a + _estimate(fmt, r)))
    if ind.kind is Kind.ANNUAL:
        lines.append(_met(fmt, ind, "a", a, r.status is Status.ACHIEVED))
    return lines


def build_explanation(
    plan: Plan, actuals: Actuals, indicator: Indicator, year: int, lang: str
) -> Explanation:
    fmt = Formatter(lang)
    r = evaluate_indicator(plan, actuals, indicator, year)
    series = actuals.series(indicator.id)
    fc = forecast(indicator, series, plan, year)
    if indicator.kind is Kind.LEVEL:
        lines = _level(fmt, plan, indicator, r)
    elif indicator.kind is Kind.CUMULATIVE and indicator.period is not None:
        last = min(year, indicator.period.end)
        values = [
            float(series[y].value) for y in range(indicator.period.start, last + 1) if y in series
        ]
        lines = _cumulative(fmt, indicator, r, values)
    else:
        lines = _threshold(fmt, indicator, r)
    if r.progress is not None:
        lines.append(_w(fmt, "bands", **_band_edges(fmt, plan.status_bands)))
    if r.status is not Status.NO_BASELINE:
        lines.append(_band_status(fmt, indicator, r, plan.status_bands))
    if r.status not in (Status.ACHIEVED, Status.NO_DATA) and indicator.kind is not Kind.MAINTAINED:
        lines.append(_w(fmt, "pace", pace=pace_sentence(fmt, indicator, r)))
    if fc.reason != "not_applicable":
        lines.append(forecast_sentence(fmt, indicator, fc))
    title = _w(
        fmt,
        "title",
        number=indicator.number,
        name=indicator.name.get(lang),
        unit=fmt.unit(indicator),
        year=year,
    )
    return Explanation(indicator, year, r, fc, title, tuple(lines))


__all__ = ["Explanation", "build_explanation"]

"""Sentences shared by the summary, history and explain reports (pure; English, Vietnamese).

Numbers come formatted by ``i18n.Formatter``; the figures themselves come from
``status.evaluate`` and ``forecast.forecast``. Nothing is computed here.
"""

from __future__ import annotations

from ntm_tracker.forecast import Forecast
from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Indicator, Kind, Measure
from ntm_tracker.numbers import format_signed
from ntm_tracker.status import Result

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "estimate": " (estimate)",
        "points": "points",
        "fc_method": "least squares line through {n} recorded years, {first}-{last}",
        "fc_level": "Forecast ({method}): {value} in {year}; the target would {be} reached.",
        "fc_total": (
            "Forecast ({method}): a total of {value} for {start}-{end}; "
            "the target would {be} reached."
        ),
        "fc_be": "be",
        "fc_not_be": "not be",
        "fc_too_few": "Forecast: too few points ({years} recorded; at least 2 are needed).",
        "years": "{n} years",
        "year": "{n} year",
        "fc_none": "Forecast: none (the target applies to each year on its own).",
        "fc_cell_yes": "reached",
        "fc_cell_no": "not reached",
        "fc_cell_few": "too few points",
        "pace_level": "needs to {dir} by {amount} a year to reach the {year} target ({target})",
        "up": "rise",
        "down": "fall",
        "pace_rate": ", i.e. {rate}% a year",
        "pace_total": (
            "needs {amount} a year in the {years} left to reach {target} for {start}-{end}"
        ),
        "pace_none": "no year is left before {year}",
        "pace_annual": "the coming years must be {target}",
        "pace_maintained": "must be met again from next year",
    },
    "vi": {
        "estimate": " (ước thực hiện)",
        "points": "điểm",
        "fc_method": "đường thẳng bình phương tối thiểu qua {n} năm có số liệu, {first}-{last}",
        "fc_level": "Dự báo ({method}): năm {year} ở mức {value}; {be} đạt mục tiêu.",
        "fc_total": (
            "Dự báo ({method}): tổng giai đoạn {start}-{end} đạt {value}; {be} đạt chỉ tiêu."
        ),
        "fc_be": "sẽ",
        "fc_not_be": "sẽ không",
        "fc_too_few": "Dự báo: chưa đủ số liệu (mới có số liệu {years}, cần ít nhất 2 năm).",
        "years": "{n} năm",
        "year": "{n} năm",
        "fc_none": "Dự báo: không áp dụng (chỉ tiêu tính riêng cho từng năm).",
        "fc_cell_yes": "đạt",
        "fc_cell_no": "không đạt",
        "fc_cell_few": "chưa đủ số liệu",
        "pace_level": "cần {dir} bình quân {amount} mỗi năm để đạt mục tiêu năm {year} ({target})",
        "up": "tăng",
        "down": "giảm",
        "pace_rate": ", tức {rate}%/năm",
        "pace_total": (
            "cần bình quân {amount} mỗi năm trong {years} còn lại để đạt {target} "
            "của giai đoạn {start}-{end}"
        ),
        "pace_none": "không còn năm nào trước năm {year}",
        "pace_annual": "các năm tiếp theo cần {target}",
        "pace_maintained": "cần đạt lại yêu cầu từ năm tới",
    },
}


def phrase(fmt: Formatter, key: str, **kw: object) -> str:
    return PHRASES[fmt.lang][key].format(**kw)


def years(fmt: Formatter, n: int) -> str:
    """'1 year', '3 years', '3 năm'."""
    return phrase(fmt, "year" if n == 1 else "years", n=n)


def amount(fmt: Formatter, ind: Indicator, text: str) -> str:
    """``text`` (a number) with the indicator's unit: '86,8 triệu đồng', '93,5%', '10%/năm'."""
    return fmt.amount(ind, text)


def difference_unit(fmt: Formatter, ind: Indicator) -> str:
    """Differences of percentages and rates are in points; amounts keep their unit."""
    if ind.measure in (Measure.PERCENT, Measure.RATE):
        return phrase(fmt, "points")
    return fmt.unit(ind)


def difference(fmt: Formatter, ind: Indicator, value: float) -> str:
    """The size of a difference with its unit, no sign: '2,0 triệu đồng', '0,40 điểm'."""
    return f"{fmt.computed(ind, abs(value))} {difference_unit(fmt, ind)}"


def is_zero(fmt: Formatter, ind: Indicator, value: float) -> bool:
    """Zero as shown with the indicator's decimals (0.04 with 1 decimal shows as 0,0)."""
    return fmt.computed(ind, abs(value)) == fmt.computed(ind, 0.0)


def target_number(fmt: Formatter, ind: Indicator) -> str:
    """The target as the resolution writes it, without the comparator: '120', '1,00', 'yes'."""
    if isinstance(ind.target, bool):
        return fmt.value(ind, ind.target)
    return fmt.target(ind).split(" ", 1)[1]


def target_words(fmt: Formatter, ind: Indicator) -> str:
    """The target in words: 'at least 120 million VND', 'dưới 1,00%', 'yes'."""
    if isinstance(ind.target, bool):
        return fmt.value(ind, ind.target)
    return fmt.compare(ind.comparator, amount(fmt, ind, target_number(fmt, ind)))


def forecast_sentence(fmt: Formatter, ind: Indicator, fc: Forecast) -> str:
    if fc.reason == "not_applicable":
        return phrase(fmt, "fc_none")
    if fc.projected is None or fc.first_year is None:
        return phrase(fmt, "fc_too_few", years=years(fmt, fc.n_points))
    method = phrase(fmt, "fc_method", n=fc.n_points, first=fc.first_year, last=fc.last_year)
    be = phrase(fmt, "fc_be" if fc.reaches_target else "fc_not_be")
    value = amount(fmt, ind, fmt.computed(ind, fc.projected))
    if ind.kind is Kind.CUMULATIVE and ind.period is not None:
        start, end = ind.period.start, ind.period.end
        return phrase(fmt, "fc_total", method=method, value=value, start=start, end=end, be=be)
    return phrase(fmt, "fc_level", method=method, value=value, year=fc.target_year, be=be)


def forecast_cell(fmt: Formatter, ind: Indicator, fc: Forecast | None) -> str:
    """A short table cell: the projected value and whether it reaches the target."""
    if fc is None or fc.reason == "not_applicable":
        return "-"
    if fc.projected is None:
        return phrase(fmt, "fc_cell_few")
    prefix = "Σ " if ind.kind is Kind.CUMULATIVE else ""
    verdict = phrase(fmt, "fc_cell_yes" if fc.reaches_target else "fc_cell_no")
    return f"{prefix}{fmt.computed(ind, fc.projected)}\n{verdict}"


def pace_sentence(fmt: Formatter, ind: Indicator, result: Result) -> str:
    """What is now needed each year to reach the target, in words."""
    if ind.kind is Kind.MAINTAINED:
        return phrase(fmt, "pace_maintained")
    if ind.kind is Kind.ANNUAL:
        return phrase(fmt, "pace_annual", target=target_words(fmt, ind))
    per_year = result.required_per_year
    if per_year is None:
        return phrase(fmt, "pace_none", year=ind.target_year)
    if ind.kind is Kind.CUMULATIVE and ind.period is not None:
        return phrase(
            fmt,
            "pace_total",
            amount=amount(fmt, ind, fmt.computed(ind, per_year)),
            years=years(fmt, ind.period.end - result.year),
            target=amount(fmt, ind, fmt.value(ind, ind.target)),
            start=ind.period.start,
            end=ind.period.end,
        )
    text = phrase(
        fmt,
        "pace_level",
        dir=phrase(fmt, "up" if per_year >= 0 else "down"),
        amount=difference(fmt, ind, per_year),
        year=ind.target_year,
        target=target_words(fmt, ind),
    )
    if result.required_rate is not None:
        text += phrase(fmt, "pace_rate", rate=format_signed(result.required_rate, fmt.lang, 1))
    return text

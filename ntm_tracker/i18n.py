"""Words and number formats in English and Vietnamese (pure; shared by every renderer)."""

from __future__ import annotations

from ntm_tracker.model import Comparator, Field_, Indicator, Kind, Measure
from ntm_tracker.numbers import RECORDED_DECIMALS, format_number, format_signed
from ntm_tracker.status import Result, Status

STATUS_LABELS: dict[str, dict[Status, str]] = {
    "en": {
        Status.ACHIEVED: "achieved",
        Status.ON_TRACK: "on track",
        Status.NEEDS_ACCELERATION: "needs acceleration",
        Status.LIMITED_PROGRESS: "limited progress",
        Status.DETERIORATING: "deteriorating",
        Status.MISSED: "missed",
        Status.NO_BASELINE: "no baseline",
        Status.NO_DATA: "no data",
    },
    "vi": {
        Status.ACHIEVED: "đạt",
        Status.ON_TRACK: "đúng tiến độ",
        Status.NEEDS_ACCELERATION: "cần đẩy nhanh",
        Status.LIMITED_PROGRESS: "tiến độ chậm",
        Status.DETERIORATING: "đi xuống",
        Status.MISSED: "không đạt",
        Status.NO_BASELINE: "thiếu số liệu gốc",
        Status.NO_DATA: "chưa có số liệu",
    },
}

FIELD_LABELS: dict[str, dict[Field_, str]] = {
    "en": {
        Field_.ECONOMY: "Economy",
        Field_.CULTURE_SOCIETY: "Culture and society",
        Field_.PARTY_GOVERNMENT: "Party and government",
        Field_.DEFENCE_SECURITY: "Defence and security",
    },
    "vi": {
        Field_.ECONOMY: "Kinh tế",
        Field_.CULTURE_SOCIETY: "Văn hóa - xã hội",
        Field_.PARTY_GOVERNMENT: "Xây dựng Đảng, chính quyền",
        Field_.DEFENCE_SECURITY: "Quốc phòng, an ninh",
    },
}

# How the resolution words a comparison; {x} is the number with its unit.
COMPARATOR_WORDS: dict[str, dict[Comparator, str]] = {
    "en": {
        Comparator.AT_LEAST: "at least {x}",
        Comparator.ABOVE: "above {x}",
        Comparator.BELOW: "below {x}",
        Comparator.AT_MOST: "at most {x}",
    },
    "vi": {
        Comparator.AT_LEAST: "từ {x} trở lên",
        Comparator.ABOVE: "trên {x}",
        Comparator.BELOW: "dưới {x}",
        Comparator.AT_MOST: "không quá {x}",
    },
}

KIND_WORDS: dict[str, dict[Kind, str]] = {
    "en": {
        Kind.LEVEL: "level",
        Kind.CUMULATIVE: "cumulative",
        Kind.ANNUAL: "every year",
        Kind.MAINTAINED: "kept every year",
    },
    "vi": {
        Kind.LEVEL: "mức đạt",
        Kind.CUMULATIVE: "lũy kế",
        Kind.ANNUAL: "hằng năm",
        Kind.MAINTAINED: "duy trì hằng năm",
    },
}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no": "No.",
        "id": "Id",
        "indicator": "Indicator",
        "unit": "Unit",
        "baseline": "Baseline\n{year}",
        "actual": "Actual\n{year}",
        "expected": "Expected\n{year}",
        "target": "Target",
        "gap": "Gap to\npath",
        "pct_target": "% of\ntarget",
        "pace": "Needed\nper year",
        "forecast": "Forecast\n(target year)",
        "status": "Status",
        "kind": "Kind",
        "comparator": "Comparator",
        "title": "{commune}: indicators in {year}",
        "estimate_mark": "e",
        "estimate_legend": "e = estimate (provisional figure)",
        "footer": "Indicators per status",
        "yes": "yes",
        "no_word": "no",
        "points": "pts",
        "cumulative": "total {start}-{year}",
        "empty_hint": (
            "Nothing recorded yet. Record the baseline first, e.g. "
            "`ntm record {base} income 70`, then each year's values."
        ),
        "supplementary": "supplementary, section {section}",
        "every_year": "each year",
        "total": "Σ {start}-{end}",
        "outside_period": "outside the period {start}-{end}",
    },
    "vi": {
        "no": "TT",
        "id": "Mã",
        "indicator": "Chỉ tiêu",
        "unit": "Đơn vị",
        "baseline": "Gốc\n{year}",
        "actual": "Thực hiện\n{year}",
        "expected": "Lộ trình\n{year}",
        "target": "Mục tiêu",
        "gap": "Chênh lệch\nlộ trình",
        "pct_target": "%\nmục tiêu",
        "pace": "Cần\nmỗi năm",
        "forecast": "Dự báo\n(năm mục tiêu)",
        "status": "Đánh giá",
        "kind": "Loại",
        "comparator": "So sánh",
        "title": "{commune}: kết quả thực hiện các chỉ tiêu năm {year}",
        "estimate_mark": "ư",
        "estimate_legend": "ư = ước thực hiện (số liệu tạm tính)",
        "footer": "Số chỉ tiêu theo đánh giá",
        "yes": "có",
        "no_word": "không",
        "points": "điểm",
        "cumulative": "lũy kế {start}-{year}",
        "empty_hint": (
            "Chưa có số liệu. Hãy nhập số liệu gốc trước, ví dụ "
            "`ntm record {base} income 70`, rồi số liệu từng năm."
        ),
        "supplementary": "bổ sung, mục {section}",
        "every_year": "mỗi năm",
        "total": "Σ {start}-{end}",
        "outside_period": "ngoài giai đoạn {start}-{end}",
    },
}


class Formatter:
    """Turns raw figures into the words and numbers of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in WORDS:
            raise ValueError(f"unknown language {lang!r}")
        self.lang = lang

    def word(self, key: str, **kw: object) -> str:
        return WORDS[self.lang][key].format(**kw)

    def status(self, status: Status) -> str:
        return STATUS_LABELS[self.lang][status]

    def status_text(self, ind: Indicator, result: Result) -> str:
        """The status word with what explains it: the missing years, or the period."""
        label = self.status(result.status)
        if result.reason == "before_period" and ind.period is not None:
            return self.word("outside_period", start=ind.period.start, end=ind.period.end)
        if result.missing_years and result.reason != "no_value":
            label += " (" + ", ".join(str(y) for y in result.missing_years) + ")"
        return label

    def field(self, field: Field_) -> str:
        return FIELD_LABELS[self.lang][field]

    def comparator(self, comparator: Comparator) -> str:
        """The comparison on its own: 'at least ...', 'từ ... trở lên'."""
        return self.compare(comparator, "...")

    def compare(self, comparator: Comparator, x: str) -> str:
        """A comparison with its number: 'at least 3%', 'từ 3% trở lên', 'dưới 1,00%'."""
        return COMPARATOR_WORDS[self.lang][comparator].format(x=x)

    def kind(self, kind: Kind) -> str:
        return KIND_WORDS[self.lang][kind]

    def number(self, value: float, decimals: int = 1, *, strip: bool = False) -> str:
        return format_number(value, self.lang, decimals, strip=strip)

    def value(self, ind: Indicator, value: float | bool | None) -> str:
        """A recorded value as typed: 80, 96,5; yes/no for maintained indicators."""
        if value is None:
            return "-"
        if isinstance(value, bool):
            return self.word("yes") if value else self.word("no_word")
        return format_number(value, self.lang, max(ind.decimals, RECORDED_DECIMALS), strip=True)

    def actual_cell(self, ind: Indicator, result: Result) -> str:
        """A table cell: the year's value, its estimate mark, and Σ the running total."""
        text = self.value(ind, result.actual)
        if result.actual is not None and result.estimate:
            text += f" ({self.word('estimate_mark')})"
        if ind.kind is Kind.CUMULATIVE and result.cumulative is not None:
            text += f"\nΣ {self.value(ind, result.cumulative)}"
        return text

    def computed(self, ind: Indicator, value: float | None) -> str:
        """A computed figure with the indicator's fixed decimals: 78,0."""
        return "-" if value is None else format_number(value, self.lang, ind.decimals)

    def signed(self, ind: Indicator, value: float | None) -> str:
        return "-" if value is None else format_signed(value, self.lang, ind.decimals)

    def percent(self, value: float | None) -> str:
        return "-" if value is None else format_number(value, self.lang, 1) + "%"

    def unit(self, ind: Indicator) -> str:
        return ind.unit.get(self.lang)

    def with_unit(self, ind: Indicator, value: float | bool | None) -> str:
        """A recorded value with its unit: '82 billion VND', '96,5%', 'yes'."""
        if value is None:
            return self.value(ind, value)
        return self.amount(ind, self.value(ind, value))

    def amount(self, ind: Indicator, text: str) -> str:
        """``text`` (a number) with the unit: '86,8 triệu đồng', '93,5%', '10%/năm'."""
        if ind.measure is Measure.YES_NO:
            return text
        unit = self.unit(ind)
        return text + unit if unit.startswith("%") else f"{text} {unit}"

    def target(self, ind: Indicator) -> str:
        """The target as the resolution words it: '≥ 96,5', '< 1,0', 'yes'."""
        if isinstance(ind.target, bool):
            return self.value(ind, ind.target)
        number = format_number(float(ind.target), self.lang, ind.decimals, strip=True)
        if ind.measure is Measure.PERCENT and ind.comparator is Comparator.BELOW:
            number = format_number(float(ind.target), self.lang, ind.decimals)
        return f"{ind.comparator.symbol} {number}"

    def target_scope(self, ind: Indicator) -> str:
        """What the target applies to: a year, every year, or a total over a period."""
        if ind.kind is Kind.CUMULATIVE and ind.period is not None:
            return self.word("total", start=ind.period.start, end=ind.period.end)
        if ind.kind in (Kind.ANNUAL, Kind.MAINTAINED):
            return self.word("every_year")
        return str(ind.target_year)

    def target_long(self, ind: Indicator) -> str:
        return f"{self.target(ind)} ({self.target_scope(ind)})"

    def pace(self, ind: Indicator, result: Result) -> str:
        """The change per year still needed; with the compound rate when there is one."""
        if result.required_per_year is None:
            return "-"
        text = self.signed(ind, result.required_per_year)
        if result.required_rate is not None:
            text += f"\n{format_signed(result.required_rate, self.lang, 1)}%/"
            text += "năm" if self.lang == "vi" else "yr"
        return text

    def target_progress(self, ind: Indicator, result: Result) -> str:
        """% of target for at-least/above indicators; points to go for below ones."""
        if result.percent_of_target is not None:
            return self.percent(result.percent_of_target)
        if result.target_gap is not None and ind.measure is not Measure.YES_NO:
            unit = self.word("points") if ind.measure is Measure.PERCENT else self.unit(ind)
            return f"{self.signed(ind, result.target_gap)} {unit}"
        return "-"

"""The annual summary: one typed report of sentences and table cells (pure; no I/O).

Built from the status report (``report.build_status_report``) and its forecasts; the
renderers in ``ntm_tracker.render.summary`` only lay it out as text or Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Indicator, Kind
from ntm_tracker.phrases import (
    amount,
    difference,
    forecast_sentence,
    is_zero,
    pace_sentence,
    phrase,
    target_words,
)
from ntm_tracker.report import Row, StatusReport
from ntm_tracker.status import BEHIND, Result, Status

SENTENCES: dict[str, dict[str, str]] = {
    "en": {
        "heading": "RESULTS OF THE TARGETS IN {year}",
        "commune": "Commune: {commune}",
        "counts": "{n} indicators: {counts}.",
        "estimates": "Figures marked (estimate) are provisional.",
        "s_fields": "1. Results by field",
        "s_table": "2. Table of indicators",
        "s_attention": "3. Needs attention",
        "subject": "({number}) {name} in {year}: {value}",
        "verb_up": "",  # English needs no verb: "in 2026: 80 million VND"
        "verb_down": "",
        "of_target": "{pct} of the {year} target",
        "vs_target": "{diff} {side} the {year} target ({target})",
        "at_target": "equal to the {year} target ({target})",
        "above": "above",
        "below": "below",
        "path": "{diff} {side} the path",
        "on_path": "on the path",
        "no_baseline": "no {year} baseline, so progress cannot be judged",
        "total": "; total {span}: {value}, {pct} of the target of {target} for the whole period",
        "annual": "; the yearly target is {target}",
        "maintained_yes": "({number}) {name}: met in {year}",
        "maintained_no": "({number}) {name}: not met in {year}",
        "no_value": "({number}) {name}: no value recorded for {year}.",
        "gap": "({number}) {name}: the total {span} cannot be computed, no value for {years}.",
        "outside": "({number}) {name}: not counted in {year}, outside the period {start}-{end}.",
        "record": "record the value: ntm record {year} {id} VALUE",
        "record_base": "record the baseline: ntm record {year} {id} VALUE",
        "nothing": "None: every indicator with a value is achieved or on track.",
        "ending": " - {status}.",
    },
    "vi": {
        "heading": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {year}",
        "commune": "Xã {commune}",
        "counts": "{n} chỉ tiêu: {counts}.",
        "estimates": "Số liệu có ghi (ước thực hiện) là số liệu tạm tính.",
        "s_fields": "1. Kết quả theo lĩnh vực",
        "s_table": "2. Bảng tổng hợp các chỉ tiêu",
        "s_attention": "3. Các chỉ tiêu cần quan tâm",
        "subject": "({number}) {name} năm {year} {verb} {value}",
        "verb_up": "đạt",  # "đạt 80 triệu đồng"
        "verb_down": "là",  # "là 2,3%" (a share to bring down, e.g. poverty)
        "of_target": "bằng {pct} chỉ tiêu năm {year}",
        "vs_target": "{side} mục tiêu năm {year} ({target}) {diff}",
        "at_target": "bằng mục tiêu năm {year} ({target})",
        "above": "cao hơn",
        "below": "thấp hơn",
        "path": "{side} lộ trình {diff}",
        "on_path": "đúng lộ trình",
        "no_baseline": "chưa có số liệu gốc năm {year} nên chưa đánh giá được tiến độ",
        "total": ", lũy kế {span} đạt {value}, bằng {pct} chỉ tiêu {target} của cả giai đoạn",
        "annual": "; chỉ tiêu hằng năm {target}",
        "maintained_yes": "({number}) {name}: năm {year} đạt yêu cầu",
        "maintained_no": "({number}) {name}: năm {year} chưa đạt yêu cầu",
        "no_value": "({number}) {name}: chưa có số liệu năm {year}.",
        "gap": "({number}) {name}: chưa tính được lũy kế {span} do thiếu số liệu năm {years}.",
        "outside": "({number}) {name}: năm {year} nằm ngoài giai đoạn {start}-{end}, chưa tính.",
        "record": "cần nhập số liệu: ntm record {year} {id} VALUE",
        "record_base": "cần nhập số liệu gốc: ntm record {year} {id} VALUE",
        "nothing": "Không có: mọi chỉ tiêu đã có số liệu đều đạt hoặc đúng tiến độ.",
        "ending": " - {status}.",
    },
}


@dataclass(frozen=True)
class Attention:
    """One indicator that needs attention: a heading line and what follows it."""

    heading: str  # "(1) Name - needs acceleration"
    lines: tuple[str, ...]  # the pace needed, the forecast, or what to record


@dataclass(frozen=True)
class SummaryReport:
    lang: str
    year: int
    heading: tuple[str, ...]  # the report heading, the commune, the plan title
    counts: str  # "17 indicators: achieved 7, on track 2, ..."
    estimate_note: str | None  # what "(estimate)" means, when the year has estimates
    table_legend: str | None  # what the table's estimate mark means, likewise
    section_titles: tuple[str, str, str]  # fields, table, needs attention
    fields: tuple[tuple[str, tuple[str, ...]], ...]  # (field name, one sentence per indicator)
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]  # a field name row, then its indicators
    attention: tuple[Attention, ...]
    nothing_to_flag: str  # shown when ``attention`` is empty


def _s(fmt: Formatter, key: str, **kw: object) -> str:
    return SENTENCES[fmt.lang][key].format(**kw)


def _estimate(fmt: Formatter, estimate: bool) -> str:
    return phrase(fmt, "estimate") if estimate else ""


def _span(start: int, last: int) -> str:
    return str(start) if start == last else f"{start}-{last}"


def _side(fmt: Formatter, value: float) -> str:
    return _s(fmt, "above" if value > 0 else "below")


def _subject(fmt: Formatter, row: Row, estimate: bool) -> str:
    ind, r = row.indicator, row.result
    verb = _s(fmt, "verb_up" if ind.comparator.higher_is_better else "verb_down")
    return _s(
        fmt,
        "subject",
        number=ind.number,
        name=ind.name.get(fmt.lang),
        year=r.year,
        verb=verb,
        value=_value(fmt, ind, r) + _estimate(fmt, estimate),
    )


def _value(fmt: Formatter, ind: Indicator, r: Result) -> str:
    return amount(fmt, ind, fmt.value(ind, r.actual))


def _path(fmt: Formatter, ind: Indicator, gap: float) -> str:
    if is_zero(fmt, ind, gap):
        return _s(fmt, "on_path")
    return _s(fmt, "path", diff=difference(fmt, ind, gap), side=_side(fmt, gap))


def _level_progress(fmt: Formatter, ind: Indicator, r: Result) -> str:
    year = ind.target_year
    if r.percent_of_target is not None:
        return _s(fmt, "of_target", pct=fmt.percent(r.percent_of_target), year=year)
    assert r.target_gap is not None  # every measured level result has one
    target = target_words(fmt, ind)
    if is_zero(fmt, ind, r.target_gap):
        return _s(fmt, "at_target", year=year, target=target)
    diff = difference(fmt, ind, r.target_gap)
    return _s(fmt, "vs_target", diff=diff, side=_side(fmt, r.target_gap), year=year, target=target)


def _missing_sentence(fmt: Formatter, row: Row) -> str:
    ind, r = row.indicator, row.result
    name = ind.name.get(fmt.lang)
    if r.reason == "before_period" and ind.period is not None:
        start, end = ind.period.start, ind.period.end
        return _s(fmt, "outside", number=ind.number, name=name, year=r.year, start=start, end=end)
    if r.reason == "gap_in_period" and ind.period is not None:
        years = ", ".join(str(y) for y in r.missing_years)
        span = _span(ind.period.start, r.year)
        return _s(fmt, "gap", number=ind.number, name=name, span=span, years=years)
    return _s(fmt, "no_value", number=ind.number, name=name, year=r.year)


def sentence(fmt: Formatter, row: Row, baseline_year: int) -> str:
    """One indicator's result in one sentence, in the office's idiom."""
    ind, r = row.indicator, row.result
    if r.status is Status.NO_DATA:
        return _missing_sentence(fmt, row)
    ending = _s(fmt, "ending", status=fmt.status_text(ind, r))
    if ind.kind is Kind.MAINTAINED:
        key = "maintained_yes" if r.status is Status.ACHIEVED else "maintained_no"
        head = _s(fmt, key, number=ind.number, name=ind.name.get(fmt.lang), year=r.year)
        return head + _estimate(fmt, r.estimate) + ending
    if ind.kind is Kind.ANNUAL:
        return (
            _subject(fmt, row, r.estimate)
            + _s(fmt, "annual", target=target_words(fmt, ind))
            + ending
        )
    if ind.kind is Kind.CUMULATIVE and ind.period is not None:
        assert r.cumulative is not None and r.gap is not None and r.percent_of_target is not None
        entry_estimate = row.entry is not None and row.entry.estimate
        total = _s(
            fmt,
            "total",
            span=_span(ind.period.start, r.year),
            value=amount(fmt, ind, fmt.value(ind, r.cumulative)) + _estimate(fmt, r.estimate),
            pct=fmt.percent(r.percent_of_target),
            target=amount(fmt, ind, fmt.value(ind, ind.target)),
        )
        return _subject(fmt, row, entry_estimate) + total + "; " + _path(fmt, ind, r.gap) + ending
    progress = _level_progress(fmt, ind, r)
    path = _s(fmt, "no_baseline", year=baseline_year) if r.gap is None else _path(fmt, ind, r.gap)
    return _subject(fmt, row, r.estimate) + ", " + progress + "; " + path + ending


def _attention(fmt: Formatter, row: Row, baseline_year: int) -> Attention | None:
    ind, r = row.indicator, row.result
    heading = f"({ind.number}) {ind.name.get(fmt.lang)} - {fmt.status_text(ind, r)}"
    if r.status is Status.NO_DATA:
        if r.reason == "before_period":
            return None
        years = r.missing_years or (r.year,)
        return Attention(heading, tuple(_s(fmt, "record", year=y, id=ind.id) for y in years))
    if r.status not in BEHIND and r.status is not Status.NO_BASELINE:
        return None
    lines: list[str] = [pace_sentence(fmt, ind, r)]
    if r.status is Status.NO_BASELINE:
        lines.append(_s(fmt, "record_base", year=baseline_year, id=ind.id))
    if row.forecast is not None and row.forecast.reason != "not_applicable":
        lines.append(forecast_sentence(fmt, ind, row.forecast))
    return Attention(heading, tuple(lines))


def _table_row(fmt: Formatter, row: Row) -> tuple[str, ...]:
    ind, r = row.indicator, row.result
    actual = fmt.actual_cell(ind, r)
    name = f"{ind.name.get(fmt.lang)} [{fmt.unit(ind)}]"
    return (
        ind.number,
        name,
        actual,
        fmt.computed(ind, r.expected),
        fmt.target(ind),
        fmt.target_progress(ind, r),
        fmt.status_text(ind, r),
    )


def build_summary(report: StatusReport, lang: str) -> SummaryReport:
    """The annual summary of ``report`` in ``lang`` ("en" or "vi")."""
    fmt = Formatter(lang)
    plan, year = report.plan, report.year
    counts = ", ".join(f"{fmt.status(s)} {n}" for s, n in report.counts().items() if n)
    fields = tuple(
        (fmt.field(field), tuple(sentence(fmt, row, plan.baseline_year) for row in rows))
        for field, rows in report.by_field()
    )
    table_rows: list[tuple[str, ...]] = []
    for field, rows in report.by_field():
        table_rows.append(("", fmt.field(field).upper(), "", "", "", "", ""))
        table_rows.extend(_table_row(fmt, row) for row in rows)
    flagged = (_attention(fmt, row, plan.baseline_year) for row in report.rows)
    estimates = any(row.result.estimate for row in report.rows)
    header = tuple(
        fmt.word(key, year=year).replace("\n", " ")
        for key in ("no", "indicator", "actual", "expected", "target", "pct_target", "status")
    )
    return SummaryReport(
        lang=lang,
        year=year,
        heading=(
            _s(fmt, "heading", year=year),
            _s(fmt, "commune", commune=plan.commune),
            plan.title.get(lang),
        ),
        counts=_s(fmt, "counts", n=len(report.rows), counts=counts),
        estimate_note=_s(fmt, "estimates") if estimates else None,
        table_legend=fmt.word("estimate_legend") if estimates else None,
        section_titles=(_s(fmt, "s_fields"), _s(fmt, "s_table"), _s(fmt, "s_attention")),
        fields=fields,
        table_header=header,
        table_rows=tuple(table_rows),
        attention=tuple(a for a in flagged if a is not None),
        nothing_to_flag=_s(fmt, "nothing"),
    )


__all__ = ["Attention", "SummaryReport", "build_summary", "sentence"]

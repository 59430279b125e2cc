"""Renderers of ``ntm history`` (table, json, csv) and ``ntm explain`` (text).

They lay out the typed objects of ``ntm_tracker.history`` and ``ntm_tracker.explain``;
no figure is computed here.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_tracker.explain import Explanation
from ntm_tracker.history import History, history_to_dict
from ntm_tracker.i18n import Formatter
from ntm_tracker.model import Kind
from ntm_tracker.phrases import forecast_sentence
from ntm_tracker.render import choose

HISTORY_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "({number}) {name} [{unit}]: target {target}",
        "year": "Year",
        "value": "Value",
        "estimate": "Estimate",
        "total": "Total",
        "expected": "Expected",
        "gap": "Gap to path",
        "status": "Status",
        "note": "Note",
        "baseline": "{year} (baseline)",
        "missing": (
            "No baseline: nothing is recorded for {year}, so no path can be drawn; "
            "record it with `ntm record {year} {id} VALUE`."
        ),
    },
    "vi": {
        "title": "({number}) {name} [{unit}]: mục tiêu {target}",
        "year": "Năm",
        "value": "Số liệu",
        "estimate": "Ước TH",
        "total": "Lũy kế",
        "expected": "Lộ trình",
        "gap": "Chênh lệch lộ trình",
        "status": "Đánh giá",
        "note": "Ghi chú",
        "baseline": "{year} (gốc)",
        "missing": (
            "Thiếu số liệu gốc: chưa có số liệu năm {year} nên chưa xác định được lộ trình; "
            "nhập bằng `ntm record {year} {id} VALUE`."
        ),
    },
}

HISTORY_FORMATS = ("table", "json", "csv")
CSV_COLUMNS = (
    "year", "value", "estimate", "expected", "gap", "cumulative", "progress", "status",
    "reason", "note",
)  # fmt: skip


def _h(lang: str, key: str, **kw: object) -> str:
    return HISTORY_WORDS[lang][key].format(**kw)


def history_table(history: History, lang: str) -> str:
    from tabulate import tabulate

    fmt = Formatter(lang)
    ind, plan = history.indicator, history.plan
    cumulative = ind.kind is Kind.CUMULATIVE
    keys = ["year", "value", "estimate", *(["total"] if cumulative else []), "expected", "gap"]
    headers = [_h(lang, k) for k in (*keys, "status", "note")]
    rows = []
    for hy in history.years:
        r = hy.result
        year = _h(lang, "baseline", year=hy.year) if hy.year == plan.baseline_year else str(hy.year)
        cells = [year, fmt.value(ind, hy.value), fmt.word("yes") if hy.estimate else ""]
        if cumulative:
            cells.append(fmt.value(ind, r.cumulative))
        cells += [fmt.computed(ind, r.expected), fmt.signed(ind, r.gap)]
        cells += [fmt.status_text(ind, r), hy.entry.note or "" if hy.entry is not None else ""]
        rows.append(cells)
    align = ["left", "right", "left", *(["right"] if cumulative else []), "right", "right"]
    title = _h(
        lang,
        "title",
        number=ind.number,
        name=ind.name.get(lang),
        unit=fmt.unit(ind),
        target=fmt.target_long(ind),
    )
    table = tabulate(
        rows,
        headers=headers,
        tablefmt="simple",
        colalign=[*align, "left", "left"],
        disable_numparse=True,
    )
    out = [title, "", str(table), ""]
    if history.baseline_missing:
        out.append(_h(lang, "missing", year=plan.baseline_year, id=ind.id))
    out.append(forecast_sentence(fmt, ind, history.forecast))
    return "\n".join(out) + "\n"


def history_json(history: History, lang: str) -> str:
    from ntm_tracker.render.data import json_text

    return json_text(history_to_dict(history))


def history_csv(history: History, lang: str) -> str:
    from ntm_tracker.render.data import csv_text

    years = history_to_dict(history)["years"]
    return csv_text(CSV_COLUMNS, ([year[k] for k in CSV_COLUMNS] for year in years))


HISTORY_RENDERERS: dict[str, Callable[[History, str], str]] = {
    "table": history_table,
    "json": history_json,
    "csv": history_csv,
}


def render_history(history: History, fmt: str, lang: str) -> str:
    return choose(fmt, HISTORY_RENDERERS)(history, lang)


def render_explanation(explanation: Explanation) -> str:
    return "\n".join([explanation.title, "", *explanation.lines]) + "\n"

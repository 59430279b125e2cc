"""Every word table has the same keys and placeholders in English and Vietnamese.

A key missing in one language would end a command in a KeyError; a placeholder
missing in one would drop a figure from that language's sentence.
"""

from __future__ import annotations

import string

import pytest

from ntm_tracker import explain, i18n, phrases, summary
from ntm_tracker.render import chart, reports

TABLES = {
    "i18n.WORDS": i18n.WORDS,
    "i18n.STATUS_LABELS": i18n.STATUS_LABELS,
    "i18n.FIELD_LABELS": i18n.FIELD_LABELS,
    "i18n.COMPARATOR_WORDS": i18n.COMPARATOR_WORDS,
    "i18n.KIND_WORDS": i18n.KIND_WORDS,
    "phrases.PHRASES": phrases.PHRASES,
    "summary.SENTENCES": summary.SENTENCES,
    "explain.WORDS": explain.WORDS,
    "render.chart.CHART_WORDS": chart.CHART_WORDS,
    "render.reports.HISTORY_WORDS": reports.HISTORY_WORDS,
}


# English needs no verb where Vietnamese says "đạt"/"là": "in 2026: 80 million VND"
ONE_LANGUAGE_ONLY = {("summary.SENTENCES", "subject"): {"verb"}}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_same_keys_and_placeholders_in_both_languages(name: str) -> None:
    table = TABLES[name]
    assert set(table) == {"en", "vi"}
    en, vi = table["en"], table["vi"]
    assert set(en) == set(vi), f"{name}: keys differ: {set(en) ^ set(vi)}"
    for key in en:
        allowed = ONE_LANGUAGE_ONLY.get((name, key), set())
        difference = fields(str(en[key])) ^ fields(str(vi[key]))
        assert difference <= allowed, f"{name}[{key!r}]: {difference}"

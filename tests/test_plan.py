"""The shipped plan file is valid and faithful to the seed text of the resolution."""

from __future__ import annotations

import re

import pytest

from ntm_tracker.model import Comparator, Kind, Plan
from ntm_tracker.store import Store, validate_plan
from ntm_tracker.yamlio import load_yaml
from tests.conftest import DEMO, PLAN, SEED

WORDS = {"trên": Comparator.ABOVE, "dưới": Comparator.BELOW, "đạt": Comparator.AT_LEAST}


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def plan() -> Plan:
    return validate_plan(load_yaml(PLAN), PLAN)


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not found at {SEED}")
    return squash(SEED.read_text(encoding="utf-8"))


def section_two_items(seed: str) -> dict[str, str]:
    section = seed.split("II. CÁC CHỈ TIÊU CHỦ YẾU", 1)[1].split("III. NHIỆM VỤ", 1)[0]
    parts = re.split(r"\((\d+)\)", section)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def seed_targets(item: str) -> list[tuple[Comparator, float]]:
    """Every 'comparator number' pair in one item of section II, in order."""
    found = []
    pattern = r"(đạt trên|đạt từ|đạt|dưới|trên|từ) (\d+(?:,\d+)?) ?(%|tỷ|triệu)"
    for words, number, _unit in re.findall(pattern, item):
        if words in ("đạt từ", "từ"):
            comparator = Comparator.AT_LEAST  # "từ ... trở lên"
        elif words in ("đạt trên", "trên"):
            comparator = Comparator.ABOVE
        else:
            comparator = WORDS[words]
        found.append((comparator, float(number.replace(",", "."))))
    return found


def test_every_section_two_target_is_in_the_plan(plan: Plan, seed: str) -> None:
    items = section_two_items(seed)
    assert sorted(items, key=int) == [str(n) for n in range(1, 12)]
    for number, text in items.items():
        in_plan = [
            (i.comparator, float(i.target))
            for i in plan.indicators
            if re.fullmatch(rf"{number}[a-z]?", i.number) and i.kind is not Kind.MAINTAINED
        ]
        assert in_plan == seed_targets(text), f"indicator ({number}): {text}"


def test_the_eleven_headline_numbers(plan: Plan) -> None:
    by_id = plan.by_id()
    expected = {
        "revenue": (Comparator.AT_LEAST, 405),
        "investment_growth": (Comparator.ABOVE, 10),
        "income": (Comparator.AT_LEAST, 120),
        "poverty": (Comparator.BELOW, 1.0),
        "schools": (Comparator.AT_LEAST, 100),
        "health_insurance": (Comparator.AT_LEAST, 96.5),
        "e_health": (Comparator.AT_LEAST, 80),
        "cultural_families": (Comparator.AT_LEAST, 91),
        "cultural_villages": (Comparator.AT_LEAST, 100),
        "clean_water": (Comparator.AT_LEAST, 100),
        "waste_collection": (Comparator.AT_LEAST, 98),
        "party_rating": (Comparator.ABOVE, 90),
        "party_admission": (Comparator.AT_LEAST, 3),
        "military_quota": (Comparator.AT_LEAST, 100),
    }
    for ind_id, (comparator, target) in expected.items():
        assert (by_id[ind_id].comparator, by_id[ind_id].target) == (comparator, target), ind_id
    assert by_id["ntm_criteria"].kind is Kind.MAINTAINED
    assert by_id["health_station"].kind is Kind.MAINTAINED


def test_ids_and_numbers_users_type(plan: Plan) -> None:
    numbers = {i.id: i.number for i in plan.indicators}
    assert numbers == {
        "revenue": "1", "investment_growth": "2", "income": "3", "poverty": "4",
        "schools": "5", "health_insurance": "6a", "e_health": "6b",
        "cultural_families": "7a", "cultural_villages": "7b", "clean_water": "8",
        "waste_collection": "9", "ntm_criteria": "10", "party_rating": "11a",
        "party_admission": "11b", "health_station": "S1", "universal_education": "S2",
        "military_quota": "S3",
    }  # fmt: skip


def test_kinds_and_trajectories(plan: Plan) -> None:
    by_id = plan.by_id()
    assert by_id["revenue"].kind is Kind.CUMULATIVE
    assert by_id["revenue"].period is not None
    assert (by_id["revenue"].period.start, by_id["revenue"].period.end) == (2026, 2030)
    assert by_id["income"].trajectory.value == "compound"
    assert by_id["poverty"].trajectory.value == "linear"
    for ind_id in ("investment_growth", "party_rating", "party_admission", "military_quota"):
        assert by_id[ind_id].kind is Kind.ANNUAL


def test_sources_quote_the_seed(plan: Plan, seed: str) -> None:
    """Every indicator's quoted source words stand in the seed text."""
    for ind in plan.indicators:
        for quote in re.findall(r'"([^"]+)"', ind.source) or [ind.source]:
            for piece in quote.split("..."):
                piece = squash(piece).strip(" .:")
                piece = re.sub(r"^(\(\d+\)|III\.\d|Section III\.\d:)\s*", "", piece).strip(" .:")
                if len(piece) > 10:
                    assert piece in seed, f"{ind.id}: {piece!r}"


# Names the seed gives inside a sentence rather than as one phrase: every word is the
# seed's, but "Tỷ lệ" is added or a number is dropped from between them.
REPHRASED = {"cultural_villages", "party_rating", "party_admission", "military_quota"}


def test_vietnamese_names_are_the_seeds_words(plan: Plan, seed: str) -> None:
    lowered = seed.lower()
    words = set(re.findall(r"\w+", lowered))
    for ind in plan.indicators:
        name = squash(ind.name.vi).lower()
        if ind.id in REPHRASED:
            assert set(re.findall(r"\w+", name)) <= words, ind.id
        else:
            assert name in lowered, ind.id


def test_supplementary_indicators_name_their_section(plan: Plan) -> None:
    supplementary = {i.id: i.section for i in plan.indicators if i.supplementary}
    assert supplementary == {
        "health_station": "III.2",
        "universal_education": "III.2",
        "military_quota": "III.4",
    }


def test_plan_header(plan: Plan) -> None:
    assert plan.commune == "Xuân Trường"
    assert (plan.term.start, plan.term.end, plan.baseline_year) == (2025, 2030, 2025)
    assert plan.language == "en"
    assert plan.title.vi.startswith("Chương trình hành động")


def test_demo_plan_is_the_shipped_plan() -> None:
    assert (DEMO / "targets.yaml").read_bytes() == PLAN.read_bytes()


def test_demo_is_labelled_illustrative_and_shows_every_status() -> None:
    from ntm_tracker.report import build_status_report
    from ntm_tracker.status import Status

    for path in sorted((DEMO / "actuals").glob("*.yaml")):
        assert "Illustrative, not official figures" in path.read_text(encoding="utf-8")
    store = Store(DEMO)
    plan = store.load_plan()
    report = build_status_report(plan, store.load_actuals(plan), 2027)
    assert all(n > 0 for n in report.counts().values()), report.counts()
    assert set(report.counts()) == set(Status)


def test_shipped_actuals_folder_is_empty() -> None:
    assert [p.name for p in (PLAN.parent / "actuals").iterdir()] == [".gitkeep"]

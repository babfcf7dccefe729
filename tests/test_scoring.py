"""scoring.py against the shared table (`scoring_cases.json`, also run through scoring.js in
Chromium by test_working_tools_browser.py), and against exact arithmetic."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.read.models import Worksheet
from playbook_gen.worksheets.scoring import (
    Rubric,
    answers_for_band,
    band_for,
    format_score,
    rubric_of,
    score_answers,
)

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "scoring_cases.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_shared_table(case: dict[str, Any]) -> None:
    rubric = Rubric.from_data(case["rubric"])
    result = score_answers(rubric, case["answers"])
    expected = case["expected"]
    keys = ("worksheet", "score", "band", "sections", "knockouts")
    assert result.to_data() == {k: expected[k] for k in keys}
    assert result.weakest == expected["weakest"]
    assert format_score(result.score) == expected["display"]["score"]
    assert {k: format_score(v) for k, v in result.sections.items()} == expected["display"][
        "sections"
    ]


def test_table_covers_what_the_contract_names() -> None:
    """Uneven scales, weights, partial answers, nothing answered, band edges, 100."""
    scales = {(c["rubric"]["scale"]["min"], c["rubric"]["scale"]["max"]) for c in CASES}
    assert {(2, 7), (0, 3), (1, 5)} <= scales
    assert any(not c["answers"] for c in CASES)
    assert any(None in c["expected"]["sections"].values() and c["answers"] for c in CASES)
    assert {40.0, 75.0, 100.0} <= {c["expected"]["score"] for c in CASES}
    fired = [c["expected"]["knockouts"] for c in CASES if c["expected"]["knockouts"]]
    assert fired and any(len(ids) > 1 for ids in fired)


def test_rubric_round_trips_through_its_plain_form() -> None:
    rubric = Rubric.from_data(CASES[3]["rubric"])
    assert Rubric.from_data(rubric.to_data()) == rubric


def test_rubric_of_a_worksheet_keeps_order_weights_and_bands() -> None:
    sheet = Worksheet.model_validate(
        {
            "id": "w",
            "title": "W",
            "scale": {"min": 0, "max": 3},
            "sections": [
                {"id": "b", "title": "B", "questions": [{"id": "q2", "text": "?", "weight": 2}]},
                {
                    "id": "a",
                    "title": "A",
                    "questions": [{"id": "q1", "text": "?", "knockout": True}],
                },
            ],
            "bands": [{"min": 0, "max": 100, "label": "All"}],
        }
    )
    assert rubric_of(sheet).to_data() == {
        "id": "w",
        "scale": {"min": 0, "max": 3},
        "sections": [
            {"id": "b", "questions": [{"id": "q2", "weight": 2.0, "knockout": False}]},
            {"id": "a", "questions": [{"id": "q1", "weight": 1.0, "knockout": True}]},
        ],
        "bands": [{"min": 0.0, "max": 100.0, "label": "All"}],
        "band_after": 1,
    }


# Hand-computed: scale 1–5; access = economic-buyer (weight 2, knockout), champion
# (knockout); plan = next-step, budget; bands 0–40 low, 40–75 mid, 75–100 high.
KNOCKOUT_RUBRIC = Rubric.from_data(
    {
        "id": "review",
        "scale": {"min": 1, "max": 5},
        "sections": [
            {
                "id": "access",
                "questions": [
                    {"id": "economic-buyer", "weight": 2, "knockout": True},
                    {"id": "champion", "weight": 1, "knockout": True},
                ],
            },
            {"id": "plan", "questions": [{"id": "next-step"}, {"id": "budget"}]},
        ],
        "bands": [
            {"min": 0, "max": 40, "label": "low"},
            {"min": 40, "max": 75, "label": "mid"},
            {"min": 75, "max": 100, "label": "high"},
        ],
    }
)


def test_a_knockout_at_the_min_forces_the_lowest_band_and_keeps_the_score() -> None:
    # no economic buyer, all else perfect: (0 + 4 + 4 + 4) / (8 + 4 + 4 + 4) = 60 %
    result = score_answers(
        KNOCKOUT_RUBRIC, {"economic-buyer": 1, "champion": 5, "next-step": 5, "budget": 5}
    )
    assert result.score == 60.0
    assert result.band is not None and result.band.label == "low"
    assert result.knockouts == ["economic-buyer"]
    assert result.to_data()["knockouts"] == ["economic-buyer"]


def test_knockouts_are_listed_in_worksheet_order() -> None:
    result = score_answers(KNOCKOUT_RUBRIC, {"champion": 1, "economic-buyer": 1})
    assert result.knockouts == ["economic-buyer", "champion"]
    assert result.score == 0.0


def test_a_knockout_above_the_min_or_unanswered_does_not_fire() -> None:
    # economic buyer 2: (2·1 + 4 + 4 + 4) / 20 = 70 % → mid
    result = score_answers(
        KNOCKOUT_RUBRIC, {"economic-buyer": 2, "champion": 5, "next-step": 5, "budget": 5}
    )
    assert (result.score, result.knockouts) == (70.0, [])
    assert result.band is not None and result.band.label == "mid"
    # plain questions at the min are no knockouts: (0 + 0) / (4 + 4) = 0 % → low by score
    result = score_answers(KNOCKOUT_RUBRIC, {"next-step": 1, "budget": 1})
    assert (result.score, result.knockouts) == (0.0, [])
    assert result.to_data()["knockouts"] == []


def test_the_band_shows_once_half_the_questions_are_answered() -> None:
    assert answers_for_band(KNOCKOUT_RUBRIC) == 2  # 4 questions
    odd = Rubric.from_data(
        {
            **KNOCKOUT_RUBRIC.to_data(),
            "sections": [{"id": "s", "questions": [{"id": f"q{i}"} for i in range(5)]}],
        }
    )
    assert answers_for_band(odd) == 3  # 5 questions: half, rounded up
    assert KNOCKOUT_RUBRIC.to_data()["band_after"] == 2


def test_no_band_for_no_score() -> None:
    assert band_for(Rubric.from_data(CASES[0]["rubric"]).bands, None) is None
    assert format_score(None) == "—"


weights = st.sampled_from([0.1, 0.25, 0.5, 1, 1.5, 2, 3, 0.7])


@st.composite
def scored(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int]]:
    low = draw(st.integers(-3, 3))
    high = low + draw(st.integers(1, 8))
    sections = [
        {
            "id": f"s{i}",
            "questions": [
                {"id": f"q{i}-{j}", "weight": draw(weights)} for j in range(draw(st.integers(1, 4)))
            ],
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    answers = {
        q["id"]: draw(st.integers(low, high))
        for s in sections
        for q in s["questions"]
        if draw(st.booleans())
    }
    bands = [
        {"min": 0, "max": 50, "label": "low"},
        {"min": 50, "max": 100, "label": "high"},
    ]
    data = {"id": "w", "scale": {"min": low, "max": high}, "sections": sections, "bands": bands}
    return data, answers


@settings(max_examples=300, deadline=None)
@given(scored())
def test_matches_the_contract_formula_in_exact_arithmetic(
    case: tuple[dict[str, Any], dict[str, int]],
) -> None:
    data, answers = case
    result = score_answers(Rubric.from_data(data), answers)
    low, high = data["scale"]["min"], data["scale"]["max"]
    answered = [q for s in data["sections"] for q in s["questions"] if q["id"] in answers]
    if not answered:
        assert result.score is None and result.band is None
        return
    exact = (
        100
        * sum(Fraction(str(q["weight"])) * (answers[q["id"]] - low) for q in answered)
        / sum(Fraction(str(q["weight"])) * (high - low) for q in answered)
    )
    assert result.score is not None
    assert abs(Fraction(result.score) - exact) < Fraction(1, 10**9)
    assert result.band is not None
    assert result.band.label == ("low" if exact < 50 else "high")
    shown = Fraction(format_score(result.score))
    assert shown <= exact < shown + Fraction(1, 10)


def _exact_percent(
    scale: dict[str, int], questions: list[dict[str, Any]], answers: dict[str, int]
) -> Fraction | None:
    """The contract's formula in exact arithmetic, weights read as the decimals written."""
    answered = [q for q in questions if q["id"] in answers]
    if not answered:
        return None
    low, high = scale["min"], scale["max"]
    gained = sum(Fraction(str(q.get("weight", 1))) * (answers[q["id"]] - low) for q in answered)
    possible = sum(Fraction(str(q.get("weight", 1))) * (high - low) for q in answered)
    return 100 * gained / possible


def _cut(score: Fraction | None) -> str:
    if score is None:
        return "—"
    tenths = math.floor(score * 10)
    return f"{tenths // 10}.{tenths % 10}"


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_table_agrees_with_the_contract_in_exact_arithmetic(case: dict[str, Any]) -> None:
    """The table is written by scoring.py itself (make_scoring_cases.py), so it is checked
    here against the contract worked out independently: score, band (`min ≤ s < max`, 100
    in the band up to 100, the band from 0 when a knockout fires), the one-decimal cut
    shown, and the weakest sections (lowest below 100, ties in worksheet order)."""
    data, answers, expected = case["rubric"], case["answers"], case["expected"]
    every = [q for s in data["sections"] for q in s["questions"]]
    exact = {
        s["id"]: _exact_percent(data["scale"], s["questions"], answers) for s in data["sections"]
    }
    total = _exact_percent(data["scale"], every, answers)
    for got, want in [(expected["score"], total)] + [
        (expected["sections"][ident], value) for ident, value in exact.items()
    ]:
        assert (got is None) == (want is None)
        assert got is None or want is None or abs(Fraction(got) - want) < Fraction(1, 10**9)

    fired = [
        q["id"] for q in every if q.get("knockout") and answers.get(q["id"]) == data["scale"]["min"]
    ]
    assert expected.get("knockouts", []) == fired
    bands = data["bands"]
    if total is None:
        band = None
    elif fired:
        band = next(b["label"] for b in bands if b["min"] == 0)
    else:
        band = next(
            b["label"] for b in bands if b["min"] <= total < b["max"] or total == b["max"] == 100
        )
    assert expected["band"] == band

    assert expected["display"]["score"] == _cut(total)
    assert expected["display"]["sections"] == {ident: _cut(v) for ident, v in exact.items()}
    ranked = sorted(
        (value, order, ident)
        for order, (ident, value) in enumerate(exact.items())
        if value is not None and value < 100
    )
    assert expected["weakest"] == [ident for _, _, ident in ranked[:2]]

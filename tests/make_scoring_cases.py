"""Regenerates `tests/scoring_cases.json`, the one table of scoring cases that both
`playbook_gen/worksheets/scoring.py` (test_scoring.py) and `assets/scoring.js` (in Chromium) must
reproduce exactly. Cases are written here; the expected floats are what worksheet-order
IEEE arithmetic gives, each checked against exact fractions before it is written.

    python tests/make_scoring_cases.py > tests/scoring_cases.json
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from playbook_gen.worksheets.scoring import Rubric, format_score, score_answers

THREE_BANDS = [
    {"min": 0, "max": 40, "label": "At risk"},
    {"min": 40, "max": 75, "label": "Needs work"},
    {"min": 75, "max": 100, "label": "Healthy"},
]
TWO_BANDS = [{"min": 0, "max": 50, "label": "Low"}, {"min": 50, "max": 100, "label": "High"}]
EDGE_BANDS = [
    {"min": 0, "max": 40, "label": "Low"},
    {"min": 40, "max": 75, "label": "Mid"},
    {"min": 75, "max": 100, "label": "Top"},
]


def rubric(
    ident: str,
    low: int,
    high: int,
    sections: list[tuple[str, list[tuple[str, float]]]],
    bands: list[dict[str, Any]] = THREE_BANDS,
    knockouts: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "id": ident,
        "scale": {"min": low, "max": high},
        "sections": [
            {
                "id": sid,
                "questions": [
                    {"id": q, "weight": w, "knockout": q in knockouts} for q, w in questions
                ],
            }
            for sid, questions in sections
        ],
        "bands": bands,
    }


DEAL = rubric(
    "deal-health",
    1,
    5,
    [
        ("pain", [("cost-agreed", 2), ("success-criteria", 1.5)]),
        ("access", [("economic-buyer-met", 1), ("next-step-dated", 0.5)]),
    ],
)
UNEVEN = rubric(
    "uneven-2-7",
    2,
    7,
    [("a", [("a1", 1), ("a2", 3)]), ("b", [("b1", 0.5), ("b2", 0.25), ("b3", 2)])],
)
ZERO3 = rubric(
    "zero-to-three",
    0,
    3,
    [
        ("s1", [("q1", 1), ("q2", 1), ("q3", 1)]),
        ("s2", [("q4", 1)]),
        ("s3", [("q5", 1), ("q6", 1)]),
    ],
    TWO_BANDS,
)
TENTHS = rubric(
    "tenth-weights",
    1,
    4,
    [("x", [("x1", 0.1), ("x2", 0.2), ("x3", 0.7)]), ("y", [("y1", 0.3), ("y2", 0.6)])],
)
EDGES = rubric("band-edges", 0, 10000, [("only", [("q", 1)])], EDGE_BANDS)
FINE = rubric("fine-scale", 0, 400, [("s", [("q", 1)])], TWO_BANDS)
NOISE = rubric("float-noise", 0, 3, [("n", [("n1", 0.1), ("n2", 0.1), ("n3", 0.2)])])
NOISE2 = rubric("float-noise-2", 0, 3, [("n", [("n1", 0.1), ("n2", 0.1), ("n3", 0.3)])])

REVIEW = rubric(
    "deal-review",
    1,
    5,
    [
        ("access", [("economic-buyer", 2), ("champion", 1)]),
        ("plan", [("next-step", 1), ("budget", 1)]),
    ],
    knockouts=("economic-buyer", "champion"),
)
REVERSED_BANDS = rubric(
    "knockout-reversed-bands",
    -2,
    2,
    [("s", [("k", 1), ("q", 3)])],
    list(reversed(EDGE_BANDS)),
    knockouts=("k",),
)

ALL_DEAL = ("cost-agreed", "success-criteria", "economic-buyer-met", "next-step-dated")

CASES: list[tuple[str, dict[str, Any], dict[str, int]]] = [
    ("nothing answered: no score, no band", DEAL, {}),
    ("all lowest", DEAL, dict.fromkeys(ALL_DEAL, 1)),
    ("all highest: 100 falls in the band whose max is 100", DEAL, dict.fromkeys(ALL_DEAL, 5)),
    (
        "weights, all answered",
        DEAL,
        {"cost-agreed": 4, "success-criteria": 2, "economic-buyer-met": 3, "next-step-dated": 5},
    ),
    ("weights, one section unanswered", DEAL, {"cost-agreed": 3, "success-criteria": 4}),
    ("weights, partial in both sections", DEAL, {"success-criteria": 5, "next-step-dated": 2}),
    ("uneven scale 2-7, all answered", UNEVEN, {"a1": 2, "a2": 7, "b1": 4, "b2": 6, "b3": 3}),
    ("uneven scale 2-7, partial", UNEVEN, {"a2": 5, "b2": 7}),
    ("scale 0-3, all answered", ZERO3, {"q1": 0, "q2": 1, "q3": 2, "q4": 3, "q5": 1, "q6": 1}),
    (
        "scale 0-3, ties among weakest keep worksheet order",
        ZERO3,
        dict.fromkeys(("q1", "q4", "q5", "q6"), 1),
    ),
    ("scale 0-3, one answer of 0", ZERO3, {"q4": 0}),
    (
        "tenth weights: sums in worksheet order",
        TENTHS,
        {"x1": 2, "x2": 3, "x3": 4, "y1": 1, "y2": 3},
    ),
    ("tenth weights, partial", TENTHS, {"x1": 4, "x3": 2, "y2": 2}),
    ("band edge: 0 is in the first band", EDGES, {"q": 0}),
    ("band edge: 39.99 stays below 40", EDGES, {"q": 3999}),
    ("band edge: exactly 40 opens the next band", EDGES, {"q": 4000}),
    ("band edge: 74.99 stays in the middle band", EDGES, {"q": 7499}),
    ("band edge: exactly 75 opens the top band", EDGES, {"q": 7500}),
    ("band edge: 99.99 is in the top band", EDGES, {"q": 9999}),
    ("band edge: 100 falls in the band whose max is 100", EDGES, {"q": 10000}),
    ("display: 12.25 shows 12.2 (cut, not rounded)", FINE, {"q": 49}),
    ("display: 0.25 shows 0.2", FINE, {"q": 1}),
    ("display: 99.75 shows 99.7, never 100.0 below full marks", FINE, {"q": 399}),
    (
        "float noise: 74.99999999999999 is 75, shown 75.0, in the band from 75",
        NOISE,
        {"n1": 2, "n2": 3, "n3": 2},
    ),
    ("float noise: 59.99999999999999 is 60, shown 60.0", NOISE2, {"n1": 0, "n2": 0, "n3": 3}),
    (
        "knockout at the scale's min: 60 would be the middle band, the lowest band it is",
        REVIEW,
        {"economic-buyer": 1, "champion": 5, "next-step": 5, "budget": 5},
    ),
    (
        "two knockouts fire: listed in worksheet order, not in answer order",
        REVIEW,
        {"budget": 5, "champion": 1, "next-step": 5, "economic-buyer": 1},
    ),
    (
        "knockout one above the min does not fire",
        REVIEW,
        {"economic-buyer": 2, "champion": 5, "next-step": 5, "budget": 5},
    ),
    (
        "knockout unanswered does not fire; other questions at the min are no knockouts",
        REVIEW,
        {"next-step": 1, "budget": 1},
    ),
    (
        "knockout on a negative scale; the lowest band is the one from 0, not the first listed",
        REVERSED_BANDS,
        {"k": -2, "q": 2},
    ),
]


def exact_percent(
    data: dict[str, Any], questions: list[dict[str, Any]], answers: dict[str, int]
) -> Fraction | None:
    """The contract formula in exact arithmetic (weights read as the decimals written)."""
    low, high = data["scale"]["min"], data["scale"]["max"]
    answered = [q for q in questions if q["id"] in answers]
    if not answered:
        return None
    gained = sum(Fraction(str(q["weight"])) * (answers[q["id"]] - low) for q in answered)
    possible = sum(Fraction(str(q["weight"])) * (high - low) for q in answered)
    return 100 * gained / possible


def make_case(name: str, data: dict[str, Any], answers: dict[str, int]) -> dict[str, Any]:
    result = score_answers(Rubric.from_data(data), answers)
    every = [q for s in data["sections"] for q in s["questions"]]
    checks = [(result.score, exact_percent(data, every, answers))] + [
        (result.sections[s["id"]], exact_percent(data, s["questions"], answers))
        for s in data["sections"]
    ]
    for got, want in checks:
        assert (got is None) == (want is None), name
        assert got is None or want is None or abs(Fraction(got) - want) < Fraction(1, 10**9), name
    fired = [
        q["id"] for q in every if q["knockout"] and answers.get(q["id"]) == data["scale"]["min"]
    ]
    assert result.knockouts == fired, name
    assert not fired or (result.band is not None and result.band.min == 0), name
    return {
        "name": name,
        "rubric": data,
        "answers": answers,
        "expected": {
            **result.to_data(),
            "weakest": result.weakest,
            "display": {
                "score": format_score(result.score),
                "sections": {k: format_score(v) for k, v in result.sections.items()},
            },
        },
    }


if __name__ == "__main__":
    print(json.dumps([make_case(*case) for case in CASES], ensure_ascii=False, indent=1))

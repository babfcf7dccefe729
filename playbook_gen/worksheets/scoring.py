"""Worksheet arithmetic, defined once: the CLI uses it and `assets/scoring.js` is its twin.

Both sides take the same plain *rubric* (what `Rubric.to_data()` returns, embedded as JSON
in each worksheet page) and must give the same float to the last bit, so every sum is an
explicit left-to-right loop in worksheet order (no `math.fsum`, no `sum()`, whose float
algorithm changed in Python 3.12) and every formula is written in the same order in
both files. `tests/scoring_cases.json` holds the cases both are tested against.

Rounding: scores are never rounded in data (the CLI's JSON carries the float as computed).
Float sums can land a hair under a round number (weights 0.1, 0.1, 0.2 give
74.99999999999999 for a true 75), so comparisons and display first add `EPSILON`
(1e-9 points, far below any real difference): bands compare `score + EPSILON`, and
`format_score` shows one decimal *cut*, not rounded, of `score + EPSILON`, so a shown
score never reaches a band bound (40.0, 100.0) that the score has not.

Knockouts: a knockout question answered with the scale's `min` forces the lowest band
(the one whose `min` is 0) whatever the score; the score itself is unchanged, and the
result lists the knockouts that fired in worksheet order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from playbook_gen.read.models import Worksheet

EPSILON = 1e-9
"""Float noise absorbed before comparing a score with a bound or cutting it for display."""

WEAKEST_COUNT = 2
"""How many of the lowest-scoring sections a filled-in worksheet points out."""


@dataclass(frozen=True)
class RubricQuestion:
    id: str
    weight: float
    knockout: bool = False


@dataclass(frozen=True)
class RubricSection:
    id: str
    questions: tuple[RubricQuestion, ...]


@dataclass(frozen=True)
class RubricBand:
    min: float
    max: float
    label: str


@dataclass(frozen=True)
class Rubric:
    """Only what scoring needs from a worksheet: scale, weights, sections, bands."""

    id: str
    scale_min: int
    scale_max: int
    sections: tuple[RubricSection, ...]
    bands: tuple[RubricBand, ...]

    def question_ids(self) -> list[str]:
        return [q.id for section in self.sections for q in section.questions]

    def to_data(self) -> dict[str, Any]:
        """The plain form shared with the page script (and the test table)."""
        return {
            "id": self.id,
            "scale": {"min": self.scale_min, "max": self.scale_max},
            "sections": [
                {
                    "id": section.id,
                    "questions": [
                        {"id": q.id, "weight": q.weight, "knockout": q.knockout}
                        for q in section.questions
                    ],
                }
                for section in self.sections
            ],
            "bands": [{"min": b.min, "max": b.max, "label": b.label} for b in self.bands],
            "band_after": answers_for_band(self),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Rubric:
        """Inverse of `to_data`; weights and band bounds become floats as in JavaScript."""
        return cls(
            id=str(data["id"]),
            scale_min=int(data["scale"]["min"]),
            scale_max=int(data["scale"]["max"]),
            sections=tuple(
                RubricSection(
                    str(s["id"]),
                    tuple(
                        RubricQuestion(
                            str(q["id"]), float(q.get("weight", 1)), bool(q.get("knockout", False))
                        )
                        for q in s["questions"]
                    ),
                )
                for s in data["sections"]
            ),
            bands=tuple(
                RubricBand(float(b["min"]), float(b["max"]), str(b["label"])) for b in data["bands"]
            ),
        )


def rubric_of(worksheet: Worksheet) -> Rubric:
    """The rubric of a validated worksheet."""
    return Rubric(
        id=worksheet.id,
        scale_min=worksheet.scale.min,
        scale_max=worksheet.scale.max,
        sections=tuple(
            RubricSection(
                section.id,
                tuple(RubricQuestion(q.id, float(q.weight), q.knockout) for q in section.questions),
            )
            for section in worksheet.sections
        ),
        bands=tuple(RubricBand(float(b.min), float(b.max), b.label) for b in worksheet.bands),
    )


Answers = Mapping[str, int]
"""Question id → chosen scale value; questions left out are unanswered."""


def _ratio(
    questions: list[RubricQuestion], rubric: Rubric, answers: Answers
) -> tuple[float, float]:
    """(Σ weight·(answer − min), Σ weight·(max − min)) over the answered questions, in order."""
    gained = 0.0
    possible = 0.0
    for question in questions:
        if question.id in answers:
            gained += question.weight * (answers[question.id] - rubric.scale_min)
            possible += question.weight * (rubric.scale_max - rubric.scale_min)
    return gained, possible


def _percent(gained: float, possible: float) -> float | None:
    return None if possible == 0 else 100 * gained / possible


def section_score(rubric: Rubric, section: RubricSection, answers: Answers) -> float | None:
    """A section's score in percent, or None when none of its questions is answered."""
    return _percent(*_ratio(list(section.questions), rubric, answers))


def total_score(rubric: Rubric, answers: Answers) -> float | None:
    """The worksheet's score in percent over every answered question, or None."""
    questions = [q for section in rubric.sections for q in section.questions]
    return _percent(*_ratio(questions, rubric, answers))


def band_for(bands: tuple[RubricBand, ...], score: float | None) -> RubricBand | None:
    """The band with `min ≤ score < max`; 100 falls in the band whose max is 100."""
    if score is None:
        return None
    snapped = score + EPSILON
    for band in bands:
        if band.min <= snapped < band.max or (snapped >= 100 and band.max == 100):
            return band
    return None


def fired_knockouts(rubric: Rubric, answers: Answers) -> list[str]:
    """Ids of the knockout questions answered with the scale's min, in worksheet order."""
    return [
        q.id
        for section in rubric.sections
        for q in section.questions
        if q.knockout and q.id in answers and answers[q.id] == rubric.scale_min
    ]


def lowest_band(bands: tuple[RubricBand, ...]) -> RubricBand | None:
    """The band whose min is 0: where a fired knockout puts the worksheet."""
    return next((band for band in bands if band.min == 0), None)


def answers_for_band(rubric: Rubric) -> int:
    """How many answers the page waits for before it shows a band: half the questions,
    rounded up, so one answer of twelve never reads as a verdict."""
    return (len(rubric.question_ids()) + 1) // 2


def weakest_sections(rubric: Rubric, scores: Mapping[str, float | None]) -> list[str]:
    """Ids of the (at most `WEAKEST_COUNT`) lowest-scoring answered sections below 100,
    lowest first, ties in worksheet order: where the reader should read next."""
    ranked = [
        (score, order, section.id)
        for order, section in enumerate(rubric.sections)
        if (score := scores.get(section.id)) is not None and score + EPSILON < 100
    ]
    ranked.sort()
    return [ident for _, _, ident in ranked[:WEAKEST_COUNT]]


@dataclass(frozen=True)
class Result:
    """A scored worksheet; `to_data()` is the CLI's JSON."""

    worksheet: str
    score: float | None
    band: RubricBand | None
    sections: dict[str, float | None]
    weakest: list[str]
    knockouts: list[str]

    def to_data(self) -> dict[str, Any]:
        return {
            "worksheet": self.worksheet,
            "score": self.score,
            "band": self.band.label if self.band else None,
            "sections": dict(self.sections),
            "knockouts": list(self.knockouts),
        }


def score_answers(rubric: Rubric, answers: Answers) -> Result:
    """Score every section and the whole worksheet, choose the band (the lowest when a
    knockout fired) and the weakest sections."""
    sections = {s.id: section_score(rubric, s, answers) for s in rubric.sections}
    total = total_score(rubric, answers)
    knockouts = fired_knockouts(rubric, answers)
    band = band_for(rubric.bands, total)
    if knockouts:
        band = lowest_band(rubric.bands) or band
    return Result(
        worksheet=rubric.id,
        score=total,
        band=band,
        sections=sections,
        weakest=weakest_sections(rubric, sections),
        knockouts=knockouts,
    )


def format_score(score: float | None) -> str:
    """A score for people: one decimal, cut (`39.99` → `39.9`); `—` when there is none.

    `EPSILON` absorbs float noise (`74.99999999999999` → `75.0`). Done in integers so that
    JavaScript (whose `toFixed` rounds unlike Python's `format`) prints the same text.
    """
    if score is None:
        return "—"
    tenths = math.floor((score + EPSILON) * 10)
    return f"{tenths // 10}.{tenths % 10}"

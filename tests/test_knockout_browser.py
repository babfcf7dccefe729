"""Knockouts, section advice, the answered count and the band's wait, in a real Chromium.

The knockout fixture's `deal-review` (scale 1–5, 7 questions, so the band shows from 4
answers on): access = economic-buyer (weight 2, knockout), champion (knockout); plan =
next-step, budget, timeline; fit = pain, use-case. Bands 0–40 "At risk", 40–75 "Needs
work", 75–100 "Healthy". Expected scores below are worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from browser_support import REPO, build, watched_page

pytestmark = pytest.mark.browser

KNOCKOUT = REPO / "tests" / "fixtures" / "playbooks" / "knockout"
SHEET = '[data-worksheet="deal-review"]'
WAIT = "shown after 4 of 7 answers"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build(KNOCKOUT, tmp_path_factory.mktemp("knockout") / "site")
    with serve(site) as url:
        yield url


@pytest.fixture
def page(chromium: Any, site_url: str) -> Iterator[Any]:
    """The worksheet in a fresh context; the test fails if the page logs any error."""
    with watched_page(chromium) as tab:
        tab.goto(site_url + "diagnostics/deal-review/")
        yield tab


def answer(page: Any, answers: dict[str, int]) -> None:
    for question, value in answers.items():
        page.locator(f'{SHEET} [data-question="{question}"] input[value="{value}"]').check()


def text(page: Any, selector: str) -> str:
    return page.locator(f"{SHEET} {selector}").first.inner_text()


ALL_FIVE = {
    "economic-buyer": 5,
    "champion": 5,
    "next-step": 5,
    "budget": 5,
    "timeline": 5,
    "pain": 5,
    "use-case": 5,
}


def test_the_band_waits_for_half_the_answers_and_the_count_follows(page: Any) -> None:
    assert text(page, "[data-answered]") == "0 / 7"
    assert text(page, "[data-band]") == ""
    answer(page, {"pain": 5})
    assert text(page, "[data-answered]") == "1 / 7"
    assert text(page, '[data-score="total"]') == "100.0"  # the score shows at once
    assert text(page, "[data-band]") == WAIT  # the verdict does not
    assert page.locator(f"{SHEET} [data-band-advice]:visible").count() == 0
    answer(page, {"use-case": 4, "next-step": 5})
    assert (text(page, "[data-answered]"), text(page, "[data-band]")) == ("3 / 7", WAIT)
    answer(page, {"budget": 3})
    # (4 + 3 + 4 + 2) / 16 = 81.25 %
    assert text(page, "[data-answered]") == "4 / 7"
    assert text(page, '[data-score="total"]') == "81.2"
    assert text(page, "[data-band]") == "Healthy"


def test_a_fired_knockout_is_named_and_forces_the_lowest_band(page: Any) -> None:
    answer(page, {**ALL_FIVE, "economic-buyer": 1})
    # (0 + 6·4) / (8·4) = 75 %: "Healthy" by score, "At risk" by the knockout
    assert text(page, '[data-score="total"]') == "75.0"
    assert text(page, "[data-band]") == "At risk"
    fired = page.locator(f'{SHEET} [data-knockout="economic-buyer"]')
    assert fired.is_visible()
    assert "We have met the economic buyer." in fired.inner_text()
    assert "lowest band" in fired.inner_text()
    assert page.locator(f"{SHEET} [data-knockout]").count() == 1
    assert page.locator(f'{SHEET} [data-band-advice="0"]').is_visible()

    answer(page, {"economic-buyer": 2})  # one above the min: no knockout
    # (2 + 24) / 32 = 81.25 %
    assert page.locator(f"{SHEET} [data-knockout]").count() == 0
    assert page.locator(f"{SHEET} [data-knockouts]").is_hidden()
    assert text(page, "[data-band]") == "Healthy"


def test_a_knockout_settles_the_band_before_half_is_answered(page: Any) -> None:
    answer(page, {"champion": 1})
    assert text(page, "[data-answered]") == "1 / 7"
    assert text(page, "[data-band]") == "At risk"
    assert page.locator(f'{SHEET} [data-knockout="champion"]').is_visible()


def test_the_lowest_sections_show_their_advice(page: Any) -> None:
    # access (2·2 + 3) / 12 = 58.3 %, plan (4 + 4 + 1) / 12 = 75 %, fit 100 %
    answer(page, {**ALL_FIVE, "economic-buyer": 3, "champion": 4, "timeline": 2})
    access = page.locator(f'{SHEET} [data-section-advice="access"]')
    assert access.is_visible()
    assert access.locator("strong").inner_text() == "economic buyer"
    assert page.locator(f'{SHEET} [data-section-advice="plan"]').is_visible()  # second lowest
    weakest = page.locator(f"{SHEET} [data-weak-section]:visible")
    assert weakest.evaluate_all("els => els.map(e => e.dataset.weakSection)") == [
        "access",
        "plan",
    ]
    answer(page, {"economic-buyer": 5, "champion": 5, "timeline": 5})  # all 100 %: no advice
    assert page.locator(f"{SHEET} [data-section-advice]:visible").count() == 0


def test_the_worksheet_links_its_stages_and_marks_its_knockouts(page: Any) -> None:
    hrefs = page.locator(".pb-worksheet__stages a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs == ["../../stages/qualify/", "../../stages/propose/"]
    marked = page.locator(f"{SHEET} [data-question] [data-knockout-question]")
    assert marked.evaluate_all(
        "els => els.map(e => e.closest('[data-question]').dataset.question)"
    ) == ["economic-buyer", "champion"]


def test_a_blank_print_shows_no_knockout(page: Any, tmp_path: Path) -> None:
    answer(page, {"economic-buyer": 1})
    page.evaluate("document.documentElement.classList.add('pb-print-blank')")
    page.emulate_media(media="print")
    assert page.locator(f"{SHEET} [data-knockouts]").is_hidden()

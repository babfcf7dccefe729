"""Worksheets and checklists as a person uses them, in a real Chromium: the score in
sight while answering (desktop and phone), the rule in words with its formula behind a
disclosure, printing without empty pages or screen colours, a clear or reset that can be
undone, a visible keyboard focus on every control, and headings in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations
from browser_support import Site, pdf_info, pdf_text, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHEET = "diagnostics/deal-health/"
ALL_ANSWERS = {
    "cost-agreed": 4,
    "success-criteria": 2,
    "economic-buyer-met": 3,
    "next-step-dated": 5,
}


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A desktop-sized page in a fresh context; fails on any page error."""
    with watched_page(chromium, viewport={"width": 1280, "height": 800}) as tab:
        yield tab


def answer(page: Any, answers: dict[str, int]) -> None:
    for question, value in answers.items():
        page.locator(f'[data-question="{question}"] input[value="{value}"]').check()


def in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            """e => { const r = e.getBoundingClientRect();
                return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }""",
        )
    )


# ---------------------------------------------------------------- the score in sight


def test_the_score_stays_in_sight_while_answering_on_a_desktop(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + SHEET)
    answer(page, {"cost-agreed": 4})
    last = page.locator("[data-question]").last
    last.scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(100)
    assert in_viewport(page, "[data-live-summary]")
    total = page.locator('[data-worksheet] [data-score="total"]').first.inner_text()
    assert total and total in page.locator('[data-live="total"]').inner_text()
    assert page.locator('[data-live="answered"]').inner_text() == "1 / 4"
    # Not below the header: nothing covers it.
    top = page.eval_on_selector("[data-live-summary]", "e => e.getBoundingClientRect().top")
    header = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().bottom")
    assert top >= header - 1


def test_the_score_is_a_bar_at_the_bottom_of_a_phone(chromium: Any, northwind: Site) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(northwind.url + SHEET)
    answer(page, {"success-criteria": 5})
    page.locator("[data-question]").nth(1).scroll_into_view_if_needed()
    box = page.locator("[data-live-summary]").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] == pytest.approx(740, abs=1)
    assert box["width"] == pytest.approx(375, abs=1)
    assert "100" in page.locator('[data-live="total"]').inner_text()
    # The bar leaves the last control reachable: the page has room below it.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    button = page.locator('[data-worksheet] [data-action="reset"]').bounding_box()
    assert button is not None and button["y"] + button["height"] <= box["y"] + 1
    context.close()


# ---------------------------------------------------------------- the rule in words


@pytest.mark.parametrize("which", ["northwind", "bundled"])
def test_the_rule_is_told_in_words_and_the_formula_waits_behind_a_disclosure(
    page: Any, request: pytest.FixtureRequest, which: str, tmp_path: Path
) -> None:
    site: Site = request.getfixturevalue(which)
    page.goto(site.url + ("diagnostics/deal-review/" if which == "bundled" else SHEET))
    rule = page.locator("[data-worksheet] .pb-rule")
    shown = rule.inner_text()
    for formula in ("Σ", "≤", "÷"):
        assert formula not in shown
    assert rule.locator("details summary").count() == 1
    rule.locator("details summary").click()
    assert "Σ" in rule.inner_text()
    rule.locator("details summary").click()
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    assert "Σ" not in pdf_text(pdf)


# ---------------------------------------------------------------- printing


def test_a_filled_or_blank_worksheet_prints_without_an_empty_page(
    page: Any, northwind: Site, tmp_path: Path
) -> None:
    page.goto(northwind.url + SHEET)
    answer(page, ALL_ANSWERS)
    page.locator('[data-worksheet] [data-field="name"]').fill("Pat Quinn")
    counts = {}
    for mode in ("filled", "blank"):
        if mode == "blank":
            page.evaluate("document.documentElement.classList.add('pb-print-blank')")
        pdf = tmp_path / f"{mode}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        counts[mode] = pdf_info(pdf).pages
        for number in range(1, counts[mode] + 1):
            assert pdf_text(pdf, number).strip(), f"{mode}: page {number} is empty"
        assert "Scoring rule" in pdf_text(pdf, counts[mode])
    # The advice a filled sheet adds does not push the rule alone onto a second sheet.
    assert counts == {"filled": 1, "blank": 1}


def test_a_blank_print_has_no_screen_colours(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + SHEET)
    # Low answers make a weak section, which the screen colours.
    answer(page, {"cost-agreed": 1, "success-criteria": 1, "economic-buyer-met": 5})
    page.evaluate("document.documentElement.classList.add('pb-print-blank')")
    page.emulate_media(media="print")
    colours = page.eval_on_selector_all(
        "[data-worksheet] .pb-score-slot, [data-worksheet] .pb-score-slot *,"
        " [data-worksheet] .pb-section-score, [data-worksheet] .pb-results",
        """els => els.flatMap(e => {
            const s = getComputedStyle(e), b = getComputedStyle(e, '::before');
            return [s.color, s.backgroundColor, b.content === 'none' ? 'rgb(0, 0, 0)' : b.color];
        })""",
    )
    allowed = {"rgb(0, 0, 0)", "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"}
    assert set(colours) <= allowed, set(colours) - allowed


# ---------------------------------------------------------------- undo


def test_reset_can_be_undone_for_a_few_seconds(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + SHEET)
    answer(page, {"cost-agreed": 3, "next-step-dated": 2})
    page.locator('[data-worksheet] [data-field="name"]').fill("Pat")
    total = page.locator('[data-live="total"]').inner_text()
    page.locator('[data-worksheet] [data-action="reset"]').click()
    assert page.locator("[data-worksheet] input:checked").count() == 0
    undo = page.locator('[data-worksheet] [data-action="undo"]')
    assert undo.is_visible()
    undo.click()
    assert undo.is_hidden()
    assert page.locator('[data-question="cost-agreed"] input[value="3"]').is_checked()
    assert page.locator('[data-live="total"]').inner_text() == total
    page.reload()
    assert page.locator('[data-question="next-step-dated"] input[value="2"]').is_checked()
    assert page.locator('[data-worksheet] [data-field="name"]').input_value() == "Pat"


def test_the_undo_goes_away_after_a_few_seconds_or_at_the_next_answer(
    page: Any, northwind: Site
) -> None:
    page.clock.install()
    page.goto(northwind.url + SHEET)
    answer(page, {"cost-agreed": 3})
    page.locator('[data-worksheet] [data-action="reset"]').click()
    undo = page.locator('[data-worksheet] [data-action="undo"]')
    assert undo.is_visible()
    page.clock.run_for(11_000)
    assert undo.is_hidden()
    page.locator('[data-worksheet] [data-action="reset"]').click()
    answer(page, {"cost-agreed": 2})
    assert undo.is_hidden()


def test_a_checklist_clear_can_be_undone(page: Any, bundled: Site) -> None:
    assert bundled.playbook.process is not None
    stage = bundled.playbook.process.model.stages[0].id
    page.goto(bundled.url + f"checklists/{stage}/")
    scope = f'[data-checklist="{stage}"]'
    boxes = page.locator(f'{scope} input[type="checkbox"]')
    boxes.nth(0).check()
    boxes.nth(3).check()
    page.locator(f"{scope} [data-action=clear]").click()
    assert page.locator(f"{scope} input:checked").count() == 0
    page.locator(f"{scope} [data-action=undo]").click()
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(3).is_checked()
    assert page.locator(f"{scope} input:checked").count() == 2


# ---------------------------------------------------------------- focus and headings


def focus_differs(page: Any, selector: str) -> list[str]:
    """Selectors of controls whose look does not change when the keyboard reaches them."""
    same = []
    controls = page.locator(selector)
    for index in range(controls.count()):
        control = controls.nth(index)
        control.scroll_into_view_if_needed()
        page.evaluate("document.activeElement && document.activeElement.blur()")
        box = control.bounding_box()
        assert box is not None
        clip = {
            "x": box["x"] - 6,
            "y": box["y"] - 6,
            "width": box["width"] + 12,
            "height": box["height"] + 12,
        }
        before = page.screenshot(clip=clip)
        control.focus()
        page.keyboard.press("Shift")  # a key press makes the focus keyboard focus
        after = page.screenshot(clip=clip)
        if before == after:
            same.append(control.evaluate("e => e.outerHTML.slice(0, 80)"))
    return same


@pytest.mark.parametrize(
    ("which", "path", "selector"),
    [
        ("northwind", SHEET, '[data-question="cost-agreed"] input'),
        ("northwind", SHEET, "[data-worksheet] input[data-field]"),
        ("northwind", "checklists/qualify/", "[data-checklist] input >> nth=0"),
        ("northwind", "checklists/qualify/", "[data-checklist] input[data-field] >> nth=0"),
        ("bundled", "onboarding/{path}/", "[data-onboarding] input >> nth=3"),
    ],
)
def test_every_control_shows_a_visible_focus(
    page: Any, request: pytest.FixtureRequest, which: str, path: str, selector: str
) -> None:
    site: Site = request.getfixturevalue(which)
    page.goto(site.url + _with_onboarding_path(site, path))
    assert focus_differs(page, selector) == []
    # The check itself sees a focus that does not show.
    page.add_style_tag(content="* { outline: none !important; box-shadow: none !important; }")
    assert focus_differs(page, selector) != []


def _with_onboarding_path(site: Site, path: str) -> str:
    """`path` with `{path}` replaced by the id of the site's first onboarding path."""
    if "{path}" not in path:
        return path
    assert site.playbook.onboarding is not None
    return path.format(path=site.playbook.onboarding.model.paths[0].id)


def heading_jumps(page: Any) -> list[str]:
    """Places where a visible heading of the article goes more than one level deeper."""
    levels = page.eval_on_selector_all(
        "article h1, article h2, article h3, article h4, article h5, article h6",
        """els => els.filter(e => e.checkVisibility())
                     .map(e => [Number(e.tagName[1]), e.textContent.trim().slice(0, 40)])""",
    )
    jumps = []
    for (before, _), (level, text) in pairwise(levels):
        if level > before + 1:
            jumps.append(f"H{before} → H{level} {text}")
    assert levels and levels[0][0] == 1
    return jumps


@pytest.mark.parametrize(
    ("which", "path"),
    [
        ("northwind", SHEET),
        ("northwind", "checklists/qualify/"),
        ("northwind", "checklists/"),
        ("bundled", "checklists/"),
        ("bundled", "onboarding/{path}/"),
        ("northwind", "onboarding/{path}/"),
    ],
)
def test_tool_pages_have_their_headings_in_order(
    page: Any, request: pytest.FixtureRequest, which: str, path: str
) -> None:
    site: Site = request.getfixturevalue(which)
    page.goto(site.url + _with_onboarding_path(site, path))
    assert heading_jumps(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_an_answered_worksheet_has_no_serious_axe_violation(
    page: Any, northwind: Site, scheme: str
) -> None:
    """What shows only once answered (weak sections, a fired knockout, the undo note, the
    score bar) keeps its contrast, light and dark."""
    page.goto(northwind.url + SHEET)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    answer(page, {"cost-agreed": 1, "success-criteria": 2, "economic-buyer-met": 1})
    assert page.locator("[data-knockout]").count() >= 1
    assert page.locator(".pb-weak").count() >= 1
    assert axe_violations(page) == []
    page.locator('[data-worksheet] [data-action="reset"]').click()
    page.wait_for_timeout(400)  # Material's buttons fade to their focus colours
    assert axe_violations(page) == []

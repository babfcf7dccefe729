"""At 375 px: no page scrolls sideways, the stage table is a list of cards, controls are
big enough to tap, and the home page's tiles never break a word."""

from __future__ import annotations

from typing import Any

import pytest
from browser import page_at
from browser_support import Site
from test_axe_all_pages_browser import one_page_per_kind

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 375, "height": 800}

SMALL_CONTROLS = """() => [...document.querySelectorAll(
    '.md-content :is(input, select, textarea, button, summary), .pb-breadcrumb a')]
  .filter(e => e.checkVisibility())
  .map(e => { const r = (e.closest('label') || e).getBoundingClientRect();
              return r.width >= 24 && r.height >= 24 ? null
                : `${e.outerHTML.slice(0, 60)} ${r.width}x${r.height}`; })
  .filter(Boolean)"""


@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_no_page_scrolls_sideways_and_controls_are_tappable(
    chromium: Any, site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    with page_at(chromium, PHONE) as page:
        found = []
        for kind, path in one_page_per_kind(site).items():
            page.goto(site.url + path)
            width = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            if width > 0:
                found.append(f"{kind} ({path}): {width}px too wide")
            found += [f"{kind} ({path}): small {c}" for c in page.evaluate(SMALL_CONTROLS)]
        assert found == []


@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_the_stage_table_is_a_list_of_cards_on_a_phone(
    chromium: Any, site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    with page_at(chromium, PHONE) as page:
        page.goto(site.url + "process/")
        rows = page.locator(".pb-stages tbody tr")
        assert rows.count() >= 3
        content = page.locator(".md-content").bounding_box()
        for i in range(rows.count()):
            box = rows.nth(i).bounding_box()
            assert rows.nth(i).evaluate("r => getComputedStyle(r).display") == "block"
            assert box["x"] >= content["x"] and box["x"] + box["width"] <= 375
            # each cell on its own line: the goal is as wide as the card, not a column
            goal = rows.nth(i).locator("td").nth(2).bounding_box()
            assert goal["width"] > box["width"] * 0.8
        page.set_viewport_size({"width": 1280, "height": 800})
        assert rows.first.evaluate("r => getComputedStyle(r).display") == "table-row"


def test_home_tiles_never_break_a_word(chromium: Any, northwind: Site) -> None:
    with page_at(chromium, PHONE) as page:
        page.goto(northwind.url)
        broken = page.evaluate(
            """() => [...document.querySelectorAll('.pb-house a, .pb-house__title')]
              .flatMap(e => [...e.childNodes].filter(n => n.nodeType === 3))
              .flatMap(n => n.textContent.split(/\\s+/).filter(Boolean).map(word => {
                  const range = document.createRange();
                  const start = n.textContent.indexOf(word);
                  range.setStart(n, start); range.setEnd(n, start + word.length);
                  return range.getClientRects().length > 1 ? word : null; }))
              .filter(Boolean)"""
        )
        assert broken == []

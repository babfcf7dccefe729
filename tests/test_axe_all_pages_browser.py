"""axe-core on one page of every kind of both sites, light and dark, and headings in order.

Every page the site map lists is grouped by its declaration (`stage`, `checklist`,
`skills`, …); the first page of each group stands for its kind, so a new kind of page is
swept without touching this test.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser import axe_violations
from browser_support import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def page_url(path: str) -> str:
    """The served URL of a docs path (`stages/x.md` or `stages/x/index.md` → `stages/x/`)."""
    stem = path.removesuffix(".md").removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def one_page_per_kind(site: Site) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for page in site.checked.site.existing():
        kinds.setdefault(page.name, page_url(page.path))
    return kinds


HEADINGS_OUT_OF_ORDER = """() => {
  const levels = [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3,'
      + ' .md-content h4, .md-content h5, .md-content h6')]
    .filter(h => h.checkVisibility() && !h.closest('[aria-hidden="true"]'))
    .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 30)]);
  const jumps = [];
  levels.forEach(([level, text], i) => {
    const before = i ? levels[i - 1][0] : 0;
    if (level > before + 1) jumps.push(`h${before} → h${level} "${text}"`);
  });
  return jumps;
}"""


def test_every_kind_of_page_is_swept(bundled: Site) -> None:
    kinds = one_page_per_kind(bundled)
    wanted = {
        "home",
        "process",
        "stage",
        "skill",
        "play",
        "checklist",
        "checklists",
        "diagnostic",
        "onboarding",
        "path",
        "glossary",
        "tools",
        "buyers",
        "objections",
        "proof",
        "competition",
        "competitor",
        "forms",
        "form",
        "facts",
        "review",
        "changes",
    }
    assert wanted <= set(kinds)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_no_serious_axe_violation_and_headings_in_order_on_any_page(
    chromium: Any, site_name: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    ctx = chromium.new_context(color_scheme=scheme)
    try:
        page = ctx.new_page()
        found = []
        for kind, path in one_page_per_kind(site).items():
            page.goto(site.url + path)
            want = "slate" if scheme == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == want
            for violation in axe_violations(page):
                found.append(f"{kind} ({path}): {' '.join(violation.values())}")
            for jump in page.evaluate(HEADINGS_OUT_OF_ORDER):
                found.append(f"{kind} ({path}): heading order {jump}")
        assert found == []
    finally:
        ctx.close()

"""Every page says where it is: a breadcrumb from the site map, and its area lit in the nav."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import Site

from playbook_gen.site.where import trail

pytestmark = pytest.mark.slow


def test_a_checklist_sits_under_its_stage_under_the_process(bundled: Site) -> None:
    site = bundled.checked.site
    crumbs = trail(site, site.get("checklist", "discover"))
    assert [c.path for c in crumbs] == [
        site.path("home"),
        site.path("process"),
        site.path("stage", "discover"),
        site.path("checklist", "discover"),
    ]
    assert crumbs[-1].title == "检查清单"  # not the stage's title again
    assert [c.area for c in crumbs] == [False, True, False, False]
    assert trail(site, site.get("home")) == []
    assert [c.area for c in trail(site, site.get("glossary"))] == [False, False]


def test_every_page_but_home_has_a_breadcrumb_before_its_title(northwind: Site) -> None:
    docs = northwind.build_dir / "docs"
    for page in northwind.checked.site.existing():
        text = (
            (docs / page.path).read_text(encoding="utf-8")
            if (docs / page.path).exists()
            else (docs / page.path.removesuffix(".md") / "index.md").read_text(encoding="utf-8")
        )
        has = '<nav class="pb-breadcrumb"' in text
        assert has == (page.name != "home"), page.path
        if has:
            assert text.index("pb-breadcrumb") < text.index("\n# "), page.path
            assert '<span aria-current="page">' in text


@pytest.mark.browser
@pytest.mark.parametrize(
    ("site_name", "path", "area"),
    [
        ("bundled", "stages/discover/", "process/"),
        ("bundled", "checklists/discover/", "process/"),
        ("bundled", "skills/closing/", "skills/"),
        ("northwind", "forms/{form}/", "forms/"),
        ("northwind", "onboarding/{path}/", "onboarding/"),
    ],
)
def test_a_page_outside_the_nav_lights_its_area(
    chromium: Any, site_name: str, path: str, area: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    playbook = site.playbook
    path = path.format(
        form=playbook.forms[0].model.id if playbook.forms else "",
        path=playbook.onboarding.model.paths[0].id if playbook.onboarding else "",
    )
    page = chromium.new_page()
    try:
        page.goto(site.url + path)
        crumbs = page.locator("nav.pb-breadcrumb ol > li")
        assert crumbs.count() >= 3
        assert crumbs.last.locator("[aria-current=page]").count() == 1
        lit = page.locator(".md-nav--primary a.md-nav__link--active")
        assert lit.count() == 1
        assert lit.first.evaluate("a => a.href") == site.url + area
        assert lit.first.get_attribute("aria-current") == "location"
    finally:
        page.close()

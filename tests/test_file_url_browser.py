"""A built site opened from disk (file://), as new hires get it in a zip or on a shared
drive: links land on pages (not directory listings), page scripts run, checklists keep
their ticks and worksheets score."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import ConsoleErrors, Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context()
    errors = ConsoleErrors()
    tab = errors.watch(context.new_page())
    failed: list[str] = []
    tab.on("requestfailed", lambda request: failed.append(request.url))
    yield tab
    context.close()
    # Search from disk is the search code's business (its index files and Material's
    # worker); nothing else may fail to load or throw. (A failed load's console line
    # names no file: the failed requests say which they were.)
    assert [url for url in failed if "/search/" not in url] == []
    unexplained = [m for m in errors.messages if "ERR_FILE_NOT_FOUND" not in m]
    assert [m for m in unexplained if "/search/" not in m] == []


def test_folder_links_become_index_html_from_disk(page: Any, bundled: Site) -> None:
    page.goto((bundled.path / "index.html").as_uri())
    toIndex = "window.playbookFileLinks"
    cases = {
        "skills/": "skills/index.html",
        "../..": "../../index.html",
        "../values/#why": "../values/index.html#why",
        "skills/x/?a=1": "skills/x/index.html?a=1",
        "assets/playbook.css": "assets/playbook.css",
        "#top": "#top",
        "https://example.com/a/": "https://example.com/a/",
    }
    for href, expected in cases.items():
        assert page.evaluate(f"{toIndex}({href!r})") == expected
    relative = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.getAttribute('href')).filter(h => !/^[a-z]+:|^#/.test(h))"
    )
    assert relative and all(
        h.split("#")[0].split("?")[0].endswith(".html") or "." in h.rsplit("/", 1)[-1]
        for h in relative
    )


def test_nav_links_open_pages_not_directory_listings(page: Any, bundled: Site) -> None:
    page.goto((bundled.path / "index.html").as_uri())
    links = page.locator(".md-nav__link[href]")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    target = next(h for h in hrefs if h and "skills" in h)
    page.locator(f'.md-nav__link[href="{target}"]').first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/skills/index.html")
    assert "Index of" not in page.title()
    assert page.locator(".md-content h1").count() == 1


def test_checklists_and_worksheets_work_from_disk(page: Any, bundled: Site) -> None:
    assert bundled.playbook.process is not None
    stage = bundled.playbook.process.model.stages[0].id
    page.goto((bundled.path / "checklists" / stage / "index.html").as_uri())
    scope = f'[data-checklist="{stage}"]'
    page.locator(f'{scope} input[type="checkbox"]').nth(0).check()
    page.goto("about:blank")
    page.goto((bundled.path / "checklists" / stage / "index.html").as_uri())
    assert page.locator(f'{scope} input[type="checkbox"]').nth(0).is_checked()

    sheet = bundled.playbook.worksheets[0].model
    page.goto((bundled.path / "diagnostics" / sheet.id / "index.html").as_uri())
    first = sheet.sections[0].questions[0].id
    control = page.locator(f'[data-worksheet] [name$="{first}"]').last
    control.check()
    assert page.locator("[data-worksheet] [data-score]").first.inner_text().strip() != ""


def test_a_form_keeps_what_was_typed_from_disk(page: Any, bundled: Site) -> None:
    form = bundled.playbook.forms[0].model
    page.goto((bundled.path / "forms" / form.id / "index.html").as_uri())
    field = page.locator(
        "[data-form] input[type='text'], [data-form] textarea:not([readonly])"
    ).first
    field.fill("Acme rollout")
    page.wait_for_timeout(300)  # the form saves as it is typed in
    page.goto("about:blank")  # a new visit, not a reload the browser could refill
    page.goto((bundled.path / "forms" / form.id / "index.html").as_uri())
    field = page.locator(
        "[data-form] input[type='text'], [data-form] textarea:not([readonly])"
    ).first
    assert field.input_value() == "Acme rollout"

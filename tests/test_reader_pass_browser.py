"""Details a reader sees in the built site, in a real Chromium: a stage checklist's printed
goal and the forms its tasks name, the title and owner line of entity pages on a phone,
the pillars of the home page's house, and the 404 page under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import QuietHandler, page_at, serve
from browser_support import Site, pdf_text

from playbook_gen.read.models import Stage

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _stages(site: Site) -> list[Stage]:
    assert site.playbook.process is not None
    return list(site.playbook.process.model.stages)


def _squeezed(text: str) -> str:
    """PDF text without the spaces and line breaks that layout puts in."""
    return "".join(text.split())


def test_a_printed_stage_checklist_shows_its_goal_as_the_booklet_does(
    page: Any, bundled: Site, tmp_path: Path
) -> None:
    stage = next(stage for stage in _stages(bundled) if stage.goal)
    page.goto(bundled.url + "checklists/")
    booklet_goal = page.locator(f'[data-checklist="{stage.id}"] .pb-tool__goal').inner_text()
    page.goto(bundled.url + f"checklists/{stage.id}/")
    goal = page.locator("[data-checklist] .pb-tool__goal")
    assert goal.is_hidden()  # on screen the summary under the title shows it
    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    assert _squeezed(booklet_goal) in _squeezed(pdf_text(pdf))
    page.emulate_media(media="print")
    assert goal.is_visible() and goal.inner_text() == booklet_goal


def test_a_checklist_task_links_its_forms_on_screen_and_names_them_in_print(
    page: Any, bundled: Site, tmp_path: Path
) -> None:
    stage, task = next(
        (stage, task) for stage in _stages(bundled) for task in stage.tasks if task.forms
    )
    titles = {loaded.model.id: loaded.model.title for loaded in bundled.playbook.forms}
    page.goto(bundled.url + f"checklists/{stage.id}/")
    item = page.locator("[data-checklist] li", has_text=task.title)
    for form_id in task.forms:
        link = item.get_by_role("link", name=titles[form_id])
        assert link.is_visible()
        page.goto(link.evaluate("a => a.href"))
        assert page.locator("h1").first.inner_text().rstrip("¶") == titles[form_id]
        page.go_back()
    pdf = tmp_path / "checklist.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    printed = _squeezed(pdf_text(pdf))
    for form_id in task.forms:
        assert _squeezed("填写" + titles[form_id]) in printed


# One page of each kind that has an owner line under its title.
OWNED_PAGES = (
    "competitors/bochuan-mes/",
    "skills/visiting/",
    "stages/discover/",
    "forms/icp-scorecard/",
    "plays/late-entry/",
    "diagnostics/deal-review/",
    "onboarding/new-sales-90-days/",
)


@pytest.mark.parametrize("width", [375, 1280])
def test_the_owner_line_sits_right_under_the_page_title(
    chromium: Any, bundled: Site, width: int
) -> None:
    with page_at(chromium, {"width": width, "height": 800}) as page:
        for path in OWNED_PAGES:
            page.goto(bundled.url + path)
            gap = page.evaluate(
                """() => { const title = document.querySelector(".md-content h1");
                    const meta = title.nextElementSibling;
                    if (!meta.classList.contains("pb-meta")) return null;
                    return meta.getBoundingClientRect().top
                        - title.getBoundingClientRect().bottom; }"""
            )
            assert gap is not None, f"{path}: no owner line under the title"
            # Material leaves 2rem (40 px) under an H1; the owner line belongs to the title
            assert 0 <= gap <= 12, (path, gap)


@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_the_house_pillars_start_alike_with_their_tiles(
    page: Any, site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url)
    tops = page.eval_on_selector_all(
        ".pb-house__pillar",
        """pillars => pillars.map(p => {
            const first = p.firstElementChild;
            return [first.classList.contains("pb-house__part"),
                    Math.round(first.getBoundingClientRect().top)]; })""",
    )
    assert len(tops) == 4
    assert all(is_tile for is_tile, _ in tops), tops  # no caption above a tile
    assert len({top for _, top in tops}) == 1, tops  # side by side, level


@contextmanager
def _served_under(site: Path, prefix: str) -> Iterator[str]:
    """`site` served at `prefix` (`/` or `/pb/`) the way GitHub Pages or nginx's
    `error_page 404` serve a site: a missing address gets the site's 404.html, status 404.
    Yields the site's URL."""

    class Handler(QuietHandler):
        def translate_path(self, path: str) -> str:
            inside = urlsplit(path).path
            if not inside.startswith(prefix):
                return str(site / "no-such-file")
            return super().translate_path("/" + inside[len(prefix) :])

        def send_error(self, code: int, message: str | None = None, explain: Any = None) -> None:
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve(site, Handler, prefix) as url:
        yield url


@contextmanager
def _not_found_page(chromium: Any) -> Iterator[Any]:
    """A page in a fresh context; the test fails on any console error but the one for
    the missing address itself (every 404 answer logs it): a style or script fetched from
    the wrong folder, ahead of the parser or not, is one."""
    context = chromium.new_context()
    errors: list[str] = []
    page = context.new_page()

    def seen(message: Any) -> None:
        if message.type == "error" and message.location.get("url") != page.url:
            errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", seen)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert errors == []


def _nav_hrefs(page: Any) -> list[str]:
    return page.eval_on_selector_all(".md-nav a[href]", "links => links.map(a => a.href)")


@pytest.mark.parametrize("prefix", ["/", "/pb/"])
@pytest.mark.parametrize("missing", ["skills/no-such-skill/", "stages/discover/old/page/"])
def test_the_404_page_works_at_the_root_and_under_a_sub_path(
    chromium: Any, bundled: Site, prefix: str, missing: str
) -> None:
    with _served_under(bundled.path, prefix) as url, _not_found_page(chromium) as page:
        response = page.goto(url + missing)
        assert response is not None and response.status == 404
        # styled: Material's stylesheet came from the site's own folder
        position = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
        assert position in ("sticky", "fixed")
        hrefs = _nav_hrefs(page)
        assert hrefs and all(href.startswith(url) for href in hrefs), hrefs
        page.locator(".md-header a.md-logo").first.click()
        page.wait_for_load_state()
        assert page.url == url
        assert bundled.playbook.name in page.locator("h1").first.inner_text()


def test_the_404_page_under_a_sub_path_follows_the_page_the_reader_came_from(
    chromium: Any, bundled: Site
) -> None:
    with _served_under(bundled.path, "/pb/") as url, _not_found_page(chromium) as page:
        response = page.goto(url + "no-such-page", referer=url + "skills/visiting/")
        assert response is not None and response.status == 404
        hrefs = _nav_hrefs(page)
        assert hrefs and all(href.startswith(url) for href in hrefs), hrefs

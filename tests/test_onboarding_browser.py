"""An onboarding path in a real Chromium: a contents list of its weeks, each week with
its own progress, and a print that fills its sheets instead of leaving a third of each
page empty.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from browser_support import Site, pdf_info

pytestmark = [pytest.mark.browser, pytest.mark.slow]

A4_CONTENT_PX = (688, 1032)
"""The printable box of an A4 sheet inside the tools' 12 mm × 14 mm margins, in CSS px."""




def first_path(site: Site) -> Any:
    assert site.playbook.onboarding is not None
    return site.playbook.onboarding.model.paths[0]


@pytest.mark.parametrize("which", ["bundled", "northwind"])
def test_a_contents_list_leads_to_each_week(
    page: Any, request: pytest.FixtureRequest, which: str
) -> None:
    site: Site = request.getfixturevalue(which)
    path = first_path(site)
    page.goto(site.url + f"onboarding/{path.id}/")
    weeks = sorted({step.week for step in path.steps})
    links = page.locator(f'[data-onboarding="{path.id}"] nav a')
    targets = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(targets) == len(weeks)
    for week, target in zip(weeks, targets, strict=True):
        section = page.locator(f"[data-onboarding] {target}")
        assert section.get_attribute("data-week") == str(week)
    links.last.click()
    assert page.evaluate("location.hash") == targets[-1]
    assert page.locator(targets[-1]).evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )


@pytest.mark.parametrize(
    ("which", "shown"), [("northwind", "{done} of {total}"), ("bundled", "已完成 {done}/{total}")]
)
def test_each_week_shows_its_own_progress(
    page: Any, request: pytest.FixtureRequest, which: str, shown: str
) -> None:
    site: Site = request.getfixturevalue(which)
    path = first_path(site)
    page.goto(site.url + f"onboarding/{path.id}/")
    scope = f'[data-onboarding="{path.id}"]'
    weeks = page.locator(f"{scope} [data-week]")
    first, last = weeks.first, weeks.last
    in_first = first.locator("input[type=checkbox]").count()
    in_last = last.locator("input[type=checkbox]").count()
    first.locator("input[type=checkbox]").nth(0).check()
    first.locator("input[type=checkbox]").nth(1).check()

    def progress(week: Any) -> list[str]:
        number = week.get_attribute("data-week")
        return page.locator(f'{scope} [data-week-progress="{number}"]').all_inner_texts()

    # Shown in the week's heading and in the contents list, alike.
    assert progress(first) == [shown.format(done=2, total=in_first)] * 2
    assert progress(last) == [shown.format(done=0, total=in_last)] * 2
    page.reload()
    assert progress(first) == [shown.format(done=2, total=in_first)] * 2


def test_printing_fills_the_sheets(page: Any, bundled: Site, tmp_path: Path) -> None:
    """The longest path of the bundled playbook prints on as few sheets as its content
    needs, give or take the breaks that keep a title with its first tick."""
    assert bundled.playbook.onboarding is not None
    path = max(bundled.playbook.onboarding.model.paths, key=lambda p: len(p.steps))
    page.goto(bundled.url + f"onboarding/{path.id}/")
    pdf = tmp_path / "path.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    pages = pdf_info(pdf).pages

    width, height = A4_CONTENT_PX
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(media="print")
    content = page.eval_on_selector(".pb-print-root", "e => e.getBoundingClientRect().height")
    needed = math.ceil(content / height)
    assert pages <= needed, f"{pages} sheets for {content / height:.2f} sheets of content"
    assert content / (pages * height) >= 0.8, "the sheets are far from full"
    # Ticks are compact: a tick line is no taller than its text needs.
    rows = page.locator(".pb-print-root ul.pb-checks > li").evaluate_all(
        "els => els.slice(0, 20).map(e => { const s = getComputedStyle(e);"
        " return e.getBoundingClientRect().height"
        " + parseFloat(s.marginTop) + parseFloat(s.marginBottom); })"
    )
    assert min(rows) < 26

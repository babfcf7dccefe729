"""Search as a reader uses it: type (or paste) into Material's search box in headless
Chromium, over playbook-gen's own index (`publish/search_index.py`, `assets/search.js`).

The bundled site is Chinese, Northwind English. Queries are taken from the playbooks'
own text, including phrases that a segmenter splits across two words.
"""

from __future__ import annotations

import json
import random
import re
import urllib.request
from typing import Any

import pytest
from browser_support import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESULT = ".pg-search__list .md-search-result__item"


def results(page: Any) -> list[dict[str, str]]:
    """Title, area, snippet and href of each result shown, once the count is shown."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.pg-search__meta');"
        " return m && /\\d|没有|No /.test(m.textContent) }",
        timeout=10_000,
    )
    return page.eval_on_selector_all(
        RESULT,
        """els => els.map(e => ({
            title: e.querySelector('h1').textContent,
            area: e.querySelector('.pg-search__area')?.textContent ?? '',
            snippet: e.querySelector('.pg-search__snippet').textContent,
            href: e.querySelector('a').getAttribute('href'),
            text: e.textContent}))""",
    )


def search(
    chromium: Any, base_url: str, query: str, *, paste: bool = False
) -> list[dict[str, str]]:
    """Type `query` into the search box of a fresh page (or put it there as a paste does:
    one `input` event, no key) and return the results shown."""
    page = chromium.new_page()
    try:
        page.goto(base_url, wait_until="load")
        page.click("label.md-search__icon, .md-search__input", force=True)
        if paste:
            page.evaluate(
                "q => { const i = document.querySelector('.md-search__input');"
                " i.value = q; i.dispatchEvent(new InputEvent('input', {bubbles: true,"
                " inputType: 'insertFromPaste'})) }",
                query,
            )
        else:
            page.keyboard.type(query)
        return results(page)
    finally:
        page.close()


def hrefs(found: list[dict[str, str]]) -> list[str]:
    return [r["href"] for r in found]


def test_a_phrase_that_a_segmenter_splits_finds_its_page(chromium: Any, bundled: Site) -> None:
    """`户嘴里的` (inside 从客户嘴里的) spans jieba's 客户 | 嘴里 | 的: Material's search
    found nothing for such phrases (issue 8)."""
    found = search(chromium, bundled.url, "户嘴里的")
    assert any(h.endswith("skills/needs-discovery/") for h in hrefs(found)), found


def test_any_phrase_of_a_skill_summary_finds_the_skill(chromium: Any, bundled: Site) -> None:
    """Substrings of 2 to 5 Chinese characters, cut at random places of skill summaries."""
    rng = random.Random(8)
    skills = [loaded.model for loaded in bundled.playbook.skills]
    for skill in rng.sample(skills, 4):
        runs = [r for r in re.findall(r"[\u4e00-\u9fff]+", skill.summary) if len(r) >= 2]
        run = rng.choice(runs)
        size = rng.randint(2, min(5, len(run)))
        start = rng.randint(0, len(run) - size)
        phrase = run[start : start + size]
        found = search(chromium, bundled.url, phrase)
        assert any(f"skills/{skill.id}/" in h for h in hrefs(found)) or len(found) == 10, (
            phrase,
            found,
        )


def test_english_and_mixed_queries_in_the_chinese_site(chromium: Any, bundled: Site) -> None:
    assert search(chromium, bundled.url, "pipeline"), "no result for an English word"
    found = search(chromium, bundled.url, "CRM 录入")
    assert any("stages/prove/" in h for h in hrefs(found)), found


def test_english_words_find_their_pages_and_nonsense_finds_nothing(
    chromium: Any, northwind: Site
) -> None:
    assert any("skills/" in h for h in hrefs(search(chromium, northwind.url, "negotiation")))
    assert search(chromium, northwind.url, "zyxwvutsrq") == []


def test_a_query_equal_to_a_term_or_title_ranks_it_first(chromium: Any, bundled: Site) -> None:
    """Issue 8: the glossary entry for 赢单率 was not in the top six."""
    first = search(chromium, bundled.url, "赢单率")[0]
    assert first["href"].endswith("glossary/#term-win-rate"), first
    assert first["title"] == "赢单率" and first["area"] == "术语表", first
    first = search(chromium, bundled.url, "需求挖掘技巧")[0]
    assert first["href"].endswith("skills/needs-discovery/"), first


def test_a_result_shows_title_area_and_a_clean_snippet(chromium: Any, bundled: Site) -> None:
    """Title, area (the skills area for a skill page), a snippet with the match; no meta
    labels, permalink signs or button labels in what is shown."""
    found = search(chromium, bundled.url, "挖到背后")
    first = next(r for r in found if r["href"].endswith("skills/needs-discovery/"))
    assert first["title"] == "需求挖掘技巧"
    assert first["area"] == "销售技巧"
    assert "挖到背后" in first["snippet"]
    for result in search(chromium, bundled.url, "赢单率") + found:
        for noise in ("最近审阅", "负责人", "¶", "打印", "Permanent link"):
            assert noise not in result["text"], (noise, result)


def test_pasting_a_query_starts_a_search(chromium: Any, bundled: Site) -> None:
    found = search(chromium, bundled.url, "决策链", paste=True)
    assert any("skills/stakeholder-mapping/" in h for h in hrefs(found)), found


def test_search_works_from_file_urls(chromium: Any, bundled: Site) -> None:
    """The index is loaded with <script> tags, which a page opened from disk may use."""
    found = search(chromium, (bundled.path / "index.html").as_uri(), "户嘴里的")
    assert any("skills/needs-discovery/" in h for h in hrefs(found)), found


def test_materials_own_index_is_empty_and_every_indexed_page_exists(bundled: Site) -> None:
    """Every fresh page fetches Material's index: it is emptied, keeping its config."""
    with urllib.request.urlopen(bundled.url + "search/search_index.json") as response:
        index = json.load(response)
    assert index["docs"] == [] and index["config"]["lang"]
    for path in sorted((bundled.path / "search" / "pg" / "p").glob("*-0.js")):
        text = path.read_text(encoding="utf-8")
        url = json.loads(text[text.index(",") + 1 : text.rindex(")")])[0]
        with urllib.request.urlopen(bundled.url + url) as response:
            assert response.status == 200, url

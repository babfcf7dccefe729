"""Search as a reader uses it: type into Material's search box in headless Chromium.

FACTS.md: a Chinese query only runs on a key-up event, so queries are typed and then End
is pressed. The bundled site is Chinese (`search: {lang: zh}` + jieba); Northwind English.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from browser_support import Site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

@pytest.fixture(scope="module")
def zh_url(bundled: Site) -> str:
    return bundled.url


@pytest.fixture(scope="module")
def en_url(northwind: Site) -> str:
    return northwind.url


def search(chromium: Any, base_url: str, query: str) -> list[tuple[str, str]]:
    """Type `query` into the search box; return (title, href) of every result shown."""
    page = chromium.new_page()
    try:
        page.goto(base_url, wait_until="load")
        page.click("label.md-search__icon, .md-search__input", force=True)
        page.keyboard.type(query)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__meta", timeout=10_000)
        page.wait_for_function(
            "() => !document.querySelector('.md-search-result__meta')"
            ".textContent.match(/Initializing|正在初始化/)",
            timeout=10_000,
        )
        page.wait_for_timeout(300)
        return page.eval_on_selector_all(
            ".md-search-result__item > a, .md-search-result__item .md-search-result__link",
            "els => els.map(a => [a.querySelector('h1, h2')?.textContent ?? a.textContent,"
            " a.getAttribute('href')])",
        )
    finally:
        page.close()


def test_a_chinese_word_inside_a_longer_run_is_found(chromium: Any, zh_url: str) -> None:
    """`挖掘` is only part of `需求挖掘技巧`: found because jieba segments the index."""
    results = search(chromium, zh_url, "挖掘")
    assert any("skills/needs-discovery/" in href for _, href in results), results
    # Titles keep jieba's invisible U+200B joints: a reader sees the plain title.
    assert any(title.replace("\u200b", "") == "需求挖掘技巧" for title, _ in results), results


def test_an_english_word_is_found_in_the_chinese_site(chromium: Any, zh_url: str) -> None:
    """English words in a Chinese page (here `pipeline`) are found too (`lang: zh`)."""
    results = search(chromium, zh_url, "pipeline")
    assert results, "no result for an English word in the Chinese site"


def test_english_words_are_found_by_their_inflected_forms(chromium: Any, en_url: str) -> None:
    results = search(chromium, en_url, "negotiation")
    assert any("skills/" in href for _, href in results), results


def test_a_word_that_is_nowhere_finds_nothing(chromium: Any, en_url: str) -> None:
    page_results = search(chromium, en_url, "zyxwvutsrq")
    assert page_results == []


def test_search_index_has_no_entries_for_pages_that_do_not_exist(zh_url: str) -> None:
    """Every location in the index is a page of the site (the index is what search shows)."""
    with urllib.request.urlopen(zh_url + "search/search_index.json") as response:
        index = json.load(response)
    assert index["docs"]
    for doc in index["docs"]:
        page = doc["location"].split("#", 1)[0]
        with urllib.request.urlopen(zh_url + page) as response:
            assert response.status == 200, doc["location"]

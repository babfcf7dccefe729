"""The glossary in the reader's order, and its terms explained where pages use them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import Site

from playbook_gen.read.models import Term
from playbook_gen.site.glossary_terms import GlossaryMarker, glossary_order


def term(name: str, definition: str = "Means something.", *aliases: str) -> Term:
    return Term(term=name, definition=definition, aliases=list(aliases))


def names(groups: list[tuple[str, list[Term]]]) -> list[str]:
    return [t.term for _, terms in groups for t in terms]


def test_chinese_terms_sort_by_pinyin_not_code_point() -> None:
    terms = [term(t) for t in ["共识", "决策链", "商机", "客户", "ICP"]]
    groups = glossary_order(terms, "zh")
    assert names(groups) == ["共识", "ICP", "决策链", "客户", "商机"]
    assert [letter for letter, _ in groups] == ["G", "I", "J", "K", "S"]


def test_english_terms_sort_alphabetically_ignoring_case() -> None:
    groups = glossary_order([term("stock count"), term("Owner"), term("3PL")], "en")
    assert names(groups) == ["3PL", "Owner", "stock count"]
    assert groups[0][0] == "#"


def marker(*terms: Term) -> GlossaryMarker:
    return GlossaryMarker(terms, lambda text: text)


def test_a_term_in_text_gets_a_tooltip_with_its_definition() -> None:
    out = marker(term("商机", "通过甄别的线索。", "机会")).mark("<p>这个商机很大。</p>\n")
    assert (
        '<span class="pb-term" tabindex="0" aria-describedby="pb-term-1">商机</span>'
        '<span class="pb-term__tip" id="pb-term-1" role="tooltip" hidden>'
        "<b>商机</b> 通过甄别的线索。</span>"
    ) in out


def test_chinese_matches_the_longest_term_first_and_aliases_too() -> None:
    out = marker(term("客户"), term("理想客户画像"), term("Opportunity", "x", "机会")).mark(
        "<p>先看理想客户画像。</p>\n\n<p>每个机会。</p>"
    )
    assert ">理想客户画像</span>" in out and ">客户</span>" not in out
    assert ">机会</span>" in out


def test_english_matches_whole_words_case_and_acronyms_as_written() -> None:
    found = marker(term("Lead"), term("ICP")).mark("<p>A leader. The lead. icp, ICPs, ICP.</p>")
    assert ">lead</span>" in found and ">leader" not in found
    assert found.count('class="pb-term"') == 2 and "icp, ICPs, <span" in found


def test_headings_links_code_controls_and_attributes_are_left_alone() -> None:
    page = (
        '---\ntitle: "Lead"\n---\n\n# Lead\n\n<h2>Lead</h2>\n<a href="#lead">Lead</a>\n'
        "<code>Lead</code>\n<button>Lead</button>\n<label>Lead <input></label>\n"
        '<select><option>Lead</option></select>\n<p title="Lead" data-x="Lead">no</p>\n'
        '<p class="pb-meta"><span class="pb-meta__label">Lead</span></p>\n'
        "<svg><text>Lead</text></svg>\n`Lead`\n"
        # A column's name, which "copy as text" reads as it is.
        "<table><thead><tr><th>Lead</th></tr></thead></table>\n"
    )
    assert marker(term("Lead")).mark(page) == page


def test_only_the_first_use_in_each_section_is_marked() -> None:
    out = marker(term("Lead")).mark("<p>Lead and lead.</p>\n\n## Next\n\nA lead.\n")
    assert out.count('class="pb-term"') == 2
    assert 'id="pb-term-1"' in out and 'id="pb-term-2"' in out


def test_a_definition_is_inert_and_its_links_read_as_titles() -> None:
    terms = [term("Owner", "<b>x</b> see [[stage:close]] and [[stage:close|closing]].")]
    out = GlossaryMarker(terms, lambda text: text.replace("[[stage:close]]", "Close")).mark(
        "<p>The owner.</p>"
    )
    assert "&lt;b&gt;x&lt;/b&gt;" in out
    marked = GlossaryMarker.of(
        type("P", (), {"glossary": type("G", (), {"model": type("M", (), {"terms": terms})})}),
        lambda ref: {"stage:close": "Close & sign"}.get(ref),
    ).mark("<p>The owner.</p>")
    assert "see Close &amp; sign and closing." in marked


def marked_words(page: str) -> list[str]:
    return re.findall(r'tabindex="0" aria-describedby="[^"]*">([^<]*)</span>', page)


def test_terms_that_start_alike_overlap_or_share_a_long_start_are_each_found() -> None:
    """A page is searched with one trie of the terms' starts (16 characters), so terms
    that are prefixes of each other, overlap, or differ only after their 16th character
    must each still be found where they are written."""
    terms = [
        term("deal"), term("deal desk"), term("desk review"),
        term("mutual action plan"), term("mutual action plan review"),
    ]  # fmt: skip
    page = (
        "<p>The deal desk review.</p>\n\n## A\n\n<p>A deal.</p>\n\n## B\n\n"
        "<p>Its desk review.</p>\n\n## C\n\n<p>Our mutual action plan.</p>\n\n"
        "## D\n\n<p>A mutual action plan review.</p>\n"
    )
    assert marked_words(marker(*terms).mark(page)) == [
        "deal desk", "deal", "desk review", "mutual action plan", "mutual action plan review",
    ]  # fmt: skip
    assert marked_words(marker(term("mutual action plan review")).mark(page)) == [
        "mutual action plan review"
    ]


def test_a_glossary_of_many_first_characters_finds_each_term() -> None:
    """More first characters than one trie node lists directly (a Chinese glossary)."""
    words = [chr(0x4E00 + 7 * i) + chr(0x5E00 + i) for i in range(100)]
    page = "".join(f"<p>看{word}。</p>\n\n## {i}\n\n" for i, word in enumerate(words))
    assert marked_words(marker(*map(term, words)).mark(page)) == words


def test_a_hostile_glossary_does_not_nest_the_search_deeply() -> None:
    """Terms each the prefix of the next, and a very long one: no recursion error."""
    terms = [term("a" * n) for n in range(1, 400)] + [term("x" * 5000)]
    out = marker(*terms).mark(f"<p>{'a' * 10} {'x' * 5000}</p>")
    assert marked_words(out) == ["a" * 10, "x" * 5000]


@pytest.mark.slow
def test_the_glossary_page_is_a_compact_list_that_keeps_its_anchors(bundled: Site) -> None:
    page = (bundled.build_dir / "docs" / "glossary" / "index.md").read_text(encoding="utf-8")
    assert '<dt id="term-opportunity">商机</dt>' in page
    assert "## 商机" not in page
    letters = [line[3] for line in page.splitlines() if line.startswith("## ")]
    assert letters == sorted(letters)
    stage = (bundled.build_dir / "docs" / "stages" / "discover" / "index.md").read_text("utf-8")
    assert 'class="pb-term"' in stage


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_a_term_explains_itself_on_hover_focus_and_tap(
    chromium: Any, site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Site = request.getfixturevalue(site_name)
    ctx = chromium.new_context(has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(site.url + "process/")
        first = page.locator(".pb-term").first
        tip = page.locator(".pb-term + .pb-term__tip").first
        assert not tip.is_visible()
        first.hover()
        assert tip.is_visible()
        page.mouse.move(0, 0)
        assert not tip.is_visible()
        first.focus()
        assert tip.is_visible()
        assert first.get_attribute("aria-describedby") == tip.get_attribute("id")
        page.keyboard.press("Escape")
        assert not tip.is_visible()
        page.locator("h1").first.click()
        first.tap()
        assert tip.is_visible()
    finally:
        ctx.close()

"""The glossary in the reader's order, its terms linked where pages use them, and each
definition shown in a tooltip from the site's one definitions script."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from browser import axe_violations
from browser_support import Site
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sitecheck import parse_page, target_of

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.models import Term
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site import glossary_terms
from playbook_gen.site.glossary_terms import (
    DEFINITIONS_GLOBAL,
    GlossaryMarker,
    definitions_script,
    glossary_order,
    plain_text,
)
from playbook_gen.site.render import glossary_anchor, glossary_script, render_site

HARBOR = Path(__file__).parent / "fixtures" / "playbooks" / "harbor"


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
    return GlossaryMarker(terms, glossary_anchor)


def mark(found: GlossaryMarker, page: str) -> str:
    return found.mark(page, "../glossary/")


def test_a_term_in_text_links_to_its_glossary_entry_and_carries_no_definition() -> None:
    out = mark(marker(term("商机", "通过甄别的线索。", "机会")), "<p>这个商机很大。</p>\n")
    assert out == '<p>这个<a class="pb-term" href="../glossary/#term-商机">商机</a>很大。</p>\n'
    with_id = Term(id="opportunity", term="商机", definition="x", aliases=["机会"])
    assert 'href="../glossary/#term-opportunity">机会</a>' in mark(marker(with_id), "<p>机会</p>")


def test_chinese_matches_the_longest_term_first_and_aliases_too() -> None:
    out = mark(
        marker(term("客户"), term("理想客户画像"), term("Opportunity", "x", "机会")),
        "<p>先看理想客户画像。</p>\n\n<p>每个机会。</p>",
    )
    assert ">理想客户画像</a>" in out and ">客户</a>" not in out
    assert 'href="../glossary/#term-opportunity">机会</a>' in out


def test_english_matches_whole_words_case_and_acronyms_as_written() -> None:
    found = mark(marker(term("Lead"), term("ICP")), "<p>A leader. The lead. icp, ICPs, ICP.</p>")
    assert ">lead</a>" in found and ">leader" not in found
    assert found.count('class="pb-term"') == 2 and "icp, ICPs, <a" in found


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
    assert mark(marker(term("Lead")), page) == page


def test_only_the_first_use_in_each_section_is_marked() -> None:
    out = mark(marker(term("Lead", "x", "leads")), "<p>Lead and leads.</p>\n\n## Next\n\nA lead.\n")
    assert marked_words(out) == ["Lead", "lead"]


def definitions(script: str) -> dict[str, list[str]]:
    """The mapping a definitions script sets, read back as JSON (which its literal is)."""
    prefix = f"window.{DEFINITIONS_GLOBAL} = "
    line = next(line for line in script.splitlines() if line.startswith(prefix))
    return json.loads(line.removeprefix(prefix).removesuffix(";"))


def test_a_definition_is_plain_text_as_the_page_shows_text_and_its_links_read_as_titles() -> None:
    terms = [
        term("Owner", "<b>x</b> *y* see [[stage:close]] and\n [[stage:close|closing]]. </script>"),
        term("买方\n角色", "在一次\n采购决定里"),
    ]
    plain = plain_text(lambda ref: {"stage:close": "Close & sign"}.get(ref))
    script = definitions_script(terms, plain, glossary_anchor)
    assert definitions(script) == {
        "term-owner": ["Owner", "<b>x</b> *y* see Close & sign and closing. </script>"],
        "term-买方-角色": ["买方角色", "在一次采购决定里"],  # a CJK line break is no space
    }
    assert "<" not in script.split("*/", 1)[1]  # no `</script>` or `<!--` in the script


def test_pages_link_terms_to_the_glossary_anchor_and_hold_no_definition() -> None:
    """The Markdown of every page but the glossary: its terms are links to the glossary
    page's anchors, and no definition is written in it (they are in one script)."""
    checked = load_playbook(HARBOR, DiagnosticLog())
    assert checked is not None
    pages = dict(render_site(checked))
    glossary = pages.pop("glossary.md")
    anchors = set(re.findall(r'<dt id="([^"]+)"', glossary))
    terms = checked.playbook.glossary.model.terms  # type: ignore[union-attr]
    linked = []
    for path, text in pages.items():
        assert "pb-term__tip" not in text and "tooltip" not in text, path
        for definition in (t.definition for t in terms):
            assert definition not in text, (path, definition)
        for href in re.findall(r'<a class="pb-term" href="([^"]+)"', text):
            url, _, anchor = href.partition("#")
            depth = path.removesuffix(".md").removesuffix("index").rstrip("/").count("/") + 1
            assert url == "../" * depth + "glossary/" and anchor in anchors, (path, href)
            linked.append(anchor)
    assert {glossary_anchor(t) for t in terms} <= set(linked)
    script = definitions(glossary_script(checked))
    assert set(script) == anchors
    assert script["term-owner"] == ["Owner", "The person who owns the store and decides."]


def marked_words(page: str) -> list[str]:
    return re.findall(r'<a class="pb-term" href="[^"]*">([^<]*)</a>', page)


def test_terms_that_start_alike_overlap_or_share_a_long_start_are_each_found() -> None:
    """Terms that are prefixes of each other, overlap, or share a long start are each
    found where they are written (the automaton reports only the longest at a start)."""
    terms = [
        term("deal"), term("deal desk"), term("desk review"),
        term("mutual action plan"), term("mutual action plan review"),
    ]  # fmt: skip
    page = (
        "<p>The deal desk review.</p>\n\n## A\n\n<p>A deal.</p>\n\n## B\n\n"
        "<p>Its desk review.</p>\n\n## C\n\n<p>Our mutual action plan.</p>\n\n"
        "## D\n\n<p>A mutual action plan review.</p>\n"
    )
    assert marked_words(mark(marker(*terms), page)) == [
        "deal desk", "deal", "desk review", "mutual action plan", "mutual action plan review",
    ]  # fmt: skip
    assert marked_words(mark(marker(term("mutual action plan review")), page)) == [
        "mutual action plan review"
    ]


def test_a_glossary_of_many_first_characters_finds_each_term() -> None:
    """A Chinese glossary's hundreds of first characters: each term is found."""
    words = [chr(0x4E00 + 7 * i) + chr(0x5E00 + i) for i in range(100)]
    page = "".join(f"<p>看{word}。</p>\n\n## {i}\n\n" for i, word in enumerate(words))
    assert marked_words(mark(marker(*map(term, words)), page)) == words


def test_a_hostile_glossary_does_not_nest_the_search_deeply() -> None:
    """Terms each the prefix of the next, and a very long one: no recursion error."""
    terms = [term("a" * n) for n in range(1, 400)] + [term("x" * 5000)]
    out = mark(marker(*terms), f"<p>{'a' * 10} {'x' * 5000}</p>")
    assert marked_words(out) == ["a" * 10, "x" * 5000]


def longest_first_regex(words: list[str]) -> re.Pattern[str]:
    """The specification of a use, as one regex: the words tried longest first at each
    position, each in any case unless it has a capital after its first letter, and on a
    word boundary where it starts or ends with a Latin letter or digit."""

    def one(word: str) -> str:
        body = re.escape(word) if any(c.isupper() for c in word[1:]) else f"(?i:{re.escape(word)})"
        before = "(?<![A-Za-z0-9_&#])" if re.match("[A-Za-z0-9_]", word) else ""
        after = "(?![A-Za-z0-9_])" if re.search("[A-Za-z0-9_]$", word) else ""
        return before + body + after

    return re.compile("|".join(one(w) for w in sorted(words, key=lambda w: (-len(w), w))))


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.text("abA客户1", min_size=1, max_size=4), min_size=1, max_size=8),
    text=st.text("abA客户1 &#-", max_size=60),
    window=st.sampled_from([1, glossary_terms._WINDOW]),
)
@example(words=["客", "客户"], text="-------客户", window=1)  # 客户 across a window's end
@example(words=["ab", "abab"], text="------abab", window=1)
def test_uses_are_found_as_the_longest_first_regex_finds_them(
    words: list[str], text: str, window: int
) -> None:
    """Whatever overlaps, prefixes, case and boundaries: the automaton (with its second
    looks where a longest match does not stand, a window at a time) marks exactly what
    the regex matches. `window=1` searches four longest names' length at a time."""
    unique = list({w.lower(): w for w in words}.values())  # one term per written form
    expected = [m.group(0) for m in longest_first_regex(unique).finditer(text)]
    first_uses = [
        w for i, w in enumerate(expected) if w.lower() not in {e.lower() for e in expected[:i]}
    ]
    with patch.object(glossary_terms, "_WINDOW", window):
        out = mark(marker(*map(term, unique)), f"<p>{text}</p>")
    assert marked_words(out) == first_uses
    assert re.sub("<[^>]+>", "", out) == text


def test_a_word_that_is_not_a_term_again_and_again_costs_no_search_of_the_rest() -> None:
    """`a` is a term but `ab` is not: each `ab` is a second look, which searches a window,
    not the rest of the paragraph (the whole paragraph each time took seconds)."""
    calls = []
    found = marker(term("a"))
    automaton = found._automaton
    assert automaton is not None

    class Counting:
        def find_matches_as_indexes(self, haystack: str) -> list[tuple[int, int, int]]:
            calls.append(len(haystack))
            return automaton.find_matches_as_indexes(haystack)

    found._automaton = Counting()  # type: ignore[assignment]
    out = mark(found, f"<p>{'ab ' * 7000}a.</p>")
    assert marked_words(out) == ["a"]
    assert len(calls) > 7000 and sum(calls) <= 7001 * (glossary_terms._WINDOW + 1)


@pytest.mark.slow
def test_the_glossary_page_is_a_compact_list_that_keeps_its_anchors(bundled: Site) -> None:
    page = (bundled.build_dir / "docs" / "glossary" / "index.md").read_text(encoding="utf-8")
    assert '<dt id="term-opportunity">商机</dt>' in page
    assert "## 商机" not in page
    letters = [line[3] for line in page.splitlines() if line.startswith("## ")]
    assert letters == sorted(letters)
    stage = (bundled.build_dir / "docs" / "stages" / "discover" / "index.md").read_text("utf-8")
    assert 'class="pb-term"' in stage


TERM_LINK = re.compile(r'<a class="pb-term" href="([^"]+)"')


@pytest.mark.slow
@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_each_term_link_leads_to_its_entry_and_the_definitions_are_one_script(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    """Without JavaScript a term is a link that lands on its entry of the glossary page;
    the definitions are written once, in the script every page loads."""
    site: Site = request.getfixturevalue(site_name)
    glossary = site.path / "glossary" / "index.html"
    ids = parse_page(glossary).ids
    links = 0
    for page in site.path.rglob("*.html"):
        for href in TERM_LINK.findall(page.read_text(encoding="utf-8")):
            target, fragment = target_of(site.path, page, href)
            assert (target, fragment in ids) == (glossary, True), (page, href)
            links += 1
    assert links > 10
    script = (site.path / "assets" / "glossary-terms.js").read_text(encoding="utf-8")
    assert set(definitions(script)) <= ids
    process = (site.path / "process" / "index.html").read_text(encoding="utf-8")
    assert 'src="../assets/glossary-terms.js"' in process


TIP = "#pb-term-tip"


def entry_of(page: Any, term: Any) -> list[str]:
    """The [term, definition] the site's script holds for a term link on `page`."""
    return page.evaluate(
        "t => window.pbGlossary[decodeURIComponent(t.hash.slice(1))]", term.element_handle()
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_a_term_explains_itself_on_hover_focus_and_tap(
    chromium: Any, site_name: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    site: Site = request.getfixturevalue(site_name)
    ctx = chromium.new_context(has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(site.url + "process/")
        first = page.locator("article a.pb-term").first
        tip = page.locator(TIP)
        name, definition = entry_of(page, first)
        expect(tip).to_have_count(0)
        first.hover()
        expect(tip).to_be_visible()
        assert tip.inner_text() == f"{name} {definition}"
        assert first.get_attribute("aria-describedby") == "pb-term-tip"
        page.mouse.move(0, 0)
        expect(tip).to_be_hidden()
        assert first.get_attribute("aria-describedby") is None
        first.focus()
        expect(tip).to_be_visible()
        assert first.get_attribute("aria-describedby") == "pb-term-tip"
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        page.locator("h1").first.click()  # blur
        here = page.url
        first.tap()  # a first tap explains …
        expect(tip).to_be_visible()
        assert page.url == here
        page.locator("h1").first.tap()  # … a tap elsewhere closes …
        expect(tip).to_be_hidden()
        first.tap()
        expect(tip).to_be_visible()
        first.tap()  # … and a second tap on the term follows its link
        page.wait_for_url("**/glossary/#*")
        anchor = page.evaluate("decodeURIComponent(location.hash.slice(1))")
        assert page.locator(f"[id='{anchor}']").inner_text() == name
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_tooltip_stays_on_a_phone_screen_is_readable_in_both_schemes_and_never_prints(
    chromium: Any, bundled: Site, scheme: str
) -> None:
    from playwright.sync_api import expect

    ctx = chromium.new_context(
        viewport={"width": 375, "height": 667}, has_touch=True, color_scheme=scheme
    )
    try:
        page = ctx.new_page()
        page.goto(bundled.url + "process/")
        tip = page.locator(TIP)
        terms = page.locator("article a.pb-term")
        assert terms.count() > 3
        for i in range(min(terms.count(), 12)):
            terms.nth(i).focus()
            expect(tip).to_be_visible()
            box = tip.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, i
        colours = page.evaluate(
            """() => {
              const s = getComputedStyle(document.querySelector('#pb-term-tip'));
              return [s.backgroundColor, s.color];
            }"""
        )
        body = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert colours[0] == body and colours[1] != body  # the page's own scheme
        assert axe_violations(page) == []
        page.emulate_media(media="print")
        expect(tip).to_be_hidden()
    finally:
        ctx.close()


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_a_term_is_a_link_to_its_entry(chromium: Any, northwind: Site) -> None:
    ctx = chromium.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(northwind.url + "process/")
        term = page.locator("article a.pb-term").first
        word = term.inner_text()
        term.click()
        page.wait_for_url("**/glossary/#*")
        anchor = page.evaluate("decodeURIComponent(location.hash.slice(1))")
        entry = page.locator(f"[id='{anchor}']")
        assert entry.evaluate("e => e.tagName") == "DT"
        aliases = entry.evaluate("e => e.nextElementSibling.textContent")
        assert word.casefold() in (entry.inner_text() + aliases).casefold()
        assert page.locator(TIP).count() == 0
    finally:
        ctx.close()


def test_a_paragraph_of_near_misses_does_not_list_a_window_of_matches_for_each() -> None:
    """`icp` again and again for the term `ICP`: each is a second look, and each look lists
    the matches of its window; a small window keeps that a few per miss (a window of
    512 had listed ~128 for each, 1.9 s for 64 KB)."""
    found = marker(term("ICP"))
    automaton = found._automaton
    assert automaton is not None
    listed = []

    class Counting:
        def find_matches_as_indexes(self, haystack: str) -> list[tuple[int, int, int]]:
            matches = automaton.find_matches_as_indexes(haystack)
            listed.append(len(matches))
            return matches

    found._automaton = Counting()  # type: ignore[assignment]
    out = mark(found, f"<p>{'icp ' * 5000}ICP.</p>")
    assert marked_words(out) == ["ICP"]
    assert sum(listed) <= 20 * 5001

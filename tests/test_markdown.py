"""Markdown fields become sanitised HTML with `[[ref]]` links relative to the page."""

import pytest

from playbook_gen.i18n import Labels
from playbook_gen.resolve.references import EntityIndex, Entry, Target
from playbook_gen.site.links import Linker
from playbook_gen.site.markdown import MarkdownRenderer


def _index() -> EntityIndex:
    index = EntityIndex()
    for target in (
        Target("skill", "negotiation", "Negotiation <& more>", "skills/negotiation.md"),
        Target("stage", "discover", "Discover", "stages/discover.md"),
        Target("metric", "win-rate", "Win *rate*", "management.md", "metric-win-rate"),
    ):
        index.add(Entry(target, source=None, loc=()))  # type: ignore[arg-type]
    return index


@pytest.fixture
def render() -> MarkdownRenderer:
    return MarkdownRenderer(Linker(_index(), Labels("en")))


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "alert"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "<a"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ("[data](data:text/html;base64,PHNjcmlwdD4=)", "<a"),
        ('<iframe src="https://example.com"></iframe>', "iframe"),
        ("<style>body { display: none }</style>", "display"),
        ('<object data="x.swf"></object>', "object"),
        ('<p style="color: red" onclick="x()">text</p>', "style"),
        ('<p style="color: red" onclick="x()">text</p>', "onclick"),
        ('<div class="md-header">x</div>', "md-header"),
        ("![img](https://example.com/x.png)", "<img"),
    ],
)
def test_dangerous_markup_is_removed(render: MarkdownRenderer, source: str, forbidden: str) -> None:
    assert forbidden not in render.render(source, "values.md")


def test_safe_markdown_is_kept(render: MarkdownRenderer) -> None:
    html = render.render(
        "Some **bold**, *em* and `code`.\n\n- a\n- b\n\n| x | y |\n| - | - |\n| 1 | 2 |\n\n"
        "> quote\n\n```\npre\n```\n\n[site](https://example.com) [mail](mailto:a@b.c) "
        "[rel](../other/)",
        "values.md",
    )
    for tag in ("<strong>", "<em>", "<code>", "<ul>", "<li>", "<table>", "<td>", "<blockquote>"):
        assert tag in html
    assert "<pre><code>pre\n</code></pre>" in html
    assert '<a href="https://example.com" rel="noopener noreferrer">site</a>' in html
    assert 'href="mailto:a@b.c"' in html
    assert 'href="../other/"' in html


def test_result_is_one_raw_html_block(render: MarkdownRenderer) -> None:
    html = render.render("text", "values.md")
    assert html == '<div class="pb-md">\n<p>text</p>\n</div>'


def test_empty_text_renders_nothing(render: MarkdownRenderer) -> None:
    assert render.render(None, "values.md") == ""
    assert render.render("  \n", "values.md") == ""


def test_headings_start_below_the_page_headings(render: MarkdownRenderer) -> None:
    html = render.render("# One\n\n## Two", "values.md")
    assert "<h3>One</h3>" in html and "<h4>Two</h4>" in html
    assert "id=" not in html


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("stages/discover.md", "../../skills/negotiation/"),
        ("index.md", "skills/negotiation/"),
        ("skills/index.md", "negotiation/"),
        ("values.md", "../skills/negotiation/"),
    ],
)
def test_ref_links_are_relative_to_the_page(render: MarkdownRenderer, page: str, href: str) -> None:
    assert f'<a href="{href}"' in render.render("See [[skill:negotiation]].", page)


def test_ref_link_keeps_its_anchor(render: MarkdownRenderer) -> None:
    html = render.render("[[metric:win-rate]]", "stages/discover.md")
    assert '<a href="../../management/#metric-win-rate" rel="noopener noreferrer">' in html
    html = render.render("[[metric:win-rate]]", "management.md")
    assert 'href="#metric-win-rate"' in html


def test_ref_link_shows_the_title_escaped(render: MarkdownRenderer) -> None:
    html = render.render("[[skill:negotiation]] [[metric:win-rate]]", "values.md")
    assert ">Negotiation &lt;&amp; more&gt;</a>" in html
    assert ">Win &#42;rate&#42;</a>" in html


def test_ref_link_label_is_literal(render: MarkdownRenderer) -> None:
    html = render.render("[[stage:discover|<b>*the* stage</b>]]", "values.md")
    assert ">&lt;b&gt;&#42;the&#42; stage&lt;/b&gt;</a>" in html


def test_ref_link_in_a_table_keeps_the_table(render: MarkdownRenderer) -> None:
    html = render.render("| a | b |\n| - | - |\n| [[stage:discover|x]] | 2 |", "values.md")
    assert html.count("<td>") == 2


def test_area_ref_shows_the_area_title(render: MarkdownRenderer) -> None:
    html = render.render("[[values]]", "stages/discover.md")
    assert '<a href="../../values/" rel="noopener noreferrer">Sales values</a>' in html


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("[[skill:nope]]", "skill:nope"),
        ("[[skill:nope|the <label>]]", "the &lt;label&gt;"),
        ("[[bogus:x]]", "bogus:x"),
        ("[[nowhere]]", "nowhere"),
    ],
)
def test_unresolvable_ref_is_plain_text(render: MarkdownRenderer, source: str, text: str) -> None:
    html = render.render(source, "values.md")
    assert "<a" not in html
    assert f"<p>{text}</p>" in html


def test_placeholder_characters_in_the_input_are_dropped(render: MarkdownRenderer) -> None:
    html = render.render("a\ue0000\ue001b [[stage:discover]]", "values.md")
    assert "<p>a0b <a" in html


def test_wrapped_chinese_lines_join_without_a_space(render: MarkdownRenderer) -> None:
    html = render.render(
        "客户怎么买，\n我们就怎么卖。\nThen English.\n\n```\n代码\n第二行\n```", "values.md"
    )
    assert "<p>客户怎么买，我们就怎么卖。\nThen English.</p>" in html
    assert "代码\n第二行" in html


@pytest.mark.parametrize("code", ["", "\n\n```\n代码\n第二行\n```"])
def test_chinese_lines_join_the_same_with_or_without_a_code_block(
    render: MarkdownRenderer, code: str
) -> None:
    """A field without `<pre>` is joined in one pass, one with it part by part: the text
    outside the code block comes out the same either way."""
    html = render.render("- 第一，\n  第二。\n- 一 二 three\n\n> 引用\n> 继续" + code, "values.md")
    assert "<li>第一，第二。</li>\n<li>一二 three</li>" in html
    assert "<p>引用继续</p>" in html
    assert ("代码\n第二行" in html) == bool(code)

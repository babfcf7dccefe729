"""Plain text and sanitised HTML stay inert inside a Markdown page."""

import markdown
import pytest

from playbook_gen.site.escaping import _literal, inert_html, literal_text


def _through_markdown(text: str) -> str:
    """What MkDocs' Markdown makes of a line of generated page."""
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables"])


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "*b* and _i_ and `code` and ~~s~~",
        "<b>bold</b> & <script>alert(1)</script>",
        "Title { #evil .class }",
        "a | b | c",
        "![img](x.png)",
        "<https://example.com>",
    ],
)
def test_literal_text_reads_as_the_text(text: str) -> None:
    html = _through_markdown(f"## {literal_text(text)}")
    assert "<a" not in html and "<em" not in html and "<code" not in html
    assert "<script" not in html and "<b>" not in html and "<img" not in html
    assert 'id="evil"' not in html


@pytest.mark.parametrize("text", ["- item", "+ item", "1. item", "12) item", "=== x"])
def test_literal_text_cannot_start_a_block(text: str) -> None:
    html = _through_markdown(f"- {literal_text(text)}")
    assert html.count("<li>") == 1 and "<ol>" not in html and "<h1>" not in html


def test_literal_text_keeps_to_one_line() -> None:
    assert literal_text("a\n\n---\n  b") == "a --- b"


@pytest.mark.parametrize(
    "space", ["  ", "\t", "\r\n", "\x0b", "\x1c", "\xa0", "\u2003", "\u2028", "\u3000 "]
)
def test_literal_text_makes_any_run_of_whitespace_one_space(space: str) -> None:
    # Text that is printable and has no double space is passed over (a quick test);
    # every other whitespace, ASCII or not, must still become one space.
    assert literal_text(f"a{space}b") == "a b"
    assert literal_text(f"\u00e9{space}b") == "\u00e9 b"


def test_literal_text_escapes_html() -> None:
    assert literal_text('<b> & "q"') == "&lt;b&gt; &amp; &quot;q&quot;"


def test_inert_html_escapes_markdown_in_text_and_angles_in_attributes() -> None:
    html = '<p>*x* [y](javascript:z)</p><a title="a>b" href="#q">_u_</a>'
    assert inert_html(html) == (
        '<p>&#42;x&#42; &#91;y&#93;(javascript:z)</p><a title="a&gt;b" href="#q">&#95;u&#95;</a>'
    )


def test_inert_html_leaves_entities_alone() -> None:
    assert inert_html("<p>&amp; &lt; &nbsp;</p>") == "<p>&amp; &lt; &nbsp;</p>"


def test_literal_text_drops_a_wrapped_line_between_chinese_characters() -> None:
    assert literal_text("客户为什么\n买你的东西？\n  Why") == "客户为什么买你的东西？ Why"
    assert literal_text("第 3 周") == "第 3 周"


def test_literal_text_drops_the_space_left_by_a_folded_chinese_line() -> None:
    # `summary: >-` folds "我们怎么卖，\n每个阶段" into "我们怎么卖， 每个阶段".
    assert literal_text("我们怎么卖， 每个阶段") == "我们怎么卖，每个阶段"
    assert literal_text("新销售 90 天") == "新销售 90 天"


def test_literal_text_is_remembered_within_bounds() -> None:
    """Printed values repeat across pages, so their escaped form is remembered: by the
    text, whatever type printed it, and in a bounded cache (serve runs for days)."""

    class Name(str):
        pass

    assert literal_text(Name("*x*")) is literal_text("*x*") == "&#42;x&#42;"
    assert literal_text(12) is literal_text("12")
    assert _literal.cache_info().maxsize is not None

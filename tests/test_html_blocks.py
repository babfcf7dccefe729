"""Rendered Markdown fields pass through MkDocs' Markdown untouched, without the two
`html.parser` passes over them, and pages come out byte for byte as without the
extension."""

from __future__ import annotations

from typing import Any

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.preprocessors import Preprocessor

from playbook_gen.publish.config_hook import finish_config
from playbook_gen.publish.field_blocks import FieldBlocks
from playbook_gen.site.markdown import FIELD_BLOCK_END, FIELD_BLOCK_START

EXTENSIONS: list[Any] = ["attr_list", "admonition", "tables", "toc"]


def field(inner: str) -> str:
    return f"{FIELD_BLOCK_START}\n{inner}\n{FIELD_BLOCK_END}"


class Seen(Preprocessor):
    """Records the text that reaches the priority of MkDocs' anchor scan (21)."""

    def __init__(self, md: markdown.Markdown, into: list[str]) -> None:
        super().__init__(md)
        self.into = into

    def run(self, lines: list[str]) -> list[str]:
        self.into.append("\n".join(lines))
        return lines


def convert(page: str, *, stash: bool, seen: list[str] | None = None) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS + ([FieldBlocks()] if stash else []))
    if seen is not None:
        md.preprocessors.register(Seen(md, seen), "seen", 21.5)
    return md.convert(page)


PAGE = "\n\n".join(
    [
        field('<p>First, <a class="pb-term" href="../g/#t">term</a> &#42;x&#42;.</p>'),
        "# Title",
        field("<pre><code>a\n\n\tb</code></pre>\n<ul>\n<li>one</li>\n</ul>"),
        "## Next\n\nSome *Markdown* text.",
        "- a list item\n\n    "
        + field("<p>indented: Markdown's to judge</p>").replace("\n", "\n    "),
        field("<p>has a <div>div</div> inside: not ours</p>"),
        field("<p>last, no blank line after</p>"),
    ]
)


def test_pages_with_fields_come_out_byte_for_byte_as_without_the_extension() -> None:
    assert convert(PAGE, stash=True) == convert(PAGE, stash=False)
    assert convert(PAGE + "\n", stash=True) == convert(PAGE + "\n", stash=False)


def test_a_field_is_not_parsed_as_html_and_anything_else_still_is() -> None:
    seen: list[str] = []
    convert(PAGE, stash=True, seen=seen)
    assert "First," not in seen[0] and "a\n\n    b" not in seen[0] and "last," not in seen[0]
    assert "indented" in seen[0] and "not ours" in seen[0] and "*Markdown*" in seen[0]
    without: list[str] = []
    convert(PAGE, stash=False, seen=without)
    assert "First," in without[0]


BLOCKS = st.sampled_from(
    [
        "# A heading",
        "## Section {#custom}",
        "Plain *text* and `code`.",
        "- item\n- item two",
        '<div class="pb-other">\n<p>raw</p>\n</div>',
        field("<p>one</p>"),
        field("<p>x</p>\n<pre><code>a\n\nb\n</code></pre>"),
        field("<h3>A field heading</h3>\n<p>text &amp; more</p>"),
        field("<table>\n<tr><td>1</td></tr>\n</table>"),
        "  " + field("<p>two spaces in</p>"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    blocks=st.lists(BLOCKS, max_size=8),
    gaps=st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=8, max_size=8),
    end=st.sampled_from(["", "\n", "\n\n"]),
)
def test_any_arrangement_of_fields_and_markdown_renders_as_without_it(
    blocks: list[str], gaps: list[str], end: str
) -> None:
    page = "".join(block + gap for block, gap in zip(blocks, gaps, strict=False)) + end
    assert convert(page, stash=True) == convert(page, stash=False)


def test_mkdocs_gets_the_extension_once_from_the_generated_config() -> None:
    config: dict[str, Any] = {"markdown_extensions": ["toc"], "mdx_configs": {}}
    finish_config(finish_config(config))
    assert [type(e) for e in config["markdown_extensions"]].count(FieldBlocks) == 1

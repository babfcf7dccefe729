"""The generator's HTML blocks pass through MkDocs' Markdown untouched, without the two
`html.parser` passes over them, and pages come out byte for byte as without the
extension; MkDocs' anchor check still knows their ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import _HTMLHandler

from playbook_gen.publish.config_hook import finish_config
from playbook_gen.publish.html_blocks import HtmlBlocks, add_anchor_ids
from playbook_gen.site.markdown import FIELD_BLOCK_END, FIELD_BLOCK_START
from playbook_gen.site.mkdocs_yml import config_hook_path

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
    md = markdown.Markdown(extensions=EXTENSIONS + ([HtmlBlocks()] if stash else []))
    if seen is not None:
        md.preprocessors.register(Seen(md, seen), "seen", 21.5)
    return md.convert(page)


PAGE = "\n\n".join(
    [
        field('<p>First, <a class="pb-term" href="../g/#t">term</a> &#42;x&#42;.</p>'),
        "# Title",
        '<dl class="pb-facts" id="facts">\n'
        '<div><dt id="a&amp;b">x</dt><dd>y<br>z</dd></div>\n</dl>',
        '<ul>\n<li><a name="here">x</a> <span name="not-an-anchor">y</span></li>\n</ul>',
        '<div class="pb-flow">\n<div>nested <div>in pairs</div></div>\n</div>',
        "## Next\n\nSome *Markdown* text, <span>inline HTML</span>.",
        "- a list item\n\n    " + field("<p>indented: Markdown's</p>").replace("\n", "\n    "),
        # A blank line inside: Markdown's, and so is all that follows.
        field("<pre><code>a\n\n\tb</code></pre>"),
        field("<p>after a block left to Markdown</p>"),
        "<ul>\n<li><!-- a comment </ul> --></li>\n</ul>",
        "<script>\nlet x = '<p>';\n</script>",
        "<P>upper case</p>",
        field("<p>last, no blank line after</p>"),
    ]
)


def test_pages_with_fields_come_out_byte_for_byte_as_without_the_extension() -> None:
    assert convert(PAGE, stash=True) == convert(PAGE, stash=False)
    assert convert(PAGE + "\n", stash=True) == convert(PAGE + "\n", stash=False)


def test_plain_blocks_are_not_parsed_as_html_until_markdown_must_parse_one() -> None:
    seen: list[str] = []
    convert(PAGE, stash=True, seen=seen)
    for stashed in ("First,", "pb-facts", 'name="here"', "in pairs"):
        assert stashed not in seen[0]
    for left in ("indented", "a\n\n    b", "after a block", "a comment", "let x", "last,"):
        assert left in seen[0]
    without: list[str] = []
    convert(PAGE, stash=False, seen=without)
    assert "First," in without[0]


@pytest.mark.parametrize(
    "page",
    [
        "text\n<div>\n<p>x</p>\n\n<p>inside a block still open</p>\n\n</div>\n\n# h\n",
        "<!-- open\n\n<p>inside a comment still open</p>\n\n# h -->\n\n<p>y</p>\n",
    ],
)
def test_a_block_after_something_left_open_is_left_to_markdown(page: str) -> None:
    """`html.parser` is still inside a block or a comment there: stashing the next block
    would change what it keeps (here, one newline)."""
    seen: list[str] = []
    assert convert(page, stash=True, seen=seen) == convert(page, stash=False)
    assert "still open" in seen[0]


def test_the_ids_of_stashed_blocks_reach_mkdocs_anchor_check() -> None:
    extension = HtmlBlocks()
    markdown.Markdown(extensions=[extension]).convert(PAGE)
    page = SimpleNamespace(present_anchor_ids={"title"})
    add_anchor_ids(page, {"markdown_extensions": ["toc", extension]})
    assert page.present_anchor_ids == {"title", "facts", "a&b", "here"}
    markdown.Markdown(extensions=[extension]).convert("# Only Markdown")
    assert extension.anchor_ids == set()  # the page converted last, not every page


BLOCKS = st.sampled_from(
    [
        "# A heading",
        "## Section {#custom}",
        "Plain *text* and `code`.",
        "- item\n- item two",
        '<div class="pb-other">\n<p>raw</p>\n</div>',
        "<div>\n<div>nested</div>\n</div>",
        "<p>one</p>\n<p>two on the next line</p>",
        '<ul>\n<li>a <a href="x" id="y">link</a></li>\n</ul>',
        "<ul>\n<li>unclosed\n</ul>",
        "<nav>\n<ol><li>x</li></ol>\n</nav> tail",
        "<p>a</p> and text after",
        "<section>\n\n*Markdown inside*\n\n</section>",
        "<!-- a comment -->",
        "<div>",
        "</div>",
        "<p>a</p>\n<p>b</p>\n<p>c</p>",
        "<p>a</p>\n<ul>\n<li>x</li>\n</ul>",
        "<p>a</p>\n<span>b</span>",
        "<p>a</p> tail\n<p>b</p>",
        "<div>\n<div>x</div>\n</div>\n<p>y</p>",
        "<p>a</p>\n<P>b</P>",
        "<p>a</p>\ntext\n<p>b</p>",
        "<p>a</p> <p>b on the same line</p>",
        "<!-- a comment left open",
        "<div>\n<br>\n<input/>\n</div>",
        "<hr>",
        "<div>a <b and a tag never closed</div>",
        '<div title="a>b">x</div>',
        "<div>\n<li>x\n</div>",
        "<div>\n</br>\n</div>",
        "text, then a block left open\n<div>\n<p>x</p>",
        "<div>\n<p><div></p>\n</div>",
        "<div>\n<script>x</div></script>\n</div>",
        "text\n<div>\n<p>a block after a line of text</p>\n</div>",
        "<p>an open comment <!-- </p>",
        "<p><![CDATA[ </p>",
        "<span>inline</span>",
        field("<p>one</p>"),
        field("<p>x</p>\n<pre><code>a\n\nb\n</code></pre>"),
        field("<h3>A field heading</h3>\n<p>text &amp; more</p>"),
        field("<table>\n<tr><td>1</td></tr>\n</table>"),
        "  " + field("<p>two spaces in</p>"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(
    blocks=st.lists(BLOCKS, max_size=8),
    gaps=st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=8, max_size=8),
    end=st.sampled_from(["", "\n", "\n\n"]),
)
@example(  # misnested: html.parser ends the first <div> at its first </div>
    blocks=["<div>\n<p><div></p>\n</div>", "</div>", "# A heading"],
    gaps=["\n", "\n\n"] + ["\n"] * 6,
    end="",
)
@example(  # a tag never closed: html.parser reads the rest of the page as raw HTML
    blocks=["<div>a <b and a tag never closed</div>", "# A heading"],
    gaps=["\n\n"] * 8,
    end="",
)
@example(  # an open comment: html.parser reads past the end tag
    blocks=["# A heading", "<p>an open comment <!-- </p>", "<!-- a comment -->"],
    gaps=["\n\n", "\n\n\n", "\n"] + ["\n"] * 5,
    end="",
)
def test_any_arrangement_of_fields_and_markdown_renders_as_without_it(
    blocks: list[str], gaps: list[str], end: str
) -> None:
    page = "".join(block + gap for block, gap in zip(blocks, gaps, strict=False)) + end
    assert convert(page, stash=True) == convert(page, stash=False)


def test_mkdocs_gets_the_extension_once_from_the_generated_config() -> None:
    config: dict[str, Any] = {"markdown_extensions": ["toc"], "mdx_configs": {}}
    finish_config(finish_config(config))
    assert [type(e) for e in config["markdown_extensions"]].count(HtmlBlocks) == 1


@pytest.mark.slow
def test_a_markdown_link_to_an_id_in_a_stashed_block_passes_mkdocs_strict_anchor_check(
    tmp_path: Path,
) -> None:
    """A real MkDocs build with the generated config's hook: a user's Markdown link to an
    anchor that only a stashed block holds is not reported missing (strict: it would fail)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        '# Home\n\n<dl class="pb-facts">\n<dt id="owner">x</dt>\n</dl>\n'
    )
    (docs / "other.md").write_text("# Other\n\nSee [the owner](index.md#owner).\n")
    config = {
        "site_name": "t",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "hooks": [config_hook_path()],
        "markdown_extensions": ["toc"],
        "validation": {"anchors": "warn"},
        "strict": True,
    }
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert '<dt id="owner">' in (tmp_path / "site" / "index.html").read_text()


def test_the_extension_can_be_named_in_mkdocs_yml_too() -> None:
    seen: list[str] = []
    md = markdown.Markdown(extensions=[*EXTENSIONS, "playbook_gen.publish.html_blocks"])
    md.preprocessors.register(Seen(md, seen), "seen", 21.5)
    assert md.convert(PAGE) == convert(PAGE, stash=False)
    assert "First," not in seen[0]


REVIEWED = [  # found by an adversarial review's fuzzing: each differed before
    "a<b then\n\n<p>x</p>\n",
    'Text <b and more\n\n<p id="x">x</p>\n',
    '<div\n  class="x">a</div>\n<p>b</p>\n',
    '<div\n  class="x">a</div>\n\n<p>b</p>\n\n# H\n',
    "<p>Total: 5 &#215 3</p>\n",
    "<DIV>&#XA</DIV>\n",
    "<nav-bar>x</nav-bar>\n",
    "<div>\nx</div-x>\n\n# Heading\n",
    '<section""></section>',
    "<p title=a`b>x</p>\n",
    "\xa0<div>\n\n<p>x</p>\n\n</div>\n\n# H\n",
    "\u3000<div>\n\n<p>x</p>\n\n</div>\n\n# H\n",
]
ANCHORS = [
    '<p ID="x">a</p>\n',
    "<p id='x'>a</p>\n",
    "<p id=x>a</p>\n",
    '<p id = "x">a</p>\n',
    '<p data-x="1"id="x">a</p>\n',
    '<p><a NAME="x">a</a></p>\n',
    "<p title='a id=\"y\"'>a</p>\n",
    '<ul>\n<li><a name="here" id="there">x</a><input name="q"></li>\n</ul>\n',
]


@pytest.mark.parametrize("page", REVIEWED + ANCHORS)
def test_reviewed_pages_render_as_without_the_extension(page: str) -> None:
    assert convert(page, stash=True) == convert(page, stash=False)


def mkdocs_anchor_scan(text: str) -> set[str]:
    scan = _HTMLHandler()
    scan.feed(text)
    scan.close()
    return set(scan.present_anchor_ids)


@pytest.mark.parametrize("page", ANCHORS)
def test_mkdocs_anchor_check_sees_the_ids_its_own_scan_would(page: str) -> None:
    """What MkDocs' scan still sees plus what the extension hands over is exactly what
    its scan sees of the page without the extension."""
    extension = HtmlBlocks()
    seen: list[str] = []
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    md.preprocessors.register(Seen(md, seen), "seen", 21.5)
    md.convert(page)
    assert mkdocs_anchor_scan(seen[0]) | extension.anchor_ids == mkdocs_anchor_scan(page)


def test_a_site_that_parses_markdown_inside_html_blocks_keeps_parsing_them() -> None:
    """With `md_in_html` (a user's mkdocs.yml under the plugin), a block's `markdown`
    attribute matters: its blocks are left to it."""
    config: dict[str, Any] = {"markdown_extensions": ["toc", "md_in_html"], "mdx_configs": {}}
    finish_config(config)
    assert not any(isinstance(e, HtmlBlocks) for e in config["markdown_extensions"])

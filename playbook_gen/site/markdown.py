"""Markdown fields (`body`, `answer`, `instructions`, …) → safe HTML for one page.

Authors write Markdown, and a playbook may come from many hands, so the HTML is
sanitised with an allow-list (`nh3`): no script, style, event handler, iframe or
`javascript:`/`data:` URL survives. `[[ref]]` links become relative links to their target
(after Markdown, so a label is always literal text). The result is a raw HTML block
(`<div class="pb-md">`) that MkDocs passes through untouched.

The parser is markdown-it-py (CommonMark and tables), not Python-Markdown: its time is
linear in the text and its nesting is capped, where Python-Markdown takes minutes on a
64 KB field of `[` or `<x ` and overflows the stack on 500 nested lists — and Markdown
fields are written by anyone who can open a merge request.
"""

from __future__ import annotations

import re
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from playbook_gen.resolve.references import WIKI_LINK
from playbook_gen.site.escaping import CJK_LINE_BREAK, inert_html
from playbook_gen.site.links import Linker

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "blockquote",
        "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Relative URLs are allowed too (nh3 passes them through)."""
LINK_REL = "noopener noreferrer"

MAX_NESTING = 20
"""Deepest nesting of lists, quotes and inline markup that is parsed as such; deeper
markup is shown as text."""
FIELD_BLOCK_START, FIELD_BLOCK_END = '<div class="pb-md">', "</div>"
"""What a rendered field is wrapped in, each on its own line: a block of HTML between blank
lines, which `publish/html_blocks.py` passes through MkDocs' Markdown unparsed."""
HEADING_SHIFT = 2
"""A field's `#` is an h3: the field sits under the page's own h1 and h2."""

_OPEN, _CLOSE = "\ue000", "\ue001"
"""Private-use characters that bracket a link placeholder; removed from the input first."""
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


class MarkdownRenderer:
    """Renders the Markdown fields of one playbook, each for the page it appears on."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        # Raw HTML is parsed (and then sanitised); no attribute syntax, no linkify.
        options = {"html": True, "maxNesting": MAX_NESTING}
        self._markdown = MarkdownIt("commonmark", options).enable("table")
        self._markdown.core.ruler.push("shift_headings", _shift_headings)

    def render(self, text: str | None, page: str) -> Markup:
        """Markdown → a sanitised `<div class="pb-md">` block; empty text → empty markup."""
        if not text or not text.strip():
            return Markup("")
        links: list[Markup] = []

        def placeholder(match: re.Match[str]) -> str:
            label = (match.group(2) or "").strip() or None
            links.append(self.linker.link(page, match.group(1).strip(), label))
            return f"{_OPEN}{len(links) - 1}{_CLOSE}"

        source = WIKI_LINK.sub(placeholder, text.replace(_OPEN, "").replace(_CLOSE, ""))
        html = self._markdown.render(source).rstrip("\n")
        html = _PLACEHOLDER.sub(lambda match: links[int(match.group(1))], html)
        html = join_cjk_lines(sanitize(html))
        # (`inert_html` is markup already: joined as it is, not through `Markup.format`)
        return Markup(f"{FIELD_BLOCK_START}\n{inert_html(html)}\n{FIELD_BLOCK_END}")


def _shift_headings(state: Any) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"


_PRE = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)


def join_cjk_lines(html: str) -> str:
    """Drop a line break between two CJK characters (outside `<pre>`).

    Authors wrap long Chinese paragraphs in YAML; a browser shows each such break as a
    space, which Chinese text does not have.
    """
    if html.isascii():  # no CJK: nothing to join (a quick test, and most fields)
        return html
    if "<pre>" not in html:  # no code block to keep as written: one pass over all of it
        return CJK_LINE_BREAK.sub("", html)
    parts = _PRE.split(html)
    return "".join(part if i % 2 else CJK_LINE_BREAK.sub("", part) for i, part in enumerate(parts))


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    link_rel=LINK_REL,
)
"""Made once: `nh3.clean` builds its sanitizer on every call, 40 % of its time."""


def sanitize(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes; mark links noopener."""
    return _CLEANER.clean(html)

"""Markdown fields (`body`, `answer`, `instructions`, …) → safe HTML for one page.

Authors write Markdown, and a playbook may come from many hands, so the HTML is
sanitised with an allow-list (`nh3`): no script, style, event handler, iframe or
`javascript:`/`data:` URL survives. `[[ref]]` links become relative links to their target
(after Markdown, so a label is always literal text). The result is a raw HTML block
(`<div class="pb-md">`) that MkDocs passes through untouched.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

from playbook_gen.escaping import CJK_LINE_BREAK, inert_html
from playbook_gen.links import Linker
from playbook_gen.references import WIKI_LINK

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

_OPEN, _CLOSE = "\ue000", "\ue001"
"""Private-use characters that bracket a link placeholder; removed from the input first."""
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


class MarkdownRenderer:
    """Renders the Markdown fields of one playbook, each for the page it appears on."""

    def __init__(self, linker: Linker) -> None:
        self.linker = linker
        # No attr_list or md_in_html: authors' text must not set ids, classes or raw blocks.
        # `toc` only to start headings at h3: a field sits under the page's own h1/h2.
        self._markdown = markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists", "toc"],
            extension_configs={"toc": {"baselevel": 3, "marker": ""}},
            output_format="html",
        )

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
        html = self._markdown.reset().convert(source)
        html = _PLACEHOLDER.sub(lambda match: links[int(match.group(1))], html)
        html = join_cjk_lines(sanitize(html))
        return Markup('<div class="pb-md">\n{}\n</div>').format(inert_html(html))


_PRE = re.compile(r"(<pre>.*?</pre>)", re.DOTALL)


def join_cjk_lines(html: str) -> str:
    """Drop a line break between two CJK characters (outside `<pre>`).

    Authors wrap long Chinese paragraphs in YAML; a browser shows each such break as a
    space, which Chinese text does not have.
    """
    parts = _PRE.split(html)
    return "".join(part if i % 2 else CJK_LINE_BREAK.sub("", part) for i, part in enumerate(parts))


def sanitize(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes; mark links noopener."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
    )

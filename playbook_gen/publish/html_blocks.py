"""A Python-Markdown extension that passes the generator's HTML blocks through untouched,
instead of having MkDocs parse them as raw HTML twice.

A generated page is Markdown headings between blocks of HTML the generator wrote: rendered
Markdown fields (`<div class="pb-md">`), lists, facts, breadcrumbs, forms. Python-Markdown
stashes such a block as raw HTML — after feeding the whole page to `html.parser` to find
where it ends — and MkDocs feeds the page to `html.parser` once more to collect its anchor
ids. On a Chinese playbook those two parses were 35 s of MkDocs' 41 s of Markdown
(profiled, one process).

This preprocessor runs after Python-Markdown's whitespace clean-up and before both parses,
and stashes each chunk whose ends are certain without parsing: lines between blank lines
made of whole block-level elements, each starting a line and ending one, every tag closed
in order, no comment or script — `html_block` takes each as a raw block and ends it there
too (`_CHUNK`, `_is_plain`). It is stored as `html_block` stores it, so the page comes out
byte for byte the same. Everything from the first place where `html.parser` could be left
inside something (a block it must parse, a comment) is left to Markdown, as before.

The ids in a stashed block are handed to MkDocs' anchor check by `on_page_content`
(`add_anchor_ids`), as its own scan would have found them (double-quoted, as generated).
An adversarial fuzzing of 300,000 pages found the cases `_is_plain` and `_may_stay_open`
now refuse (tests/test_html_blocks.py `REVIEWED`); with `md_in_html`, which parses
Markdown inside blocks, the extension is not added at all (`config_hook`).
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.htmlparser import void_tags
from markdown.preprocessors import Preprocessor

_CHUNK = re.compile(r"(?:^|(?<=\n\n))<[A-Za-z][^\n]*(?:\n[^\n]+)*(?=\n\n|\n?$)")
"""A candidate: lines that start with a tag after a blank line, up to the next blank line
(`normalize_whitespace` has emptied lines of spaces). Matched once each: linear in the
page. One with a blank line inside, such as a field's code block, is not one."""
_NAME = r"[A-Za-z][^\t\n\r\f />\x00]*"
"""A tag name as `html.parser` reads one (`nav-bar` is not `nav`)."""
_TAG = re.compile(rf"""<(/?)({_NAME})(?:[^<>"']|"[^"]*"|'[^']*')*>""")
"""A start or end tag, attributes and all."""
_TAG_START = re.compile(r"<[A-Za-z/]")
"""Whatever `html.parser` may take for the start of a tag, complete or not."""
_UNTIDY = re.compile(r"[`']|&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
"""In a chunk, what `html_block` would not keep as written or might read otherwise: a
backtick (its parser ends a tag name there), a single-quoted attribute (whose value could
hold `id="x"`), a numeric character reference without its `;` (which it completes)."""
_LOOSE_ANCHOR = re.compile(r"(?<![\w:.-])(?:id|name)\s*=", re.IGNORECASE)
"""Any way of writing an `id` or `name` attribute; each must be the plain `id="x"` that
`_ANCHOR_ATTRIBUTE` reads, as generated, for the anchor check to see what MkDocs' own
scan would."""
_OPENS = re.compile(r"<[!?]|<(?:script|style)(?![A-Za-z0-9-])", re.IGNORECASE)
"""What makes `html.parser` read on past an end tag: a comment, CDATA, a declaration or a
processing instruction (`<p>x <!-- </p>`), or a script or style, whose text it does not
parse."""
_LINE_START_TAG = re.compile(rf"^[^\S\n]{{0,3}}<({_NAME})", re.MULTILINE)
"""A tag that `html_block` may take to start a raw block: at most three characters of any
white space before it (it tests them with `str.strip`)."""
_ANCHOR_ATTRIBUTE = re.compile(r'\s(id|name)="([^"]*)"')
_PRIORITY = 25
"""After `normalize_whitespace` (30), so that a stashed block is the text `html_block`
would have stashed; before MkDocs' anchor scan (21) and `html_block` (20)."""


class _StashBlocks(Preprocessor):
    def __init__(self, md: Markdown, anchor_ids: set[str]) -> None:
        super().__init__(md)
        self.anchor_ids = anchor_ids

    def run(self, lines: list[str]) -> list[str]:
        """The page with its plain chunks stashed, up to the first place where what
        Markdown is left with could keep `html.parser` reading (a block it must parse,
        a comment): from there on, all is Markdown's, as before. Chunks one blank line
        apart are stashed as one: the page comes out the same, and Markdown's inline and
        toc passes, which visit every stashed paragraph, have fewer to visit."""
        self.anchor_ids.clear()
        text = "\n".join(lines)
        runs: list[list[int]] = []  # [start, end] of chunks stashed together
        done = 0
        for chunk in _CHUNK.finditer(text):
            if self._may_stay_open(text[done : chunk.start()]) or not self._is_plain(chunk):
                break
            if runs and text[done : chunk.start()] == "\n\n":
                runs[-1][1] = chunk.end()
            else:
                runs.append([chunk.start(), chunk.end()])
            done = chunk.end()
        out: list[str] = []
        done = 0
        for start, end in runs:
            out += (text[done:start], self._store(text, start, end))
            done = end
        return "".join([*out, text[done:]]).split("\n")

    def _may_stay_open(self, markdown: str) -> bool:
        """Whether `html.parser` may still be inside something after this text: a raw
        block it starts (a block-level tag at a line start), a comment, a script."""
        if _OPENS.search(markdown) is not None:
            return True
        if len(_TAG_START.findall(markdown)) != len(_TAG.findall(markdown)):
            return True  # `a<b then`: a tag never finished, which reads on
        return any(
            self.md.is_block_level(tag.group(1).lower())
            for tag in _LINE_START_TAG.finditer(markdown)
        )

    def _is_plain(self, chunk: re.Match[str]) -> bool:
        """Whether the chunk is whole block-level elements, each starting a line and
        ending one, every tag in it closed in order (void ones aside) and nothing that
        reads on — so `html_block` takes each element as raw HTML and ends it where it
        ends here. Anything less tidy (an unclosed `<li>`, `<p><div></p>`) is Markdown's."""
        text = chunk.group(0)
        if _OPENS.search(text) or _UNTIDY.search(text):
            return False
        if len(_LOOSE_ANCHOR.findall(text)) != len(_ANCHOR_ATTRIBUTE.findall(text)):
            return False
        open_tags: list[str] = []
        next_top = 0  # where the next top-level element must start
        tags = 0
        for tag in _TAG.finditer(text):
            tags += 1
            closing, name = tag.group(1) == "/", tag.group(2).lower()
            if not open_tags and (
                closing
                or tag.start() != next_top
                or not self.md.is_block_level(name)
                # Python-Markdown tells a stashed block from inline HTML by the name up to
                # a space or `>`: `<div\n class>` would be wrapped in a paragraph.
                or text[tag.start() + 1 + len(name)] not in " >"
            ):
                return False
            if closing:
                if open_tags.pop() != name:
                    return False
                if not open_tags:  # a top-level element ends: so must its line
                    if not text.startswith("\n", tag.end()) and tag.end() != len(text):
                        return False
                    next_top = tag.end() + 1
            elif name not in void_tags and not tag.group(0).endswith("/>"):
                open_tags.append(name)
            elif not open_tags:
                return False  # a void element alone at the top
        return not open_tags and next_top == len(text) + 1 and tags == text.count("<")

    def _store(self, page: str, start: int, end: int) -> str:
        text = page[start:end]
        for tag in _TAG.finditer(text):
            for attribute, value in _ANCHOR_ATTRIBUTE.findall(tag.group(0)):
                if attribute == "id" or tag.group(2).lower() == "a":  # as MkDocs' scan does
                    self.anchor_ids.add(html.unescape(value))
        # As `html_block` stores it: with a newline when a blank line follows.
        followed = page.startswith("\n\n", end)
        return self.md.htmlStash.store(text + "\n" * followed)


class HtmlBlocks(Extension):
    """Registered for MkDocs by `publish/config_hook.py` (`finish_config`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.anchor_ids: set[str] = set()
        """The ids in the blocks stashed from the page converted last."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StashBlocks(md, self.anchor_ids), "playbook_blocks", _PRIORITY)


def add_anchor_ids(page: Any, config: Any) -> None:
    """After a page is converted: the ids of its stashed blocks join the anchors MkDocs
    checks links against, as if its own scan had seen them."""
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, HtmlBlocks) and page.present_anchor_ids is not None:
            page.present_anchor_ids |= extension.anchor_ids


def makeExtension(**kwargs: Any) -> HtmlBlocks:
    """Lets `markdown_extensions: [playbook_gen.publish.html_blocks]` name it too."""
    return HtmlBlocks(**kwargs)

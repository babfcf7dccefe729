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
made of whole block-level elements, each starting a line and ending one where its own name
closes (nested in pairs), with no comment or script — `html_block` takes each as a raw
block and would have ended it there too (`_CHUNK`, `_is_plain`). It is stored as
`html_block` stores it, so the page comes out byte for byte the same. Everything from the
first place where `html.parser` could be left inside something (a block it must parse, a
comment) is left to Markdown, as before.

The ids in a stashed block are handed to MkDocs' anchor check by `on_page_content`
(`add_anchor_ids`), as its own scan would have found them (double-quoted, as generated).
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_CHUNK = re.compile(r"(?:^|(?<=\n\n))<[A-Za-z][^\n]*(?:\n[^\n]+)*(?=\n\n|\n?$)")
"""A candidate: lines that start with a tag after a blank line, up to the next blank line
(`normalize_whitespace` has emptied lines of spaces). Matched once each: linear in the
page. One with a blank line inside, such as a field's code block, is not one."""
_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9]*)(?=[\s>])")
_OPENS = re.compile(r"<[!?]|<(?:script|style)(?![A-Za-z0-9-])", re.IGNORECASE)
"""What makes `html.parser` read on past an end tag: a comment, CDATA, a declaration or a
processing instruction (`<p>x <!-- </p>`), or a script or style, whose text it does not
parse."""
_LINE_START_TAG = re.compile(r"^ {0,3}<([A-Za-z][A-Za-z0-9]*)", re.MULTILINE)
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)([^<>]*)>")
_ANCHOR_ATTRIBUTE = re.compile(r'\s(id|name)="([^"]*)"')
_PRIORITY = 25
"""After `normalize_whitespace` (30), so that a stashed block is the text `html_block`
would have stashed; before MkDocs' anchor scan (21) and `html_block` (20)."""


class _StashBlocks(Preprocessor):
    def __init__(self, md: Markdown, anchor_ids: set[str]) -> None:
        super().__init__(md)
        self.anchor_ids = anchor_ids

    def run(self, lines: list[str]) -> list[str]:
        """The page with its plain blocks stashed, up to the first place where what
        Markdown is left with could keep `html.parser` reading (a block it must parse,
        a comment): from there on, all is Markdown's, as before."""
        self.anchor_ids.clear()
        text = "\n".join(lines)
        out: list[str] = []
        done = 0
        for block in _CHUNK.finditer(text):
            if self._may_stay_open(text[done : block.start()]) or not self._is_plain(block):
                break
            out += (text[done : block.start()], self._store(block))
            done = block.end()
        return "".join([*out, text[done:]]).split("\n")

    def _may_stay_open(self, markdown: str) -> bool:
        """Whether `html.parser` may still be inside something after this text: a raw
        block it starts (a block-level tag at a line start), a comment, a script."""
        return _OPENS.search(markdown) is not None or any(
            self.md.is_block_level(tag.group(1).lower())
            for tag in _LINE_START_TAG.finditer(markdown)
        )

    def _is_plain(self, block: re.Match[str]) -> bool:
        """Whether the chunk is whole elements, each starting a line and ending one, that
        `html.parser` ends where their own name closes (nested in pairs) — block-level, so
        `html_block` takes each as raw HTML — with nothing that reads on."""
        text = block.group(0)
        if _OPENS.search(text):
            return False
        position = 0
        while True:
            start = _TAG_NAME.match(text, position)
            if start is None or not self.md.is_block_level(start.group(1).lower()):
                return False
            end = _element_end(text, position, start.group(1))
            if end is None:
                return False
            if end == len(text):
                return True
            if text[end] != "\n":  # text after it on its line
                return False
            position = end + 1

    def _store(self, block: re.Match[str]) -> str:
        text = block.group(0)
        for name, attributes in _START_TAG.findall(text):
            for attribute, value in _ANCHOR_ATTRIBUTE.findall(attributes):
                if attribute == "id" or name.lower() == "a":  # what MkDocs' scan collects
                    self.anchor_ids.add(html.unescape(value))
        # As `html_block` stores it: with a newline when a blank line follows.
        followed = block.string.startswith("\n\n", block.end())
        return self.md.htmlStash.store(text + "\n" * followed)


def _element_end(text: str, start: int, tag: str) -> int | None:
    """Where the element that starts at `start` ends: just after the end tag at which its
    name, counted open and closed, is closed again (None: not in `text`)."""
    depth = 0
    for same in re.finditer(f"<(/?){tag}(?![A-Za-z0-9-])", text[start:], re.IGNORECASE):
        depth += -1 if same.group(1) else 1
        if depth == 0:
            close = text.find(">", start + same.end())
            return None if close < 0 else close + 1
    return None


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

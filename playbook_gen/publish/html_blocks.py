"""A Python-Markdown extension that passes the generator's rendered Markdown fields
through untouched, instead of having MkDocs parse them as raw HTML twice.

A Markdown field reaches a page already rendered and sanitised (`site/markdown.py`), as a
`<div class="pb-md">` block between blank lines, with no `div` inside (the sanitiser
allows none). Python-Markdown would stash that block as raw HTML — after feeding the whole
page to `html.parser` for it, and MkDocs feeds it to `html.parser` once more to collect
anchor ids (which a field never carries: the sanitiser drops `id`). On a Chinese playbook
whose pages are three quarters field text, those two parses were a third of MkDocs' time.
This preprocessor runs between them and Python-Markdown's whitespace clean-up, and stashes
each such block itself, so neither parse sees it and the page comes out byte for byte the
same. A block that is not exactly that shape (a template that writes the class itself,
a field indented into a list) is left to Markdown as before.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from playbook_gen.site.markdown import FIELD_BLOCK_END, FIELD_BLOCK_START

_FIELD_BLOCK = re.compile(
    f"(?:^|(?<=\\n\\n)){re.escape(FIELD_BLOCK_START)}\\n.*?\\n{re.escape(FIELD_BLOCK_END)}"
    "(?=\\n\\n|\\n?$)",
    re.DOTALL,
)
_PRIORITY = 25
"""After `normalize_whitespace` (30), so a stashed block is the text `html_block` would
have stashed; before MkDocs' anchor scan (21) and `html_block` (20)."""


class _StashFieldBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if FIELD_BLOCK_START not in text:
            return lines
        return _FIELD_BLOCK.sub(self._stash, text).split("\n")

    def _stash(self, block: re.Match[str]) -> str:
        inner = block.group(0)[len(FIELD_BLOCK_START) : -len(FIELD_BLOCK_END)]
        if "<div" in inner or "</div" in inner:  # not one of ours: Markdown decides
            return block.group(0)
        # As `html_block` stores it: with a newline when a blank line follows.
        followed = block.string.startswith("\n\n", block.end())
        return self.md.htmlStash.store(block.group(0) + "\n" * followed)


class FieldBlocks(Extension):
    """Registers the preprocessor; `publish/config_hook.py` adds it to MkDocs' list."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StashFieldBlocks(md), "playbook_field_blocks", _PRIORITY)


def makeExtension(**kwargs: Any) -> FieldBlocks:
    """Lets `markdown_extensions: [playbook_gen.publish.field_blocks]` name it too."""
    return FieldBlocks(**kwargs)

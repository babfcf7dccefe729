"""Make text from YAML inert in a generated page, which is Markdown with HTML inside.

A generated page goes through MkDocs' Markdown, so HTML-escaping alone is not enough: a
title such as `[x](javascript:alert(1))` would become a live link, `*` would become
emphasis and `{ #id }` an attribute list. Markdown-significant characters are therefore
written as numeric character references (`&#42;`): Markdown leaves them alone, and the
browser shows the character — whether the text ends up in a Markdown line, in a raw HTML
block or in an attribute value. (Backslash escapes would show literally inside HTML.)
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN_SPECIAL = "\\`*_{}[]#|~^"
"""Characters that start Markdown syntax anywhere in a line (emphasis, code, links,
attribute lists, headings, tables, and pymdownx's tilde/caret/mark)."""

_INLINE = str.maketrans({char: f"&#{ord(char)};" for char in _MARKDOWN_SPECIAL})
_TEXT = str.maketrans({**_HTML_SPECIAL, **{c: f"&#{ord(c)};" for c in _MARKDOWN_SPECIAL}})
_LINE_START = re.compile(r"^ ?(?:[-+=]|\d+[.)])")
"""What would start a list, a setext underline or a snippet at the start of a line."""
_WHITESPACE = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
CJK_LINE_BREAK = re.compile(f"(?<=[{_CJK}])(?:[ \\t]*\\n\\s*| )(?=[{_CJK}])")
"""A line break between two CJK characters: a wrapped line, where Chinese has no space.
A lone space there is the same break after YAML's folding (`>`) turned it into a space."""


def literal_text(value: object) -> Markup:
    """Plain text → markup that reads as exactly that text in Markdown and in HTML.

    Runs of whitespace (newlines included) become one space, so the text stays on the
    line it was put on (a line break between two CJK characters just goes); a leading
    `-`, `+`, `=` or `1.` is escaped so it cannot start a list or an underline.
    """
    return _literal(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _literal(text: str) -> Markup:
    """`literal_text` of a string, remembered: a site prints the same titles, labels and
    names on many pages (7 of 8 calls at 2,000 skills repeat an earlier one)."""
    if not text.isascii():  # (a quick test: most text is ASCII, and needs neither)
        text = CJK_LINE_BREAK.sub("", text)
    if not (text.isprintable() and "  " not in text):  # a tab, a newline, two spaces
        text = _WHITESPACE.sub(" ", text)
    text = text.translate(_TEXT)
    start = _LINE_START.match(text)
    if start:
        last = start.end() - 1
        text = f"{text[:last]}&#{ord(text[last])};{text[last + 1 :]}"
    return Markup(text)


_TOKEN = re.compile(r"""(<(?:[^<>"']|"[^"]*"|'[^']*')*>|&[#\w]+;)""")
_QUOTED = re.compile(r'"[^"]*"')


def _quoted_without_angles(match: re.Match[str]) -> str:
    return match.group(0).replace("<", "&lt;").replace(">", "&gt;")


def inert_html(html: str) -> Markup:
    """Serialised, sanitised HTML → the same HTML with nothing Markdown would act on.

    Text between tags gets its Markdown characters escaped. Attribute values get `<` and
    `>` escaped, so that Markdown's inline-HTML pattern takes each tag whole (what is
    inside a tag Markdown then leaves alone). Input must be well-formed, attributes in
    double quotes, as `nh3.clean` writes it.
    """
    parts = _TOKEN.split(html)
    parts[::2] = [text.translate(_INLINE) for text in parts[::2]]
    for i in range(1, len(parts), 2):
        if '"' in parts[i]:  # (an entity has none; most tags have no attribute)
            parts[i] = _QUOTED.sub(_quoted_without_angles, parts[i])
    return Markup("".join(parts))

"""Glossary terms explained where they are used, and the glossary in the reader's order.

`GlossaryMarker.mark` finds each glossary term or alias in the running text of a rendered
page (Markdown with HTML inside) and makes its first use in each section a link to the
term's entry on the glossary page: `<a class="pb-term" href="../glossary/#term-x">`. That
is all a page carries, and all a reader without JavaScript needs. The definitions of the
whole site are one script, `definitions_script` (`assets/glossary-terms.js`), from which
`assets/term-tips.js` shows a term's definition in a tooltip on hover, focus and a first tap.
Inlining each definition at each use had made tooltips 84 % of a Chinese playbook's
Markdown (benchmarks/other_playbook.py). Per section, not per page: a reader lands on a
section (the search index and the table of contents link to sections), and finds the
terms explained there. Headings, links, code, buttons, form controls, labels and
attributes are never touched: marking them would nest a link in an interactive element
or change a heading's anchor.

Chinese has no spaces between words, so terms are matched longest first (`理想客户画像`
before `客户`); a term that starts or ends with a Latin letter or digit must stand on a
word boundary there (`ICP` is not found in `ICPs`, `lead` not in `leader`).

`glossary_order` sorts terms as a reader looks them up: Chinese by pinyin (`pypinyin`),
English alphabetically, and groups them by initial letter for the glossary page.
"""

from __future__ import annotations

import html
import json
import re
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ahocorasick_rs import AhoCorasick, MatchKind
from markupsafe import escape

from playbook_gen.read.models import Term
from playbook_gen.resolve.references import WIKI_LINK
from playbook_gen.site.escaping import literal_text

# ---------------------------------------------------------------- order


def sort_key(text: str, language: str) -> str:
    """How `text` sorts in a glossary: Chinese by its pinyin, anything else casefolded."""
    if language == "zh":
        from pypinyin import lazy_pinyin  # a quarter of a second to import: zh only

        text = " ".join(lazy_pinyin(text))
    return text.casefold()


def glossary_order(terms: Iterable[Term], language: str) -> list[tuple[str, list[Term]]]:
    """The terms sorted (see `sort_key`), grouped by initial letter: `[("A", [...]), …]`;
    a term that starts with no letter is under `#`, first."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: (sort_key(t.term, language), t.term)):
        first = sort_key(term.term, language)[:1].upper()
        groups.setdefault(first if first.isascii() and first.isalpha() else "#", []).append(term)
    return sorted(groups.items(), key=lambda group: group[0] != "#")


# ---------------------------------------------------------------- marking

SKIPPED = frozenset(
    [
        "a",
        "abbr",
        "button",
        "code",
        "dfn",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "kbd",
        "label",
        "nav",
        "option",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "summary",
        "svg",
        "template",
        "textarea",
        "th",
        "title",
    ]
)
"""Elements whose text is never marked (headings, links, code, controls, …)."""

_QUIET_CLASS = re.compile(r"""\bclass="[^"]*(?:pb-meta|__label)""")
"""Page furniture: owner and review lines, field labels (`Owner`, `Evidence`)."""
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
_HEADING = re.compile(r"h[1-6]")
_TOKEN = re.compile(
    r"""(<!--.*?-->"""  # a comment
    r"""|<(?:[^<>"']|"[^"]*"|'[^']*')*>"""  # a tag, attributes and all
    r"""|^\#{1,6}[ \t][^\n]*$"""  # a Markdown heading line
    r"""|`[^`\n]*`)""",  # a Markdown code span
    re.DOTALL | re.MULTILINE,
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_WORDISH = frozenset(string.ascii_letters + string.digits + "_")
"""Characters a Latin word is made of: a term that starts or ends with one must not
continue a word there (`lead` is not in `leader`)."""
_NOT_BEFORE = _WORDISH | frozenset("&#")
"""Nor may it follow `&` or `#`, which would make its first letters part of an entity."""
_WORD_PART = re.compile("[A-Za-z0-9_]*")
_WINDOW = 64
"""Characters of a page the automaton searches at a time beyond the longest name: each
search returns every match in its window, and a name that does not stand (`icp` for
`ICP`) starts a new one, so a small window keeps a paragraph of such near misses cheap
(64 KB of `icp `: 0.05 s, where 512 and four longest names took 1.9 s)."""


@dataclass(frozen=True)
class _Name:
    """A term or alias as a page writes it (`literal_text`), and how it must stand there."""

    written: str
    anchor: str
    exact: bool  # ICP, PoC: only as written; anything else in any case
    bounded_after: bool  # ends with a Latin letter or digit (where it starts, see `_next_start`)

    @classmethod
    def of(cls, name: str, anchor: str) -> _Name:
        written = str(literal_text(name))
        folded = _fold(written)
        return cls(
            written=written,
            anchor=anchor,
            exact=any(char.isupper() for char in name[1:]),
            bounded_after=folded[-1] in _WORDISH,
        )

    def ends_at(self, text: str, folded: str, start: int, end: int) -> bool:
        """Whether this name, found case-folded at `text[start:end]` (`folded` is `text`
        folded), is written so and ends a word there if it must."""
        if self.exact and text[start:end] != self.written:
            return False
        return not (self.bounded_after and end < len(folded) and folded[end] in _WORDISH)


def _fold(text: str) -> str:
    """`text` lower-cased character by character: the same length, so that a position in
    it is the same position in `text`."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _next_start(folded: str, position: int) -> int:
    """The first position from `position` on where a name may start in `folded`: not
    within a word (so past the rest of one) nor just after `&` or `#`."""
    if position > 0 and folded[position - 1] in _NOT_BEFORE:
        return _WORD_PART.match(folded, position).end()  # type: ignore[union-attr]
    return position


# ---------------------------------------------------------------- definitions


def glossary_terms(playbook: Any) -> list[Term]:
    """A playbook's glossary terms (none without a glossary)."""
    return list(playbook.glossary.model.terms) if playbook.glossary is not None else []


DEFINITIONS_GLOBAL = "pbGlossary"
"""The global `definitions_script` sets and `assets/term-tips.js` reads."""


def plain_text(title_of: Callable[[str], str | None]) -> Callable[[str], str]:
    """A definition as plain text: `[[ref|label]]` as its label, `[[ref]]` as the title
    `title_of` gives it (as written if none), since a tooltip cannot hold a link."""

    def plain(text: str) -> str:
        def label(link: re.Match[str]) -> str:
            return link.group(2) or title_of(link.group(1).strip()) or link.group(1)

        return WIKI_LINK.sub(label, text)

    return plain


def _shown(text: str) -> str:
    """`text` exactly as a page shows it (`literal_text`: whitespace runs as one space, a
    line break between CJK characters gone), as plain characters instead of markup."""
    return html.unescape(str(literal_text(text)))


def definitions_script(
    terms: Iterable[Term], plain: Callable[[str], str], anchor_of: Callable[[Term], str]
) -> str:
    """The script that holds every definition of the site, once, for the tooltips:
    `window.pbGlossary = {"<anchor>": ["<term>", "<definition>"], …}`, keyed by the
    term's anchor on the glossary page (which each marked use links to).

    A script rather than JSON, so it loads from `file://` too. The strings are plain
    text, which term-tips.js sets as `textContent`: nothing in a definition becomes markup.
    """
    entries: dict[str, list[str]] = {}
    for term in terms:
        entries.setdefault(anchor_of(term), [_shown(term.term), _shown(plain(term.definition))])
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # `<` so that no `</script>` or `<!--` is ever read, U+2028/9 for older engines.
    for char, code in (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        data = data.replace(char, code)
    return (
        "/* Generated by playbook-gen: the glossary's definitions, which term-tips.js shows\n"
        "   when a term linked to the glossary is hovered, focused or tapped. */\n"
        f"window.{DEFINITIONS_GLOBAL} = {data};\n"
    )


# ---------------------------------------------------------------- marking uses


class GlossaryMarker:
    """Marks the glossary's terms in rendered pages; one per site (see the module doc)."""

    def __init__(self, terms: Sequence[Term], anchor_of: Callable[[Term], str]) -> None:
        # A name as written, lower-cased → the names written so, first term first.
        self._names: dict[str, list[_Name]] = {}
        for term in terms:
            anchor = str(escape(anchor_of(term)))
            for name in (term.term, *term.aliases):
                if name.strip():
                    found = _Name.of(name, anchor)
                    self._names.setdefault(_fold(found.written), []).append(found)
        # Measured (benchmarks/other_playbook.py, ~200 of 640 terms on each page): a regex
        # alternation of a page's terms, compiled per page, was 11 % of a build. One
        # Aho-Corasick automaton of the whole glossary, built once, finds a page's names
        # longest first in one pass (ahocorasick-rs; pyahocorasick's `iter_long` missed a
        # short name after a long one's unfinished start).
        keys = list(self._names)
        self._automaton = AhoCorasick(keys, matchkind=MatchKind.LeftmostLongest) if keys else None
        self._lengths = sorted({len(key) for key in keys}, reverse=True)
        self._window = self._lengths[0] + _WINDOW if keys else _WINDOW

    @classmethod
    def of(cls, playbook: Any, anchor_of: Callable[[Term], str]) -> GlossaryMarker:
        """The marker of a playbook's glossary (none: marks nothing); `anchor_of` gives a
        term's anchor on the glossary page."""
        return cls(glossary_terms(playbook), anchor_of)

    def _use_at(self, text: str, folded: str, start: int, end: int) -> _Name | None:
        """The longest name used at `start` that ends by `end`, as a regex of the names
        tried longest first would find it."""
        if start != _next_start(folded, start):
            return None  # the names found here start a word, and a word goes on here
        for length in self._lengths:
            if length <= end - start:
                for name in self._names.get(folded[start : start + length], ()):
                    if name.ends_at(text, folded, start, start + length):
                        return name
        return None

    def _uses(self, text: str) -> Iterator[tuple[int, int, _Name]]:
        """Where names are used in `text`: `(start, end, name)`, left to right, each the
        longest that stands where it starts, none overlapping.

        The automaton finds the longest name at each start; where that one does not stand
        (`lead` in `leader`), the search starts again just after it. It searches a window
        at a time, so that starting again costs a window, not the rest of the text (a
        paragraph of 7,000 `ab` had taken 2.5 s with the term `a`).
        """
        assert self._automaton is not None
        folded = _fold(text)
        position = 0
        while position < len(folded):
            window_end = min(len(folded), position + self._window)
            # A name that starts before `whole` lies whole in the window.
            whole = len(folded) if window_end == len(folded) else window_end - self._lengths[0]
            resume = max(position, whole)
            for _, start, end in self._automaton.find_matches_as_indexes(
                folded[position:window_end]
            ):
                start, end = start + position, end + position
                if start >= whole:
                    break
                name = self._use_at(text, folded, start, end)
                if name is None:  # e.g. `lead` in `leader`: look again where a name may start
                    resume = _next_start(folded, start + 1)
                    break
                yield start, start + len(name.written), name
                resume = max(start + len(name.written), whole)
                if start + len(name.written) < end:  # a shorter name stood there
                    resume = start + len(name.written)
                    break
            position = resume

    def _marked(self, text: str, href: str, seen: set[str]) -> str:
        """`text` (no markup) with each name not yet in `seen` linked to its entry."""
        out: list[str] = []
        done = 0
        for start, end, name in self._uses(text):
            if name.anchor in seen:
                continue
            seen.add(name.anchor)
            out += (text[done:start], f'<a class="pb-term" href="{href}#{name.anchor}">')
            out += (text[start:end], "</a>")
            done = end
        return "".join(out) + text[done:] if out else text

    def mark(self, page: str, glossary_url: str) -> str:
        """`page` with the first use of each term in each section linked to the term's
        entry: `glossary_url` is the glossary page's URL relative to `page`'s."""
        if self._automaton is None:
            return page
        front = _FRONT_MATTER.match(page)
        head, body = (page[: front.end()], page[front.end() :]) if front else ("", page)
        out: list[str] = [head]
        stack: list[tuple[str, bool]] = []  # open elements, and whether they are skipped
        skipping = 0  # how many of them are
        seen: set[str] = set()  # anchors of the terms explained in this section
        href = str(escape(glossary_url))
        for i, part in enumerate(_TOKEN.split(body)):
            if i % 2 == 0:
                out.append(part if skipping else self._marked(part, href, seen))
                continue
            out.append(part)
            if part.startswith("#"):
                seen.clear()
                continue
            tag = _TAG_NAME.match(part)
            if tag is None:
                continue
            closing, name = tag.group(1) == "/", tag.group(2).lower()
            if _HEADING.fullmatch(name) and not closing:
                seen.clear()
            if closing:
                if name in (open_name for open_name, _ in stack):
                    while stack:
                        open_name, skips = stack.pop()
                        skipping -= skips
                        if open_name == name:
                            break
            elif name not in _VOID and not part.endswith("/>"):
                skips = name in SKIPPED or _QUIET_CLASS.search(part) is not None
                stack.append((name, skips))
                skipping += skips
        return "".join(out)

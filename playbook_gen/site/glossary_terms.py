"""Glossary terms explained where they are used, and the glossary in the reader's order.

`GlossaryMarker.mark` finds each glossary term or alias in the running text of a rendered
page (Markdown with HTML inside) and gives its first use in each section a tooltip with
the definition: `<span class="pb-term" tabindex="0" aria-describedby=…>`, shown on hover
and on focus (keyboard, and a tap on a phone), by CSS alone (`playbook.css`;
`assets/where.js` adds Escape to close). Headings, links, code, buttons, form controls,
labels and attributes are never touched: marking them would nest a focusable element in
an interactive one or change a heading's anchor.

Chinese has no spaces between words, so terms are matched longest first (`理想客户画像`
before `客户`); a term that starts or ends with a Latin letter or digit must stand on a
word boundary there (`ICP` is not found in `ICPs`, `lead` not in `leader`).

`glossary_order` sorts terms as a reader looks them up: Chinese by pinyin (`pypinyin`),
English alphabetically, and groups them by initial letter for the glossary page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin

from playbook_gen.read.models import Term
from playbook_gen.resolve.references import WIKI_LINK
from playbook_gen.site.escaping import literal_text

# ---------------------------------------------------------------- order


def sort_key(text: str, language: str) -> str:
    """How `text` sorts in a glossary: Chinese by its pinyin, anything else casefolded."""
    if language == "zh":
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
_WORDISH = "A-Za-z0-9_"


@dataclass(frozen=True)
class _Tip:
    """One term: its number on the page's tooltips and the tooltip's inert markup."""

    number: int
    tip: str


def _pattern(name: str) -> str:
    """The regex of one name as it is written in a page (Markdown characters escaped as
    `literal_text` writes them), with word boundaries where it starts or ends in Latin."""
    body = re.escape(str(literal_text(name)))
    exact = any(c.isupper() for c in name[1:])  # ICP, PoC: only as written
    body = body if exact else f"(?i:{body})"
    before = f"(?<![{_WORDISH}&#])" if re.match(f"[{_WORDISH}]", name) else ""
    after = f"(?![{_WORDISH}])" if re.search(f"[{_WORDISH}]$", name) else ""
    return before + body + after


_TRIE_DEPTH = 16
"""How many characters of a name the trie holds: enough to tell names apart, and few
enough that no glossary nests the regex deeply."""
_BRANCHES = 32
"""Most alternatives a trie node lists directly: the regex engine tries them one by one,
so a Chinese glossary's hundreds of first characters are split into ranges first."""


_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """A regex matching the longest of `words` that starts at the current position."""
    root: _Node = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def alternatives(node: _Node) -> str:
        chars = sorted(char for char in node if char)
        if not chars:
            return ""
        branches = [re.escape(char) + alternatives(node[char]) for char in chars]
        if len(branches) > _BRANCHES:
            starts = range(0, len(chars), _BRANCHES)
            branches = [
                f"(?=[{re.escape(chars[i])}-{re.escape(chars[i + len(group) - 1])}])"
                f"(?:{'|'.join(group)})"
                for i in starts
                for group in [branches[i : i + _BRANCHES]]
            ]
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return alternatives(root)


class GlossaryMarker:
    """Marks the glossary's terms in rendered pages; one per site (see the module doc)."""

    def __init__(self, terms: Sequence[Term], plain: Callable[[str], str]) -> None:
        self._by_name: dict[str, _Tip] = {}
        for number, term in enumerate(terms):
            text = f"<b>{literal_text(term.term)}</b> {literal_text(plain(term.definition))}"
            for name in (term.term, *term.aliases):
                if name.strip():
                    self._by_name.setdefault(self._key(str(literal_text(name))), _Tip(number, text))
        names = sorted(
            {name for term in terms for name in (term.term, *term.aliases) if name.strip()},
            key=lambda name: (-len(name), name),
        )
        # Measured (benchmarks/scale.py): one alternation of 500 terms tried at every
        # position was 45 % of a 2,000-skill build. A page is searched only for the terms
        # whose written form occurs in it (case-folded: a superset), in the same order.
        # Asking `written in page` of each term was still a third of rendering; one scan
        # with a trie of the written forms finds them all (see `_occurring`).
        self._written = [str(literal_text(name)).casefold() for name in names]
        self._patterns = [_pattern(name) for name in names]
        numbers: dict[str, list[int]] = {}
        for number, form in enumerate(self._written):
            numbers.setdefault(form[:_TRIE_DEPTH], []).append(number)
        self._prefixes = {
            start: [i for end in range(1, len(start) + 1) for i in numbers.get(start[:end], [])]
            for start in numbers
        }
        self._starts = re.compile(f"(?=({_trie(numbers)}))") if names else None
        self._compiled: dict[tuple[str, ...], re.Pattern[str]] = {}

    @classmethod
    def of(cls, playbook: Any, title_of: Callable[[str], str | None]) -> GlossaryMarker:
        """The marker of a playbook's glossary (none: marks nothing); `title_of` names a
        `[[ref]]` target in a definition, which a tooltip shows as plain text."""
        glossary = playbook.glossary.model.terms if playbook.glossary is not None else []

        def plain(text: str) -> str:
            def label(link: re.Match[str]) -> str:
                return link.group(2) or title_of(link.group(1).strip()) or link.group(1)

            return WIKI_LINK.sub(label, text)

        return cls(glossary, plain)

    @staticmethod
    def _key(written: str) -> str:
        return written.casefold()

    def _occurring(self, folded: str) -> list[int]:
        """The numbers (in `self._patterns`) of the names written somewhere in `folded`.

        The trie gives the longest name start that starts at each position; every name
        whose start is a prefix of it may start there, and no other does. A name longer
        than its start is then looked for whole.
        """
        found: set[int] = set()
        assert self._starts is not None
        for longest in set(self._starts.findall(folded)):
            found.update(self._prefixes[longest])
        written = self._written
        return [i for i in sorted(found) if len(written[i]) <= _TRIE_DEPTH or written[i] in folded]

    def _pattern_for(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the terms that may occur in `text` (None: none can)."""
        found = tuple(self._patterns[i] for i in self._occurring(text.casefold()))
        if not found:
            return None
        if found not in self._compiled:
            self._compiled[found] = re.compile("|".join(found))
        return self._compiled[found]

    def mark(self, page: str) -> str:
        """`page` with the first use of each term in each section given its tooltip."""
        if self._starts is None:
            return page
        front = _FRONT_MATTER.match(page)
        head, body = (page[: front.end()], page[front.end() :]) if front else ("", page)
        pattern = self._pattern_for(body)
        if pattern is None:
            return page
        out: list[str] = [head]
        stack: list[tuple[str, bool]] = []  # open elements, and whether they are skipped
        skipping = 0  # how many of them are
        seen: set[int] = set()  # terms explained in this section
        count = 0

        def explain(found: re.Match[str]) -> str:
            nonlocal count
            tip = self._by_name.get(self._key(found.group(0)))
            if tip is None or tip.number in seen:
                return found.group(0)
            seen.add(tip.number)
            count += 1
            ident = f"pb-term-{count}"
            return (
                f'<span class="pb-term" tabindex="0" aria-describedby="{ident}">'
                f"{found.group(0)}</span>"
                f'<span class="pb-term__tip" id="{ident}" role="tooltip" hidden>{tip.tip}</span>'
            )

        for i, part in enumerate(_TOKEN.split(body)):
            if i % 2 == 0:
                out.append(part if skipping else pattern.sub(explain, part))
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

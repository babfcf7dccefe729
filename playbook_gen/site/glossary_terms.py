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
from collections.abc import Callable, Iterable, Sequence
from typing import Any

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
_WORDISH = "A-Za-z0-9_"


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
        self._by_name: dict[str, str] = {}  # a name as written, case-folded → its anchor
        for term in terms:
            anchor = str(escape(anchor_of(term)))
            for name in (term.term, *term.aliases):
                if name.strip():
                    self._by_name.setdefault(self._key(str(literal_text(name))), anchor)
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
    def of(cls, playbook: Any, anchor_of: Callable[[Term], str]) -> GlossaryMarker:
        """The marker of a playbook's glossary (none: marks nothing); `anchor_of` gives a
        term's anchor on the glossary page."""
        return cls(glossary_terms(playbook), anchor_of)

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

    def mark(self, page: str, glossary_url: str) -> str:
        """`page` with the first use of each term in each section linked to the term's
        entry: `glossary_url` is the glossary page's URL relative to `page`'s."""
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
        seen: set[str] = set()  # anchors of the terms explained in this section
        href = str(escape(glossary_url))

        def explain(found: re.Match[str]) -> str:
            anchor = self._by_name.get(self._key(found.group(0)))
            if anchor is None or anchor in seen:
                return found.group(0)
            seen.add(anchor)
            return f'<a class="pb-term" href="{href}#{anchor}">{found.group(0)}</a>'

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

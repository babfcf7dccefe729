"""Links to entities and areas: resolve a reference, name it, and write the `<a>`.

Templates (`link`, `url`) and Markdown fields (`[[ref]]`) both link through a `Linker`,
so a reference looks and resolves the same wherever it is written.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from playbook_gen.i18n import Labels
from playbook_gen.resolve.references import (
    WIKI_LINK,
    EntityIndex,
    RefSyntaxError,
    Target,
    parse_ref,
)
from playbook_gen.site.escaping import literal_text
from playbook_gen.site.numbers import with_unit
from playbook_gen.site.urls import relative_url

_HTTP_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


class Linker:
    """Turns references and targets into relative links, seen from one page at a time."""

    def __init__(self, index: EntityIndex, labels: Labels) -> None:
        self.index = index
        self.labels = labels

    def resolve(self, ref: str) -> Target | None:
        """The target of `kind:id` or an area name; `None` if it does not resolve.

        Validation reports unresolvable references before anything is rendered, so here
        they only need to degrade to plain text.
        """
        try:
            return self.index.resolve(parse_ref(ref))
        except RefSyntaxError:
            return None

    def title(self, target: Target) -> str:
        """The text a link to `target` shows by default: an area by its page title, a
        fact by its value and unit (`[[fact:cycle]]` reads `112 days`), others by title."""
        if target.kind == "area":
            return self.labels(f"area_{target.id}")
        if target.kind == "fact":
            entry = self.index.entries.get(("fact", target.id))
            if entry is not None and entry.entity is not None:
                return with_unit(self.labels, entry.entity.value, entry.entity.unit)
        return target.title

    def href(self, from_page: str, target: Target | str) -> str:
        """The relative href from `from_page` to a target or a docs path (`a/b.md#x`)."""
        return relative_url(from_page, target.href if isinstance(target, Target) else target)

    def link(self, from_page: str, ref: Target | str, label: str | None = None) -> Markup:
        """`<a>` to a reference or target; an unresolvable reference is its label as text."""
        target = self.resolve(ref) if isinstance(ref, str) else ref
        if target is None:
            return literal_text(label if label else ref)
        text = literal_text(label if label else self.title(target))
        return Markup('<a href="{}">{}</a>').format(self.href(from_page, target), text)


    def text_with_links(self, from_page: str, text: str) -> Markup:
        """Plain text whose `[[ref]]` / `[[ref|label]]` become links, the rest literal.

        For `Text` fields (a milestone saying `ICP ≥ [[fact:icp-threshold]]`); an
        unresolvable link, which validation has already reported, stays as written.
        """
        pieces: list[Markup] = []
        end = 0
        for match in WIKI_LINK.finditer(text):
            pieces.append(literal_text(text[end : match.start()]))
            target = self.resolve(match.group(1).strip())
            label = match.group(2).strip() if match.group(2) else None
            if target is None:
                pieces.append(literal_text(match.group(0)))
            else:
                pieces.append(self.link(from_page, target, label or None))
            end = match.end()
        pieces.append(literal_text(text[end:]))
        return Markup("").join(pieces)


def external_link(url: str, label: str | None = None) -> Markup:
    """A link that leaves the site, only for http(s) URLs; anything else is plain text."""
    text = literal_text(label if label else url)
    if not _HTTP_URL.match(url):
        return text
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(url, text)

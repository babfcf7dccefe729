"""The site map: every page of the site with its path, title, template and whether it exists.

Built once per checked playbook from the declarations in `references.py` (`KINDS` for
pages of single entities, `AREA_PAGE_SPECS` for the rest), so no other module formats a
page path or decides whether a page exists: the page planner renders the pages listed
here, templates ask `site.has("skills")` / `page_url("checklist", stage.id)`, and the
score command looks pages up by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playbook_gen.i18n import Labels
from playbook_gen.resolve.references import AREA_PAGE_SPECS, KINDS, AreaPageSpec, EntityIndex

if TYPE_CHECKING:
    from playbook_gen.resolve.playbook import Playbook


@dataclass(frozen=True)
class SitePage:
    """One page of the site, or an area page the playbook does not have (`exists` false)."""

    name: str
    """The declaration it comes from: a kind (`stage`) or an area page (`checklist`)."""
    id: str | None
    """The entity's id for a page per entity, else `None`."""
    path: str
    """Docs-relative Markdown path (`stages/discover.md`)."""
    title: str
    template: str
    exists: bool
    entity: Any = None
    """The entity the page shows (a stage, a skill, …), if it is a page per entity."""
    variable: str | None = None
    """The name the template sees `entity` by."""


class SiteMap:
    """Every page by (name, id). Looking up a page that does not exist is an error, so a
    template cannot link to a page the site does not have."""

    def __init__(self, pages: Iterable[SitePage]) -> None:
        self.pages = tuple(pages)
        self._pages = {(page.name, page.id): page for page in self.pages}
        paths = [page.path for page in self.existing()]
        if len(paths) != len(set(paths)):
            twice = sorted({path for path in paths if paths.count(path) > 1})
            raise RuntimeError(f"pages declared twice: {', '.join(twice)}")

    def existing(self) -> Iterator[SitePage]:
        """The pages that are built, in nav order (area pages, then single entities)."""
        return (page for page in self.pages if page.exists)

    def page(self, name: str, ident: str | None = None) -> SitePage | None:
        """The page declared as `name` (and `ident`), existing or not; `None` if unknown."""
        return self._pages.get((name, ident))

    def has(self, name: str, ident: str | None = None) -> bool:
        """Whether the site has that page (`has("skills")`, `has("checklist", "discover")`)."""
        page = self.page(name, ident)
        return page is not None and page.exists

    def get(self, name: str, ident: str | None = None) -> SitePage:
        """The existing page, or `LookupError` naming it."""
        page = self.page(name, ident)
        if page is None or not page.exists:
            shown = f"{name}:{ident}" if ident is not None else name
            raise LookupError(f"the site has no page '{shown}'")
        return page

    def path(self, name: str, ident: str | None = None) -> str:
        """The docs-relative path of an existing page (`LookupError` if there is none)."""
        return self.get(name, ident).path

    def title(self, name: str, ident: str | None = None) -> str:
        """The title of an existing page (`LookupError` if there is none)."""
        return self.get(name, ident).title


def build_sitemap(playbook: Playbook, index: EntityIndex) -> SiteMap:
    """The site map of a checked playbook (ids are unique, references resolve)."""
    labels = Labels(playbook.language)
    pages = [
        page for spec in AREA_PAGE_SPECS for page in _area_pages(spec, playbook, index, labels)
    ]
    page_kinds = {spec.kind: spec for spec in KINDS if spec.has_page}
    for entry in index.entries.values():
        spec = page_kinds.get(entry.target.kind)
        if spec is not None and spec.template is not None:
            target = entry.target
            variable = spec.variable or spec.kind
            pages.append(
                SitePage(
                    spec.kind,
                    target.id,
                    target.page,
                    target.title,
                    spec.template,
                    True,
                    entry.entity,
                    variable,
                )
            )
    return SiteMap(pages)


def _area_pages(
    spec: AreaPageSpec, playbook: Playbook, index: EntityIndex, labels: Labels
) -> Iterator[SitePage]:
    label = labels(spec.label or f"area_{spec.name}")
    if "{id}" in spec.page and spec.kind is not None:
        for (kind, ident), entry in index.entries.items():
            if kind == spec.kind:
                title = f"{entry.target.title} · {label}"
                path = spec.page.format(id=ident)
                yield SitePage(
                    spec.name, ident, path, title, spec.template, True, entry.entity, spec.kind
                )
        return
    exists = (spec.area is None or bool(getattr(playbook, spec.area))) and (
        spec.kind is None or bool(index.ids(spec.kind))
    )
    yield SitePage(spec.name, None, spec.page, label, spec.template, exists)

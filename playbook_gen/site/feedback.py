"""Each page's "edit this" and "report a problem" links (`edit_uri`, `issue_url`).

"Edit" leads to the YAML file a page's content came from — never to the generated
Markdown, which the next build overwrites. "Report a problem" opens the team's new-issue
form filled in with the page, the entity and its owner, so a reader's remark reaches the
person who can fix it. Pages that show no content file (home, what changed) get neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from playbook_gen.read.config import SourceLinks
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.references import AREA_PAGE_SPECS
from playbook_gen.resolve.sitemap import SitePage
from playbook_gen.site.urls import page_url

_AREA_SPECS = {spec.name: spec for spec in AREA_PAGE_SPECS}


@dataclass(frozen=True)
class PageSource:
    """What a page shows, as `issue_url`'s placeholders name it."""

    title: str
    kind: str
    id: str
    owner: str
    files: tuple[str, ...]
    """The content files (paths inside the content folder) the page shows."""


@dataclass(frozen=True)
class PageLinks:
    """The footer's links of one page (`None`: not configured, or no single file)."""

    edit: str | None
    report: str | None


def page_source(page: SitePage, checked: CheckedPlaybook) -> PageSource | None:
    """The entity (or area) a page shows and its files; `None` for a page showing none."""
    playbook = checked.playbook
    fallback_owner = playbook.meta.model.owner or ""
    if page.entity is not None:
        entry = next(e for e in checked.index.entries.values() if e.entity is page.entity)
        owner = getattr(page.entity, "owner", None) or fallback_owner
        target = entry.target
        return PageSource(target.title, target.kind, target.id, owner, (entry.source.rel,))
    spec = _AREA_SPECS.get(page.name)
    if spec is None:
        return None
    files: list[str] = []
    if spec.area is not None:
        area: Any = getattr(playbook, spec.area)
        loaded_files = area if isinstance(area, list) else [area]
        files = [loaded.source.rel for loaded in loaded_files if loaded is not None]
    elif spec.kind is not None:
        entries = checked.index.entries.items()
        files = [entry.source.rel for (kind, _), entry in entries if kind == spec.kind]
    if not files:
        return None
    return PageSource(page.title, page.name, "", fallback_owner, tuple(dict.fromkeys(files)))


def page_links(page: SitePage, checked: CheckedPlaybook, links: SourceLinks) -> PageLinks:
    """Where a page's "edit" and "report a problem" links lead."""
    if not (links.edit_prefix or links.issue_url):
        return PageLinks(None, None)
    source = page_source(page, checked)
    if source is None:
        return PageLinks(None, None)
    single = source.files[0] if len(source.files) == 1 else None
    edit = links.edit_prefix + quote(single) if links.edit_prefix and single else None
    report = None
    if links.issue_url:
        path = page_url(page.path)
        values = {
            "title": source.title,
            "kind": source.kind,
            "id": source.id,
            "owner": source.owner,
            "page": path,
            "url": (links.site_url or "") + path,
            "source": single or ", ".join(source.files),
        }
        report = links.issue_url.format_map({k: quote(v, safe="") for k, v in values.items()})
    return PageLinks(edit, report)

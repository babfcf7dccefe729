"""Where a page sits in the site: its breadcrumb trail, from the home page down.

Pages of single entities (a stage, a skill, a checklist, …) are kept out of the short
nav (see `mkdocs_yml.nav_paths`), so a reader on one would not know where they are. Each
gets a trail of site-map pages (home › area › stage › …); its area page, the second step
of the trail, is the nav entry `assets/where.js` highlights.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook_gen.resolve.sitemap import SiteMap, SitePage

PARENTS: dict[str, tuple[str, bool]] = {
    "stage": ("process", False),
    "checklist": ("stage", True),
    "skill": ("skills", False),
    "play": ("strategy", False),
    "diagnostic": ("diagnostics", False),
    "path": ("onboarding", False),
    "competitor": ("competition", False),
    "form": ("forms", False),
}
"""Page name → (the page name of its parent, whether the parent is the page of the same
id, as a checklist's parent is its stage). Any other page's parent is the home page."""

HOME = "home"


@dataclass(frozen=True)
class Crumb:
    """One step of a trail: the page's docs path and the label shown for it."""

    path: str
    title: str
    area: bool = False
    """The area page of the trail: the nav entry to highlight."""


def trail(site: SiteMap, page: SitePage) -> list[Crumb]:
    """home › … › `page`; empty for the home page itself (it is the top)."""
    if page.name == HOME:
        return []
    chain = [page]
    while chain[-1].name in PARENTS:
        name, same_id = PARENTS[chain[-1].name]
        parent = site.page(name, chain[-1].id if same_id else None)
        if parent is None or not parent.exists:
            break
        chain.append(parent)
    home = site.page(HOME)
    if home is not None and home.exists:
        chain.append(home)
    chain.reverse()
    crumbs = []
    for i, step in enumerate(chain):
        title = step.title
        before = chain[i - 1].title if i else ""
        if before and title.startswith(f"{before} · "):
            # a checklist's title repeats its stage's, which is the step before
            title = title.removeprefix(f"{before} · ")
        crumbs.append(Crumb(step.path, title, area=i == 1 and step.name != page.name))
    return crumbs

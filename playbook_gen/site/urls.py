"""Links between generated pages, relative to where the browser shows each page.

Generated pages contain raw HTML links, which MkDocs does not rewrite, so an href must
already be the final relative URL. With MkDocs' directory URLs `stages/discover.md` is
served at `stages/discover/` and `skills/index.md` at `skills/`; every link in the site is
computed here, in one place.
"""

from __future__ import annotations

import posixpath


def page_url(path: str) -> str:
    """The directory URL (relative to the site root) at which a docs page is served."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_page: str, to_href: str) -> str:
    """The href that leads from docs page `from_page` to `to_href` (`page.md#anchor`).

    A link to an anchor on the same page is just `#anchor`; to the same page without an
    anchor, `./`.
    """
    to_page, _, anchor = to_href.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if not to_page or to_page == from_page:
        return fragment or "./"
    here = page_url(from_page)
    there = page_url(to_page)
    relative = posixpath.relpath("/" + there, "/" + here)
    return ("./" if relative == "." else relative + "/") + fragment

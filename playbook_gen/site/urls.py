"""Links between generated pages, relative to where the browser shows each page.

Generated pages contain raw HTML links, which MkDocs does not rewrite, so an href must
already be the final relative URL. With MkDocs' directory URLs `stages/discover.md` is
served at `stages/discover/` and `skills/index.md` at `skills/`; every link in the site is
computed here, in one place.

Each page's Markdown is written as `<url>/index.md` (`stages/discover/index.md`), so the
folder of its file is the folder it is served from. Zensical resolves a relative href in
raw HTML from the Markdown file's folder, MkDocs leaves it as the browser resolves it from
the page's URL; with the two folders equal, one href is right for both engines.
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


def docs_file(path: str) -> str:
    """The file a docs page is written to: `index.md` inside the folder it is served at."""
    return page_url(path) + "index.md"


def relative_url(from_page: str, to_href: str) -> str:
    """The href that leads from docs page `from_page` to `to_href` (`page.md#anchor`).

    A link to an anchor on the same page is just `#anchor`; to the same page without an
    anchor, `./`.
    """
    to_page, _, anchor = to_href.partition("#")
    fragment = f"#{anchor}" if anchor else ""
    if not to_page or to_page == from_page:
        return fragment or "./"
    relative = _relative_folder(page_url(to_page), page_url(from_page))
    return ("./" if relative == "." else relative + "/") + fragment


def _relative_folder(there: str, here: str) -> str:
    """`posixpath.relpath("/" + there, "/" + here)` of two directory URLs, computed from
    their segments: relpath normalises both paths first, and this runs once per link (a
    tenth of rendering at 2,000 skills). A URL relpath would normalise is left to it."""
    to, start = there.split("/"), here.split("/")
    if to.pop() or start.pop() or any(part in ("", ".", "..") for part in (*to, *start)):
        return posixpath.relpath("/" + there, "/" + here)
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."

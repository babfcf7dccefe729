"""Checks on a built site, shared by the end-to-end tests: links, anchors, outside requests.

A small crawler over the site folder with `html.parser`: every internal link in every
page must lead to a file that exists, and to an element with that id when it has a
fragment; no script, style sheet, font or image may come from outside the site.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.IGNORECASE)


@dataclass
class PageLinks:
    """What one HTML page links to and which ids it holds."""

    ids: set[str] = field(default_factory=set)
    anchors: list[str] = field(default_factory=list)
    """`<a href>`: may leave the site (a tool's URL), must resolve when internal."""
    assets: list[str] = field(default_factory=list)
    """`<script src>`, `<link href>`, `<img src>`, …: must never leave the site."""
    nav_hrefs: list[str] = field(default_factory=list)
    """Links inside Material's primary navigation (`nav.md-nav--primary`); on a page that
    is in the nav, Material adds that page's table of contents there too."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self._nav_depth = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        classes = values.get("class", "").split()
        if tag == "nav" and ("md-nav--primary" in classes or self._nav_depth):
            self._nav_depth += 1
        if tag == "a" and "href" in values:
            self.page.anchors.append(values["href"])
            if self._nav_depth:
                self.page.nav_hrefs.append(values["href"])
        elif tag == "link" and "href" in values:
            self.page.assets.append(values["href"])
        elif tag in ("script", "img", "source", "iframe", "audio", "video") and "src" in values:
            self.page.assets.append(values["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def parse_page(path: Path) -> PageLinks:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def is_external(url: str) -> bool:
    return bool(EXTERNAL.match(url))


def target_of(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL in `page` leads to, and its fragment."""
    parts = urlsplit(url)
    base = PurePosixPath(page.relative_to(site).as_posix()).parent
    rel = unquote(parts.path)
    if not rel:
        target = page
    else:
        joined = PurePosixPath("/") / base / rel if not rel.startswith("/") else PurePosixPath(rel)
        # Normalise ".." by hand: PurePosixPath keeps it.
        stack: list[str] = []
        for part in joined.parts[1:]:
            if part == "..":
                if stack:
                    stack.pop()
            elif part != ".":
                stack.append(part)
        target = site.joinpath(*stack)
        if rel.endswith("/") or target.is_dir():
            target = target / "index.html"
    return target, unquote(parts.fragment)


@dataclass
class SiteReport:
    pages: dict[Path, PageLinks]
    broken: list[str]
    external_assets: list[str]
    external_links: Counter[str]


def check_site(site: Path) -> SiteReport:
    """Crawl every HTML page of `site`; report broken links and outside assets."""
    pages = {p: parse_page(p) for p in sorted(site.rglob("*.html"))}
    broken: list[str] = []
    external_assets: list[str] = []
    external_links: Counter[str] = Counter()
    for page, links in pages.items():
        where = page.relative_to(site)
        for url in links.assets:
            if is_external(url):
                external_assets.append(f"{where}: {url}")
            elif not url.startswith(SKIPPED_SCHEMES):
                target, _ = target_of(site, page, url)
                if not target.is_file():
                    broken.append(f"{where}: asset {url} -> {target.relative_to(site)}")
        for url in links.anchors:
            if url.startswith(SKIPPED_SCHEMES):
                continue
            if is_external(url):
                external_links[url] += 1
                continue
            target, fragment = target_of(site, page, url)
            if not target.is_file():
                broken.append(f"{where}: link {url} -> missing {target.relative_to(site)}")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_page(target).ids
                if fragment not in ids:
                    broken.append(f"{where}: link {url} -> no id '{fragment}'")
    for css in sorted(site.rglob("*.css")):
        for url in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if is_external(url):
                external_assets.append(f"{css.relative_to(site)}: {url}")
    return SiteReport(pages, broken, external_assets, external_links)


def tree_digest(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root` by relative path: a byte-for-byte fingerprint."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def page_of(docs_path: str) -> str:
    """The built file of a docs page with directory URLs (`skills/x.md` → `skills/x/index.html`)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"

"""The `mkdocs.yml` of a generated project: settings as data, dumped by a YAML library.

Everything a reader relies on is here rather than in a plugin, so that plain
`mkdocs build -f <build>/mkdocs.yml` (and Zensical, which runs no MkDocs plugins) gives
the full site:

- a short nav — areas and collection indexes only. Material copies the nav into every
  page, so listing each skill made a 2,034-page site 10x slower and 23x larger (FACTS.md);
- search with `lang` set explicitly, so that with jieba both Chinese and English queries
  match (Material's default for `zh` stems English in the index but not in queries);
- a slugify that keeps Chinese heading anchors readable instead of `#_2`;
- plain YAML that a safe loader reads: the slugify and the HTML-safe site name are made by
  a hook (`publish/config_hook.py`), not by `!!python/...` tags;
- a hook that writes playbook-gen's own search index after the build
  (`publish/search_index.py`): Material's search box stays, its index is emptied;
- no outside request: `font: false`, no CDN script.

Navigation tabs stay off: with a flat nav of about a dozen areas, tabs would repeat the
sidebar, and a dozen Chinese tab labels overflow a laptop-width header.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

SLUGIFY = {"object": "pymdownx.slugs.slugify", "kwds": {"case": "lower"}}
"""`toc.slugify` as data: resolved by Zensical itself and by `config_hook` for MkDocs."""
CONFIG_HOOK = "publish/config_hook.py"

THEME_FEATURES: tuple[str, ...] = (
    "navigation.sections",
    "navigation.indexes",
    "navigation.prune",
    "navigation.top",
    "search.highlight",
    "search.suggest",
    "content.code.copy",
)
"""Material features. No `navigation.instant`: it would skip the page scripts' start-up
(worksheets, checklists) on in-site navigation."""


@dataclass(frozen=True)
class SiteSettings:
    """What varies from playbook to playbook in the generated `mkdocs.yml`."""

    site_name: str
    language: str
    nav: Sequence[str]
    extra_css: Sequence[str] = ()
    extra_javascript: Sequence[str] = ()
    to_dark_label: str = "Switch to dark mode"
    to_light_label: str = "Switch to light mode"
    permalink_label: str = "Permanent link"
    """The title of a heading's ¶ link, in the playbook's language."""
    site_description: str | None = None
    repo_url: str | None = None
    site_url: str | None = None
    """Fills `sitemap.xml` and canonical links."""
    logo: str | None = None
    favicon: str | None = None
    """Docs-relative paths of the brand images (`assets/brand/logo.png`)."""
    primary_color: str | None = None
    accent_color: str | None = None


SEARCH_HOOK = "publish/search_hook.py"
"""The hook that indexes the built site for `assets/search.js`, named by its file path
(MkDocs loads hooks from files): the installed package's own copy."""


def search_hook_path() -> str:
    return str(resources.files("playbook_gen") / SEARCH_HOOK)


def nav_paths(page_paths: Iterable[str]) -> list[str]:
    """The short nav: top-level pages and collection indexes, in the order given.

    Pages of single stages, skills, plays, worksheets and paths stay out: each is reached
    from its index page and through search.
    """
    return [p for p in page_paths if "/" not in p or p.endswith("/index.md")]


def config_hook_path() -> str:
    """The hook that makes the site name HTML-safe and resolves the slugify."""
    return str(resources.files("playbook_gen") / CONFIG_HOOK)


def settings_dict(settings: SiteSettings) -> dict[str, Any]:
    """The whole `mkdocs.yml` as a plain mapping (the slugify and markup nodes aside)."""
    # plain `str`: the playbook's text may be a `str` subclass, which YAML cannot represent
    config: dict[str, Any] = {"site_name": str.__str__(settings.site_name)}
    if settings.site_description:
        config["site_description"] = str.__str__(settings.site_description)
    if settings.site_url:
        config["site_url"] = settings.site_url
    if settings.repo_url:
        # `edit_uri: ""` turns off Material's edit button, which would lead to the
        # generated Markdown; each entity page links to its YAML file instead.
        config.update(repo_url=settings.repo_url, edit_uri="")
    config.update(
        {
            "docs_dir": "docs",
            "use_directory_urls": True,
            "theme": {
                "name": "material",
                "language": settings.language,
                "font": False,
                "features": list(THEME_FEATURES),
                "palette": [
                    {
                        "media": "(prefers-color-scheme: light)",
                        "scheme": "default",
                        "toggle": {
                            "icon": "material/brightness-7",
                            "name": settings.to_dark_label,
                        },
                    },
                    {
                        "media": "(prefers-color-scheme: dark)",
                        "scheme": "slate",
                        "toggle": {
                            "icon": "material/brightness-4",
                            "name": settings.to_light_label,
                        },
                    },
                ],
            },
            "plugins": [{"search": {"lang": settings.language}}],
            "hooks": [config_hook_path(), search_hook_path()],
            # No `md_in_html`: no template marks HTML `markdown="1"` (Markdown fields are
            # rendered to HTML by `site/markdown.py`), the pages came out byte-identical
            # without it, and it parsed every HTML block again (an eighth of Markdown time).
            "markdown_extensions": [
                "attr_list",
                "admonition",
                "tables",
                {
                    "toc": {
                        "permalink": True,
                        "permalink_title": settings.permalink_label,
                        "slugify": dict(SLUGIFY),
                    }
                },
            ],
            "extra_css": list(settings.extra_css),
            "extra_javascript": list(settings.extra_javascript),
            "nav": list(settings.nav),
            # No "Made with Material for MkDocs" in the footer: an English line on every
            # page of a Chinese playbook, and an intranet page is the company's.
            "extra": {"generator": False},
            # Pages left out of the short nav on purpose are not worth a message each.
            "validation": {"nav": {"omitted_files": "ignore"}},
        }
    )
    _brand(config["theme"], settings)
    return config


def _brand(theme: dict[str, Any], settings: SiteSettings) -> None:
    """The company's logo, favicon and colours (site_config.yml `branding:`)."""
    if settings.logo:
        theme["logo"] = settings.logo
    if settings.favicon:
        theme["favicon"] = settings.favicon
    for scheme in theme["palette"]:
        if settings.primary_color:
            scheme["primary"] = settings.primary_color
        if settings.accent_color:
            scheme["accent"] = settings.accent_color


def dump(config: dict[str, Any]) -> str:
    """YAML text of a config mapping. User text (the site name) is quoted by the library,
    never formatted into a string by hand."""
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    out.write("# Generated by playbook-gen; edits are overwritten on the next build.\n")
    yaml.dump(config, out)
    return out.getvalue()

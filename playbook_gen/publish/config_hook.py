"""MkDocs hook named in the generated `mkdocs.yml` (`hooks:`), also run by the plugin:
turns two plain settings into the objects MkDocs needs, so that the file stays plain YAML
that any safe loader (and Zensical) reads — no `!!python/...` tags.

- `site_name` and `site_description` are written as the playbook's text; Material prints
  them raw in `<title>` and the header (a name with `<script>` would run) and `| e` in a
  `title` attribute. As `Markup` of the escaped text they print as is in both places
  (`| e` leaves markup alone), so readers see exactly the name.
- `toc.slugify` is written as `{object: pymdownx.slugs.slugify, kwds: {case: lower}}`,
  the form Zensical resolves itself, and resolved here for MkDocs.
- `publish/html_blocks.py` is added to the Markdown extensions: MkDocs then passes the
  generator's HTML blocks through instead of parsing them as raw HTML twice; the ids in
  them are handed to its anchor check after each page (`on_page_content`).
"""

from __future__ import annotations

import html
import importlib
from typing import Any

from markupsafe import Markup

from playbook_gen.publish.html_blocks import HtmlBlocks, add_anchor_ids

HTML_SETTINGS = ("site_name", "site_description")


def on_config(config: Any, **kwargs: Any) -> Any:
    return finish_config(config)


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    add_anchor_ids(page, config)
    return html


def finish_config(config: Any) -> Any:
    """The config with its HTML text as markup and its slugify as a function."""
    for key in HTML_SETTINGS:
        value = config.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            config[key] = Markup(html.escape(value))
    extensions = config.get("markdown_extensions")
    if (
        isinstance(extensions, list)
        and not any(isinstance(e, HtmlBlocks) for e in extensions)
        and "md_in_html" not in extensions  # it parses HTML blocks for Markdown inside
    ):
        extensions.append(HtmlBlocks())
    toc = (config.get("mdx_configs") or {}).get("toc") or {}
    slugify = toc.get("slugify")
    if isinstance(slugify, dict):
        toc["slugify"] = resolve(slugify.get("object", "pymdownx.slugs.slugify"))(
            **slugify.get("kwds", {})
        )
    return config


def resolve(dotted: str) -> Any:
    """`package.module.name` → the object it names."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)

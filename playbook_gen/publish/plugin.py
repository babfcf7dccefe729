"""The MkDocs plugin: `mkdocs build` and `mkdocs serve` in a playbook folder.

Glue only. On every (re)build it checks the content and regenerates the build folder
exactly as `playbook-gen build` does (`build.built_project`), then points the running
MkDocs config at that folder by adopting the generated `mkdocs.yml` settings — so the
two commands give the same site. It never generates pages itself: the generated project
stays the single description of the site, buildable without this plugin.

A playbook folder's `mkdocs.yml` needs only a `site_name` (replaced by the playbook's
name) and `plugins: [playbook-gen]`; the theme, nav, search, Markdown extensions and
assets come from the generated config and override what the file says.
"""

from __future__ import annotations

import gc
import html
import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import clean_directory
from mkdocs.utils.yaml import get_yaml_loader

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.messages import SERVE_BANNER, language_of
from playbook_gen.publish.build import built_project
from playbook_gen.publish.config_hook import finish_config
from playbook_gen.publish.html_blocks import add_anchor_ids
from playbook_gen.publish.not_found import write_portable_404
from playbook_gen.publish.page_shares import read_nav_sources
from playbook_gen.publish.search_cache import IndexCache
from playbook_gen.publish.search_index import write_index
from playbook_gen.read.config import CONFIG_NAME, SiteConfig, load_site_config
from playbook_gen.read.parse_cache import ParseCache
from playbook_gen.report import Reporter
from playbook_gen.site.page_cache import MemoryBytecodeCache, PageCache

log = get_plugin_logger(__name__)

ADOPTED_SETTINGS = (
    "site_name",
    "site_description",
    "docs_dir",
    "use_directory_urls",
    "theme",
    "markdown_extensions",
    "mdx_configs",
    "extra_css",
    "extra_javascript",
    "nav",
    "validation",
)
"""Settings of the generated `mkdocs.yml` that replace the running config's."""
NEEDED_SETTINGS = ("site_name", "docs_dir")
"""Settings MkDocs requires before any plugin runs: replaced too, but not worth a word."""
BRANDING_HINT = "logo, favicon, colours and site_url go in site_config.yml (branding:, site_url:)"

SEARCH = "material/search"


class PlaybookPluginConfig(Config):
    root = c.Optional(c.Type(str))
    """Folder of `site_config.yml` (default: the folder of `mkdocs.yml`)."""
    content_dir = c.Optional(c.Type(str))
    """The playbook folder, overriding `content_dir` of `site_config.yml`."""


class PlaybookPlugin(BasePlugin[PlaybookPluginConfig]):
    """Regenerates the build folder and builds the site from it."""

    def __init__(self) -> None:
        super().__init__()
        self.docs_dir: str | None = None
        self.serving = False
        self.errors: list[str] = []
        """While serving a broken playbook: the diagnostics shown on every page."""
        self.shown: tuple[list[str], object] | None = None
        """The diagnostics the pages of the last build show and `generated` then (None: no
        build yet)."""
        self.generated: object = None
        """The generated config's mtime and the pages: a change touches every page."""
        self.dirty = False
        """`serve`'s dirty rebuilds render only pages whose Markdown changed (`serve`)."""
        self.language = "en"
        self.parse_cache: ParseCache | None = None
        self.page_cache: PageCache | None = None
        self.index_cache: IndexCache | None = None
        self.theme_templates: MemoryBytecodeCache | None = None
        self.frozen = False
        """While serving: each file's parse, each page's render and the search index, kept
        between rebuilds so a save parses one file again, renders the pages that show it
        and re-indexes those."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds.
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving:
            self.parse_cache, self.page_cache = ParseCache(), PageCache()
            self.index_cache = IndexCache()
            self.theme_templates = MemoryBytecodeCache()

    def site_config(self, config: MkDocsConfig, diagnostics: DiagnosticLog) -> SiteConfig:
        """`site_config.yml` beside `mkdocs.yml` (or in `root`), with `content_dir` applied;
        from then on `diagnostics` drops the warnings it suppresses."""
        here = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        root = here / self.config.root if self.config.root else here
        content = str(root / self.config.content_dir) if self.config.content_dir else None
        settings = load_site_config(root, diagnostics, content)
        if settings is None:
            raise _failure(lambda reporter: reporter.diagnostics(diagnostics))
        return settings

    @event_priority(100)  # before the search plugin reads its language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving and self.shown is not None and not self.frozen:
            _freeze_long_lived()
            self.frozen = True
        diagnostics = DiagnosticLog()
        settings = self.site_config(config, diagnostics)
        try:
            project = built_project(
                settings, diagnostics, parse_cache=self.parse_cache, page_cache=self.page_cache
            )
        except PlaybookError as exc:
            raise _failure(partial(Reporter.failed, exc=exc)) from exc
        self.errors = []
        previous = settings.build_dir / "mkdocs.yml"
        if project is None and not (self.serving and previous.is_file()):
            raise _failure(lambda reporter: reporter.diagnostics(diagnostics))
        if len(diagnostics):  # warnings only: with --strict, MkDocs fails on them
            Reporter(out=log.warning, err=log.warning).diagnostics(diagnostics)
        if project is None:
            # `serve` with a file broken since the last good build: serve that build with
            # the diagnostics on every page, instead of a browser waiting with no clue.
            self.language = language_of(settings.content_dir)
            Reporter(out=self.errors.append, language=self.language).diagnostics(diagnostics)

        generated_file = project.config_file if project else previous
        if project is not None:
            self.generated = (generated_file.stat().st_mtime_ns, project.pages)
        generated = load_config(config_file=str(generated_file))
        for key in overridden_settings(_raw_settings(config.config_file_path)):
            log.warning(
                f"mkdocs.yml: '{key}' has no effect: the playbook-gen plugin replaces it "
                f"with the generated setting; {BRANDING_HINT}"
            )
        for key in ADOPTED_SETTINGS:
            config[key] = generated[key]
        # `extra` is the user's too (analytics, social links): ours is merged into it.
        config["extra"].update(generated["extra"])
        if generated.site_url:
            config["site_url"] = generated.site_url
        finish_config(config)  # the running config adopts no hooks: run this one here
        _adopt_search(config, generated)
        self.docs_dir = generated.docs_dir
        for path in (settings.content_dir, settings.root / CONFIG_NAME, settings.templates_dir):
            if path is not None and path.exists() and str(path) not in config.watch:
                config.watch.append(str(path))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In a dirty rebuild, render every page again when what every page shows changed
        (the diagnostics banner came or went, the generated mkdocs.yml was rewritten: the
        site's name, the nav) or a page came or went (a deleted skill's page must leave the
        site and its search index): MkDocs skips a page whose Markdown is older than its
        HTML."""
        now = (list(self.errors), self.generated)
        if self.dirty and self.shown is not None and self.shown != now:
            clean_directory(config.site_dir)
        self.shown = now

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Any) -> Any:
        """While serving, compile the theme's templates once, not on every rebuild."""
        if self.theme_templates is not None:
            env.bytecode_cache = self.theme_templates
        return env

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Any) -> Any:
        """Read the nav's pages (areas and indexes, a few dozen) that a dirty rebuild skips,
        so the pages it renders show their titles in the nav."""
        read_nav_sources(nav, config)
        return nav

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        add_anchor_ids(page, config)  # as the build's hook does (`config_hook`)
        return html

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if not self.errors:
            return output
        return with_error_banner(output, self.errors, SERVE_BANNER[self.language])

    @event_priority(-100)  # after Material's search has written its (emptied) index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site for search, as the generated config's hook does for
        `playbook-gen build` (a running config adopts no hooks; while serving, only what
        the rebuild changed), and makes the 404 page work under a sub-path."""
        if self.index_cache is not None:
            self.index_cache.write(Path(config.site_dir))
        else:
            write_index(Path(config.site_dir))
        write_portable_404(Path(config.site_dir), config.site_url)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch the content instead of the generated pages: each rebuild rewrites them,
        and watching them would make every rebuild trigger the next."""
        if self.docs_dir is not None:
            server.unwatch(self.docs_dir)
        return server


def _freeze_long_lived() -> None:
    """Once the first build's garbage is collected, let Python's full collections skip what
    is alive then: `serve` keeps every file's parse and every page's render, over a million
    objects at 2,000 skills, and traversing them took 0.4 s every other rebuild. Objects
    frozen later die by reference counting as before (`gc.freeze`)."""
    gc.collect()
    gc.freeze()


ERROR_BANNER = (
    '<div class="pb-serve-errors" role="alert" style="position:sticky;top:0;z-index:10;'
    "background:#fff3f3;color:#8b0000;border-bottom:2px solid #c00;padding:.6em 1em;"
    'font-size:.8rem"><strong>{title}</strong><pre style="white-space:pre-wrap;margin:.4em 0 0">'
    "{lines}</pre></div>"
)
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


def with_error_banner(page: str, lines: list[str], title: str = SERVE_BANNER["en"]) -> str:
    """`page` with the diagnostics (escaped, `path:line:column` first) at the top of its
    body: what `serve` shows while the playbook is broken."""
    banner = ERROR_BANNER.format(title=html.escape(title), lines=html.escape("\n".join(lines)))
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner + page[at:]


def overridden_settings(raw: Mapping[str, Any]) -> list[str]:
    """The settings written in a playbook folder's `mkdocs.yml` that the generated config
    replaces (so they would be dropped without a word), e.g. `theme.palette`."""
    found: list[str] = []
    for key in ADOPTED_SETTINGS:
        if key in NEEDED_SETTINGS or key not in raw:
            continue
        value = raw[key]
        if key == "theme" and isinstance(value, Mapping):
            found += [f"theme.{name}" for name in value if name != "name"]
            if value.get("name", "material") != "material":
                found.append("theme.name")
        elif key != "theme" or value != "material":
            found.append(key)
    return found


def _raw_settings(path: str | None) -> Mapping[str, Any]:
    """`mkdocs.yml` as written (MkDocs' own loader: `!ENV` and the like work)."""
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as file:
            raw = yaml.load(file, Loader=get_yaml_loader())
    except (OSError, yaml.YAMLError):
        return {}
    return raw if isinstance(raw, Mapping) else {}


def _failure(report: Callable[[Reporter], object]) -> PluginError:
    """What stops MkDocs, holding what `report` writes: MkDocs prints a `PluginError` even
    with `-q`, which would hide the lines of a failed build logged as warnings."""
    lines: list[str] = []
    report(Reporter(out=lines.append, err=lines.append))
    return PluginError("\n".join(lines))


def _adopt_search(config: MkDocsConfig, generated: MkDocsConfig) -> None:
    """Give the running build the generated search settings (the language above all).

    If `mkdocs.yml` lists no search plugin, the generated one is added; its `on_config`
    still runs in this pass, after this plugin's.
    """
    source = generated.plugins.get(SEARCH)
    if source is None:
        return
    target = config.plugins.get(SEARCH)
    if target is None:
        if "search" in config.plugins:
            raise PluginError(
                "mkdocs.yml lists MkDocs' own search plugin; remove it: playbook-gen brings "
                "Material's search, set up for the playbook's language"
            )
        config.plugins[SEARCH] = source
    else:
        target.config["lang"] = list(source.config["lang"])

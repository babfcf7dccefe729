"""The engine-neutral build folder: `docs/**.md`, `docs/assets/…` and `mkdocs.yml`.

This folder is the hand-off between playbook-gen and the site engine. It holds plain
Markdown and a complete `mkdocs.yml`, so `mkdocs build -f <build>/mkdocs.yml` — and
Zensical, which reads mkdocs.yml but runs no MkDocs plugins — builds the whole site with
no code of ours. Every page is rendered before the first file is written (gather, then
write), and every output path is claimed once (`OutputTree`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from playbook_gen.errors import PlaybookError
from playbook_gen.i18n import Labels
from playbook_gen.read.branding import BRAND_ASSETS, brand_images
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.playbook import Playbook
from playbook_gen.site.changes import Manifest, compare, manifest_of
from playbook_gen.site.mkdocs_yml import SiteSettings, dump, nav_paths, settings_dict
from playbook_gen.site.output_tree import OutputTree
from playbook_gen.site.page_cache import PageCache
from playbook_gen.site.render import _FRONT_MATTER, glossary_script, render_site
from playbook_gen.site.urls import docs_file

DOCS = "docs"
ASSETS = "assets"
CONFIG_FILE = "mkdocs.yml"
GLOSSARY_SCRIPT = "glossary-terms.js"
"""The generated asset with every glossary definition, once per site (`glossary_script`)."""
OUT_OF_MATERIAL_INDEX = "search:\n  exclude: true\n"
"""Front matter that makes Material's search plugin skip a page. The site searches its own
index (`publish/search_index.py`) and empties Material's, so Material's indexing — a sixth
of MkDocs' time at 2,000 skills, with jieba segmenting — was wasted; its search box stays."""


@dataclass(frozen=True)
class Project:
    """What `write_project` made: where the config is, and which docs pages exist."""

    root: Path
    config_file: Path
    pages: tuple[str, ...]
    """The docs-relative Markdown files written (`urls.docs_file`), in plan order."""
    nav: tuple[str, ...]
    manifest: Manifest
    """This build's entities, to keep with the site it publishes (`changes`)."""


def bundled_assets() -> list[tuple[str, Traversable]]:
    """The site's static files shipped in `playbook_gen/assets/`, by path inside it."""
    found: list[tuple[str, Traversable]] = []

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name.startswith((".", "__")):
                continue
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            else:
                found.append((f"{prefix}{child.name}", child))

    walk(resources.files("playbook_gen") / ASSETS, "")
    return found


def out_of_material_index(markdown_text: str) -> str:
    """The page with `OUT_OF_MATERIAL_INDEX` in its front matter (unless it says `search:`
    itself)."""
    front = _FRONT_MATTER.match(markdown_text)
    if front is None:
        return f"---\n{OUT_OF_MATERIAL_INDEX}---\n\n{markdown_text}"
    if any(line.startswith("search:") for line in front.group(1).splitlines()):
        return markdown_text
    return f"---\n{front.group(1)}{OUT_OF_MATERIAL_INDEX}---\n{markdown_text[front.end():]}"


def _check_apart(out_dir: Path, content_dir: Path) -> None:
    """The build folder is rewritten and pruned, so it must not touch the content."""
    out, content = out_dir.resolve(), content_dir.resolve()
    if out == content or content in out.parents or out in content.parents:
        raise PlaybookError(
            f"the build folder {out_dir} overlaps the content folder {content_dir}; "
            "set build_dir in site_config.yml to a folder of its own"
        )


def site_settings(
    playbook: Playbook, pages: list[str], assets: list[str], config: SiteConfig | None = None
) -> SiteSettings:
    """The per-playbook part of `mkdocs.yml`; `pages` are docs paths (`stages/x.md`)."""
    labels = Labels(playbook.language)
    return SiteSettings(
        site_name=playbook.name,
        language=playbook.language,
        nav=[docs_file(path) for path in nav_paths(pages)],
        extra_css=[f"{ASSETS}/{a}" for a in assets if a.endswith(".css")],
        extra_javascript=[f"{ASSETS}/{a}" for a in assets if a.endswith(".js")],
        to_dark_label=labels("palette_to_dark"),
        permalink_label=labels("permalink"),
        to_light_label=labels("palette_to_light"),
        site_description=playbook.meta.model.summary,
        repo_url=config.links.repo_url if config else None,
        site_url=config.links.site_url if config else None,
        logo=_image(config, "logo"),
        favicon=_image(config, "favicon"),
        primary_color=config.branding.primary_color if config else None,
        accent_color=config.branding.accent_color if config else None,
    )


def _image(config: SiteConfig | None, name: str) -> str | None:
    """The docs path of a brand image, if site_config.yml names one."""
    if config is None:
        return None
    prefix = f"{BRAND_ASSETS}/{name}."
    images = brand_images(config.branding, config.root)
    return next((path for path in images if path.startswith(prefix)), None)


def write_project(
    checked: CheckedPlaybook,
    config: SiteConfig,
    out_dir: Path,
    previous: Manifest | None = None,
    cache: PageCache | None = None,
    jobs: int | None = 1,
) -> Project:
    """Render every page and write the complete MkDocs project into `out_dir`.

    `previous` is the manifest of the site this build replaces: the `changes` page lists
    the difference (a first build without one).

    Files whose bytes are unchanged are not rewritten and files of an earlier run that
    no longer belong (a deleted skill) are removed, so the folder always equals a fresh
    write. Never writes inside the content folder. With a `cache` (kept by `serve` between
    rebuilds) only the pages whose inputs changed are rendered again. Without, the pages
    are rendered over `jobs` processes (None: as many as pay, `site.render_shares`).
    """
    _check_apart(out_dir, config.content_dir)
    manifest = manifest_of(checked.index)
    changes = compare(previous, manifest)
    if cache is not None:
        rendered = cache.render(checked, config, changes)
    else:
        rendered = render_site(
            checked, config.templates_dir, links=config.links, changes=changes, jobs=jobs
        )
    assets = bundled_assets()
    paths = [path for path, _ in rendered]
    names = sorted([name for name, _ in assets] + [GLOSSARY_SCRIPT])
    settings = site_settings(checked.playbook, paths, names, config)
    pages = [docs_file(path) for path in paths]

    tree = OutputTree(out_dir)
    for page, (_, text) in zip(pages, rendered, strict=True):
        tree.write_text(f"{DOCS}/{page}", out_of_material_index(text))
    for name, source in assets:
        tree.write_bytes(f"{DOCS}/{ASSETS}/{name}", source.read_bytes())
    tree.write_text(f"{DOCS}/{ASSETS}/{GLOSSARY_SCRIPT}", glossary_script(checked))
    for path, image in brand_images(config.branding, config.root).items():
        tree.write_bytes(f"{DOCS}/{path}", image.read_bytes())
    tree.write_text(CONFIG_FILE, dump(settings_dict(settings)))
    tree.finish()
    return Project(out_dir, out_dir / CONFIG_FILE, tuple(pages), tuple(settings.nav), manifest)

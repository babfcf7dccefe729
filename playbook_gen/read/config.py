"""`site_config.yml`: where the content is, where the site goes, the reading limits,
which warnings to silence, and where a page's "edit" and "report a problem" links lead.

The file is optional; every setting has a default. It is read like content (positions,
diagnostics) because it is written by the same people. Folders in it are relative to the
folder that holds it.
"""

from __future__ import annotations

import difflib
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from playbook_gen.diagnostics import WARNING_CODES, DiagnosticLog, matches_code
from playbook_gen.read.branding import Branding, check_branding

if TYPE_CHECKING:
    from playbook_gen.read.source_file import SourceFile

CONFIG_NAME = "site_config.yml"
BUILD_NAME = ".playbook-build"
"""The default build folder, beside the site folder: a build never writes into the
folder it was started from unless the site goes there too."""
MIB = 1024 * 1024

ISSUE_PLACEHOLDERS: dict[str, str] = {
    "title": "the title of the entity the page shows (the page's title on other pages)",
    "kind": "its kind (`stage`, `skill`, …; the area's name on an area page)",
    "id": "its id (empty on an area page)",
    "owner": "its owner, falling back to the playbook's (empty if neither is set)",
    "page": "the page's path in the site (`stages/discover/`)",
    "url": "`site_url` + that path (the path alone without `site_url`)",
    "source": "the YAML file it came from, inside the content folder (`process.yml`)",
}
"""What `{name}` in `issue_url` stands for; each value is URL-encoded when filled in."""


class Limits(BaseModel):
    """Bounds on what one run reads, so a hostile or broken file cannot hang a build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: int = Field(32 * MIB, gt=0, description="Largest content file, in bytes.")
    max_depth: int = Field(64, gt=0, description="Deepest nesting of lists and mappings.")
    max_alias_expansion: int = Field(
        100_000,
        ge=0,
        description="Most values YAML aliases (`*name`) may stand for in one file, counted "
        "as if written out (stops 'billion laughs' files).",
    )
    max_entities: int = Field(
        100_000, gt=0, description="Most entities (items with an id) in one playbook."
    )
    max_markdown_chars: int = Field(
        200_000,
        gt=0,
        description="Longest Markdown field (`body`, `answer`, `instructions`, …), in "
        "characters; rendering hostile Markdown costs up to ~15 s a megabyte.",
    )
    max_scale_values: int = Field(
        101,
        gt=1,
        description="Most values on a worksheet's scale (max − min + 1); each value is a "
        "control on every question of the page.",
    )


class SiteConfigFile(BaseModel):
    """The settings of `site_config.yml` as written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    content_dir: str = Field("content", min_length=1, description="The playbook's folder.")
    site_dir: str = Field("site", min_length=1, description="Where the built site goes.")
    build_dir: str | None = Field(
        None,
        min_length=1,
        description="Where the generated MkDocs project (Markdown + mkdocs.yml) is written "
        f"(default: `{BUILD_NAME}` beside the site folder).",
    )
    templates_dir: str | None = Field(
        None, description="A folder of templates that override the bundled ones, by name."
    )
    limits: Limits = Field(default_factory=Limits, description="Reading limits.")
    suppress_warnings: tuple[str, ...] = Field(
        (),
        description="Warning codes (`unused.skill`) or prefixes (`review`, `review.*`) "
        "that are neither reported nor failed by `--strict`.",
    )
    repo_url: str | None = Field(
        None,
        description="The content's repository (http or https), linked from the site's "
        "header; also the base of a relative `edit_uri`.",
    )
    edit_uri: str | None = Field(
        None,
        description="The URL prefix of the content folder in the repository's editor, "
        "e.g. `https://git.example.com/sales/playbook/-/edit/main/content/` (or relative "
        "to `repo_url`); each entity page links to it + the YAML file it came from.",
    )
    issue_url: str | None = Field(
        None,
        description="A new-issue URL with placeholders, linked as 'report a problem' on "
        "each entity page, e.g. `https://git.example.com/sales/playbook/-/issues/new?"
        "issue[title]={title}`; placeholders: "
        + ", ".join(f"`{{{name}}}`" for name in ISSUE_PLACEHOLDERS)
        + " (see docs/edit-links.md).",
    )
    site_url: str | None = Field(
        None,
        description="The site's published address: fills `sitemap.xml` and canonical "
        "links, and `{url}` in `issue_url`.",
    )
    branding: Branding = Field(
        default_factory=Branding, description="Logo, favicon and colours of the site."
    )


@dataclass(frozen=True)
class SourceLinks:
    """Where a page's "edit" and "report a problem" links lead (`None`: no such link)."""

    repo_url: str | None = None
    edit_prefix: str | None = None
    """`edit_uri` made absolute and ending in `/`: + a content file's path = its editor."""
    issue_url: str | None = None
    site_url: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    """The resolved settings: folders as paths (relative to `root`), and the limits."""

    root: Path
    content_dir: Path
    site_dir: Path
    build_dir: Path
    templates_dir: Path | None
    limits: Limits
    content_display: str
    """`content_dir` as written (for messages), e.g. `content`."""
    suppress_warnings: tuple[str, ...] = ()
    links: SourceLinks = field(default_factory=SourceLinks)
    build_dir_set: bool = False
    """`build_dir` was written in site_config.yml (else it follows the site folder)."""
    branding: Branding = field(default_factory=Branding)

    @classmethod
    def from_file_model(cls, root: Path, settings: SiteConfigFile) -> SiteConfig:
        def under_root(folder: str) -> Path:
            return root / folder if root != Path() else Path(folder)

        site_dir = under_root(settings.site_dir)
        return cls(
            root=root,
            content_dir=under_root(settings.content_dir),
            site_dir=site_dir,
            build_dir=under_root(settings.build_dir)
            if settings.build_dir
            else site_dir.parent / BUILD_NAME,
            build_dir_set=settings.build_dir is not None,
            branding=settings.branding,
            templates_dir=under_root(settings.templates_dir) if settings.templates_dir else None,
            limits=settings.limits,
            content_display=str(under_root(settings.content_dir)),
            suppress_warnings=settings.suppress_warnings,
            links=source_links(settings),
        )

    @classmethod
    def default(cls, root: Path = Path()) -> SiteConfig:
        return cls.from_file_model(root, SiteConfigFile())

    def with_site(self, site_dir: Path) -> SiteConfig:
        """The same settings building into another site folder (`--site-dir`); the build
        folder follows it unless site_config.yml names one."""
        build_dir = self.build_dir if self.build_dir_set else site_dir.parent / BUILD_NAME
        return replace(self, site_dir=site_dir, build_dir=build_dir)

    def with_content(self, folder: str) -> SiteConfig:
        """The same settings reading another content folder (`-c DIR`)."""
        return replace(self, content_dir=Path(folder), content_display=folder)


def load_site_config(
    root: Path, log: DiagnosticLog, content: str | None = None
) -> SiteConfig | None:
    """Read `root/site_config.yml` (defaults if there is none); `None` if it has errors.

    `content` (`-c DIR`) replaces `content_dir`. The log drops the warnings the file
    suppresses from here on, so every command and the plugin silence the same ones.
    """
    config = _read_site_config(root, log)
    if config is not None and content:
        config = config.with_content(content)
    return config


def _read_site_config(root: Path, log: DiagnosticLog) -> SiteConfig | None:
    from playbook_gen.read.sources import read_source
    from playbook_gen.read.validation import validate

    if not (root / CONFIG_NAME).exists() and not (root / CONFIG_NAME).is_symlink():
        return SiteConfig.default(root)
    display = "" if root == Path() else str(root)
    source = read_source(root, CONFIG_NAME, display, log, Limits())
    if source is None:
        return None
    settings = validate(source, SiteConfigFile, log)
    if settings is None:
        return None
    config = SiteConfig.from_file_model(root, settings)
    log.suppress(config.suppress_warnings)
    for index, pattern in enumerate(config.suppress_warnings):
        if not any(matches_code(code, (pattern.removesuffix(".*"),)) for code in WARNING_CODES):
            close = difflib.get_close_matches(pattern, list(WARNING_CODES), n=1, cutoff=0.85)
            hint = f"; did you mean '{close[0]}'?" if close else " (errors cannot be suppressed)"
            message = f"no warning code or prefix '{pattern}'{hint}"
            log.warning(source, ("suppress_warnings", index), "config.suppress", message)
    if not _check_links(settings, source, log):
        return None
    if not check_branding(settings.branding, root, source, log):
        return None
    if config.templates_dir is not None and not config.templates_dir.is_dir():
        # Else a typo would silently build with the bundled templates.
        message = f"no folder '{config.templates_dir}' for the override templates"
        log.error(source, ("templates_dir",), "config.folder", message)
        return None
    return config


def _is_web_url(url: str) -> bool:
    scheme, _, rest = url.partition("://")
    return scheme.lower() in ("http", "https") and bool(rest) and not any(c.isspace() for c in url)


def source_links(settings: SiteConfigFile) -> SourceLinks:
    """The link settings resolved: `edit_uri` joined to `repo_url` when relative, and
    ending in `/` so a file's path can be appended (as MkDocs does)."""
    edit = settings.edit_uri
    if edit and not _is_web_url(edit) and settings.repo_url:
        edit = settings.repo_url.rstrip("/") + "/" + edit.lstrip("/")
    if edit and not edit.endswith("/") and "?" not in edit and "#" not in edit:
        edit += "/"
    site_url = settings.site_url.rstrip("/") + "/" if settings.site_url else None
    return SourceLinks(settings.repo_url, edit or None, settings.issue_url, site_url)


def _check_links(settings: SiteConfigFile, source: SourceFile, log: DiagnosticLog) -> bool:
    """Report every link setting that is not a web address, or an `issue_url` naming an
    unknown placeholder, at its line; whether all are good."""
    good = True
    for name in ("repo_url", "site_url", "issue_url"):
        url = getattr(settings, name)
        if url is not None and not _is_web_url(url):
            log.error(source, (name,), "config.url", f"'{url}' is not an http(s) address")
            good = False
    edit = settings.edit_uri
    if edit is not None and not _is_web_url(edit) and not settings.repo_url:
        message = f"'{edit}' is not an http(s) address (nor relative to a repo_url)"
        log.error(source, ("edit_uri",), "config.url", message)
        good = False
    if settings.issue_url is not None:
        try:
            parsed = list(string.Formatter().parse(settings.issue_url))
        except ValueError as exc:
            message = f"{exc}; write a literal brace as {{{{ or }}}}"
            log.error(source, ("issue_url",), "config.placeholder", message)
            return False
        for _, field_name, _, _ in parsed:
            if field_name is not None and field_name not in ISSUE_PLACEHOLDERS:
                close = difflib.get_close_matches(field_name, list(ISSUE_PLACEHOLDERS), n=1)
                hint = f"; did you mean '{{{close[0]}}}'?" if close else ""
                known = ", ".join(f"{{{n}}}" for n in ISSUE_PLACEHOLDERS)
                message = f"unknown placeholder '{{{field_name}}}'{hint} (known: {known})"
                log.error(source, ("issue_url",), "config.placeholder", message)
                good = False
    return good

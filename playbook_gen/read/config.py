"""`site_config.yml`: where the content is, where the site goes, the reading limits, and
which warnings to silence.

The file is optional; every setting has a default. It is read like content (positions,
diagnostics) because it is written by the same people. Folders in it are relative to the
folder that holds it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from playbook_gen.diagnostics import WARNING_CODES, DiagnosticLog, matches_code

CONFIG_NAME = "site_config.yml"
MIB = 1024 * 1024


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
    build_dir: str = Field(
        ".playbook-build",
        min_length=1,
        description="Where the generated MkDocs project (Markdown + mkdocs.yml) is written.",
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

    @classmethod
    def from_file_model(cls, root: Path, settings: SiteConfigFile) -> SiteConfig:
        def under_root(folder: str) -> Path:
            return root / folder if root != Path() else Path(folder)

        return cls(
            root=root,
            content_dir=under_root(settings.content_dir),
            site_dir=under_root(settings.site_dir),
            build_dir=under_root(settings.build_dir),
            templates_dir=under_root(settings.templates_dir) if settings.templates_dir else None,
            limits=settings.limits,
            content_display=str(under_root(settings.content_dir)),
            suppress_warnings=settings.suppress_warnings,
        )

    @classmethod
    def default(cls, root: Path = Path()) -> SiteConfig:
        return cls.from_file_model(root, SiteConfigFile())

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
    if config.templates_dir is not None and not config.templates_dir.is_dir():
        # Else a typo would silently build with the bundled templates.
        message = f"no folder '{config.templates_dir}' for the override templates"
        log.error(source, ("templates_dir",), "config.folder", message)
        return None
    return config

"""`branding:` in `site_config.yml`: the company's logo, favicon and colours.

The generated `mkdocs.yml` owns the theme (a `theme:` in a playbook folder's own
`mkdocs.yml` is replaced, and the plugin says so), so these are the settings a company
changes. Colours are Material's named ones (its palette offers no others without CSS);
the images are copied into the site, so they must be files beside `site_config.yml`.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from playbook_gen.diagnostics import DiagnosticLog
    from playbook_gen.read.source_file import SourceFile

Accent = Literal[
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal",
    "green", "light green", "lime", "yellow", "amber", "orange", "deep orange",
]  # fmt: skip
Primary = Literal[Accent, "brown", "grey", "blue grey", "black", "white"]
IMAGE_TYPES = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico")
MAX_IMAGE_BYTES = 2 * 1024 * 1024
BRAND_ASSETS = "assets/brand"
"""Where the images go inside the generated docs folder."""


class Branding(BaseModel):
    """How the site looks: logo, favicon, colours."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    logo: str | None = Field(
        None,
        min_length=1,
        description="An image file (relative to site_config.yml) shown in the header.",
    )
    favicon: str | None = Field(
        None, min_length=1, description="The browser tab's icon (relative to site_config.yml)."
    )
    primary_color: Primary | None = Field(
        None, description="Material's named colour of the header and links, e.g. `teal`."
    )
    accent_color: Accent | None = Field(
        None, description="Material's named colour of hovered links and buttons, e.g. `amber`."
    )


def brand_images(branding: Branding, root: Path) -> dict[str, Path]:
    """The images to copy, by their docs-relative path (`assets/brand/logo.png`)."""
    found: dict[str, Path] = {}
    for name in ("logo", "favicon"):
        value = getattr(branding, name)
        if value:
            suffix = PurePosixPath(value).suffix.lower()
            found[f"{BRAND_ASSETS}/{name}{suffix}"] = root / value
    return found


def check_branding(branding: Branding, root: Path, source: SourceFile, log: DiagnosticLog) -> bool:
    """Report each image that is missing, not an image or too large, at its line."""
    good = True
    for name in ("logo", "favicon"):
        value = getattr(branding, name)
        if not value:
            continue
        path = root / value
        problem = None
        if PurePosixPath(value).suffix.lower() not in IMAGE_TYPES:
            problem = f"'{value}' is not an image file ({', '.join(IMAGE_TYPES)})"
        elif not path.is_file():
            problem = f"no file '{value}' beside site_config.yml"
        elif path.stat().st_size > MAX_IMAGE_BYTES:
            problem = f"'{value}' is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
        if problem:
            log.error(source, ("branding", name), "config.file", problem)
            good = False
    return good

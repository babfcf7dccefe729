"""Helpers for the working-tools browser tests: build a site with the real pipeline,
watch a page for errors, and read printed PDFs with poppler. Serving and Chromium's
launch flags come from `browser.py`, shared with the other browser tests.

Sites are served from 127.0.0.1 (not file://) because localStorage is scoped by origin;
each server has its own port, so its storage is its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.build import build_site
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.resolve.playbook import Playbook

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content"
NORTHWIND = REPO / "tests" / "fixtures" / "playbooks" / "northwind"

A4_POINTS = (595.28, 841.89)


@dataclass(frozen=True)
class Site:
    """A built site served on 127.0.0.1, with the playbook it was built from."""

    checked: CheckedPlaybook
    path: Path
    url: str
    build_dir: Path
    """The MkDocs project it was built from (kept, for tests that build it again)."""

    @property
    def playbook(self) -> Playbook:
        return self.checked.playbook


def load(content: Path) -> CheckedPlaybook:
    checked = load_playbook(content, DiagnosticLog())
    assert checked is not None
    return checked


def build(content: Path, site: Path) -> Path:
    """Build `content` into `site` exactly as `playbook-gen build` does (the MkDocs project
    is kept in `build_dir_of(site)`); fail loudly."""
    config = SiteConfig.default(site.parent).with_content(str(content))
    status = build_site(content, site, config)
    assert status == 0, f"building {content} failed"
    return site


def build_dir_of(site: Path) -> Path:
    """Where `build` keeps the MkDocs project of `site`."""
    return SiteConfig.default(site.parent).build_dir


@dataclass
class ConsoleErrors:
    """Every console error and uncaught page error seen by a page."""

    messages: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> Any:
        page.on(
            "console",
            lambda msg: (
                self.messages.append(f"console: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))
        return page


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    size: tuple[float, float]
    """Width and height of the first page, in points."""


def pdf_info(path: Path) -> PdfInfo:
    """Page count and page size from poppler's `pdfinfo`."""
    text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", text, re.MULTILINE).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", text, re.MULTILINE)
    assert size is not None, text
    return PdfInfo(pages, (float(size.group(1)), float(size.group(2))))


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one 1-based page) from poppler's `pdftotext`."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def copy_playbook(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target

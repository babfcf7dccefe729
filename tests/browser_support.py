"""Helpers for the working-tools browser tests: build a site with the real pipeline,
watch a page for errors, and read printed PDFs with pypdf (pure Python: no poppler to
install). Serving and Chromium's launch flags come from `browser.py`, shared with the
other browser tests.

Sites are served from 127.0.0.1 (not file://) because localStorage is scoped by origin;
each server has its own port, so its storage is its own.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def watched_page(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh browser context; the test fails if the page logged any error."""
    context = browser.new_context(**options)
    errors = ConsoleErrors()
    try:
        yield errors.watch(context.new_page())
    finally:
        context.close()
    assert errors.messages == []


@dataclass(frozen=True)
class PdfInfo:
    pages: int
    size: tuple[float, float]
    """Width and height of the first page, in points."""


def pdf_info(path: Path) -> PdfInfo:
    """Page count and the first page's size, read with pypdf."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    return PdfInfo(len(reader.pages), (float(box.width), float(box.height)))


_RADICALS = re.compile("[\u2e80-\u2fdf]")


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one 1-based page), lines kept as laid out (pypdf's
    layout mode, like `pdftotext -layout`). Noto CJK maps some ideographs to the look-alike
    Kangxi radicals (`⼿` for `手`); those are read as the ideograph, as poppler does."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    pages = [reader.pages[page - 1]] if page else list(reader.pages)
    text = "\n".join(p.extract_text(extraction_mode="layout") for p in pages)
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def copy_playbook(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target

"""write_project: the complete build folder, without running MkDocs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.resolve.references import AREA_PAGE_SPECS
from playbook_gen.site.project import bundled_assets, write_project
from playbook_gen.site.urls import docs_file

NORTHWIND = Path(__file__).parent / "fixtures" / "playbooks" / "northwind"
STAGES = ("qualify", "discover", "prove-value", "close")
NORTHWIND_PAGES = [
    # The area and index pages, in nav order.
    "index.md",
    "values.md",
    "process.md",
    "skills/index.md",
    "tools.md",
    "buyers.md",
    "objections.md",
    "proof.md",
    "strategy.md",
    "competitors/index.md",
    "management.md",
    "relationships.md",
    "checklists/index.md",
    *(f"checklists/{stage}.md" for stage in STAGES),
    "diagnostics/index.md",
    "forms/index.md",
    "onboarding/index.md",
    "glossary.md",
    "facts.md",
    "review.md",  # the review status (the audit's rows): every site has it
    # Then the pages of single entities, kind by kind.
    *(f"stages/{stage}.md" for stage in STAGES),
    "skills/active-listening.md",
    "skills/discovery-questions.md",
    "skills/negotiation.md",
    "skills/objection-handling.md",
    "plays/incumbent-displacement.md",
    "plays/budget-freeze.md",
    "diagnostics/deal-health.md",
    "diagnostics/rep-readiness.md",
    "onboarding/new-ae.md",
    "competitors/spreadsheets.md",
    "competitors/in-house-team.md",
    "competitors/shelfsense.md",
    "forms/handover.md",
    "forms/mutual-action-plan.md",
]
"""The fixture's pages worked out by hand from its files, in site order (stages in process
order, skills as their index lists them, the rest in file order)."""

AREA_PAGES = frozenset(docs_file(spec.page) for spec in AREA_PAGE_SPECS if "{id}" not in spec.page)
"""Area and index pages of the registry: the nav holds these and nothing else. With the
deal-execution areas (buyers, objections, proof, competitors, forms, facts) and the review
page there are about 20 of them, so the nav is no longer held under 15."""


def _load(content: Path, root: Path) -> tuple[CheckedPlaybook, SiteConfig]:
    config = SiteConfig.default(root).with_content(str(content))
    log = DiagnosticLog()
    playbook = load_playbook(content, log, config)
    assert playbook is not None, log.lines()
    return playbook, config


def test_the_build_folder_holds_every_page_every_asset_and_a_loadable_config(
    tmp_path: Path,
) -> None:
    playbook, config = _load(NORTHWIND, tmp_path)
    project = write_project(playbook, config, tmp_path / "build")
    docs = tmp_path / "build" / "docs"
    pages = list(project.pages)
    files = [docs_file(page) for page in NORTHWIND_PAGES]  # `stages/x.md` → `stages/x/index.md`
    # Pages of areas added later (each registered in AREA_PAGE_SPECS) may sit between them.
    assert [page for page in pages if page in files] == files
    assert set(pages) - set(files) <= AREA_PAGES
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) == sorted(pages)
    for name, _ in bundled_assets():
        assert (docs / "assets" / name).is_file()

    mkdocs = load_config(config_file=str(project.config_file))
    assert mkdocs.site_name == "Northwind Analytics Sales Playbook"
    assert mkdocs.theme["language"] == "en"
    assert "playbook-gen" not in mkdocs.plugins
    assert mkdocs.extra_javascript and mkdocs.extra_css
    nav = [str(item) for item in mkdocs.nav]
    assert len(nav) == len(project.nav)
    assert set(files) & AREA_PAGES <= set(project.nav) <= AREA_PAGES
    assert not any(p.startswith(("skills/", "stages/")) and "index" not in p for p in nav)


def test_rewriting_an_unchanged_playbook_changes_no_file_and_prunes_removed_pages(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(NORTHWIND, content)
    build = tmp_path / "build"
    playbook, config = _load(content, tmp_path)
    write_project(playbook, config, build)
    stamps = {p: p.stat().st_mtime_ns for p in build.rglob("*") if p.is_file()}

    playbook, config = _load(content, tmp_path)
    write_project(playbook, config, build)
    assert {p: p.stat().st_mtime_ns for p in build.rglob("*") if p.is_file()} == stamps

    # A page of an earlier run that no longer exists is removed.
    (content / "skills" / "extra-skill.yml").write_text("id: extra-skill\ntitle: Extra\n")
    playbook, config = _load(content, tmp_path)
    write_project(playbook, config, build)
    assert (build / "docs/skills/extra-skill/index.md").is_file()
    (content / "skills" / "extra-skill.yml").unlink()
    playbook, config = _load(content, tmp_path)
    write_project(playbook, config, build)
    assert not (build / "docs/skills/extra-skill/index.md").exists()


def test_the_build_folder_may_not_overlap_the_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(NORTHWIND, content)
    playbook, config = _load(content, tmp_path)
    before = sorted(p.name for p in content.rglob("*"))
    for bad in (content, content / "build", tmp_path):
        with pytest.raises(PlaybookError, match="overlaps the content"):
            write_project(playbook, config, bad)
    assert sorted(p.name for p in content.rglob("*")) == before

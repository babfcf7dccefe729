"""The checked bundle and the site map: the index is built once and kept, and every page
path comes from the declarations in `resolve/references.py`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read import models
from playbook_gen.resolve import checks, references, sitemap
from playbook_gen.resolve.load import CheckedPlaybook, bundle, load_playbook
from playbook_gen.resolve.playbook import Loaded, Playbook
from playbook_gen.resolve.references import EntityIndex, build_index
from playbook_gen.site.pages import plan_pages
from playbook_gen.site.render import SiteRenderer, render_site

HARBOR = Path(__file__).parent / "fixtures" / "playbooks" / "harbor"


def _harbor() -> CheckedPlaybook:
    log = DiagnosticLog()
    checked = load_playbook(HARBOR, log)
    assert checked is not None, log.lines()
    return checked


def _only(**areas: Any) -> CheckedPlaybook:
    """A bundle of a playbook with just `areas` (models), unchecked: for the site map."""
    meta = models.PlaybookMeta(name="P")
    loaded = {k: Loaded(v, source=None) for k, v in areas.items()}  # type: ignore[arg-type]
    playbook = Playbook(meta=Loaded(meta, source=None), **loaded)  # type: ignore[arg-type]
    return bundle(playbook, build_index(playbook))


PROCESS = models.ProcessFile.model_validate(
    {"stages": [{"id": "discover", "title": "Discover", "exit_criteria": ["Pain agreed."]}]}
)


# ------------------------------------------------------------------ the bundle


def test_the_bundle_keeps_the_index_the_checks_built_and_rendering_builds_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[EntityIndex] = []

    def counting(playbook: Playbook) -> EntityIndex:
        built.append(build_index(playbook))
        return built[-1]

    monkeypatch.setattr(checks, "build_index", counting)
    monkeypatch.setattr(references, "build_index", counting)
    checked = _harbor()
    assert len(built) == 1 and checked.index is built[0]
    renderer = SiteRenderer(checked)
    assert renderer.linker.index is checked.index
    assert renderer.environment.globals["backlinks"] is checked.backlinks
    assert renderer.environment.globals["site"] is checked.site
    assert render_site(checked)
    assert len(built) == 1


def test_a_playbook_with_errors_has_no_bundle(tmp_path: Path) -> None:
    (tmp_path / "playbook.yml").write_text("name: P\n", encoding="utf-8")
    (tmp_path / "tools.yml").write_text("tools: [{id: a, title: A}, {id: a, title: B}]\n")
    assert load_playbook(tmp_path, DiagnosticLog()) is None


# ------------------------------------------------------------------ the site map


def test_the_site_map_knows_paths_titles_and_absent_area_pages() -> None:
    site = _only(process=PROCESS).site
    assert site.path("stage", "discover") == "stages/discover.md"
    assert site.path("checklist", "discover") == "checklists/discover.md"
    assert site.title("checklist", "discover") == "Discover · Checklist"
    assert site.title("process") == "Sales process"
    assert site.has("checklists") and site.has("home")
    assert not site.has("values") and not site.has("skills")
    values = site.page("values")
    assert values is not None and values.path == "values.md" and not values.exists
    assert site.page("stage", "nope") is None
    with pytest.raises(LookupError, match="'values'"):
        site.path("values")
    with pytest.raises(LookupError, match="'checklist:nope'"):
        site.path("checklist", "nope")


def test_the_pages_rendered_are_the_existing_pages_of_the_site_map() -> None:
    checked = _harbor()
    existing = [page.path for page in checked.site.existing()]
    assert [plan.path for plan in plan_pages(checked)] == existing
    assert [path for path, _ in render_site(checked)] == existing
    absent = _only(process=PROCESS)
    paths = [plan.path for plan in plan_pages(absent)]
    assert "values.md" not in paths and "skills/index.md" not in paths
    assert {"index.md", "process.md", "stages/discover.md", "checklists/discover.md"} <= set(paths)


def test_a_kind_s_page_is_declared_once_in_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving stage pages in `KINDS` moves the page, its links and its checklist's link."""
    kinds = tuple(
        dataclasses.replace(spec, page="phases/{id}.md") if spec.kind == "stage" else spec
        for spec in references.KINDS
    )
    monkeypatch.setattr(references, "KINDS", kinds)
    monkeypatch.setattr(sitemap, "KINDS", kinds)
    pages = dict(render_site(_only(process=PROCESS)))
    assert "phases/discover.md" in pages and "stages/discover.md" not in pages
    assert 'href="../../phases/discover/"' in pages["checklists/discover.md"]


def test_templates_link_pages_through_the_site_map() -> None:
    renderer = SiteRenderer(_only(process=PROCESS))

    def render(source: str, page: str) -> str:
        return renderer.environment.from_string(source).render(page=page)

    link = "{{ page_url('checklist', 'discover') }}"
    assert render(link, "stages/discover.md") == "../../checklists/discover/"
    assert render("{{ site.has('process') }} {{ site.has('tools') }}", "index.md") == "True False"
    with pytest.raises(LookupError):
        render("{{ page_url('tools') }}", "index.md")
    home = dict(render_site(_only(process=PROCESS)))["index.md"]
    assert 'href="process/"' in home and 'href="tools/"' not in home

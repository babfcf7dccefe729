"""Edit and report links to the content (`edit_uri`, `issue_url`), and the "what changed"
page built from the manifest the previous build left beside its site."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from browser_support import NORTHWIND
from mkdocs.config import load_config

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.build import build_site
from playbook_gen.read.config import SiteConfig, SourceLinks, load_site_config
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.site.changes import MANIFEST_NAME
from playbook_gen.site.project import write_project
from playbook_gen.site.render import render_site

EDIT = "https://git.example.com/sales/playbook/-/edit/main/content/"
ISSUES = "https://git.example.com/issues/new?title={title}&body={kind}:{id}%20{owner}%20{page}"
LINKS = SourceLinks("https://git.example.com/sales/playbook", EDIT, ISSUES)


@pytest.fixture(scope="module")
def northwind() -> CheckedPlaybook:
    checked = load_playbook(NORTHWIND, DiagnosticLog())
    assert checked is not None
    return checked


def _hrefs(markdown: str, attribute: str) -> list[str]:
    found = re.findall(rf'<a [^>]*href="([^"]*)"[^>]*{attribute}[^>]*>', markdown)
    return [html.unescape(href) for href in found]


def test_edit_links_lead_to_the_yaml_file_of_the_entity(northwind: CheckedPlaybook) -> None:
    pages = dict(render_site(northwind, links=LINKS))
    assert _hrefs(pages["stages/discover.md"], "data-edit-link") == [EDIT + "process.yml"]
    skill = "skills/negotiation.md"
    assert _hrefs(pages[skill], "data-edit-link") == [EDIT + "skills/negotiation.yml"]
    assert _hrefs(pages["checklists/discover.md"], "data-edit-link") == [EDIT + "process.yml"]
    assert _hrefs(pages["values.md"], "data-edit-link") == [EDIT + "values.yml"]
    for path, text in pages.items():
        for href in _hrefs(text, "data-edit-link"):
            assert href.endswith(".yml") and not href.endswith(".md"), path


def test_the_report_link_is_filled_in_and_url_encoded(northwind: CheckedPlaybook) -> None:
    pages = dict(render_site(northwind, links=LINKS))
    (report,) = _hrefs(pages["stages/discover.md"], "data-report-link")
    query = report.split("?", 1)[1]
    assert " " not in query and "%20" in query and "%2F" in query  # encoded
    title, body = (unquote(part.split("=", 1)[1]) for part in query.split("&"))
    stage = next(s for s in northwind.playbook.process.model.stages if s.id == "discover")  # type: ignore[union-attr]
    owner = stage.owner or northwind.playbook.meta.model.owner
    assert title == stage.title
    assert body == f"stage:discover {owner} stages/discover/"


def test_no_edit_or_report_link_without_the_settings(northwind: CheckedPlaybook) -> None:
    pages = dict(render_site(northwind))
    assert not any("data-page-links" in text for text in pages.values())
    only_issues = dict(render_site(northwind, links=SourceLinks(issue_url=ISSUES)))
    assert "data-edit-link" not in only_issues["stages/discover.md"]
    assert "data-report-link" in only_issues["stages/discover.md"]


def test_materials_edit_button_never_leads_to_generated_markdown(
    northwind: CheckedPlaybook, tmp_path: Path
) -> None:
    (tmp_path / "site_config.yml").write_text(
        # On GitHub, MkDocs would default edit_uri to `edit/master/docs/`.
        f"content_dir: {NORTHWIND}\nrepo_url: https://github.com/sales/playbook\n"
        f"edit_uri: {EDIT}\n",
        encoding="utf-8",
    )
    config = load_site_config(tmp_path, DiagnosticLog())
    assert config is not None
    project = write_project(northwind, config, tmp_path / "build")
    mkdocs = load_config(config_file=str(project.config_file))
    assert mkdocs.repo_url == "https://github.com/sales/playbook"
    assert not mkdocs.edit_uri  # Material shows no edit button (it would open docs/*.md)


def test_link_settings_are_checked_at_their_lines(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(NORTHWIND, root / "content")
    (root / "site_config.yml").write_text(
        "repo_url: git@example.com:sales/playbook.git\n"
        "edit_uri: -/edit/main/content/\n"
        "issue_url: https://git.example.com/issues/new?title={titel}&x={page}\n",
        encoding="utf-8",
    )
    assert main(["validate"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert sorted(lines[:-1]) == [
        "site_config.yml:1:11: error[config.url]: repo_url: "
        "'git@example.com:sales/playbook.git' is not an http(s) address",
        "site_config.yml:3:12: error[config.placeholder]: issue_url: unknown placeholder "
        "'{titel}'; did you mean '{title}'? (known: {title}, {kind}, {id}, {owner}, "
        "{page}, {url}, {source})",
    ]


def test_a_relative_edit_uri_needs_a_repo_url(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(NORTHWIND, root / "content")
    (root / "site_config.yml").write_text("edit_uri: edit/main/content/\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "site_config.yml:1:11: error[config.url]: edit_uri: 'edit/main/content/' is not "
        "an http(s) address (nor relative to a repo_url)"
    )


def test_a_relative_edit_uri_is_joined_to_repo_url(root: Path) -> None:
    (root / "site_config.yml").write_text(
        "repo_url: https://git.example.com/sales/playbook\nedit_uri: -/edit/main/content\n",
        encoding="utf-8",
    )
    config = load_site_config(root, DiagnosticLog())
    assert config is not None
    assert config.links.edit_prefix == "https://git.example.com/sales/playbook/-/edit/main/content/"


def test_a_site_without_a_previous_build_says_first_build(northwind: CheckedPlaybook) -> None:
    page = dict(render_site(northwind))["changes.md"]
    assert "data-changes-first" in page and "first build" in page
    assert "data-changes=" not in page


def _changed(page: str, kind: str) -> str:
    match = re.search(rf'<ul class="pb-changes__list" data-changes="{kind}">(.*?)</ul>', page, re.S)
    return match.group(1) if match else ""


@pytest.mark.slow
def test_the_changes_page_lists_what_changed_since_the_previous_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(NORTHWIND, content)
    doomed = content / "skills" / "doomed.yml"
    doomed.write_text("id: doomed\ntitle: Doomed skill\n", encoding="utf-8")
    site = tmp_path / "site"
    config = SiteConfig.default(tmp_path).with_content(str(content))
    assert build_site(content, site, config) == 0
    manifest = json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))
    built = manifest["built"]
    assert any(e["kind"] == "skill" and e["id"] == "negotiation" for e in manifest["entities"])
    first = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "data-changes-first" in first
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"changes/' not in search.replace(" ", "")  # differs every build

    negotiation = content / "skills" / "negotiation.yml"
    negotiation.write_text(
        negotiation.read_text(encoding="utf-8").replace("Trade concessions", "Trade"),
        encoding="utf-8",
    )
    (content / "skills" / "cold-calling.yml").write_text(
        "id: cold-calling\ntitle: Cold calling\n", encoding="utf-8"
    )
    doomed.unlink()
    assert build_site(content, site, config) == 0

    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert built[:10] in page and "data-changes-since" in page
    added, edited, removed = (_changed(page, kind) for kind in ("added", "edited", "removed"))
    assert 'href="../skills/cold-calling/"' in added and "Cold calling" in added
    assert 'href="../skills/negotiation/"' in edited
    assert "Doomed skill" in removed and "<a" not in removed
    assert "doomed" not in added + edited and "active-listening" not in added + edited
    # The next build compares with this one, not with the first.
    assert json.loads((site / MANIFEST_NAME).read_text(encoding="utf-8"))["built"] >= built

"""What a rebuild costs: Material's search indexes no generated page (the site searches its
own index), and editing one skill rewrites only the pages that show it, so the rest keep
their modification times and `serve`'s dirty rebuild renders only those."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from servers import free_port, until, wait_for_url

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish import search_index
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.project import OUT_OF_MATERIAL_INDEX, out_of_material_index, write_project

NORTHWIND = Path(__file__).parent / "fixtures" / "playbooks" / "northwind"


def _write(content: Path, build: Path) -> None:
    config = SiteConfig.default(content.parent).with_content(str(content))
    log = DiagnosticLog()
    checked = load_playbook(content, log, config)
    assert checked is not None, log.lines()
    write_project(checked, config, build)


def _stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file()}


def test_every_generated_page_is_kept_out_of_materials_index(tmp_path: Path) -> None:
    _write(shutil.copytree(NORTHWIND, tmp_path / "content"), tmp_path / "build")
    pages = sorted((tmp_path / "build" / "docs").rglob("*.md"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n"), page
        front = text.split("---\n", 2)[1]
        assert front.count("search:") == 1, page
        assert "exclude: true" in front, page


def test_front_matter_gets_the_exclusion_once_and_keeps_its_own() -> None:
    assert out_of_material_index("# Hi\n") == f"---\n{OUT_OF_MATERIAL_INDEX}---\n\n# Hi\n"
    titled = '---\ntitle: "A"\n---\n\n# A\n'
    assert out_of_material_index(titled) == (
        f'---\ntitle: "A"\n{OUT_OF_MATERIAL_INDEX}---\n\n# A\n'
    )
    own = "---\nsearch:\n  boost: 2\n---\n# B\n"
    assert out_of_material_index(own) == own


def test_one_edited_skill_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    content = shutil.copytree(NORTHWIND, tmp_path / "content")
    build = tmp_path / "build"
    _write(content, build)
    before = _stamps(build)

    skill = content / "skills" / "negotiation.yml"
    text = skill.read_text(encoding="utf-8")
    skill.write_text(text + "  - Rehearse the walk-away point.\n", encoding="utf-8")
    _write(content, build)
    after = _stamps(build)

    changed = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    assert "docs/skills/negotiation/index.md" in changed
    assert "Rehearse the walk-away point." in (
        build / "docs/skills/negotiation/index.md"
    ).read_text(encoding="utf-8")
    # Everything else — other skills, areas, assets, mkdocs.yml — keeps its timestamp.
    assert set(changed) <= {"docs/skills/negotiation/index.md", "docs/changes/index.md"}
    assert len(after) == len(before) > 30


NAV_LINK = re.compile(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>\s*)?([^<\s][^<]*)')


@pytest.mark.slow
def test_serve_renders_only_the_edited_page_again_with_the_whole_nav(tmp_path: Path) -> None:
    project = tmp_path / "pb"
    assert main(["init", str(project), "--language", "en"]) == 0
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for_url(f"http://127.0.0.1:{port}/", server), "the server did not come up"
        (site,) = temp.glob("playbook-serve-*/mkdocs_*")
        edited = site / "skills/discovery-questions/index.html"
        other = site / "skills/handling-objections/index.html"
        stamp, other_stamp = edited.stat().st_mtime_ns, other.stat().st_mtime_ns
        nav = NAV_LINK.findall(edited.read_text(encoding="utf-8"))
        assert len(nav) > 10

        skill = project / "content/skills/discovery-questions.yml"
        skill.write_text(
            skill.read_text(encoding="utf-8") + "  - Ask one more question.\n", encoding="utf-8"
        )
        assert until(lambda: edited.stat().st_mtime_ns != stamp), "the page was not rebuilt"
        assert until(lambda: "Ask one more question." in edited.read_text(encoding="utf-8"))
        assert other.stat().st_mtime_ns == other_stamp  # not rendered again
        assert NAV_LINK.findall(edited.read_text(encoding="utf-8")) == nav
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)





def test_reindexing_parses_only_the_pages_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = '<html lang="en"><body><article class="md-content__inner"><h1>{}</h1><p>{}</p></article>'
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(page.format(name, "text"), encoding="utf-8")
    parsed: list[str] = []
    real = search_index.page_sections
    monkeypatch.setattr(
        search_index, "page_sections", lambda article: parsed.append(article) or real(article)
    )
    first = search_index.read_site(tmp_path)
    assert len(parsed) == 3
    (tmp_path / "b" / "index.html").write_text(page.format("b", "edited"), encoding="utf-8")
    second = search_index.read_site(tmp_path)
    assert len(parsed) == 4 and "edited" in parsed[-1]  # only b's article again
    assert [p.url for p in second[1]] == [p.url for p in first[1]]
    assert "edited" in " ".join(s.body for s in second[1][1].sections)

"""What a rebuild costs: Material's search indexes no generated page (the site searches its
own index), and editing one skill rewrites only the pages that show it, so the rest keep
their modification times and `serve`'s dirty rebuild renders only those."""

from __future__ import annotations

import shutil
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
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

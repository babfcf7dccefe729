"""A stage's checklist page carries what its stage page and the booklet carry: the goal
(printed under the sheet's head, as on each booklet sheet) and the forms a task fills in
(linked, like its skills and tools). Rendered without MkDocs."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.models import Stage
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.site.pages import plan_pages
from playbook_gen.site.render import SiteRenderer

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content"


@cache
def _checked() -> CheckedPlaybook:
    checked = load_playbook(BUNDLED, DiagnosticLog())
    assert checked is not None
    return checked


@cache
def _pages() -> dict[str, str]:
    """The rendered checklist pages and booklet of the bundled playbook, by path."""
    renderer = SiteRenderer(_checked())
    return {
        plan.path: renderer.render_page(plan)
        for plan in plan_pages(_checked())
        if plan.path.startswith("checklists/")
    }


def _stages() -> list[Stage]:
    process = _checked().playbook.process
    assert process is not None
    return list(process.model.stages)


def _goal_lines(page: str) -> list[str]:
    """The goal lines of a page, their links' `../` left out (a single checklist is a
    folder deeper than the booklet)."""
    lines = re.findall(r'<p class="pb-tool__goal[^"]*">.*?</p>', page)
    return [re.sub(r'href="(?:\.\./)+', 'href="', line) for line in lines]


def test_a_single_checklist_prints_its_goal_line_as_the_booklet_does() -> None:
    booklet = _pages()["checklists/index.md"]
    stages = [stage for stage in _stages() if stage.goal]
    assert stages, "the bundled playbook's stages have goals"
    booklet_lines = _goal_lines(booklet)
    assert len(booklet_lines) == len(stages)
    for stage, booklet_line in zip(stages, booklet_lines, strict=True):
        page = _pages()[f"checklists/{stage.id}.md"]
        tool = page[page.index('<div class="pb-tool pb-checklist') :]
        (line,) = _goal_lines(tool)
        # printed only: on screen the summary under the page's title shows the goal
        assert 'class="pb-tool__goal pb-print-only"' in line
        assert line.replace(" pb-print-only", "") == booklet_line


def test_a_checklist_task_links_the_forms_it_fills_in() -> None:
    forms = {loaded.model.id: loaded.model for loaded in _checked().playbook.forms}
    tasks = [(stage, task) for stage in _stages() for task in stage.tasks if task.forms]
    assert tasks, "the bundled playbook's tasks name forms"
    for stage, task in tasks:
        for page in (_pages()[f"checklists/{stage.id}.md"], _pages()["checklists/index.md"]):
            start = page.index(f">{task.title}</span>")
            item = page[start : page.index("</li>", start)]
            assert '<span class="pb-labelled__label">填写</span>' in item, task.title
            for form_id in task.forms:
                link = f'<a href="../../forms/{form_id}/">{forms[form_id].title}</a>'
                if page is _pages()["checklists/index.md"]:
                    link = link.replace("../../", "../")
                assert link in item, (task.title, form_id)

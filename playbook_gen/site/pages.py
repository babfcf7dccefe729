"""Which pages a playbook has: one registry entry per kind of page.

Each `PageSpec` names its template and yields the pages it makes (path inside `docs/`
plus the template context). Adding a kind of page is one entry in `PAGE_SPECS`; the
renderer (`render.py`) and the project writer (`project.py`) never switch on kinds.
Paths are docs-relative Markdown paths (`stages/discover.md`); with MkDocs' directory URLs
they become `stages/discover/`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from playbook_gen.read.models import Skill
from playbook_gen.resolve.playbook import Playbook


@dataclass(frozen=True)
class PagePlan:
    """One page to render: where it goes, with which template and what context."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageSpec:
    """A kind of page: its template and the function that lists its pages."""

    name: str
    template: str
    plan: Callable[[Playbook], Iterator[PagePlan]]


def _single(
    path: str, template: str, present: Callable[[Playbook], bool]
) -> Callable[[Playbook], Iterator[PagePlan]]:
    def plan(playbook: Playbook) -> Iterator[PagePlan]:
        if present(playbook):
            yield PagePlan(path, template)

    return plan


def _stages(playbook: Playbook) -> Iterator[PagePlan]:
    if playbook.process:
        stages = playbook.process.model.stages
        for i, stage in enumerate(stages):
            neighbours = {
                "previous": stages[i - 1] if i > 0 else None,
                "next": stages[i + 1] if i + 1 < len(stages) else None,
            }
            yield PagePlan(f"stages/{stage.id}.md", "stage.md.j2", {"stage": stage, **neighbours})


def _checklists(playbook: Playbook) -> Iterator[PagePlan]:
    if playbook.process:
        for stage in playbook.process.model.stages:
            yield PagePlan(f"checklists/{stage.id}.md", "checklist.md.j2", {"stage": stage})


def skill_groups(playbook: Playbook) -> list[tuple[str | None, list[Skill]]]:
    """Skills by category, categories in order of first appearance, uncategorised last."""
    groups: dict[str | None, list[Skill]] = {}
    for loaded in playbook.skills:
        groups.setdefault(loaded.model.category, []).append(loaded.model)
    return sorted(groups.items(), key=lambda group: group[0] is None)


def _skills_index(playbook: Playbook) -> Iterator[PagePlan]:
    if playbook.skills:
        yield PagePlan("skills/index.md", "skills_index.md.j2", {"groups": skill_groups(playbook)})


def _skills(playbook: Playbook) -> Iterator[PagePlan]:
    for skill in playbook.skills:
        yield PagePlan(f"skills/{skill.model.id}.md", "skill.md.j2", {"skill": skill.model})


def _plays(playbook: Playbook) -> Iterator[PagePlan]:
    if playbook.strategy:
        for play in playbook.strategy.model.plays:
            yield PagePlan(f"plays/{play.id}.md", "play.md.j2", {"play": play})


def _worksheets(playbook: Playbook) -> Iterator[PagePlan]:
    for sheet in playbook.worksheets:
        yield PagePlan(
            f"diagnostics/{sheet.model.id}.md", "worksheet.md.j2", {"worksheet": sheet.model}
        )


def _paths(playbook: Playbook) -> Iterator[PagePlan]:
    if playbook.onboarding:
        for path in playbook.onboarding.model.paths:
            yield PagePlan(f"onboarding/{path.id}.md", "onboarding_path.md.j2", {"path": path})


def _has_stages(playbook: Playbook) -> bool:
    return bool(playbook.process and playbook.process.model.stages)


PAGE_SPECS: tuple[PageSpec, ...] = (
    PageSpec("home", "home.md.j2", _single("index.md", "home.md.j2", lambda p: True)),
    PageSpec(
        "values", "values.md.j2", _single("values.md", "values.md.j2", lambda p: bool(p.values))
    ),
    PageSpec(
        "process",
        "process.md.j2",
        _single("process.md", "process.md.j2", lambda p: bool(p.process)),
    ),
    PageSpec("stage", "stage.md.j2", _stages),
    PageSpec("skills", "skills_index.md.j2", _skills_index),
    PageSpec("skill", "skill.md.j2", _skills),
    PageSpec("tools", "tools.md.j2", _single("tools.md", "tools.md.j2", lambda p: bool(p.tools))),
    PageSpec(
        "strategy",
        "strategy.md.j2",
        _single("strategy.md", "strategy.md.j2", lambda p: bool(p.strategy)),
    ),
    PageSpec("play", "play.md.j2", _plays),
    PageSpec(
        "management",
        "management.md.j2",
        _single("management.md", "management.md.j2", lambda p: bool(p.management)),
    ),
    PageSpec(
        "relationships",
        "relationships.md.j2",
        _single("relationships.md", "relationships.md.j2", lambda p: bool(p.relationships)),
    ),
    PageSpec(
        "checklists",
        "checklists_booklet.md.j2",
        _single("checklists/index.md", "checklists_booklet.md.j2", _has_stages),
    ),
    PageSpec("checklist", "checklist.md.j2", _checklists),
    PageSpec(
        "diagnostics",
        "diagnostics_index.md.j2",
        _single("diagnostics/index.md", "diagnostics_index.md.j2", lambda p: bool(p.worksheets)),
    ),
    PageSpec("worksheet", "worksheet.md.j2", _worksheets),
    PageSpec(
        "onboarding",
        "onboarding_index.md.j2",
        _single(
            "onboarding/index.md",
            "onboarding_index.md.j2",
            lambda p: bool(p.onboarding and p.onboarding.model.paths),
        ),
    ),
    PageSpec("path", "onboarding_path.md.j2", _paths),
    PageSpec(
        "glossary",
        "glossary.md.j2",
        _single("glossary.md", "glossary.md.j2", lambda p: bool(p.glossary)),
    ),
)


def plan_pages(playbook: Playbook) -> list[PagePlan]:
    """Every page of the site, in registry order. A path planned twice is a bug."""
    plans = [plan for spec in PAGE_SPECS for plan in spec.plan(playbook)]
    seen: set[str] = set()
    for plan in plans:
        if plan.path in seen:
            raise RuntimeError(f"page {plan.path} planned twice")
        seen.add(plan.path)
    return plans

"""Which pages to render: the existing pages of the site map, each with its context.

Paths, templates and whether a page exists are declared once, in `resolve/references.py`,
and listed by the site map; this module only adds what a template needs beyond the
entity it shows (a stage's neighbours, the skills by category). The renderer
(`render.py`) and the project writer (`project.py`) never switch on kinds.
Paths are docs-relative Markdown paths (`stages/discover.md`); with MkDocs' directory URLs
they become `stages/discover/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playbook_gen.read.models import OnboardingPath, OnboardingStep, Skill
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.playbook import Playbook
from playbook_gen.resolve.sitemap import SitePage


@dataclass(frozen=True)
class PagePlan:
    """One page to render: where it goes, with which template and what context."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def skill_groups(playbook: Playbook) -> list[tuple[str | None, list[Skill]]]:
    """Skills by category, categories in order of first appearance, uncategorised last."""
    groups: dict[str | None, list[Skill]] = {}
    for loaded in playbook.skills:
        groups.setdefault(loaded.model.category, []).append(loaded.model)
    return sorted(groups.items(), key=lambda group: group[0] is None)


@dataclass(frozen=True)
class Week:
    """A week of an onboarding path. Each step comes with its place in the whole path,
    which names its ticks (`s<place>-read-0`), so they stay put when steps are grouped."""

    number: int
    steps: list[tuple[int, OnboardingStep]]


def onboarding_weeks(path: OnboardingPath) -> list[Week]:
    """The steps of a path by week: weeks ascending, steps in path order within a week."""
    weeks: dict[int, list[tuple[int, OnboardingStep]]] = {}
    for place, step in enumerate(path.steps):
        weeks.setdefault(step.week, []).append((place, step))
    return [Week(number, steps) for number, steps in sorted(weeks.items())]


def _neighbours(page: SitePage, playbook: Playbook) -> dict[str, Any]:
    stages = playbook.process.model.stages if playbook.process else []
    i = next(i for i, stage in enumerate(stages) if stage is page.entity)
    return {
        "previous": stages[i - 1] if i > 0 else None,
        "next": stages[i + 1] if i + 1 < len(stages) else None,
    }


EXTRA_CONTEXT: dict[str, Callable[[SitePage, Playbook], dict[str, Any]]] = {
    "stage": _neighbours,
    "skills": lambda page, playbook: {"groups": skill_groups(playbook)},
    "path": lambda page, playbook: {"weeks": onboarding_weeks(page.entity)},
}
"""Context beyond the page's entity, by page name (see `docs/templates.md`)."""


def plan_pages(checked: CheckedPlaybook) -> list[PagePlan]:
    """Every existing page of the site map, in its order, with its template context."""
    plans = []
    for page in checked.site.existing():
        context: dict[str, Any] = {page.variable: page.entity} if page.variable else {}
        extra = EXTRA_CONTEXT.get(page.name)
        if extra is not None:
            context.update(extra(page, checked.playbook))
        plans.append(PagePlan(page.path, page.template, context))
    return plans

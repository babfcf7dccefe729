"""Reverse references: which stages use a skill or tool, which plays fit a stage, ….

References point one way in the YAML (a stage task names its skills); pages show them
both ways (a skill page lists its stages). Computed once per playbook here, so templates
only look them up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from playbook_gen.read.models import Cadence, Lever, Play, Stage
from playbook_gen.resolve.playbook import Playbook

T = TypeVar("T")


def _group(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    """Group values by key, keeping first-seen order and dropping repeats."""
    grouped: dict[str, list[T]] = defaultdict(list)
    for key, value in pairs:
        if not any(value is seen for seen in grouped[key]):
            grouped[key].append(value)
    return dict(grouped)


@dataclass(frozen=True)
class Backlinks:
    """Every reverse reference of a playbook, each list in the order of the YAML."""

    stages_by_skill: dict[str, list[Stage]] = field(default_factory=dict)
    stages_by_tool: dict[str, list[Stage]] = field(default_factory=dict)
    stages_by_step: dict[str, list[Stage]] = field(default_factory=dict)
    plays_by_stage: dict[str, list[Play]] = field(default_factory=dict)
    levers_by_metric: dict[str, list[Lever]] = field(default_factory=dict)
    cadences_by_metric: dict[str, list[Cadence]] = field(default_factory=dict)

    def stages_using_skill(self, skill_id: str) -> list[Stage]:
        return self.stages_by_skill.get(skill_id, [])

    def stages_using_tool(self, tool_id: str) -> list[Stage]:
        return self.stages_by_tool.get(tool_id, [])

    def stages_serving_step(self, step_id: str) -> list[Stage]:
        return self.stages_by_step.get(step_id, [])

    def plays_for_stage(self, stage_id: str) -> list[Play]:
        return self.plays_by_stage.get(stage_id, [])

    def levers_using_metric(self, metric_id: str) -> list[Lever]:
        return self.levers_by_metric.get(metric_id, [])

    def cadences_using_metric(self, metric_id: str) -> list[Cadence]:
        return self.cadences_by_metric.get(metric_id, [])


def build_backlinks(playbook: Playbook) -> Backlinks:
    """Collect the reverse of every typed reference in the playbook."""
    stages = playbook.process.model.stages if playbook.process else []
    plays = playbook.strategy.model.plays if playbook.strategy else []
    levers = playbook.strategy.model.levers if playbook.strategy else []
    cadences = playbook.management.model.cadences if playbook.management else []
    return Backlinks(
        stages_by_skill=_group(
            (skill, stage) for stage in stages for task in stage.tasks for skill in task.skills
        ),
        stages_by_tool=_group(
            (tool, stage) for stage in stages for task in stage.tasks for tool in task.tools
        ),
        stages_by_step=_group((stage.buyer_step, stage) for stage in stages if stage.buyer_step),
        plays_by_stage=_group((stage, play) for play in plays for stage in play.stages),
        levers_by_metric=_group((metric, lever) for lever in levers for metric in lever.metrics),
        cadences_by_metric=_group(
            (metric, cadence) for cadence in cadences for metric in cadence.metrics
        ),
    )

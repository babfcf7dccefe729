"""The resolved playbook: every area's model, with the source each came from.

Renderers, checks and the CLI all work from one `Playbook`; areas whose file is absent
are `None` (or an empty list) and simply get no pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from playbook_gen.models import (
    GlossaryFile,
    ManagementFile,
    Model,
    OnboardingFile,
    PlaybookMeta,
    ProcessFile,
    RelationshipsFile,
    Skill,
    StrategyFile,
    ToolsFile,
    ValuesFile,
    Worksheet,
)
from playbook_gen.sources import SourceFile

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model together with the file it was read from (for positions)."""

    model: M
    source: SourceFile


@dataclass
class Playbook:
    """Everything read from one content folder, after schema validation."""

    meta: Loaded[PlaybookMeta]
    values: Loaded[ValuesFile] | None = None
    process: Loaded[ProcessFile] | None = None
    skills: list[Loaded[Skill]] = field(default_factory=list)
    tools: Loaded[ToolsFile] | None = None
    strategy: Loaded[StrategyFile] | None = None
    management: Loaded[ManagementFile] | None = None
    relationships: Loaded[RelationshipsFile] | None = None
    worksheets: list[Loaded[Worksheet]] = field(default_factory=list)
    onboarding: Loaded[OnboardingFile] | None = None
    glossary: Loaded[GlossaryFile] | None = None

    @property
    def language(self) -> str:
        return self.meta.model.language

    @property
    def name(self) -> str:
        return self.meta.model.name

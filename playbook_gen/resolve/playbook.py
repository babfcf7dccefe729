"""The resolved playbook: every area's model, with the source each came from.

Renderers, checks and the CLI all work from one `Playbook`; areas whose file is absent
are `None` (or an empty list) and simply get no pages. Only data lives here, so that the
checks and the kind registry can import it; `load.load_playbook` reads and checks it.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from playbook_gen.read.deal_models import (
    BuyersFile,
    CompetitionFile,
    FactsFile,
    Form,
    ObjectionsFile,
    ProofFile,
)
from playbook_gen.read.introspect import unwrap
from playbook_gen.read.models import (
    FILE_MODELS,
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
from playbook_gen.read.source_file import SourceFile

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
    buyers: Loaded[BuyersFile] | None = None
    objections: Loaded[ObjectionsFile] | None = None
    proof: Loaded[ProofFile] | None = None
    competition: Loaded[CompetitionFile] | None = None
    forms: list[Loaded[Form]] = field(default_factory=list)
    facts: Loaded[FactsFile] | None = None
    incomplete: frozenset[str] = frozenset()
    """File patterns (`skills/*.yml`) with a file that could not be read or validated:
    checks do not report references into them as unknown, since the target may be there."""

    @property
    def language(self) -> str:
        return self.meta.model.language

    @property
    def name(self) -> str:
        return self.meta.model.name

    def loaded_files(self) -> Iterator[Loaded[Any]]:
        """Every loaded file, in the order of the areas."""
        for area in AREAS:
            value = getattr(self, area.attribute)
            if isinstance(value, list):
                yield from value
            elif value is not None:
                yield value


@dataclass(frozen=True)
class Area:
    """A `Playbook` attribute, the file pattern it is read from, and its model."""

    attribute: str
    pattern: str
    model: type[Model]
    many: bool


def _areas() -> tuple[Area, ...]:
    """The areas of a `Playbook`, each matched to its pattern in `models.FILE_MODELS`.

    A new area is a model in `FILE_MODELS` plus a `Loaded[...]` field of `Playbook`.
    """
    patterns = {model: pattern for pattern, model in FILE_MODELS.items()}
    hints = typing.get_type_hints(Playbook)
    areas = []
    for item in dataclasses.fields(Playbook):
        hint = unwrap(hints[item.name])
        many = typing.get_origin(hint) is list
        inner = typing.get_args(hint)[0] if many else hint
        if typing.get_origin(inner) is not Loaded:
            continue
        model = typing.get_args(inner)[0]
        areas.append(Area(item.name, patterns[model], model, many))
    return tuple(areas)


AREAS = _areas()

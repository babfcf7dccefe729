"""References between entities: the kind registry, the entity index and `[[ref]]` links.

One registry says where each kind of entity lives (its page and anchor), so that checks,
links and pages agree on it; a new kind is one entry in `_entities_of`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from playbook_gen.playbook import Loaded, Playbook
from playbook_gen.sources import SourceFile

Loc = tuple[str | int, ...]

REF_KINDS: tuple[str, ...] = (
    "question",
    "principle",
    "step",
    "stage",
    "skill",
    "tool",
    "lever",
    "play",
    "metric",
    "cadence",
    "tier",
    "diagnostic",
    "path",
)
"""Kinds a generic reference (`kind:id`) may name."""

AREA_PAGES: dict[str, str] = {
    "values": "values.md",
    "process": "process.md",
    "strategy": "strategy.md",
    "management": "management.md",
    "relationships": "relationships.md",
    "glossary": "glossary.md",
}
"""Bare area names a reference may name, and the page of each."""

WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]*))?\]\]")
"""`[[ref]]` or `[[ref|label]]` inside a Markdown field."""


@dataclass(frozen=True)
class Target:
    """Where a reference leads: a page of the built site and an anchor on it."""

    kind: str
    id: str
    title: str
    page: str
    anchor: str = ""

    @property
    def href(self) -> str:
        """The docs-relative link (`skills/negotiation.md#x`), before making it relative."""
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


@dataclass(frozen=True)
class Entry:
    """An entity in the index, with where it was declared (for diagnostics)."""

    target: Target
    source: SourceFile
    loc: Loc


@dataclass(frozen=True)
class Ref:
    """A parsed reference: `kind` is an entity kind or `area`."""

    kind: str
    id: str


class RefSyntaxError(ValueError):
    """A reference that is not `kind:id` with a known kind, nor an area name."""


def parse_ref(text: str) -> Ref:
    """Parse `kind:id` or a bare area name; raise `RefSyntaxError` with a readable reason."""
    text = text.strip()
    if ":" not in text:
        if text in AREA_PAGES:
            return Ref("area", text)
        close = difflib.get_close_matches(text, list(AREA_PAGES), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise RefSyntaxError(f"'{text}' is not kind:id nor an area name{hint}")
    kind, _, ident = text.partition(":")
    if kind not in REF_KINDS:
        close = difflib.get_close_matches(kind, list(REF_KINDS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise RefSyntaxError(f"unknown kind '{kind}' in reference '{text}'{hint}")
    return Ref(kind, ident)


def anchor_for(kind: str, ident: str) -> str:
    """The HTML id of an entity shown on an area page (stable, ASCII, unique per page)."""
    return f"{kind}-{ident}"


@dataclass
class EntityIndex:
    """Every entity of a playbook by kind and id. Duplicates are kept aside for checks."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    duplicates: list[tuple[Entry, Entry]] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        key = (entry.target.kind, entry.target.id)
        if key in self.entries:
            self.duplicates.append((self.entries[key], entry))
        else:
            self.entries[key] = entry

    def get(self, kind: str, ident: str) -> Target | None:
        entry = self.entries.get((kind, ident))
        return entry.target if entry else None

    def ids(self, kind: str) -> list[str]:
        return [ident for (k, ident) in self.entries if k == kind]

    def resolve(self, ref: Ref) -> Target | None:
        if ref.kind == "area":
            page = AREA_PAGES[ref.id]
            return Target("area", ref.id, ref.id, page)
        return self.get(ref.kind, ref.id)

    def suggest(self, kind: str, ident: str) -> str | None:
        """The closest existing id of that kind, for `did you mean …?`."""
        close = difflib.get_close_matches(ident, self.ids(kind), n=1, cutoff=0.6)
        return close[0] if close else None


def _entities_of(playbook: Playbook) -> Iterator[tuple[str, str, str, str, Loaded, Loc]]:
    """Yield (kind, id, title, page, loaded-file, loc) for every entity: the kind registry."""
    if playbook.values:
        for i, question in enumerate(playbook.values.model.questions):
            yield (
                "question",
                question.id,
                question.question,
                "values.md",
                playbook.values,
                (
                    "questions",
                    i,
                ),
            )
    for area, page in (
        (playbook.values, "values.md"),
        (playbook.management, "management.md"),
        (playbook.relationships, "relationships.md"),
    ):
        if area:
            for i, principle in enumerate(area.model.principles):
                yield "principle", principle.id, principle.title, page, area, ("principles", i)
    if playbook.process:
        for i, step in enumerate(playbook.process.model.buying_process):
            yield (
                "step",
                step.id,
                step.title,
                "process.md",
                playbook.process,
                (
                    "buying_process",
                    i,
                ),
            )
        for i, stage in enumerate(playbook.process.model.stages):
            yield (
                "stage",
                stage.id,
                stage.title,
                f"stages/{stage.id}.md",
                playbook.process,
                (
                    "stages",
                    i,
                ),
            )
    for skill in playbook.skills:
        yield "skill", skill.model.id, skill.model.title, f"skills/{skill.model.id}.md", skill, ()
    if playbook.tools:
        for i, tool in enumerate(playbook.tools.model.tools):
            yield "tool", tool.id, tool.title, "tools.md", playbook.tools, ("tools", i)
    if playbook.strategy:
        for i, lever in enumerate(playbook.strategy.model.levers):
            yield "lever", lever.id, lever.title, "strategy.md", playbook.strategy, ("levers", i)
        for i, play in enumerate(playbook.strategy.model.plays):
            yield (
                "play",
                play.id,
                play.title,
                f"plays/{play.id}.md",
                playbook.strategy,
                (
                    "plays",
                    i,
                ),
            )
    if playbook.management:
        for i, metric in enumerate(playbook.management.model.metrics):
            yield (
                "metric",
                metric.id,
                metric.title,
                "management.md",
                playbook.management,
                (
                    "metrics",
                    i,
                ),
            )
        for i, cadence in enumerate(playbook.management.model.cadences):
            yield (
                "cadence",
                cadence.id,
                cadence.title,
                "management.md",
                playbook.management,
                (
                    "cadences",
                    i,
                ),
            )
    if playbook.relationships:
        for i, tier in enumerate(playbook.relationships.model.tiers):
            yield (
                "tier",
                tier.id,
                tier.title,
                "relationships.md",
                playbook.relationships,
                (
                    "tiers",
                    i,
                ),
            )
    for sheet in playbook.worksheets:
        ident = sheet.model.id
        yield "diagnostic", ident, sheet.model.title, f"diagnostics/{ident}.md", sheet, ()
    if playbook.onboarding:
        for i, path in enumerate(playbook.onboarding.model.paths):
            yield (
                "path",
                path.id,
                path.title,
                f"onboarding/{path.id}.md",
                playbook.onboarding,
                (
                    "paths",
                    i,
                ),
            )


PAGE_KINDS = frozenset({"stage", "skill", "play", "diagnostic", "path"})
"""Kinds that get a page of their own; the others are anchors on their area's page."""


def build_index(playbook: Playbook) -> EntityIndex:
    """Index every entity of the playbook by (kind, id)."""
    index = EntityIndex()
    for kind, ident, title, page, loaded, loc in _entities_of(playbook):
        anchor = "" if kind in PAGE_KINDS else anchor_for(kind, ident)
        index.add(Entry(Target(kind, ident, title, page, anchor), loaded.source, loc))
    return index

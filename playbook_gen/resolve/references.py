"""References between entities: the kind registry, the entity index and `[[ref]]` links.

Two tables say where everything lives, once: `KINDS` (each kind of entity: its file, and
its own page and template or the area page it is an anchor on) and `AREA_PAGE_SPECS` (the
area and index pages). Checks, links, the site map and the page plans all read them; a
new kind with a page of its own is one `KindSpec` with `page` and `template`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from playbook_gen.read.source_file import SourceFile

if TYPE_CHECKING:
    from playbook_gen.resolve.playbook import Loaded, Playbook

Loc = tuple[str | int, ...]



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
    entity: Any = None
    """The model the entry was made from (what its page, if any, shows)."""


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


@dataclass(frozen=True)
class KindSpec:
    """Where one kind of entity is declared and where it is shown: the kind registry."""

    kind: str
    file: str
    """The content file (pattern) that declares it."""
    area: str
    """The `Playbook` attribute holding that file (a list for `skills/*.yml`, …)."""
    items: str | None
    """The list field inside the file; `None` when the file itself is the entity."""
    page: str
    """Its page; `{id}` in it means a page of its own, otherwise an anchor on that page."""
    template: str | None = None
    """The template of its own page (required when `page` has `{id}`)."""
    variable: str | None = None
    """The name its page's template sees the entity by; the kind's name if not given."""
    warn_unused: str = ""
    """The warning (code `unused.<kind>`) when nothing refers to an entity of this kind,
    `{id}` standing for its id; empty: an unreferenced entity is fine."""

    @property
    def has_page(self) -> bool:
        return "{id}" in self.page


KINDS: tuple[KindSpec, ...] = (
    KindSpec("question", "values.yml", "values", "questions", "values.md"),
    KindSpec("principle", "values.yml", "values", "principles", "values.md"),
    KindSpec("principle", "management.yml", "management", "principles", "management.md"),
    KindSpec("principle", "relationships.yml", "relationships", "principles", "relationships.md"),
    KindSpec("step", "process.yml", "process", "buying_process", "process.md"),
    KindSpec("stage", "process.yml", "process", "stages", "stages/{id}.md", "stage.md.j2"),
    KindSpec(
        "skill",
        "skills/*.yml",
        "skills",
        None,
        "skills/{id}.md",
        "skill.md.j2",
        warn_unused="skill '{id}' is needed by no task of any stage",
    ),
    KindSpec("tool", "tools.yml", "tools", "tools", "tools.md"),
    KindSpec("lever", "strategy.yml", "strategy", "levers", "strategy.md"),
    KindSpec("play", "strategy.yml", "strategy", "plays", "plays/{id}.md", "play.md.j2"),
    KindSpec("metric", "management.yml", "management", "metrics", "management.md"),
    KindSpec("cadence", "management.yml", "management", "cadences", "management.md"),
    KindSpec("tier", "relationships.yml", "relationships", "tiers", "relationships.md"),
    KindSpec(
        "diagnostic",
        "diagnostics/*.yml",
        "worksheets",
        None,
        "diagnostics/{id}.md",
        "worksheet.md.j2",
        variable="worksheet",
    ),
    KindSpec(
        "path",
        "onboarding.yml",
        "onboarding",
        "paths",
        "onboarding/{id}.md",
        "onboarding_path.md.j2",
    ),
    KindSpec("role", "buyers.yml", "buyers", "roles", "buyers.md"),
    KindSpec("objection", "objections.yml", "objections", "objections", "objections.md"),
    KindSpec("story", "proof.yml", "proof", "stories", "proof.md"),
    KindSpec(
        "competitor",
        "competition.yml",
        "competition",
        "competitors",
        "competitors/{id}.md",
        "battlecard.md.j2",
    ),
    KindSpec("form", "forms/*.yml", "forms", None, "forms/{id}.md", "form.md.j2"),
    KindSpec("forecast", "management.yml", "management", "forecast_categories", "management.md"),
    KindSpec("approval", "management.yml", "management", "approvals", "management.md"),
    KindSpec(
        "fact",
        "facts.yml",
        "facts",
        "facts",
        "facts.md",
        warn_unused="fact '{id}' is cited nowhere; cite it as [[fact:{id}]] or remove it",
    ),
    KindSpec("term", "glossary.yml", "glossary", "terms", "glossary.md"),
)
"""Every kind of entity, in the order the index lists them. A new kind is one entry."""


@dataclass(frozen=True)
class AreaPageSpec:
    """A page that is not one entity's own: an area page, an index, a page per entity of
    another kind (`checklists/{id}.md` per stage). The site map decides from these which
    exist."""

    name: str
    page: str
    """Its path inside `docs/`; `{id}` means one page per entity of `kind`."""
    template: str
    area: str | None = None
    """The `Playbook` attribute that must be present (non-empty) for the page to exist."""
    kind: str | None = None
    """A kind of entity that must have at least one entity (or: one page per entity)."""
    label: str | None = None
    """The label key of its title (`area_<name>` if not given); after the entity's title on
    a page per entity."""
    referable: bool = False
    """Whether a reference may name it by its bare name (`see: [values]`)."""


AREA_PAGE_SPECS: tuple[AreaPageSpec, ...] = (
    AreaPageSpec("home", "index.md", "home.md.j2"),
    AreaPageSpec("values", "values.md", "values.md.j2", area="values", referable=True),
    AreaPageSpec("process", "process.md", "process.md.j2", area="process", referable=True),
    AreaPageSpec("skills", "skills/index.md", "skills_index.md.j2", area="skills"),
    AreaPageSpec("tools", "tools.md", "tools.md.j2", area="tools"),
    AreaPageSpec("buyers", "buyers.md", "buyers.md.j2", area="buyers"),
    AreaPageSpec("objections", "objections.md", "objections.md.j2", area="objections"),
    AreaPageSpec("proof", "proof.md", "proof.md.j2", area="proof"),
    AreaPageSpec("strategy", "strategy.md", "strategy.md.j2", area="strategy", referable=True),
    AreaPageSpec(
        "competition", "competitors/index.md", "competition_index.md.j2", kind="competitor"
    ),
    AreaPageSpec(
        "management", "management.md", "management.md.j2", area="management", referable=True
    ),
    AreaPageSpec(
        "relationships",
        "relationships.md",
        "relationships.md.j2",
        area="relationships",
        referable=True,
    ),
    AreaPageSpec("checklists", "checklists/index.md", "checklists_booklet.md.j2", kind="stage"),
    AreaPageSpec(
        "checklist", "checklists/{id}.md", "checklist.md.j2", kind="stage", label="checklist"
    ),
    AreaPageSpec(
        "diagnostics", "diagnostics/index.md", "diagnostics_index.md.j2", kind="diagnostic"
    ),
    AreaPageSpec("forms", "forms/index.md", "forms_index.md.j2", kind="form"),
    AreaPageSpec("onboarding", "onboarding/index.md", "onboarding_index.md.j2", kind="path"),
    AreaPageSpec("glossary", "glossary.md", "glossary.md.j2", area="glossary", referable=True),
    AreaPageSpec("facts", "facts.md", "facts.md.j2", area="facts"),
    AreaPageSpec("changes", "changes.md", "changes.md.j2"),
    # For the enablement team: the audit's rows by owner, as of the build date.
    AreaPageSpec("review", "review.md", "review.md.j2"),
)
"""The area and index pages, in nav order (pages of single entities follow them)."""

AREA_PAGES: dict[str, str] = {spec.name: spec.page for spec in AREA_PAGE_SPECS if spec.referable}
"""Bare area names a reference may name, and the page of each."""

REF_KINDS: tuple[str, ...] = tuple(dict.fromkeys(spec.kind for spec in KINDS))
"""Kinds a generic reference (`kind:id`) may name: every kind of the registry."""

PAGE_KINDS = frozenset(spec.kind for spec in KINDS if spec.has_page)
"""Kinds that get a page of their own; the others are anchors on their area's page."""


def kinds_in_file(pattern: str) -> frozenset[str]:
    """The kinds of entity a content file (pattern) may declare."""
    return frozenset(spec.kind for spec in KINDS if spec.file == pattern)


def entities_of(playbook: Playbook) -> Iterator[tuple[KindSpec, Any, Loaded[Any], Loc]]:
    """Yield (spec, entity, loaded file, loc) for every entity of the playbook."""
    for spec in KINDS:
        area = getattr(playbook, spec.area)
        for loaded in area if isinstance(area, list) else [area] if area else []:
            if spec.items is None:
                yield spec, loaded.model, loaded, ()
            else:
                for i, entity in enumerate(getattr(loaded.model, spec.items)):
                    if entity.id is not None:  # a glossary term needs no id
                        yield spec, entity, loaded, (spec.items, i)


def build_index(playbook: Playbook) -> EntityIndex:
    """Index every entity of the playbook by (kind, id)."""
    index = EntityIndex()
    for spec, entity, loaded, loc in entities_of(playbook):
        page = spec.page.format(id=entity.id)
        anchor = "" if spec.has_page else anchor_for(spec.kind, entity.id)
        target = Target(spec.kind, entity.id, entity.title, page, anchor)
        index.add(Entry(target, loaded.source, loc, entity))
    return index

"""Reverse references: which stages use a skill or tool, which plays fit a stage, ….

References point one way in the YAML (a stage task names its skills); pages show them
both ways (a skill page lists its stages). One reverse index is built from every
reference field the models declare (`RefTo` and `kind:id` fields), so a new reference
field shows up here without an edit; templates only look it up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playbook_gen.read.fields import ANY_REF, AnyRef, RefTo
from playbook_gen.read.introspect import linked_texts, references, walk
from playbook_gen.resolve.playbook import Playbook
from playbook_gen.resolve.references import WIKI_LINK, RefSyntaxError, entities_of, parse_ref

Key = tuple[str, str]
"""(kind, id) of an entity."""


@dataclass(frozen=True)
class Referrer:
    """An entity that refers to another: its kind and its model."""

    kind: str
    entity: Any


@dataclass(frozen=True)
class Backlinks:
    """Every reverse reference of a playbook: for each (kind, id) referred to, the
    entities that refer to it, in the order of the YAML and without repeats."""

    by_target: dict[Key, list[Referrer]] = field(default_factory=dict)
    cited: frozenset[Key] = frozenset()
    """Everything a `[[kind:id]]` link in a text names: a citation, not a "used by"."""

    def referrers(self, target_kind: str, target_id: str, from_kind: str) -> list[Any]:
        """The entities of kind `from_kind` that refer to `target_kind:target_id`."""
        found = self.by_target.get((target_kind, target_id), [])
        return [referrer.entity for referrer in found if referrer.kind == from_kind]

    def is_referred(self, target_kind: str, target_id: str, *, cited: bool = False) -> bool:
        """Whether a reference field names `target_kind:target_id` (with `cited`, or a
        `[[link]]` in a text)."""
        key = (target_kind, target_id)
        return bool(self.by_target.get(key)) or (cited and key in self.cited)


def build_backlinks(playbook: Playbook) -> Backlinks:
    """Collect the reverse of every reference field in the playbook. A reference counts
    for the entity it is written in (a task's skills count for its stage); malformed ones
    (reported by the checks) do not count."""
    by_target: dict[Key, list[Referrer]] = {}
    for spec, entity, _, _ in entities_of(playbook):
        referrer = Referrer(spec.kind, entity)
        for instance, _ in walk(entity):
            for _, kind, text in references(instance):
                target = _target(kind, text)
                if target is None:
                    continue
                found = by_target.setdefault(target, [])
                if not any(seen.entity is entity for seen in found):
                    found.append(referrer)
    return Backlinks(by_target, _citations(playbook))


def _citations(playbook: Playbook) -> frozenset[Key]:
    """The targets of every `[[link]]` in every text of the playbook."""
    cited: set[Key] = set()
    for loaded in playbook.loaded_files():
        for instance, loc in walk(loaded.model):
            for _, text in linked_texts(instance, loc):
                for match in WIKI_LINK.finditer(text):
                    target = _target(ANY_REF, match.group(1).strip())
                    if target is not None:
                        cited.add(target)
    return frozenset(cited)


def _target(kind: RefTo | AnyRef, text: str) -> Key | None:
    if isinstance(kind, RefTo):
        return kind.kind, text
    try:
        ref = parse_ref(text)
    except RefSyntaxError:
        return None
    return ref.kind, ref.id

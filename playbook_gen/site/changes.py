"""What changed since the previous build of the same site: the manifest and the comparison.

Each build leaves a manifest in the site it publishes (`.playbook-manifest.json`): every
entity's kind, id, title, page and a fingerprint of its content. The next build reads it
before rendering (gather → check → write), compares it with the playbook it is building
and renders the `changes` page from the difference. The manifest is written into the
staged site, so it is swapped in with the site it describes; a failed build leaves both.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playbook_gen.resolve.references import EntityIndex
from playbook_gen.worksheets.tool_data import fingerprint

MANIFEST_NAME = ".playbook-manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class EntityRecord:
    """One entity as a build saw it."""

    kind: str
    id: str
    title: str
    page: str
    """Docs path and anchor (`values.md#principle-x`), as the index's target has it."""
    fingerprint: str


@dataclass(frozen=True)
class Manifest:
    """Every entity of one build, and when it was built (ISO 8601, UTC)."""

    built: str
    entities: tuple[EntityRecord, ...]

    def to_json(self) -> str:
        data = {
            "version": MANIFEST_VERSION,
            "built": self.built,
            "entities": [asdict(record) for record in self.entities],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def manifest_of(index: EntityIndex, built: datetime | None = None) -> Manifest:
    """The manifest of a checked playbook's entities, stamped with `built` (now if None)."""
    stamp = (built or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    records = tuple(
        EntityRecord(kind, ident, entry.target.title, entry.target.href, fingerprint(entry.entity))
        for (kind, ident), entry in index.entries.items()
    )
    return Manifest(stamp, records)


def read_manifest(site_dir: Path) -> Manifest | None:
    """The manifest of the site in `site_dir`; `None` if there is none or it is unreadable
    (a site built before manifests existed, a hand-edited file): the page then says this
    is the first build rather than failing the build."""
    try:
        data: Any = json.loads((site_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION:
            return None
        records = tuple(EntityRecord(**record) for record in data["entities"])
        return Manifest(str(data["built"]), records)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def write_manifest(site_dir: Path, manifest: Manifest) -> None:
    (site_dir / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")


@dataclass(frozen=True)
class Changes:
    """The difference between the previous build and this one, for the `changes` page."""

    previous_built: str | None
    """When the previous build was made (`YYYY-MM-DD HH:MM UTC`); `None`: first build."""
    added: list[EntityRecord] = field(default_factory=list)
    edited: list[EntityRecord] = field(default_factory=list)
    removed: list[EntityRecord] = field(default_factory=list)

    @property
    def first_build(self) -> bool:
        return self.previous_built is None

    @property
    def none(self) -> bool:
        return not (self.added or self.edited or self.removed)


def compare(previous: Manifest | None, current: Manifest) -> Changes:
    """Added, edited (content or title changed) and removed entities, in index order."""
    if previous is None:
        return Changes(None)
    before = {(r.kind, r.id): r for r in previous.entities}
    now = {(r.kind, r.id): r for r in current.entities}
    added = [r for key, r in now.items() if key not in before]
    edited = [
        r
        for key, r in now.items()
        if key in before and _differs(before[key], r)
    ]
    removed = [r for key, r in before.items() if key not in now]
    return Changes(_shown_time(previous.built), added, edited, removed)


def _differs(old: EntityRecord, new: EntityRecord) -> bool:
    return (old.fingerprint, old.title) != (new.fingerprint, new.title)


def _shown_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return stamp

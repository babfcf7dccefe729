"""The freshness audit: which entities need a review or an owner, as of one date.

A playbook dies when nobody owns a page and nobody notices it is stale. Every entity of
every kind (the registry's `entities_of`; a glossary term without an id is not an
entity) that can record a review is checked against the playbook's `review_every_days`:
a row per problem, status `overdue` (last_reviewed + review_every_days is before today),
`never` (no `last_reviewed`) or `ownerless` (no `owner`, nor the playbook's). An entity
both ownerless and never reviewed (or overdue) gets two rows, one per status.

A kind whose model has no `last_reviewed` field would be left out (a row its author could
not act on would bury the ones they can); every kind has it today, glossary terms with an
id included.

The rows are computed here once, from the checked bundle, for the `audit` command, the
site's review page and the notice on an overdue entity's page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from playbook_gen.diagnostics import Diagnostic, field_path
from playbook_gen.read.models import PlaybookMeta
from playbook_gen.read.source_file import SourceFile
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.playbook import Loaded
from playbook_gen.resolve.references import Loc, entities_of

Status = Literal["overdue", "never", "ownerless"]
STATUSES: tuple[Status, ...] = ("overdue", "never", "ownerless")
FAILING: frozenset[Status] = frozenset({"overdue", "ownerless"})
"""What `audit --strict` fails on; a review that never happened is reported, not failed."""


def owner_of(entity: Any, meta: PlaybookMeta) -> str | None:
    """The entity's owner, else the playbook's; `None` when neither is set. (The
    playbook's is `Text`, kept as such so a `[[ref]]` in it still prints as a link.)"""
    owner: str | None = getattr(entity, "owner", None) or meta.owner
    return owner or None


@dataclass(frozen=True)
class Review:
    """One entity's review state as of a date: what its page shows."""

    owner: str | None
    last_reviewed: datetime.date | None
    due: datetime.date | None
    """last_reviewed + review_every_days; `None` when it was never reviewed, or when
    that falls past the end of the calendar (a review interval of a million days)."""
    overdue: bool


def review_of(entity: Any, meta: PlaybookMeta, today: datetime.date) -> Review:
    """The review state of `entity` as of `today` (due before today is overdue)."""
    reviewed = getattr(entity, "last_reviewed", None)
    due = _due(reviewed, meta.review_every_days) if reviewed else None
    return Review(owner_of(entity, meta), reviewed, due, due is not None and due < today)


def _due(reviewed: datetime.date, every_days: int) -> datetime.date | None:
    try:
        return reviewed + datetime.timedelta(days=every_days)
    except OverflowError:
        return None


@dataclass(frozen=True)
class AuditRow:
    """One problem of one entity. `path` is the content file as the user named the
    folder (like a diagnostic's); `line` and `column` are the entity's."""

    kind: str
    id: str
    title: str
    owner: str | None
    last_reviewed: datetime.date | None
    due: datetime.date | None
    status: Status
    path: str
    line: int
    column: int = 1
    field: str = ""
    """The entity's dotted place in its file (`stages.2`), for CI reports."""

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.id}"

    def to_json(self) -> dict[str, Any]:
        """The `audit --format json` object."""
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "last_reviewed": _iso(self.last_reviewed),
            "due": _iso(self.due),
            "status": self.status,
            "path": self.path,
            "line": self.line,
        }

    def message(self) -> str:
        """What is wrong and what to do, in one line."""
        what = f'{self.ref} "{self.title}"'
        if self.status == "overdue":
            return (
                f"{what}: review overdue since {_iso(self.due)} "
                f"(last reviewed {_iso(self.last_reviewed)})"
            )
        if self.status == "never":
            return f"{what}: never reviewed; set last_reviewed when it is"
        return f"{what}: no owner; set owner on it or in playbook.yml"

    def diagnostic(self) -> Diagnostic:
        """The row as a warning at the entity, for the CI report formats."""
        code = f"review.{self.status}"
        return Diagnostic(
            self.path, self.line, self.column, "warning", code, self.field, self.message()
        )


def _iso(date: datetime.date | None) -> str | None:
    return date.isoformat() if date else None


def audit(checked: CheckedPlaybook) -> list[AuditRow]:
    """Every row of the audit as of `checked.today`, in registry (then file) order; an
    entity's rows in the order of `STATUSES`."""
    meta = checked.playbook.meta.model
    rows = []
    for spec, entity, loaded, loc in entities_of(checked.playbook):
        if not reviewable(entity):
            continue
        review = review_of(entity, meta, checked.today)
        statuses: list[Status] = []
        if review.overdue:
            statuses.append("overdue")
        if review.last_reviewed is None:
            statuses.append("never")
        if review.owner is None:
            statuses.append("ownerless")
        if not statuses:
            continue
        path, (line, column) = _place(loaded, loc)
        for status in statuses:
            rows.append(
                AuditRow(
                    spec.kind,
                    str(entity.id),
                    str(entity.title),
                    review.owner,
                    review.last_reviewed,
                    review.due,
                    status,
                    path,
                    line,
                    column,
                    field_path(loc),
                )
            )
    return rows


def _place(loaded: Loaded[Any], loc: Loc) -> tuple[str, tuple[int, int]]:
    """The file and position of an entity; a playbook put together in memory (a test, a
    tool) has no source file, and its rows have no place (`""`, line 1)."""
    source: SourceFile | None = loaded.source
    if source is None:
        return "", (1, 1)
    return source.path, source.position(loc)


def reviewable(entity: Any) -> bool:
    """Whether the entity's model can record a review (declares `last_reviewed`)."""
    fields = getattr(type(entity), "model_fields", {})
    return "last_reviewed" in fields


def by_owner(rows: Iterable[AuditRow]) -> list[tuple[str | None, list[AuditRow]]]:
    """Rows grouped by owner, owners in alphabetical order, the ownerless (`None`) last;
    rows keep their order within a group."""
    groups: dict[str | None, list[AuditRow]] = {}
    for row in rows:
        groups.setdefault(row.owner, []).append(row)
    return sorted(groups.items(), key=lambda group: (group[0] is None, (group[0] or "").casefold()))


def failing(rows: Iterable[AuditRow]) -> bool:
    """Whether `--strict` fails: anything overdue or ownerless."""
    return any(row.status in FAILING for row in rows)


NO_OWNER = "(no owner)"
_COUNTED = {"overdue": "overdue", "never": "never reviewed", "ownerless": "without an owner"}


def text_lines(rows: list[AuditRow], today: datetime.date) -> list[str]:
    """The text report: a heading per owner (the ownerless last), a line per row
    (`path:line: status: kind:id "title" …`, which editors open), then a summary."""
    lines = []
    for owner, group in by_owner(rows):
        lines.append(f"{owner or NO_OWNER}: {len(group)}")
        lines.extend(f"  {row.path}:{row.line}: {row.message()}" for row in group)
    lines.append(summary(rows, today))
    return lines


def summary(rows: list[AuditRow], today: datetime.date) -> str:
    """`2 overdue, 1 never reviewed, 0 without an owner as of 2026-06-01`."""
    counts = {status: sum(row.status == status for row in rows) for status in STATUSES}
    parts = ", ".join(f"{counts[status]} {_COUNTED[status]}" for status in STATUSES)
    return f"{parts} as of {today.isoformat()}"

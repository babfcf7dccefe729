"""The bundled playbook is the product's showcase: its freshness audit (the `review/` page,
`playbook-gen audit`) shows a kept playbook — every entity owned and reviewed within
`review_every_days`, and only the two glossary terms added in the last read-through
still waiting for their first review — not a hundred "never reviewed" rows."""

from __future__ import annotations

import datetime
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.resolve.audit import audit, reviewable
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.resolve.references import entities_of

BUNDLED = Path(__file__).resolve().parent.parent / "content"
AS_OF = datetime.date(2026, 11, 29)
"""The day the bundled playbook's reviews were last brought up to date."""
WAITING = {("term", "business-owner"), ("term", "project-lead")}


def _checked() -> CheckedPlaybook:
    log = DiagnosticLog()
    checked = load_playbook(BUNDLED, log, today=AS_OF)
    assert checked is not None, log
    assert not log.failed(strict=True), log  # no stale review among the warnings
    return checked


def test_the_bundled_audit_lists_only_the_terms_waiting_for_a_first_review() -> None:
    rows = audit(_checked())
    assert {(row.kind, row.id, row.status) for row in rows} == {
        (kind, ident, "never") for kind, ident in WAITING
    }


def test_bundled_reviews_are_dated_in_the_past_within_the_review_period() -> None:
    checked = _checked()
    every = datetime.timedelta(days=checked.playbook.meta.model.review_every_days)
    for _spec, entity, _loaded, _loc in entities_of(checked.playbook):
        if not reviewable(entity) or entity.last_reviewed is None:
            continue
        assert AS_OF - every <= entity.last_reviewed <= AS_OF, (entity.id, entity.last_reviewed)

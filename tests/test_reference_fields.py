"""A kind of entity is declared once: its model (with `RefTo` on its reference fields) and
its registry entry. The checks, backlinks, unused warnings, validation messages and the
schema find it from those declarations, with no table of fields to edit."""

from __future__ import annotations

import textwrap
from typing import Annotated

import pytest
from pydantic import Field

from playbook_gen import diagnostics
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read import models
from playbook_gen.read.config import Limits
from playbook_gen.read.fields import Entity, Id, RefTo
from playbook_gen.read.schema import describe
from playbook_gen.read.validation import validate
from playbook_gen.read.yaml_tree import parse_yaml
from playbook_gen.resolve import references
from playbook_gen.resolve.backlinks import build_backlinks
from playbook_gen.resolve.checks import run_checks
from playbook_gen.resolve.playbook import Loaded, Playbook


class Gadget(Entity):
    """A throwaway kind (`gadget`): it needs skills and may be built from other gadgets."""

    skills: list[Annotated[Id, RefTo("skill")]] = Field(
        default_factory=list, description="Ids of the skills it needs."
    )
    part_of: Annotated[Id, RefTo("gadget")] | None = Field(
        None, description="Id of the gadget it is a part of."
    )


class ToolsWithGadgets(models.ToolsFile):
    """`tools.yml` with gadgets beside the tools."""

    gadgets: list[Gadget] = Field(default_factory=list, description="The gadgets.")


GADGET = references.KindSpec(
    "gadget",
    "tools.yml",
    "tools",
    "gadgets",
    "tools.md",
    warn_unused="gadget '{id}' is part of no other gadget",
)

TOOLS = """\
gadgets:
  - id: lens
    title: Lens
    skills: [listening, listenin]
    part_of: camera
  - id: camera
    title: Camera
    skills: [listening]
"""


def _load(rel: str, text: str, model: type[models.Model], log: DiagnosticLog) -> Loaded:
    source = parse_yaml(textwrap.dedent(text), f"content/{rel}", rel, log, Limits())
    assert source is not None
    validated = validate(source, model, log)
    assert validated is not None, log.lines()
    return Loaded(validated, source)


@pytest.fixture
def gadgets(monkeypatch: pytest.MonkeyPatch) -> Playbook:
    """A playbook with two gadgets, once `gadget` has its entry in the kind registry."""
    monkeypatch.setattr(references, "KINDS", (*references.KINDS, GADGET))
    # Warning codes are declared for `suppress_warnings`; a real kind that warns adds one.
    monkeypatch.setitem(diagnostics.WARNING_CODES, "unused.gadget", "a gadget nothing uses")
    log = DiagnosticLog()
    return Playbook(
        meta=_load("playbook.yml", "name: P\n", models.PlaybookMeta, log),
        skills=[_load("skills/listening.yml", "id: listening\ntitle: L\n", models.Skill, log)],
        tools=_load("tools.yml", TOOLS, ToolsWithGadgets, log),
    )


def test_a_new_reference_field_is_checked(gadgets: Playbook) -> None:
    log = DiagnosticLog()
    run_checks(gadgets, log)
    # "listening" is used (by the gadgets), so only the gadget nothing is part of warns.
    assert log.lines() == [
        "content/tools.yml:2:9: warning[unused.gadget]: gadgets.0.id: gadget 'lens' is part "
        "of no other gadget",
        "content/tools.yml:4:25: error[ref.unknown]: gadgets.0.skills.1: unknown skill "
        "'listenin'; did you mean 'listening'?",
    ]


def test_a_new_reference_field_has_backlinks(gadgets: Playbook) -> None:
    backlinks = build_backlinks(gadgets)
    assert [g.id for g in backlinks.referrers("skill", "listening", "gadget")] == [
        "lens",
        "camera",
    ]
    assert [g.id for g in backlinks.referrers("gadget", "camera", "gadget")] == ["lens"]
    assert backlinks.referrers("skill", "listening", "stage") == []
    assert not backlinks.is_referred("gadget", "lens")


def test_a_new_reference_field_is_in_the_schema_and_the_reference() -> None:
    schema = ToolsWithGadgets.model_json_schema()["$defs"]["Gadget"]["properties"]
    assert schema["skills"]["items"]["x-ref-kind"] == "skill"
    assert schema["part_of"]["anyOf"][0]["x-ref-kind"] == "gadget"
    fields = Gadget.model_fields
    assert describe(fields["skills"].annotation, fields["skills"]) == "list of skill ids"
    assert describe(fields["part_of"].annotation, fields["part_of"]) == "gadget id"


def test_a_bad_id_in_a_reference_field_is_named_an_id() -> None:
    log = DiagnosticLog()
    source = parse_yaml("gadgets:\n  - {id: a, title: A, skills: [Big Deal]}\n", "t.yml", "t.yml",
                        log, Limits())  # fmt: skip
    assert source is not None
    assert validate(source, ToolsWithGadgets, log) is None
    assert log.lines() == [
        "t.yml:2:32: error[schema.value]: gadgets.0.skills.0: 'Big Deal' is not a valid id: use "
        "lowercase letters, digits and hyphens, starting with a letter or digit, at most 64 "
        "characters"
    ]

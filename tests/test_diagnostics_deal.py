"""The deal-execution parts, each broken once and paired with the exact diagnostics:
references of every new kind, `[[links]]` in plain text, the stage and fact warnings and
the rules of a form."""

from __future__ import annotations

from pathlib import Path

from playbook_files import BASE, DEAL, diagnostics


def _deal(**changes: str) -> dict[str, str | bytes | None]:
    """`DEAL` with some of its files replaced (`forms/mutual-plan.yml` as `form=`)."""
    names = {"form": "forms/mutual-plan.yml", "sheet": "diagnostics/deal-check.yml"}
    return {**DEAL, **{names.get(key, f"{key}.yml"): text for key, text in changes.items()}}


def test_every_deal_part_used_once_validates_without_a_diagnostic(root: Path) -> None:
    assert diagnostics(root, _deal()) == []


# ---------------------------------------------------------------- references


def test_broken_references_of_each_new_kind_at_their_place(root: Path) -> None:
    changes = _deal(
        buyers=DEAL["buyers.yml"].replace("[too-expensive]", "[too-expensiv]"),
        objections=DEAL["objections.yml"]
        .replace("stages: [discover]", "stages: [discovr]")
        .replace("stories: [acme]", "stories: [acne]"),
        competition=DEAL["competition.yml"].replace("stories: [acme]", "stories: [globex]"),
        form=DEAL["forms/mutual-plan.yml"].replace("stages: [discover]", "stages: [dicsover]"),
        process=DEAL["process.yml"]
        .replace("forms: [mutual-plan]", "forms: [mutual-plna]")
        .replace("forecast: pipeline", "forecast: pipelin"),
        sheet=BASE["diagnostics/deal-check.yml"] + "stages: [discovery]\n",
    )
    assert diagnostics(root, changes) == [
        "content/buyers.yml:5:18: error[ref.unknown]: roles.0.objections.0: unknown objection "
        "'too-expensiv'; did you mean 'too-expensive'?",
        "content/competition.yml:5:15: error[ref.unknown]: competitors.0.stories.0: unknown "
        "story 'globex'",
        "content/diagnostics/deal-check.yml:20:10: error[ref.unknown]: stages.0: unknown stage "
        "'discovery'; did you mean 'discover'?",
        "content/forms/mutual-plan.yml:3:10: error[ref.unknown]: stages.0: unknown stage "
        "'dicsover'; did you mean 'discover'?",
        "content/objections.yml:5:14: error[ref.unknown]: objections.0.stages.0: unknown stage "
        "'discovr'; did you mean 'discover'?",
        "content/objections.yml:6:15: error[ref.unknown]: objections.0.stories.0: unknown story "
        "'acne'; did you mean 'acme'?",
        "content/process.yml:16:17: error[ref.unknown]: stages.0.tasks.0.forms.0: unknown form "
        "'mutual-plna'; did you mean 'mutual-plan'?",
        "content/process.yml:21:15: error[ref.unknown]: stages.0.forecast: unknown forecast "
        "'pipelin'; did you mean 'pipeline'?",
    ]


def test_a_fact_link_in_plain_text_and_in_markdown_is_checked_at_the_link(root: Path) -> None:
    changes = _deal(
        process=DEAL["process.yml"].replace("[[fact:cycle-days]]", "[[fact:cycle-dys]]"),
        objections=DEAL["objections.yml"].replace(
            "response: Show the payback.", "response: Payback within [[fact:cycle-day|a cycle]]."
        ),
    )
    assert diagnostics(root, changes) == [
        # The only citation of the fact was broken, so the fact is cited nowhere now.
        "content/facts.yml:2:9: warning[unused.fact]: facts.0.id: fact 'cycle-days' is cited "
        "nowhere; cite it as [[fact:cycle-days]] or remove it",
        "content/objections.yml:4:30: error[ref.unknown]: objections.0.response: unknown fact "
        "'cycle-day' in [[fact:cycle-day|a cycle]]; did you mean 'cycle-days'?",
        "content/process.yml:11:61: error[ref.unknown]: stages.0.exit_criteria.1.evidence: "
        "unknown fact 'cycle-dys' in [[fact:cycle-dys]]; did you mean 'cycle-days'?",
    ]


def test_a_link_written_in_a_title_is_literal_text_and_not_checked(root: Path) -> None:
    changes = _deal(
        objections=DEAL["objections.yml"].replace(
            "title: It costs too much.", "title: 'It costs more than [[fact:nothing]]'"
        ),
        buyers=DEAL["buyers.yml"].replace("title: Economic buyer", "title: '[[role:cfo]]'"),
    )
    assert diagnostics(root, changes) == []


# ---------------------------------------------------------------- warnings


def test_a_stall_limit_below_the_typical_stay_and_too_many_crm_fields(root: Path) -> None:
    process = (
        DEAL["process.yml"]
        .replace("max_days: 30", "max_days: 10")
        .replace("crm_fields: [Next step, Close date]", "crm_fields: [a, b, c, d, e, f, g]")
    )
    assert diagnostics(root, _deal(process=process)) == [
        "content/process.yml:20:15: warning[stage.max-days]: stages.0.max_days: max_days (10) "
        "is below typical_days (14): a typical deal would count as stalled",
        "content/process.yml:22:33: warning[stage.crm-fields]: stages.0.crm_fields.5: 7 CRM "
        "fields; keep the key ones, at most 5",
    ]
    # At the limits (a stall limit equal to the typical stay, five fields) all is well.
    at_the_limits = process.replace("max_days: 10", "max_days: 14").replace(
        "[a, b, c, d, e, f, g]", "[a, b, c, d, e]"
    )
    assert diagnostics(root, _deal(process=at_the_limits)) == []


def test_a_fact_cited_nowhere_is_a_warning(root: Path) -> None:
    facts = DEAL["facts.yml"] + "  - {id: seats, title: Seats, value: 25}\n"
    assert diagnostics(root, _deal(facts=facts)) == [
        "content/facts.yml:6:10: warning[unused.fact]: facts.1.id: fact 'seats' is cited "
        "nowhere; cite it as [[fact:seats]] or remove it",
    ]


def test_a_fact_cited_only_in_plain_text_is_cited(root: Path) -> None:
    # The one citation of `cycle-days` is in a milestone's evidence, a plain-text field.
    assert "[[fact:cycle-days]]" in DEAL["process.yml"]
    assert all("fact:" not in text for name, text in DEAL.items() if name != "process.yml")
    assert diagnostics(root, _deal()) == []


def test_a_skill_only_mentioned_in_a_link_is_still_unused(root: Path) -> None:
    # A task's `skills` can name a skill, so only such a field is a use; a mention is not.
    process = DEAL["process.yml"].replace("skills: [negotiation]", "skills: []")
    proof = DEAL["proof.yml"] + "    body: Won with [[skill:negotiation]].\n"
    assert diagnostics(root, _deal(process=process, proof=proof)) == [
        "content/skills/negotiation.yml:1:5: warning[unused.skill]: id: skill 'negotiation' is "
        "needed by no task of any stage",
    ]


# ---------------------------------------------------------------- forms


def test_a_choice_needs_options_and_a_table_columns(root: Path) -> None:
    form = (
        DEAL["forms/mutual-plan.yml"]
        .replace("- {id: owner, label: Owner}", "- {id: owner, label: Owner, kind: choice}")
        .replace(", columns: [Step, Date]}", "}")
    )
    assert diagnostics(root, _deal(form=form)) == [
        "content/forms/mutual-plan.yml:7:9: error[schema.value]: sections.0.fields.0: a "
        "choice field needs options",
        "content/forms/mutual-plan.yml:8:9: error[schema.value]: sections.0.fields.1: a table "
        "field needs columns",
    ]


def test_field_ids_are_unique_within_a_form(root: Path) -> None:
    form = DEAL["forms/mutual-plan.yml"].replace("{id: steps,", "{id: owner,")
    other = (
        DEAL["forms/mutual-plan.yml"]
        .replace("mutual-plan", "handover")
        .replace("Mutual plan", "Handover")
    )
    # The same field id in another form is fine: ids are unique within a form.
    assert diagnostics(root, _deal(form=form, **{"forms/handover": other})) == [
        "content/forms/mutual-plan.yml:8:14: error[id.duplicate]: sections.0.fields.1.id: "
        "duplicate field id 'owner' in this form (first at line 7)",
    ]

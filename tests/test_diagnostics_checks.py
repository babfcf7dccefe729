"""Cross-file rules, each broken once and paired with the exact diagnostics."""

from __future__ import annotations

from pathlib import Path

from playbook_files import BASE, diagnostics

# ---------------------------------------------------------------- ids


def test_duplicate_stage_id(root: Path) -> None:
    process = """\
        stages:
          - id: discover
            title: Discover
            exit_criteria: [Pain confirmed]
          - id: discover
            title: Discover again
            exit_criteria: [Pain confirmed twice]
        """
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:5:9: error[id.duplicate]: stages.1.id: duplicate stage id "
        "'discover' (first at line 2)",
        "content/skills/negotiation.yml:1:5: warning[unused.skill]: id: skill 'negotiation' is "
        "needed by no task of any stage",
    ]


def test_principles_are_one_kind_across_three_files(root: Path) -> None:
    relationships = """\
        principles:
          - id: customer-first
            title: Customers first, again
        """
    assert diagnostics(root, {"relationships.yml": relationships}) == [
        "content/relationships.yml:2:9: error[id.duplicate]: principles.0.id: duplicate "
        "principle id 'customer-first' (first at content/values.yml:6:9)",
    ]


def test_same_id_in_two_kinds_is_fine(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: CRM
          - id: negotiation
            title: Negotiation kit
        """
    assert diagnostics(root, {"tools.yml": tools}) == []


def test_worksheet_section_and_question_ids_are_unique_within_it(root: Path) -> None:
    sheet = """\
        id: deal-check
        title: Deal check
        scale: {min: 1, max: 5}
        sections:
          - id: basics
            title: Basics
            questions:
              - {id: pain, text: The pain is confirmed.}
          - id: basics
            title: More basics
            questions:
              - {id: pain, text: The pain is confirmed again.}
        bands: [{min: 0, max: 100, label: All}]
        """
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:9:9: error[id.duplicate]: sections.1.id: duplicate "
        "section id 'basics' in this worksheet (first at line 5)",
        "content/diagnostics/deal-check.yml:12:14: error[id.duplicate]: "
        "sections.1.questions.0.id: duplicate question id 'pain' in this worksheet "
        "(first at line 8)",
    ]


def test_section_id_total_is_reserved(root: Path) -> None:
    sheet = """\
        id: deal-check
        title: Deal check
        scale: {min: 1, max: 5}
        sections:
          - id: total
            title: Everything
            questions: [{id: pain, text: The pain is confirmed.}]
        bands: [{min: 0, max: 100, label: All}]
        """
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:5:9: error[id.reserved]: sections.0.id: 'total' "
        "names the worksheet's total score; choose another id",
    ]


def test_skill_file_name_differs_from_its_id(root: Path) -> None:
    changes: dict[str, str | bytes | None] = {
        "skills/negotiation.yml": None,
        "skills/negotiating.yml": BASE["skills/negotiation.yml"],
    }
    assert diagnostics(root, changes) == [
        "content/skills/negotiating.yml:1:5: warning[id.filename]: id: the id 'negotiation' "
        "differs from the file name 'negotiating.yml'; rename the file to 'negotiation.yml' "
        "or change the id",
    ]


# ---------------------------------------------------------------- references


def test_unknown_buyer_step(root: Path) -> None:
    process = BASE["process.yml"].replace("buyer_step: recognize", "buyer_step: recognise")
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:7:17: error[ref.unknown]: stages.0.buyer_step: unknown step "
        "'recognise'; did you mean 'recognize'?",
    ]


def test_unknown_task_skill_and_tool(root: Path) -> None:
    process = (
        BASE["process.yml"]
        .replace("skills: [negotiation]", "skills: [negotation]")
        .replace("tools: [crm]", "tools: [crm, slides]")
    )
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:12:18: error[ref.unknown]: stages.0.tasks.0.skills.0: unknown "
        "skill 'negotation'; did you mean 'negotiation'?",
        "content/process.yml:13:22: error[ref.unknown]: stages.0.tasks.0.tools.1: unknown tool "
        "'slides'",
        "content/skills/negotiation.yml:1:5: warning[unused.skill]: id: skill 'negotiation' is "
        "needed by no task of any stage",
    ]


def test_unknown_metric_of_a_lever_and_of_a_cadence_and_stage_of_a_play(root: Path) -> None:
    strategy = (
        BASE["strategy.yml"]
        .replace("metrics: [win-rate]", "metrics: [winrate]")
        .replace("stages: [discover]", "stages: [discovery]")
    )
    management = BASE["management.yml"].replace("metrics: [win-rate]", "metrics: [cycle-time]")
    assert diagnostics(root, {"strategy.yml": strategy, "management.yml": management}) == [
        "content/management.yml:11:15: error[ref.unknown]: cadences.0.metrics.0: unknown metric "
        "'cycle-time'",
        "content/strategy.yml:4:15: error[ref.unknown]: levers.0.metrics.0: unknown metric "
        "'winrate'; did you mean 'win-rate'?",
        "content/strategy.yml:8:14: error[ref.unknown]: plays.0.stages.0: unknown stage "
        "'discovery'; did you mean 'discover'?",
    ]


def test_unknown_references_in_see_and_read(root: Path) -> None:
    sheet = BASE["diagnostics/deal-check.yml"].replace(
        "see: [stage:discover, values]", "see: [stage:discovery, valuse]"
    )
    onboarding = BASE["onboarding.yml"].replace("path:new-ae", "path:new-se")
    assert diagnostics(
        root, {"diagnostics/deal-check.yml": sheet, "onboarding.yml": onboarding}
    ) == [
        "content/diagnostics/deal-check.yml:16:15: error[ref.unknown]: "
        "sections.0.questions.0.see.0: unknown stage 'discovery'; did you mean 'discover'?",
        "content/diagnostics/deal-check.yml:16:32: error[ref.unknown]: "
        "sections.0.questions.0.see.1: 'valuse' is not kind:id nor an area name; did you mean "
        "'values'?",
        "content/onboarding.yml:7:42: error[ref.unknown]: paths.0.steps.0.read.2: unknown path "
        "'new-se'; did you mean 'new-ae'?",
    ]


def test_wrong_kind_prefix(root: Path) -> None:
    onboarding = BASE["onboarding.yml"].replace("question:why-buy", "skil:negotiation")
    assert diagnostics(root, {"onboarding.yml": onboarding}) == [
        "content/onboarding.yml:7:24: error[ref.kind]: paths.0.steps.0.read.1: unknown kind "
        "'skil' in reference 'skil:negotiation'; did you mean 'skill'?",
    ]


def test_reference_to_an_absent_area(root: Path) -> None:
    assert diagnostics(root, {"values.yml": None}) == [
        "content/diagnostics/deal-check.yml:3:20: error[ref.unknown]: instructions: the "
        "playbook has no values.yml, so no 'values' page in [[values]]",
        "content/diagnostics/deal-check.yml:16:31: error[ref.unknown]: "
        "sections.0.questions.0.see.1: the playbook has no values.yml, so no 'values' page",
        "content/onboarding.yml:7:16: error[ref.unknown]: paths.0.steps.0.read.0: the playbook "
        "has no values.yml, so no 'values' page",
        "content/onboarding.yml:7:24: error[ref.unknown]: paths.0.steps.0.read.1: unknown "
        "question 'why-buy' (the playbook has no question yet)",
    ]


def test_links_in_markdown_are_found_inside_block_scalars(root: Path) -> None:
    process = BASE["process.yml"].replace(
        "Prepare with [[tool:crm]].",
        "Prepare with [[tool:crm]].\n"
        + " " * 18
        + "Then [[skill:negotation|haggle]] and [[tool:cmr]].",
    )
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:16:16: error[ref.unknown]: stages.0.tasks.0.body: unknown skill "
        "'negotation' in [[skill:negotation|haggle]]; did you mean 'negotiation'?",
        "content/process.yml:16:48: error[ref.unknown]: stages.0.tasks.0.body: unknown tool "
        "'cmr' in [[tool:cmr]]; did you mean 'crm'?",
    ]


def test_links_in_every_markdown_field(root: Path) -> None:
    changes: dict[str, str | bytes | None] = {
        "values.yml": BASE["values.yml"].replace("[[skill:negotiation]]", "[[skill:closing]]"),
        "skills/negotiation.yml": BASE["skills/negotiation.yml"].replace(
            "[[stage:discover]]", "[[stage:close]]"
        ),
        "diagnostics/deal-check.yml": BASE["diagnostics/deal-check.yml"].replace(
            "[[values]]", "[[value]]"
        ),
    }
    assert diagnostics(root, changes) == [
        "content/diagnostics/deal-check.yml:3:20: error[ref.unknown]: instructions: 'value' is "
        "not kind:id nor an area name in [[value]]; did you mean 'values'?",
        "content/skills/negotiation.yml:5:15: error[ref.unknown]: techniques.0.body: unknown "
        "stage 'close' in [[stage:close]]",
        "content/values.yml:4:21: error[ref.unknown]: questions.0.answer: unknown skill "
        "'closing' in [[skill:closing]]",
    ]


def test_references_into_a_file_that_failed_are_not_reported(root: Path) -> None:
    # tools.yml is broken, so `crm` may well exist: only the real problem is reported.
    tools = "tools:\n  - id: crm\n    titel: CRM\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:2:5: error[schema.missing]: tools.0.title: required field 'title' "
        "is missing",
        "content/tools.yml:3:5: error[schema.unknown]: tools.0.titel: unknown field 'titel'; "
        "did you mean 'title'?",
    ]


# ---------------------------------------------------------------- worksheets


def _sheet(scale: str, bands: str) -> str:
    return f"""\
id: deal-check
title: Deal check
scale: {scale}
sections:
  - id: basics
    title: Basics
    questions: [{{id: pain, text: The pain is confirmed.}}]
bands:
{bands}"""


def test_bands_gap_and_overlap(root: Path) -> None:
    bands = """\
  - {min: 0, max: 40, label: Weak}
  - {min: 50, max: 80, label: Fair}
  - {min: 70, max: 100, label: Strong}
"""
    sheet = _sheet("{min: 1, max: 5}", bands)
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:10:11: error[bands.gap]: bands.1.min: no band "
        "covers 40 to 50",
        "content/diagnostics/deal-check.yml:11:11: error[bands.overlap]: bands.2.min: band "
        "'Strong' overlaps band 'Fair' from 70 to 80",
    ]


def test_bands_must_start_at_0_and_end_at_100(root: Path) -> None:
    bands = """\
  - {min: 10, max: 50, label: Weak}
  - {min: 50, max: 90.5, label: Strong}
"""
    sheet = _sheet("{min: 1, max: 5}", bands)
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:9:11: error[bands.gap]: bands.0.min: no band covers "
        "0 to 10",
        "content/diagnostics/deal-check.yml:10:20: error[bands.gap]: bands.1.max: no band "
        "covers 90.5 to 100",
    ]


def test_band_with_min_above_max(root: Path) -> None:
    bands = """\
  - {min: 0, max: 100, label: All}
  - {min: 60, max: 40, label: Odd}
"""
    sheet = _sheet("{min: 1, max: 5}", bands)
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:10:20: error[bands.order]: bands.1.max: max (40) "
        "must be greater than min (60)",
    ]


def test_scale_order(root: Path) -> None:
    sheet = _sheet("{min: 5, max: 1}", "  - {min: 0, max: 100, label: All}\n")
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:3:22: error[scale.order]: scale.max: max (1) must "
        "be greater than min (5)",
    ]


def test_scale_label_outside_the_scale(root: Path) -> None:
    sheet = _sheet(
        "{min: 1, max: 5, labels: {1: Never, 7: Always}}", "  - {min: 0, max: 100, label: All}\n"
    )
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:3:44: error[scale.label]: scale.labels.7: a label "
        "for 7, outside the scale 1 to 5",
    ]


# ---------------------------------------------------------------- glossary and warnings


def test_a_skill_referred_to_only_by_a_reading_list_is_used(root: Path) -> None:
    process = BASE["process.yml"].replace("skills: [negotiation]", "skills: []")
    onboarding = BASE["onboarding.yml"].replace("path:new-ae]", "path:new-ae, skill:negotiation]")
    assert diagnostics(root, {"process.yml": process, "onboarding.yml": onboarding}) == []


def test_no_unused_warning_while_a_file_that_may_refer_to_it_is_broken(root: Path) -> None:
    # onboarding.yml may name any kind (`read`), so while it is broken no skill is unused.
    process = BASE["process.yml"].replace("skills: [negotiation]", "skills: []")
    onboarding = BASE["onboarding.yml"].replace("week: 1", "week: first")
    assert diagnostics(root, {"process.yml": process, "onboarding.yml": onboarding}) == [
        "content/onboarding.yml:6:15: error[schema.type]: paths.0.steps.0.week: expected a "
        "whole number, got 'first'",
    ]
    # tools.yml refers to no skill: it being broken changes nothing for skills.
    tools = "tools:\n  - id: crm\n"
    assert "warning[unused.skill]" in "\n".join(
        diagnostics(root, {"process.yml": process, "tools.yml": tools})
    )


def test_glossary_terms_are_unique(root: Path) -> None:
    glossary = """\
        terms:
          - term: ICP
            definition: Ideal customer profile.
          - term: icp
            definition: The same, again.
        """
    assert diagnostics(root, {"glossary.yml": glossary}) == [
        "content/glossary.yml:4:11: error[term.duplicate]: terms.1.term: the term 'icp' is "
        "defined twice (first at line 2)",
    ]


def test_stale_review_is_a_warning(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: CRM
            last_reviewed: 2025-01-01
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:4:20: warning[review.stale]: tools.0.last_reviewed: last reviewed "
        "694 days ago; review every 180 days",
    ]


def test_recent_review_is_fine(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: CRM
            last_reviewed: 2026-10-01
        """
    assert diagnostics(root, {"tools.yml": tools}) == []


def test_too_many_entities(root: Path) -> None:
    from playbook_gen.read.config import Limits

    assert diagnostics(root, {}, Limits(max_entities=12)) == [
        "content/diagnostics/deal-check.yml:1:5: error[limit.entities]: id: the playbook has "
        "14 entities; the limit is 12",
    ]


def test_a_markdown_field_over_the_limit(root: Path) -> None:
    from playbook_gen.read.config import Limits

    answer = "It pays. " * 40
    values = f"""\
        questions:
          - id: why-buy
            question: Why do customers buy?
            answer: {answer.strip()}
        """
    limits = Limits(max_markdown_chars=300)
    assert diagnostics(root, {"values.yml": values}, limits) == [
        "content/values.yml:4:13: error[limit.markdown]: questions.0.answer: Markdown field of "
        "359 characters; the limit is 300",
    ]
    assert diagnostics(root, {"values.yml": values}, Limits(max_markdown_chars=359)) == []

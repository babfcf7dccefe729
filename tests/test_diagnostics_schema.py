"""Values that break a file's model, each paired with the exact diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest
from playbook_files import diagnostics


def test_list_where_a_mapping_belongs(root: Path) -> None:
    assert diagnostics(root, {"tools.yml": "- id: crm\n  title: CRM\n"}) == [
        "content/tools.yml:1:1: error[schema.type]: expected a mapping of 'key: value' lines, "
        "got a list",
    ]


def test_mapping_where_a_list_belongs(root: Path) -> None:
    tools = """\
        tools:
          id: crm
          title: CRM
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:2:3: error[schema.type]: tools: expected a list, got a mapping",
    ]


def test_number_where_text_belongs_suggests_quotes(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: 2024
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:3:12: error[schema.type]: tools.0.title: expected text, got the "
        "number 2024 (put it in quotes to make it text)",
    ]


def test_wrong_type_for_a_number(root: Path) -> None:
    process = """\
        stages:
          - id: discover
            title: Discover
            exit_criteria: [Pain confirmed]
            typical_days: two weeks
            win_probability: 120
        """
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:5:19: error[schema.type]: stages.0.typical_days: expected a whole "
        "number, got 'two weeks'",
        "content/process.yml:6:22: error[schema.value]: stages.0.win_probability: must be at "
        "most 100, not the number 120",
    ]


def test_unknown_field_with_a_suggestion(root: Path) -> None:
    process = """\
        stages:
          - id: discover
            title: Discover
            exit_critera: [Pain confirmed]
            colour: blue
        """
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:2:5: error[schema.missing]: stages.0.exit_criteria: required "
        "field 'exit_criteria' is missing",
        "content/process.yml:4:5: error[schema.unknown]: stages.0.exit_critera: unknown field "
        "'exit_critera'; did you mean 'exit_criteria'?",
        "content/process.yml:5:5: error[schema.unknown]: stages.0.colour: unknown field 'colour'",
    ]


def test_missing_required_field_is_reported_at_the_mapping(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "language: en\n"}) == [
        "content/playbook.yml:1:1: error[schema.missing]: name: required field 'name' is missing",
    ]


def test_empty_exit_criteria(root: Path) -> None:
    process = """\
        stages:
          - id: discover
            title: Discover
            exit_criteria: []
        """
    assert diagnostics(root, {"process.yml": process}) == [
        "content/process.yml:4:20: error[schema.value]: stages.0.exit_criteria: needs at least "
        "1 item",
    ]


def test_blank_title(root: Path) -> None:
    assert diagnostics(root, {"tools.yml": "tools:\n  - id: crm\n    title: '  '\n"}) == [
        "content/tools.yml:3:12: error[schema.value]: tools.0.title: must not be empty",
    ]


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        (
            "../../etc/passwd",
            "'../../etc/passwd' is not a valid id",
        ),
        ("Mutual Plan", "'Mutual Plan' is not a valid id"),
        ("a" * 300, "'" + "a" * 39 + "…' is not a valid id (it has 300 characters)"),
    ],
)
def test_bad_ids(root: Path, ident: str, message: str) -> None:
    tools = f"tools:\n  - id: '{ident}'\n    title: CRM\n"
    help_text = (
        ": use lowercase letters, digits and hyphens, starting with a letter or digit, "
        "at most 64 characters"
    )
    assert diagnostics(root, {"tools.yml": tools}) == [
        f"content/tools.yml:2:9: error[schema.value]: tools.0.id: {message}{help_text}",
    ]


def test_bad_id_in_a_reference_list(root: Path) -> None:
    strategy = """\
        plays:
          - id: displace
            title: Displace
            stages: [Discover]
        """
    assert diagnostics(root, {"strategy.yml": strategy}) == [
        "content/strategy.yml:4:14: error[schema.value]: plays.0.stages.0: 'Discover' is not a "
        "valid id: use lowercase letters, digits and hyphens, starting with a letter or digit, "
        "at most 64 characters",
    ]


def test_choice_outside_the_allowed_values(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: Test\nlanguage: fr\n"}) == [
        "content/playbook.yml:2:11: error[schema.value]: language: must be 'zh' or 'en', not 'fr'",
    ]


def test_bad_url_and_bad_date(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: CRM
            url: crm.example.com
            last_reviewed: 2026-02-30
          - id: deck
            title: Deck
            last_reviewed: 2026-2-3
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:4:10: error[schema.value]: tools.0.url: 'crm.example.com' is not a "
        "web address starting with http:// or https://",
        "content/tools.yml:5:20: error[schema.value]: tools.0.last_reviewed: '2026-02-30' is "
        "not a date in the calendar",
        "content/tools.yml:8:20: error[schema.value]: tools.1.last_reviewed: must be a date "
        "written YYYY-MM-DD",
    ]


def test_scale_label_key_that_is_not_a_number(root: Path) -> None:
    sheet = """\
        id: deal-check
        title: Deal check
        scale:
          min: 1
          max: 5
          labels: {1: Never, often: Often}
        sections:
          - id: basics
            title: Basics
            questions: [{id: pain, text: The pain is confirmed.}]
        bands: [{min: 0, max: 100, label: All}]
        """
    assert diagnostics(root, {"diagnostics/deal-check.yml": sheet}) == [
        "content/diagnostics/deal-check.yml:6:22: error[schema.type]: scale.labels.often: key "
        "'often': expected a whole number",
    ]


def test_every_error_in_one_run(root: Path) -> None:
    changes: dict[str, str | bytes | None] = {
        "playbook.yml": "name: Test\nlanguage: de\n",
        "tools.yml": "tools:\n  - id: CRM\n    title: CRM\n    purpse: x\n",
        "glossary.yml": "terms:\n  - term: ICP\n",
    }
    codes = [line.split(": ")[1] for line in diagnostics(root, changes)]
    assert codes == [
        "error[schema.missing]",
        "error[schema.value]",
        "error[schema.value]",
        "error[schema.unknown]",
    ]


def test_onboarding_weeks_start_at_1(root: Path) -> None:
    onboarding = """\
        paths:
          - id: new-ae
            title: New account executive
            steps:
              - {title: Learn the values, week: 0}
        """
    assert diagnostics(root, {"onboarding.yml": onboarding}) == [
        "content/onboarding.yml:5:41: error[schema.value]: paths.0.steps.0.week: must be at "
        "least 1, not the number 0",
    ]


def test_numbers_are_not_coerced_from_booleans_or_text(root: Path) -> None:
    onboarding = """\
        paths:
          - id: new-ae
            title: New account executive
            steps:
              - {title: Learn the values, week: true}
              - {title: Shadow a call, week: '2'}
        """
    assert diagnostics(root, {"onboarding.yml": onboarding}) == [
        "content/onboarding.yml:5:41: error[schema.type]: paths.0.steps.0.week: expected a whole "
        "number, got true",
        "content/onboarding.yml:6:38: error[schema.type]: paths.0.steps.1.week: expected a whole "
        "number, got '2'",
    ]


def test_questions_check_review_dates_like_every_entity(root: Path) -> None:
    values = """\
        questions:
          - id: why-buy
            question: Why do customers buy?
            answer: Because it pays.
            last_reviewed: 2026-2-3
        """
    assert diagnostics(root, {"values.yml": values}) == [
        "content/values.yml:5:20: error[schema.value]: questions.0.last_reviewed: must be a "
        "date written YYYY-MM-DD",
    ]


def test_quoted_dates_and_quoted_scale_keys_are_accepted(root: Path) -> None:
    worksheet = """\
        id: check
        title: Check
        last_reviewed: "2026-05-01"
        scale: {min: 1, max: 3, labels: {"1": Poor, "3": Good}}
        sections:
          - id: basics
            title: Basics
            questions: [{id: q1, text: Are we good}]
        bands: [{min: 0, max: 100, label: All}]
        """
    found = diagnostics(root, {"diagnostics/check.yml": worksheet})
    assert [line for line in found if ": error[" in line] == []

"""The JSON Schema and the format reference, both generated from the models."""

from __future__ import annotations

from playbook_gen.read import models
from playbook_gen.read.schema import FORMAT_DOC, content_schema, describe, format_reference


def test_format_reference_is_up_to_date() -> None:
    assert FORMAT_DOC.read_text(encoding="utf-8") == format_reference(), (
        "docs/format.md is out of date: run `python -m playbook_gen.read.schema --write-docs`"
    )


def test_format_reference_has_a_row_per_field_in_authors_words() -> None:
    reference = format_reference()
    for row in (
        "| `buyer_step` | step id | optional | Id of the buying-process step this stage serves. |",
        "| `skills` | list of skill ids | optional | Ids of the skills it needs. |",
        "| `tools` | list of tool ids | optional | Ids of the tools it uses. |",
        "| `stages` | list of stage ids | optional | Ids of the stages it applies to. |",
        "| `read` | list of references | optional | References to read. |",
        "| `url` | URL (http or https) | optional | Where to find it (http or https URL). |",
        "| `answer` | Markdown | required | The company's answer (Markdown). |",
        "| `exit_criteria` | list of text (at least 1) | required | Milestones: verifiable "
        "outcomes that end the stage (at least one). |",
        "| `labels` | mapping of whole number to text | optional | Labels of some or all values. |",
    ):
        assert row in reference, row
    # Nested models get a section of their own, once, under the file that holds them.
    assert reference.count('<a id="task"></a>') == 1
    assert reference.count('<a id="band"></a>') == 1


def test_types_are_described_in_authors_words() -> None:
    fields = models.Stage.model_fields
    assert describe(fields["id"].annotation, fields["id"]) == "id"
    assert describe(fields["body"].annotation, fields["body"]) == "Markdown"
    assert describe(fields["title"].annotation, fields["title"]) == "text"
    assert describe(fields["exit_criteria"].annotation, fields["exit_criteria"]) == (
        "list of text (at least 1)"
    )
    assert describe(fields["win_probability"].annotation, fields["win_probability"]) == (
        "whole number (≥ 0, ≤ 100)"
    )
    assert describe(fields["tasks"].annotation, fields["tasks"]) == "list of [Task](#task)"
    task = models.Task.model_fields
    assert describe(task["skills"].annotation, task["skills"]) == "list of skill ids"
    assert describe(fields["buyer_step"].annotation, fields["buyer_step"]) == "step id"
    step = models.OnboardingStep.model_fields
    assert describe(step["read"].annotation, step["read"]) == "list of references"
    answer = models.Question.model_fields["answer"]  # required: pydantic strips `Annotated`
    assert describe(answer.annotation, answer) == "Markdown"
    tool = models.Tool.model_fields
    assert describe(tool["url"].annotation, tool["url"]) == "URL (http or https)"
    scale = models.Scale.model_fields
    assert describe(scale["labels"].annotation, scale["labels"]) == (
        "mapping of whole number to text"
    )


def test_json_schema_is_one_document_keyed_by_file_pattern() -> None:
    document = content_schema()
    for pattern, model in models.FILE_MODELS.items():
        ref = document["files"][pattern]["$ref"]
        assert ref == f"#/$defs/{model.__name__}"
        assert model.__name__ in document["$defs"]


def test_json_schema_says_what_a_field_holds() -> None:
    defs = content_schema()["$defs"]
    skills = defs["Task"]["properties"]["skills"]["items"]
    assert skills["x-ref-kind"] == "skill"
    assert skills["description"] == "The id of a skill."
    step = defs["Stage"]["properties"]["buyer_step"]["anyOf"][0]
    assert step["x-ref-kind"] == "step"
    assert defs["OnboardingStep"]["properties"]["read"]["items"]["x-ref-kind"] == "*"
    assert defs["Question"]["properties"]["answer"]["contentMediaType"] == "text/markdown"
    assert defs["Tool"]["properties"]["url"]["anyOf"][0]["format"] == "uri"
    assert "x-ref-kind" not in defs["Stage"]["properties"]["id"]
    assert "contentMediaType" not in defs["Stage"]["properties"]["title"]

"""The JSON Schema and the format reference, both generated from the models."""

from __future__ import annotations

import re
from typing import Any

from playbook_gen.read import deal_models, models
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
        "| `exit_criteria` | list of text or [`{text, evidence}`](#milestone) (at least 1) | "
        "required | Milestones: verifiable outcomes that end the stage (at least one), each "
        "text or `{text, evidence}`. |",
        "| `forecast` | forecast id | optional | Id of the forecast category of a deal in this "
        "stage. |",
        "| `forms` | list of form ids | optional | Ids of the deal forms it fills in. |",
        "| `value` | text or number | required | The value (text or number). |",
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
        "list of text or [`{text, evidence}`](#milestone) (at least 1)"
    )
    assert describe(fields["crm_fields"].annotation, fields["crm_fields"]) == "list of text"
    value = deal_models.Fact.model_fields["value"]
    assert describe(value.annotation, value) == "text or number"
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


def _accepts(schema: dict[str, Any], value: Any, defs: dict[str, Any]) -> bool:
    """The few JSON Schema keywords a milestone's schema uses, evaluated by hand (the
    project does not depend on a JSON Schema validator)."""
    if "$ref" in schema:
        return _accepts(defs[schema["$ref"].rsplit("/", 1)[1]], value, defs)
    if "anyOf" in schema:
        return any(_accepts(branch, value, defs) for branch in schema["anyOf"])
    kind = schema.get("type")
    if kind == "null":
        return value is None
    if kind == "string":
        return (
            isinstance(value, str)
            and len(value) >= schema.get("minLength", 0)
            and re.search(schema.get("pattern", ""), value) is not None
        )
    if kind == "object":
        properties = schema.get("properties", {})
        return (
            isinstance(value, dict)
            and all(name in value for name in schema.get("required", []))
            and (schema.get("additionalProperties", True) or set(value) <= set(properties))
            and all(_accepts(properties[k], v, defs) for k, v in value.items() if k in properties)
        )
    raise AssertionError(f"keyword not evaluated here: {schema}")


def test_json_schema_takes_a_milestone_as_text_or_text_with_evidence() -> None:
    defs = content_schema()["$defs"]
    milestone = defs["Stage"]["properties"]["exit_criteria"]["items"]
    assert _accepts(milestone, "Customer confirmed the problem", defs)
    assert _accepts(milestone, {"text": "Customer signed", "evidence": "the signed PDF"}, defs)
    assert _accepts(milestone, {"text": "Customer signed"}, defs)
    for empty in ("", "   ", {}, {"evidence": "a PDF"}, {"text": "x", "proof": "y"}, None):
        assert not _accepts(milestone, empty, defs), empty


NEW_FILES = {
    "buyers.yml": "BuyersFile",
    "objections.yml": "ObjectionsFile",
    "proof.yml": "ProofFile",
    "competition.yml": "CompetitionFile",
    "forms/*.yml": "Form",
    "facts.yml": "FactsFile",
}


def _ref_kind(schema: dict[str, Any]) -> str | None:
    """The `x-ref-kind` of a property, of its items, or of its non-null `anyOf` branch."""
    for place in (schema, schema.get("items", {}), *schema.get("anyOf", [])):
        if "x-ref-kind" in place:
            return str(place["x-ref-kind"])
    return None


def test_json_schema_covers_the_deal_execution_files_and_their_references() -> None:
    document = content_schema()
    for pattern, model in NEW_FILES.items():
        assert document["files"][pattern] == {"$ref": f"#/$defs/{model}"}, pattern
    defs = document["$defs"]
    for model, field, kind in (
        ("Role", "objections", "objection"),
        ("Objection", "stages", "stage"),
        ("Objection", "stories", "story"),
        ("Competitor", "stories", "story"),
        ("Form", "stages", "stage"),
        ("Task", "forms", "form"),
        ("Stage", "forecast", "forecast"),
        ("Worksheet", "stages", "stage"),
    ):
        assert _ref_kind(defs[model]["properties"][field]) == kind, (model, field)
    # Plain text and names are not references.
    assert _ref_kind(defs["Fact"]["properties"]["unit"]) is None
    assert _ref_kind(defs["FormField"]["properties"]["label"]) is None

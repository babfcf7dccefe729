"""The JSON Schema and the format reference, both generated from the models."""

from __future__ import annotations

import typing

from playbook_gen.read import models
from playbook_gen.read.schema import FORMAT_DOC, content_schema, describe, format_reference


def test_format_reference_is_up_to_date() -> None:
    assert FORMAT_DOC.read_text(encoding="utf-8") == format_reference(), (
        "docs/format.md is out of date: run `python -m playbook_gen.read.schema --write-docs`"
    )


def test_format_reference_documents_every_field_of_every_model() -> None:
    reference = format_reference()
    seen: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            assert f"| `{name}` |" in reference, f"{model.__name__}.{name}"
            for arg in _models(info.annotation):
                visit(arg)

    for model in models.FILE_MODELS.values():
        visit(model)
    assert models.Task in seen and models.Band in seen


def _models(annotation: object) -> list[type[models.Model]]:
    if isinstance(annotation, type) and issubclass(annotation, models.Model):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


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
    assert describe(task["skills"].annotation, task["skills"]) == "list of id"
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

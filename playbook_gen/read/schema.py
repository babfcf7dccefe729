"""The JSON Schema of the content files and the authors' format reference.

Both are generated from the pydantic models, where every field is declared and
described, so neither can drift from what `validate` accepts. Regenerate the reference:

    python -m playbook_gen.read.schema --write-docs
"""

from __future__ import annotations

import argparse
import datetime
import types
import typing
from pathlib import Path
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.json_schema import models_json_schema

from playbook_gen.read import models
from playbook_gen.read.introspect import (
    element,
    is_model,
    is_optional,
    mapping_types,
    models_in,
    own_kind,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def content_schema() -> dict[str, Any]:
    """One document: `files` maps each file pattern to the schema of that file."""
    pairs = [(model, "validation") for model in models.FILE_MODELS.values()]
    refs, top = models_json_schema(pairs)  # type: ignore[arg-type]
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "playbook-gen content files",
        "description": "The schema of each file of a playbook folder, by file pattern "
        "(see `files`). Unknown fields are errors.",
        "files": {
            pattern: refs[(model, "validation")] for pattern, model in models.FILE_MODELS.items()
        },
        "$defs": top.get("$defs", {}),
    }


def file_schema(pattern: str) -> dict[str, Any]:
    """The standalone schema of one file pattern (`process.yml`, `skills/*.yml`)."""
    model = models.FILE_MODELS[pattern]
    return {"$schema": JSON_SCHEMA_DIALECT, **model.model_json_schema()}


# ---------------------------------------------------------------- format reference


def format_reference() -> str:
    """The Markdown of `docs/format.md`."""
    out = [
        "# Content format reference",
        "",
        "<!-- Generated from playbook_gen/read/models.py by "
        "`python -m playbook_gen.read.schema --write-docs`; do not edit by hand. -->",
        "",
        "A playbook is one folder of UTF-8 YAML files. Only `playbook.yml` is required; "
        "a missing area simply has no pages. Unknown fields are errors, and every problem "
        "is reported as `path:line:column` by `playbook-gen validate`.",
        "",
        "- *id*: lowercase letters, digits and hyphens, starting with a letter or digit, "
        "at most 64 characters; unique within its kind.",
        "- *text* is shown as written, never as HTML; *Markdown* may hold links written "
        "`[[kind:id]]` or `[[kind:id|label]]`, or `[[values]]` for an area's page.",
        "- a *skill id* (*stage id*, …) is the id of an entity of that kind; a *reference* "
        "is written `kind:id` (`skill:negotiation`) or is an area's name (`values`).",
        "- *date* is written `YYYY-MM-DD`.",
        "",
        "| file | holds |",
        "| --- | --- |",
    ]
    for pattern, model in models.FILE_MODELS.items():
        out.append(f"| [`{pattern}`](#{_anchor(model)}) | {_summary(model)} |")
    documented: set[type[BaseModel]] = set()
    for pattern, model in models.FILE_MODELS.items():
        out += ["", f'<a id="{_anchor(model)}"></a>', "", f"## `{pattern}`", ""]
        out += _model_section(model, documented, level=2)
    return "\n".join(out).rstrip() + "\n"


def _model_section(
    model: type[BaseModel], documented: set[type[BaseModel]], level: int
) -> list[str]:
    documented.add(model)
    out = [_doc(model), "", "| field | type | | description |", "| --- | --- | --- | --- |"]
    nested: list[type[BaseModel]] = []
    for name, info in model.model_fields.items():
        out.append(
            f"| `{name}` | {describe(info.annotation, info)} | {_presence(info)} | "
            f"{_cell(info.description or '')} |"
        )
        for inner in models_in(info.annotation):
            if inner not in documented and inner not in nested:
                nested.append(inner)
    for inner in nested:
        if inner in documented:
            continue
        heading = "#" * (level + 1)
        out += ["", f'<a id="{_anchor(inner)}"></a>', "", f"{heading} {inner.__name__}", ""]
        out += _model_section(inner, documented, level + 1)
    return out


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def _summary(model: type[BaseModel]) -> str:
    text = _doc(model)
    return _cell(text.split(": ", 1)[1] if text.startswith("`") and ": " in text else text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _presence(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None or info.default is None:
        return "optional"
    default = info.default
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    return f"default `{shown}`"


def describe(annotation: Any, info: FieldInfo | None = None) -> str:
    """A field's type in authors' words: `list of skill ids`, `Markdown`, `'zh' or 'en'`."""
    metadata = list(info.metadata) if info is not None else []
    kind = own_kind(annotation, metadata)
    if is_optional(annotation):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = members[0] if len(members) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        annotation, metadata = args[0], [*metadata, *args[1:]]
    text = kind.words() if kind is not None else _describe_bare(annotation)
    limits = _limits(metadata)
    return f"{text} ({limits})" if limits else text


def _describe_bare(annotation: Any) -> str:
    item = element(annotation)
    if item is not None:
        kind = own_kind(item)
        return f"list of {kind.words(plural=True) if kind else describe(item)}"
    pair = mapping_types(annotation)
    if pair is not None:
        return f"mapping of {describe(pair[0])} to {describe(pair[1])}"
    if typing.get_origin(annotation) is typing.Literal:
        return " or ".join(f"`{value}`" for value in typing.get_args(annotation))
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return _describe_union(typing.get_args(annotation))
    if is_model(annotation):
        return _describe_model(annotation)
    return {
        str: "text",
        int: "whole number",
        float: "number",
        bool: "`true` or `false`",
        datetime.date: "date",
    }.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _describe_union(members: tuple[Any, ...]) -> str:
    """`text or number`: each member once; a whole number is a number too."""
    words = list(dict.fromkeys(describe(member) for member in members if member is not type(None)))
    if "number" in words and "whole number" in words:
        words.remove("whole number")
    return " or ".join(words)


def _describe_model(model: type[BaseModel]) -> str:
    """A link to the model's section, written as authors write it: a model whose schema
    also takes a plain string (a milestone) is `text or {text, evidence}`."""
    link = f"(#{_anchor(model)})"
    if not _takes_text(model):
        return f"[{model.__name__}]{link}"
    return f"text or [`{{{', '.join(model.model_fields)}}}`]{link}"


def _takes_text(model: type[BaseModel]) -> bool:
    """Whether the model's own JSON Schema accepts a string in place of the mapping."""
    schema = model.model_json_schema()
    return any(branch.get("type") == "string" for branch in schema.get("anyOf", []))


def _flatten(metadata: list[Any]) -> list[Any]:
    """Metadata, with that of a nested `Field(...)` (as in `fields.Id`) spliced in."""
    flat: list[Any] = []
    for item in metadata:
        flat.append(item)
        if isinstance(item, FieldInfo):
            flat += item.metadata
    return flat


def _limits(metadata: list[Any]) -> str:
    words = []
    for item in _flatten(metadata):
        if isinstance(item, Gt):
            words.append(f"> {item.gt}")
        elif isinstance(item, Ge):
            words.append(f"≥ {item.ge}")
        elif isinstance(item, Lt):
            words.append(f"< {item.lt}")
        elif isinstance(item, Le):
            words.append(f"≤ {item.le}")
        elif isinstance(item, MinLen) and item.min_length > 0:
            words.append(f"at least {item.min_length}")
    return ", ".join(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m playbook_gen.read.schema")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite {FORMAT_DOC}")
    args = parser.parse_args(argv)
    if args.write_docs:
        FORMAT_DOC.write_text(format_reference(), encoding="utf-8")
        print(f"wrote {FORMAT_DOC}")
    else:
        print(format_reference(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What the content models declare, read from the models themselves.

The pydantic models are the single source of field facts; validation (did-you-mean),
checks and backlinks (which fields are Markdown or references, and to which kind), the
JSON Schema and the format reference all ask here instead of keeping their own field
lists. A field's kind is the `fields.FieldKind` marker in its declaration.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from playbook_gen.read.fields import AnyRef, FieldKind, LinkedText, MarkdownText, RefTo

Loc = tuple[str | int, ...]


def unwrap(annotation: Any) -> Any:
    """`Annotated[X, …]` → X; `X | None` → X (other unions are left as they are)."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def is_optional(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def element(annotation: Any) -> Any:
    """The item type of a list annotation, else `None`."""
    annotation = unwrap(annotation)
    if typing.get_origin(annotation) in (list, tuple, set, frozenset):
        return typing.get_args(annotation)[0]
    return None


def mapping_types(annotation: Any) -> tuple[Any, Any] | None:
    """The key and value types of a dict annotation, else `None`."""
    annotation = unwrap(annotation)
    if typing.get_origin(annotation) is dict:
        key, value = typing.get_args(annotation)
        return key, value
    return None


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc` (following fields and lists)."""
    current: Any = model
    for part in loc:
        mapping = mapping_types(current)
        if isinstance(part, int) and element(current) is not None:
            current = element(current)
        elif is_model(current) and part in current.model_fields:
            current = current.model_fields[str(part)].annotation
        elif mapping is not None:
            current = mapping[1]
        else:
            return None
        current = unwrap(current)
    return current if is_model(current) else None


def own_kind(annotation: Any, metadata: Iterable[Any] = ()) -> FieldKind | None:
    """The field kind declared on a type itself (also inside `X | None`), not on its items;
    of several (`Annotated[Id, RefTo("skill")]`), the outermost one."""
    found = [item for item in metadata if isinstance(item, FieldKind)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = members[0] if len(members) == 1 else annotation
    if typing.get_origin(annotation) is typing.Annotated:
        found += [item for item in typing.get_args(annotation)[1:] if isinstance(item, FieldKind)]
    return found[-1] if found else None


def field_kind(info: FieldInfo) -> FieldKind | None:
    """What a field holds, as itself or as each item of its list (`list of skill ids`)."""
    kind = own_kind(info.annotation, info.metadata)
    item = element(info.annotation)
    if kind is None and item is not None:
        kind = own_kind(item)
    return kind


@functools.cache
def field_kinds(model: type[BaseModel]) -> dict[str, FieldKind]:
    """The fields of `model` that declare a field kind, in declaration order."""
    kinds = {name: field_kind(info) for name, info in model.model_fields.items()}
    return {name: kind for name, kind in kinds.items() if kind is not None}


@functools.cache
def markdown_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Names of the Markdown fields of `model` (where `[[ref]]` links may appear)."""
    return tuple(
        name for name, kind in field_kinds(model).items() if isinstance(kind, MarkdownText)
    )


@functools.cache
def linked_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """Names of the fields of `model` whose text may hold `[[ref]]` links: Markdown, and
    plain text (`Text`, or a list of it) but not names."""
    return tuple(
        name
        for name, kind in field_kinds(model).items()
        if isinstance(kind, MarkdownText | LinkedText)
    )


def linked_texts(instance: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every text of one model instance where `[[ref]]` links may stand, with its loc."""
    for name in linked_fields(type(instance)):
        yield from _strings(getattr(instance, name), (*loc, name))


def references(instance: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, RefTo | AnyRef, str]]:
    """Every reference held by the reference fields of one model instance (not of the
    models inside it), with its loc and the field's kind."""
    for name, kind in field_kinds(type(instance)).items():
        if isinstance(kind, RefTo | AnyRef):
            for here, text in _strings(getattr(instance, name), (*loc, name)):
                yield here, kind, text


def _strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """A field's text, or each text of its list, with its loc."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*loc, i), item


@functools.cache
def may_refer_to(model: type[BaseModel], kind: str) -> bool:
    """Whether `model` or a model inside it has a field that may name an entity of `kind`."""
    for name, info in model.model_fields.items():
        found = field_kinds(model).get(name)
        if isinstance(found, AnyRef) or (isinstance(found, RefTo) and found.kind == kind):
            return True
        if any(may_refer_to(inner, kind) for inner in models_in(info.annotation)):
            return True
    return False


def typed_kinds(model: type[BaseModel]) -> frozenset[str]:
    """The kinds that a `RefTo` field of `model`, or of a model inside it, names."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        kind = field_kinds(model).get(name)
        if isinstance(kind, RefTo):
            found.add(kind.kind)
        for inner in models_in(info.annotation):
            if inner is not model:
                found |= typed_kinds(inner)
    return frozenset(found)


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type refers to (inside lists, mappings and optionals)."""
    if is_model(annotation):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += models_in(arg)
    return found


def field_at(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The declaration of the field that holds the value at `loc` (or one of its items)."""
    end = len(loc)
    while end and isinstance(loc[end - 1], int):
        end -= 1
    if not end:
        return None
    owner = model_at(model, loc[: end - 1])
    return owner.model_fields.get(str(loc[end - 1])) if owner is not None else None


def walk(
    instance: BaseModel, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[BaseModel, tuple[str | int, ...]]]:
    """Every model instance inside `instance` (itself first), with its loc in the data."""
    yield instance, loc
    for name in type(instance).model_fields:
        value = getattr(instance, name)
        if isinstance(value, BaseModel):
            yield from walk(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*loc, name, i))

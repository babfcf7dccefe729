"""What the content models declare, read from the models themselves.

The pydantic models are the single source of field facts; validation (did-you-mean),
checks (which fields are Markdown) and the format reference all ask here instead of
keeping their own field lists.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from playbook_gen.read import models


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


_MARKDOWN_METADATA = list(typing.get_args(models.Markdown)[1:])


def _annotated_metadata(annotation: Any) -> list[Any] | None:
    """The metadata of `Annotated[…]` (also inside `X | None`), else `None`."""
    if typing.get_origin(annotation) is typing.Annotated:
        return list(typing.get_args(annotation)[1:])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for member in typing.get_args(annotation):
            found = _annotated_metadata(member)
            if found is not None:
                return found
    return None


def is_markdown(info: FieldInfo) -> bool:
    """Whether a field is declared with the `models.Markdown` type (directly or optional)."""
    if info.annotation is str and info.metadata == _MARKDOWN_METADATA:
        return True
    return _annotated_metadata(info.annotation) == _MARKDOWN_METADATA


@functools.cache
def markdown_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names of the Markdown fields of `model` (where `[[ref]]` links may appear)."""
    return frozenset(name for name, info in model.model_fields.items() if is_markdown(info))


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

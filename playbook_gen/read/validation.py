"""Schema validation: a `SourceFile`'s values against its pydantic model, as diagnostics.

Every pydantic error becomes one diagnostic at the position of the value it is about (at
the key for an unknown field, at the enclosing mapping for a missing one), worded for an
author rather than a programmer, with `did you mean …?` for misspelt field names.
"""

from __future__ import annotations

import datetime
import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.fields import Identifier, RefTo, WebAddress
from playbook_gen.read.introspect import field_at, field_kind, model_at
from playbook_gen.read.source_file import Loc, SourceFile

M = TypeVar("M", bound=BaseModel)


def validate(source: SourceFile, model: type[M], log: DiagnosticLog) -> M | None:
    """The validated model, or `None` after logging every error in the file."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            report(source, model, error, log)
        return None


def report(
    source: SourceFile, model: type[BaseModel], error: ErrorDetails, log: DiagnosticLog
) -> None:
    """Log one pydantic error as a diagnostic at its place in the file."""
    loc, key_error = data_loc(source.data, error["loc"])
    kind = error["type"]
    if kind == "missing":
        name = loc[-1] if loc else ""
        log.error(source, loc, "schema.missing", f"required field '{name}' is missing")
    elif kind == "extra_forbidden":
        log.error(source, loc, "schema.unknown", _unknown_field(model, loc), key=True)
    elif key_error:
        log.error(
            source, loc, "schema.type", f"key {_describe(loc[-1])}: {_expected(kind)}", key=True
        )
    elif kind in _EXPECTED:
        log.error(source, loc, "schema.type", _type_message(kind, error["input"]))
    else:
        log.error(source, loc, "schema.value", _value_message(error, field_at(model, loc)))


def data_loc(data: Any, loc: tuple[int | str, ...]) -> tuple[Loc, bool]:
    """Map a pydantic `loc` onto the data tree: drop union and tag segments.

    A segment that names a key or index present in the data is followed; a missing or
    unknown field can only be the last segment; anything else is a union member or a
    tagged-union tag that pydantic adds. Returns the loc and whether the error is about
    a mapping key (pydantic's `[key]` segment).
    """
    result: list[str | int] = []
    node: Any = data
    for i, part in enumerate(loc):
        if part == "[key]":
            return tuple(result), True
        key = _key_in(node, part)
        if key is not _ABSENT:
            node = node[key]
            result.append(key)
        elif isinstance(node, dict) and i == len(loc) - 1:
            result.append(part)  # a missing field
    return tuple(result), False


_ABSENT = object()


def _key_in(node: Any, part: int | str) -> Any:
    """The key or index of `node` that `part` names (pydantic turns `"1"` keys into 1)."""
    if isinstance(node, dict):
        if part in node:
            return part
        for key in node:
            if str(key) == str(part):
                return key
    elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return part
    return _ABSENT


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    name = str(loc[-1]) if loc else ""
    message = f"unknown field '{name}'"
    owner = model_at(model, loc[:-1])
    if owner is not None:
        close = difflib.get_close_matches(name, list(owner.model_fields), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{close[0]}'?"
    return message


_EXPECTED = {
    "string_type": "text",
    "string_sub_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "set_type": "a list",
    "dict_type": "a mapping of 'key: value' lines",
    "model_type": "a mapping of 'key: value' lines",
    "model_attributes_type": "a mapping of 'key: value' lines",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD",
    "none_required": "nothing",
}


def _expected(kind: str) -> str:
    return f"expected {_EXPECTED.get(kind, 'another kind of value')}"


def _type_message(kind: str, value: Any) -> str:
    message = f"{_expected(kind)}, got {_describe(value)}"
    if kind in ("string_type", "string_sub_type") and _is_scalar(value):
        message += " (put it in quotes to make it text)"
    return message


def _is_scalar(value: Any) -> bool:
    return isinstance(value, bool | int | float | datetime.date) or value is None


def _describe(value: Any) -> str:
    """A value as an author would name it: `a list`, `the number 3`, `'text'`."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{_shorten(str(value))}'"


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_ID_HELP = (
    "use lowercase letters, digits and hyphens, starting with a letter or digit, "
    "at most 64 characters"
)


def _value_message(error: ErrorDetails, field: FieldInfo | None) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error["input"]
    if kind == "string_pattern_mismatch":
        # What the value should look like comes from the field's kind (`Id`, `HttpUrl`).
        declared = field_kind(field) if field is not None else None
        if isinstance(declared, Identifier | RefTo):
            extra = f" (it has {len(value)} characters)" if len(str(value)) > 64 else ""
            return f"{_describe(value)} is not a valid id{extra}: {_ID_HELP}"
        if isinstance(declared, WebAddress):
            return f"{_describe(value)} is not a web address starting with http:// or https://"
        return f"{_describe(value)} does not have the expected form ({ctx.get('pattern')})"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, not {_describe(value)}"
    if kind == "too_short":
        if isinstance(value, str):
            return "must not be empty"
        count = ctx.get("min_length", 1)
        return f"needs at least {count} item{'s' if count != 1 else ''}"
    if kind == "too_long":
        return f"is too long: at most {ctx.get('max_length')}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"must be {words} {_number(ctx.get(key))}, not {_describe(value)}"
    if kind in ("value_error", "assertion_error"):
        reason = ctx.get("error")
        return str(reason) if reason else error["msg"]
    message = error["msg"]
    return message[:1].lower() + message[1:]


_BOUNDS = {
    "greater_than": ("greater than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}


def _number(value: Any) -> str:
    """`1.0` → `1`: bounds are declared as numbers but read best as written."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

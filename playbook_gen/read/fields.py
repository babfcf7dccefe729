"""The building blocks of the content models: base models, field types and field kinds.

A field kind (Markdown, URL, id, a reference to one kind of entity or to any) is a marker
object in the field's `Annotated[…]` metadata, declared where the field is. Checks,
backlinks, the JSON Schema and the format reference find a field's kind by the marker's
type (`introspect.field_kind`), so none of them keeps its own list of fields.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
ID_RE = re.compile(ID_PATTERN)
URL_PATTERN = r"^https?://[^\s]+$"


# ---------------------------------------------------------------- field kinds


@dataclass(frozen=True)
class FieldKind:
    """Base of the markers. Each says, in authors' words and in JSON Schema keywords,
    what a value of its kind is; pydantic adds the keywords to the generated schema."""

    def words(self, plural: bool = False) -> str:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        return {}

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema.update(self.json_schema())
        return schema


@dataclass(frozen=True)
class MarkdownText(FieldKind):
    """Markdown, rendered and sanitised; may hold `[[kind:id]]` links (which are checked)."""

    def words(self, plural: bool = False) -> str:
        return "Markdown"

    def json_schema(self) -> dict[str, Any]:
        return {"contentMediaType": "text/markdown"}


@dataclass(frozen=True)
class WebAddress(FieldKind):
    """An http or https URL."""

    def words(self, plural: bool = False) -> str:
        return "URLs (http or https)" if plural else "URL (http or https)"

    def json_schema(self) -> dict[str, Any]:
        return {"format": "uri"}


@dataclass(frozen=True)
class Identifier(FieldKind):
    """The id of the entity that declares it."""

    def words(self, plural: bool = False) -> str:
        return "ids" if plural else "id"


@dataclass(frozen=True)
class RefTo(FieldKind):
    """A bare id of an entity of one kind (`RefTo("skill")`): checked to exist, and
    shown in reverse on the target's page ("used by")."""

    kind: str

    def words(self, plural: bool = False) -> str:
        return f"{self.kind} ids" if plural else f"{self.kind} id"

    def json_schema(self) -> dict[str, Any]:
        return {"x-ref-kind": self.kind, "description": f"The id of a {self.kind}."}


@dataclass(frozen=True)
class AnyRef(FieldKind):
    """A reference to an entity of any kind, `kind:id`, or a bare area name (`values`)."""

    def words(self, plural: bool = False) -> str:
        return "references" if plural else "reference"

    def json_schema(self) -> dict[str, Any]:
        return {
            "x-ref-kind": "*",
            "description": "A reference: `kind:id` (such as `skill:negotiation`) or the "
            "name of an area (such as `values`).",
        }


@dataclass(frozen=True)
class LinkedText(FieldKind):
    """Plain text that may hold `[[kind:id]]` links (checked, and shown as links): a
    milestone can say `ICP score ≥ [[fact:icp-threshold]]`. Names of things are `Name`."""

    def words(self, plural: bool = False) -> str:
        return "text"  # uncountable, as authors say it: "list of text"


MARKDOWN = MarkdownText()
LINKED_TEXT = LinkedText()
URL = WebAddress()
IDENTIFIER = Identifier()
ANY_REF = AnyRef()


# ---------------------------------------------------------------- field types


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


@dataclass(frozen=True)
class NotBlankSchema:
    """`_not_blank` in the JSON Schema (`pattern: \\S`, some visible character), so an
    editor or check-jsonschema rejects `title: "   "` as `validate` does. Not a field
    kind: only the schema changes."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema["pattern"] = r"\S"
        return schema


NOT_BLANK = NotBlankSchema()


Id = Annotated[
    str,
    Field(
        description="Identifier used in URLs and references: lowercase letters, digits and "
        "hyphens, starting with a letter or digit, at most 64 characters.",
        pattern=ID_PATTERN,
    ),
    IDENTIFIER,
]


class TextWithLinks(str):
    """A value of a `Text` field: the renderer resolves its `[[ref]]` links, where a
    `Name` (a plain `str`) is always shown exactly as written."""

    __slots__ = ()


Name = Annotated[str, StringConstraints(strict=True), AfterValidator(_not_blank), NOT_BLANK]
"""The name of a thing (a title, a term, a question, a label): plain text, never HTML,
shown escaped and exactly as written."""
Text = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_not_blank),
    AfterValidator(TextWithLinks),
    LINKED_TEXT,
    NOT_BLANK,
]
"""Plain text: never HTML, shown escaped; `[[kind:id]]` in it is a checked link."""
Markdown = Annotated[str, StringConstraints(strict=True), MARKDOWN]
"""Markdown, rendered and sanitised; may contain `[[kind:id]]` links."""
TextList = list[Text]
HttpUrl = Annotated[str, StringConstraints(strict=True, pattern=URL_PATTERN), URL]
AnyRefText = Annotated[Name, ANY_REF]
"""`kind:id` or an area name (`see: [skill:negotiation, values]`)."""


# ---------------------------------------------------------------- base models


class Model(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced
    from other types (a list is never silently accepted where text belongs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Kept(Model):
    """Who keeps a thing and when it was last reviewed: optional on every entity."""

    owner: Name | None = Field(
        None, description="Who keeps this up to date; falls back to the playbook's owner."
    )
    last_reviewed: datetime.date | None = Field(
        None, description="Date of the last review, YYYY-MM-DD."
    )
    tags: list[Name] = Field(default_factory=list, description="Free labels.")

    @field_validator("last_reviewed", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        if isinstance(value, datetime.datetime):
            raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
        if isinstance(value, str):
            # A quoted date ("2026-05-01") is still a date; YAML only unquotes real ones.
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError("must be a date written YYYY-MM-DD")
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value}' is not a date in the calendar") from None
        return value


class EntityFields(Kept):
    """Fields shared by every list item that has an id (each gets an anchor or a page).

    Questions (foundational and worksheet) name themselves by `question` or `text`
    instead of `title`, so the title lives in `Entity` below.
    """

    id: Id
    summary: Text | None = Field(None, description="One-paragraph summary (plain text).")
    body: Markdown | None = Field(None, description="Longer explanation (Markdown).")


class Entity(EntityFields):
    """An entity with a display title."""

    title: Name = Field(description="Display title (plain text).")

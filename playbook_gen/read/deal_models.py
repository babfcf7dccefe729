"""Models of the deal-execution areas: buying roles, objections, customer stories,
competitors, deal forms and facts — the material a rep runs a deal with.

Kept apart from `models.py` (the house's foundation and pillars) so each file stays one
idea; `FILE_MODELS` in `models.py` registers them like every other file.
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from playbook_gen.read.fields import Entity, Id, Markdown, Model, Name, RefTo, Text, TextList

StoryRef = Annotated[Id, RefTo("story")]
ObjectionRef = Annotated[Id, RefTo("objection")]
StageRef = Annotated[Id, RefTo("stage")]


# ---------------------------------------------------------------- buyers.yml


class Role(Entity):
    """A buying role (kind `role`): a person in the buying decision and what wins them."""

    typical_titles: TextList = Field(default_factory=list, description="Job titles that hold it.")
    cares_about: TextList = Field(default_factory=list, description="What this role cares about.")
    questions_to_ask: TextList = Field(default_factory=list, description="Questions to ask them.")
    win_with: TextList = Field(
        default_factory=list, description="What this role must see to say yes."
    )
    objections: list[ObjectionRef] = Field(
        default_factory=list, description="Objections this role often raises."
    )


class BuyersFile(Model):
    """`buyers.yml`: the people in a buying decision."""

    summary: Markdown | None = Field(None, description="Introduction to the buying roles.")
    roles: list[Role] = Field(default_factory=list, description="The buying roles.")


# ---------------------------------------------------------------- objections.yml


class Objection(Entity):
    """An objection (kind `objection`): `title` is what the customer says."""

    meaning: Text | None = Field(None, description="What usually lies behind it.")
    response: Markdown = Field(description="How to respond (Markdown).")
    stages: list[StageRef] = Field(default_factory=list, description="Stages where it is met.")
    stories: list[StoryRef] = Field(default_factory=list, description="Stories that answer it.")


class ObjectionsFile(Model):
    """`objections.yml`: the objection library."""

    summary: Markdown | None = Field(None, description="Introduction to the objections.")
    objections: list[Objection] = Field(default_factory=list, description="The objections.")


# ---------------------------------------------------------------- proof.yml


class StoryResult(Model):
    """A measured result of a customer story."""

    metric: Text = Field(description="What was measured.")
    before: Text = Field(description="The value before.")
    after: Text = Field(description="The value after.")


class Story(Entity):
    """A customer story (kind `story`) with measured results."""

    customer: Text | None = Field(None, description="The customer.")
    industry: Text | None = Field(None, description="The customer's industry.")
    problem: Text | None = Field(None, description="The problem they had.")
    results: list[StoryResult] = Field(default_factory=list, description="Before and after.")
    quote: Text | None = Field(None, description="What the customer said.")
    public: bool = Field(
        False, description="The customer may be named outside the company only when true."
    )


class ProofFile(Model):
    """`proof.yml`: customer stories."""

    summary: Markdown | None = Field(None, description="Introduction to the stories.")
    stories: list[Story] = Field(default_factory=list, description="The stories.")


# ---------------------------------------------------------------- competition.yml


class Competitor(Entity):
    """A competitor's battlecard (kind `competitor`); the status quo is one too."""

    kind: Literal["vendor", "status-quo", "in-house"] = Field(
        "vendor", description="`vendor`, `status-quo` or `in-house`."
    )
    strengths: TextList = Field(default_factory=list, description="Where they are strong.")
    weaknesses: TextList = Field(default_factory=list, description="Where they are weak.")
    landmines: TextList = Field(
        default_factory=list, description="Questions that expose their weaknesses."
    )
    how_we_win: Markdown | None = Field(None, description="How we win against them (Markdown).")
    stories: list[StoryRef] = Field(default_factory=list, description="Stories won against them.")


class CompetitionFile(Model):
    """`competition.yml`: battlecards."""

    summary: Markdown | None = Field(None, description="Introduction to the competition.")
    competitors: list[Competitor] = Field(default_factory=list, description="The competitors.")


# ---------------------------------------------------------------- forms/*.yml

FieldKind = Literal["text", "long-text", "date", "number", "choice", "check", "table"]


class FormField(Model):
    """A field of a deal form."""

    id: Id
    label: Name = Field(description="What the field asks (plain text).")
    kind: FieldKind = Field("text", description="The kind of control.")
    help: Text | None = Field(None, description="A hint shown under the field.")
    required: bool = Field(False, description="Whether it must be filled in.")
    options: list[Name] = Field(default_factory=list, description="Choices of a `choice` field.")
    columns: list[Name] = Field(default_factory=list, description="Columns of a `table` field.")
    rows: int = Field(5, ge=1, le=200, description="Empty rows of a `table` field.")

    @model_validator(mode="after")
    def _kind_needs(self) -> FormField:
        if self.kind == "choice" and not self.options:
            raise ValueError("a choice field needs options")
        if self.kind == "table" and not self.columns:
            raise ValueError("a table field needs columns")
        return self


class FormSection(Model):
    """A titled group of fields."""

    title: Name = Field(description="Title of the section.")
    fields: list[FormField] = Field(min_length=1, description="The fields.")


class Form(Entity):
    """`forms/<id>.yml`: a fillable deal form (kind `form`)."""

    purpose: Text | None = Field(None, description="What the form is for.")
    stages: list[StageRef] = Field(default_factory=list, description="Stages that use it.")
    sections: list[FormSection] = Field(min_length=1, description="Sections of fields.")


# ---------------------------------------------------------------- facts.yml


class Fact(Entity):
    """A fact (kind `fact`): a figure stated once and cited as `[[fact:id]]`."""

    value: Text | int | float = Field(description="The value (text or number).")
    unit: Text | None = Field(None, description="Its unit.")

    @field_validator("value", mode="before")
    @classmethod
    def _text_or_finite_number(cls, value: object) -> object:
        if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
            raise ValueError("must be text or a finite number")
        return value


class FactsFile(Model):
    """`facts.yml`: the numbers and definitions the playbook states once."""

    summary: Markdown | None = Field(None, description="Introduction to the facts.")
    facts: list[Fact] = Field(default_factory=list, description="The facts.")

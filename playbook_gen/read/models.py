"""Typed models of every content file: the contract of CONTENT_MODEL.md in code.

Each model forbids unknown fields (so typos are caught with a suggestion) and documents
every field where it is declared; `schema.py` turns these descriptions into the JSON
Schema and the authors' format reference, so they are the single source of field facts.
A reference field says the kind it names where it is declared (`RefTo("skill")`); the
base models, field types and field kinds are in `fields.py`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from playbook_gen.read import deal_models
from playbook_gen.read.fields import (
    AnyRefText,
    Entity,
    EntityFields,
    HttpUrl,
    Id,
    Kept,
    Markdown,
    Model,
    Name,
    RefTo,
    Text,
    TextList,
)

# ---------------------------------------------------------------- playbook.yml


class PlaybookMeta(Model):
    """`playbook.yml`: the playbook's identity."""

    name: Name = Field(description="Name of the playbook, shown as the site name.")
    language: Literal["zh", "en"] = Field(
        "en", description="Language of the content and of the generated labels."
    )
    summary: Text | None = Field(None, description="One-paragraph summary for the home page.")
    company: Text | None = Field(None, description="Company name.")
    owner: Text | None = Field(None, description="Default owner of every entity.")
    review_every_days: int = Field(
        180, gt=0, description="Entities reviewed longer ago than this get a warning."
    )


# ---------------------------------------------------------------- values.yml


class Question(EntityFields):
    """A foundational question: `question` replaces `title`."""

    question: Name = Field(description="The question the company must answer.")
    answer: Markdown = Field(description="The company's answer (Markdown).")
    implications: TextList = Field(
        default_factory=list, description="What follows from the answer in daily work."
    )

    @property
    def title(self) -> str:
        return self.question


class Principle(Entity):
    """A principle (kind `principle`, ids unique across values, management, relationships)."""


class AntiPattern(Model):
    """A belief the company rejects."""

    title: Name = Field(description="The rejected belief.")
    why: Text = Field(description="Why it is rejected.")


class ValuesFile(Model):
    """`values.yml`: the foundation — the company's sales values."""

    summary: Markdown | None = Field(None, description="Introduction to the foundation.")
    questions: list[Question] = Field(
        default_factory=list, description="The foundational questions and their answers."
    )
    principles: list[Principle] = Field(default_factory=list, description="Sales principles.")
    anti_patterns: list[AntiPattern] = Field(
        default_factory=list, description="Beliefs the company rejects."
    )


# ---------------------------------------------------------------- process.yml


class BuyingStep(Entity):
    """A step of the customer's buying process (kind `step`)."""

    buyer_actions: TextList = Field(
        default_factory=list, description="What the buyer does in this step."
    )


class Task(Model):
    """A task of a stage, with the skills and tools it needs."""

    title: Name = Field(description="What to do.")
    skills: list[Annotated[Id, RefTo("skill")]] = Field(
        default_factory=list, description="Ids of the skills it needs."
    )
    tools: list[Annotated[Id, RefTo("tool")]] = Field(
        default_factory=list, description="Ids of the tools it uses."
    )
    forms: list[Annotated[Id, RefTo("form")]] = Field(
        default_factory=list, description="Ids of the deal forms it fills in."
    )
    body: Markdown | None = Field(None, description="How to do it (Markdown).")


class Milestone(Model):
    """An exit criterion: a verifiable outcome, and what proves it. Written as plain text
    when nothing more is needed (`- Customer confirmed the problem`)."""

    text: Text = Field(description="The outcome, a customer action that can be checked.")
    evidence: Text | None = Field(
        None, description="What proves it (a signed summary, an email from the customer)."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"text": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        """Either form validates, so the schema says so (`anyOf` text or mapping)."""
        mapping = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [{"type": "string", "minLength": 1, "pattern": r"\S"}, mapping]}


class Stage(Entity):
    """A stage of the sales process (kind `stage`)."""

    goal: Text | None = Field(None, description="What the stage is for.")
    buyer_step: Annotated[Id, RefTo("step")] | None = Field(
        None, description="Id of the buying-process step this stage serves."
    )
    entry_criteria: TextList = Field(
        default_factory=list, description="What must be true to enter the stage."
    )
    exit_criteria: list[Milestone] = Field(
        min_length=1,
        description="Milestones: verifiable outcomes that end the stage (at least one), each "
        "text or `{text, evidence}`.",
    )
    key_behaviors: TextList = Field(
        default_factory=list, description="Behaviours that make the stage succeed."
    )
    tasks: list[Task] = Field(default_factory=list, description="Tasks of the stage.")
    typical_days: int | None = Field(None, gt=0, description="Typical length in days.")
    win_probability: int | None = Field(
        None, ge=0, le=100, description="Chance of winning a deal in this stage, in percent."
    )
    max_days: int | None = Field(
        None, gt=0, description="A deal longer in the stage than this is stalled."
    )
    forecast: Annotated[Id, RefTo("forecast")] | None = Field(
        None, description="Id of the forecast category of a deal in this stage."
    )
    crm_fields: TextList = Field(
        default_factory=list, description="The key CRM fields a rep fills in at this stage."
    )


class ProcessFile(Model):
    """`process.yml`: the buying process and the sales process built from it."""

    summary: Markdown | None = Field(None, description="Introduction to the process.")
    buying_process: list[BuyingStep] = Field(
        default_factory=list, description="Ordered steps by which the customer buys."
    )
    stages: list[Stage] = Field(
        default_factory=list, description="Ordered stages of the sales process."
    )


# ---------------------------------------------------------------- skills/*.yml


class Technique(Model):
    """A technique of a skill."""

    title: Name = Field(description="Name of the technique.")
    body: Markdown | None = Field(None, description="How it works (Markdown).")


class Skill(Entity):
    """`skills/<id>.yml`: one sales skill (kind `skill`)."""

    category: Text | None = Field(None, description="Category that groups skills in the index.")
    techniques: list[Technique] = Field(default_factory=list, description="Techniques.")
    questions_to_ask: TextList = Field(default_factory=list, description="Questions to ask.")
    common_mistakes: TextList = Field(default_factory=list, description="Common mistakes.")
    practice: TextList = Field(default_factory=list, description="Practice exercises.")


# ---------------------------------------------------------------- tools.yml


class Tool(Entity):
    """A tool (kind `tool`)."""

    purpose: Text | None = Field(None, description="What the tool is for.")
    url: HttpUrl | None = Field(None, description="Where to find it (http or https URL).")


class ToolsFile(Model):
    """`tools.yml`: the tools salespeople use."""

    summary: Markdown | None = Field(None, description="Introduction to the tools.")
    tools: list[Tool] = Field(default_factory=list, description="The tools.")


# ---------------------------------------------------------------- strategy.yml


class Lever(Entity):
    """A strategy lever (kind `lever`): a way to win more with less."""

    tactics: TextList = Field(default_factory=list, description="Tactics that pull the lever.")
    metrics: list[Annotated[Id, RefTo("metric")]] = Field(
        default_factory=list, description="Ids of the metrics that show it working."
    )


class Play(Entity):
    """A situational play (kind `play`)."""

    when: Text | None = Field(None, description="The situation the play is for.")
    steps: TextList = Field(default_factory=list, description="Steps of the play.")
    stages: list[Annotated[Id, RefTo("stage")]] = Field(
        default_factory=list, description="Ids of the stages it applies to."
    )


class StrategyFile(Model):
    """`strategy.yml`: shorter cycles, higher win rates, resources where they pay."""

    summary: Markdown | None = Field(None, description="Introduction to the strategy.")
    levers: list[Lever] = Field(default_factory=list, description="The levers.")
    plays: list[Play] = Field(default_factory=list, description="The plays.")


# ---------------------------------------------------------------- management.yml


class Metric(Entity):
    """A metric (kind `metric`): core metrics are managed by, vanity ones are not."""

    kind: Literal["core", "vanity"] = Field(
        description="`core`: managed by; `vanity`: the company chooses not to manage by it."
    )
    formula: Text | None = Field(None, description="How it is computed.")
    target: Text | None = Field(None, description="The target value.")
    why: Text | None = Field(None, description="Why it matters, or why it is not managed by.")


class Cadence(Entity):
    """A management cadence (kind `cadence`), such as a weekly pipeline review."""

    frequency: Text | None = Field(None, description="How often it happens.")
    agenda: TextList = Field(default_factory=list, description="Agenda items.")
    metrics: list[Annotated[Id, RefTo("metric")]] = Field(
        default_factory=list, description="Ids of the metrics reviewed."
    )


class ForecastCategory(Entity):
    """A forecast category (kind `forecast`): what a deal must show to be forecast in it."""

    definition: Text | None = Field(
        None, description="What a deal must show to be forecast in this category."
    )


class ApprovalRule(Model):
    """One row of an approval table: in this case, this person approves."""

    when: Text = Field(description="The case (a discount over 10 %, payment after 90 days).")
    approver: Text = Field(description="Who approves it.")


class Approval(Entity):
    """An approval (kind `approval`): who may approve what."""

    rules: list[ApprovalRule] = Field(
        default_factory=list, description="Who approves in which case, in order."
    )


class ManagementFile(Model):
    """`management.yml`: management as a service, managed by core metrics."""

    summary: Markdown | None = Field(None, description="Introduction to sales management.")
    principles: list[Principle] = Field(default_factory=list, description="Management principles.")
    metrics: list[Metric] = Field(default_factory=list, description="Metrics.")
    cadences: list[Cadence] = Field(default_factory=list, description="Cadences.")
    forecast_categories: list[ForecastCategory] = Field(
        default_factory=list, description="Ordered forecast categories (pipeline … commit)."
    )
    approvals: list[Approval] = Field(
        default_factory=list, description="Who may approve discounts, terms and clauses."
    )


# ---------------------------------------------------------------- relationships.yml


class Tier(Entity):
    """A customer tier (kind `tier`)."""

    criteria: TextList = Field(default_factory=list, description="Which customers belong here.")
    cadence: Text | None = Field(None, description="How often we meet them.")
    success_plan: TextList = Field(
        default_factory=list, description="What we do for their success."
    )


class HealthSignal(Model):
    """A sign that a customer relationship is healthy or at risk."""

    title: Name = Field(description="The signal.")
    kind: Literal["positive", "negative"] = Field(description="`positive` or `negative`.")


class RelationshipsFile(Model):
    """`relationships.yml`: shared interest and customer success."""

    summary: Markdown | None = Field(None, description="Introduction to customer relationships.")
    principles: list[Principle] = Field(
        default_factory=list, description="Relationship principles."
    )
    tiers: list[Tier] = Field(default_factory=list, description="Customer tiers.")
    health_signals: list[HealthSignal] = Field(default_factory=list, description="Health signals.")


# ---------------------------------------------------------------- diagnostics/*.yml


class Scale(Model):
    """The answer scale of a worksheet: whole numbers from `min` to `max`."""

    min: int = Field(description="Lowest answer.")
    max: int = Field(description="Highest answer (greater than `min`).")
    labels: dict[int, Name] = Field(
        default_factory=dict,
        description="Labels of some or all values.",
        # keys are whole numbers; in JSON (and to check-jsonschema) they are text
        json_schema_extra={"propertyNames": {"pattern": r"^-?[0-9]+$"}},
    )

    @field_validator("labels", mode="before")
    @classmethod
    def _numeric_keys(cls, value: object) -> object:
        """Accept quoted keys (`"1": poor`, as JSON writes them) for the whole numbers
        they spell; anything else stays as it is and fails as a key of the wrong type."""
        if not isinstance(value, dict):
            return value
        return {
            int(key) if isinstance(key, str) and re.fullmatch(r"-?\d+", key) else key: label
            for key, label in value.items()
        }


class WorksheetQuestion(EntityFields):
    """A question of a worksheet: `text` replaces `title`."""

    text: Name = Field(description="The question.")
    weight: float = Field(
        1,
        gt=0,
        le=1_000_000,
        allow_inf_nan=False,
        description="Weight in the score (default 1).",
    )
    see: list[AnyRefText] = Field(
        default_factory=list, description="References (`kind:id` or an area) to read."
    )
    knockout: bool = Field(
        False,
        description="When answered with the scale's `min`, the worksheet's band is the "
        "lowest band (the one from 0), whatever the score.",
    )

    @field_validator("weight", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number greater than 0")
        return value

    @property
    def title(self) -> str:
        return self.text


class Section(Entity):
    """A section of a worksheet; its score is shown next to the total."""

    questions: list[WorksheetQuestion] = Field(
        min_length=1, description="The questions of the section."
    )
    advice: Markdown | None = Field(
        None, description="What to do when this section scores lowest (Markdown)."
    )


class Band(Model):
    """A band of the total score in percent: `min ≤ score < max` (100 falls in the last)."""

    min: float = Field(ge=0, le=100, description="Lower bound, included.")
    max: float = Field(ge=0, le=100, description="Upper bound, excluded (except 100).")
    label: Name = Field(description="Name of the band.")
    advice: Markdown | None = Field(None, description="What to do with this score (Markdown).")


class Worksheet(Entity):
    """`diagnostics/<id>.yml`: a scored diagnostic worksheet (kind `diagnostic`)."""

    audience: Text | None = Field(None, description="Who fills it in.")
    instructions: Markdown | None = Field(None, description="How to fill it in (Markdown).")
    scale: Scale = Field(description="The answer scale.")
    sections: list[Section] = Field(min_length=1, description="Sections of questions.")
    bands: list[Band] = Field(
        min_length=1, description="Bands covering 0 to 100 with no gap and no overlap."
    )
    stages: list[Annotated[Id, RefTo("stage")]] = Field(
        default_factory=list, description="Ids of the stages where it is meant to be used."
    )


# ---------------------------------------------------------------- onboarding.yml


class OnboardingStep(Model):
    """A step of an onboarding path."""

    title: Name = Field(description="What the step is.")
    week: int = Field(ge=1, description="Week of the path, from 1.")
    read: list[AnyRefText] = Field(default_factory=list, description="References to read.")
    do: TextList = Field(default_factory=list, description="What to do.")
    checkpoint: Text | None = Field(None, description="How the step is checked.")


class OnboardingPath(Entity):
    """An onboarding path (kind `path`)."""

    steps: list[OnboardingStep] = Field(default_factory=list, description="The steps.")


class OnboardingFile(Model):
    """`onboarding.yml`: onboarding paths."""

    summary: Markdown | None = Field(None, description="Introduction to onboarding.")
    paths: list[OnboardingPath] = Field(default_factory=list, description="The paths.")


# ---------------------------------------------------------------- glossary.yml


class Term(Kept):
    """A glossary term; with an `id` it is an entity (kind `term`) others may refer to,
    and like every entity it may name its owner and last review."""

    id: Id | None = Field(None, description="Makes the term referable as `term:<id>`.")
    term: Name = Field(description="The term (unique).")
    definition: Text = Field(description="What it means.")
    aliases: list[Name] = Field(default_factory=list, description="Other names for it.")

    @property
    def title(self) -> str:
        return self.term


class GlossaryFile(Model):
    """`glossary.yml`: the playbook's vocabulary."""

    summary: Markdown | None = Field(None, description="Introduction to the glossary.")
    terms: list[Term] = Field(default_factory=list, description="The terms.")


# ---------------------------------------------------------------- registry


FILE_MODELS: dict[str, type[Model]] = {
    "playbook.yml": PlaybookMeta,
    "values.yml": ValuesFile,
    "process.yml": ProcessFile,
    "skills/*.yml": Skill,
    "tools.yml": ToolsFile,
    "strategy.yml": StrategyFile,
    "management.yml": ManagementFile,
    "relationships.yml": RelationshipsFile,
    "diagnostics/*.yml": Worksheet,
    "onboarding.yml": OnboardingFile,
    "glossary.yml": GlossaryFile,
    "buyers.yml": deal_models.BuyersFile,
    "objections.yml": deal_models.ObjectionsFile,
    "proof.yml": deal_models.ProofFile,
    "competition.yml": deal_models.CompetitionFile,
    "forms/*.yml": deal_models.Form,
    "facts.yml": deal_models.FactsFile,
}
"""Which model reads which file of a playbook folder (glob patterns inside the folder)."""

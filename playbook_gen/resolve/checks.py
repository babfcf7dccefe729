"""Cross-file rules: what no single file's schema can see.

Ids unique per kind, every reference resolving (typed fields, `kind:id` fields and
`[[ref]]` links in Markdown), worksheet scales and bands, glossary terms; and warnings
that never fail a build unless asked to (unused skills, stale reviews). Each rule has its
own diagnostic code and reports at the exact place of the problem.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from playbook_gen.diagnostics import Diagnostic, DiagnosticLog, field_path
from playbook_gen.read import models
from playbook_gen.read.config import Limits
from playbook_gen.read.deal_models import Form
from playbook_gen.read.fields import RefTo
from playbook_gen.read.introspect import (
    linked_texts,
    markdown_fields,
    may_refer_to,
    references,
    typed_kinds,
    walk,
)
from playbook_gen.read.models import FILE_MODELS
from playbook_gen.read.source_file import Loc, SourceFile
from playbook_gen.resolve.backlinks import Backlinks, build_backlinks
from playbook_gen.resolve.playbook import Loaded, Playbook
from playbook_gen.resolve.references import (
    WIKI_LINK,
    EntityIndex,
    Entry,
    RefSyntaxError,
    build_index,
    entities_of,
    kinds_in_file,
    parse_ref,
)

RESERVED_SECTION_IDS = frozenset({"total"})
"""`data-score="total"` is the worksheet's total score, so no section may be called that."""


@dataclass(frozen=True)
class Resolved:
    """What the checks built and the renderers reuse: the entity index and backlinks."""

    index: EntityIndex
    backlinks: Backlinks


def run_checks(
    playbook: Playbook,
    log: DiagnosticLog,
    limits: Limits | None = None,
    *,
    today: datetime.date | None = None,
) -> Resolved:
    """Run every cross-file rule; return the index and backlinks (renderers reuse them)."""
    index = build_index(playbook)
    backlinks = build_backlinks(playbook)
    limits = limits or Limits()
    _entity_limit(index, log, limits)
    _markdown_limit(playbook, log, limits)
    _duplicate_ids(index, log)
    _file_names(playbook, log)
    for sheet in playbook.worksheets:
        _worksheet(sheet, log, limits)
    for form in playbook.forms:
        _form(form, log)
    _references(playbook, index, log)
    _glossary(playbook, log)
    _unused(playbook, backlinks, log)
    _stages(playbook, log)
    _stale_reviews(playbook, log, today or datetime.date.today())
    return Resolved(index, backlinks)


# ---------------------------------------------------------------- ids


def _entity_limit(index: EntityIndex, log: DiagnosticLog, limits: Limits) -> None:
    entries = list(index.entries.values()) + [second for _, second in index.duplicates]
    if len(entries) > limits.max_entities:
        extra = entries[limits.max_entities]
        log.error(
            extra.source,
            (*extra.loc, "id"),
            "limit.entities",
            f"the playbook has {len(entries)} entities; the limit is {limits.max_entities}",
        )


def _markdown_limit(playbook: Playbook, log: DiagnosticLog, limits: Limits) -> None:
    """Rendering is linear in a Markdown field's length, but hostile shapes (runs of `[`,
    unclosed tags) cost up to ~15 s a megabyte: cap each field, not just each file."""
    for loaded in playbook.loaded_files():
        for instance, loc in walk(loaded.model):
            for name in markdown_fields(type(instance)):
                value = getattr(instance, name)
                if isinstance(value, str) and len(value) > limits.max_markdown_chars:
                    log.error(
                        loaded.source,
                        (*loc, name),
                        "limit.markdown",
                        f"Markdown field of {len(value)} characters; the limit is "
                        f"{limits.max_markdown_chars}",
                    )


def _duplicate_ids(index: EntityIndex, log: DiagnosticLog) -> None:
    for first, second in index.duplicates:
        kind, ident = second.target.kind, second.target.id
        log.error(
            second.source,
            (*second.loc, "id"),
            "id.duplicate",
            f"duplicate {kind} id '{ident}' (first at {_where(first, second.source)})",
        )


def _where(first: Entry, here: SourceFile) -> str:
    line, column = first.source.position((*first.loc, "id"))
    if first.source is here:
        return f"line {line}"
    return f"{first.source.path}:{line}:{column}"


def _file_names(playbook: Playbook, log: DiagnosticLog) -> None:
    """A skill or worksheet lives in `<id>.yml`, so its file is easy to find."""
    entities: list[Loaded[models.Skill] | Loaded[models.Worksheet]] = [
        *playbook.skills,
        *playbook.worksheets,
    ]
    for loaded in entities:
        ident, source = loaded.model.id, loaded.source
        stem = source.rel.rpartition("/")[2].removesuffix(".yml")
        if stem != ident:
            log.warning(
                source,
                ("id",),
                "id.filename",
                f"the id '{ident}' differs from the file name '{stem}.yml'; "
                f"rename the file to '{ident}.yml' or change the id",
            )


# ---------------------------------------------------------------- worksheets


class _UniqueWithin:
    """Ids unique within one file of their own (a worksheet's questions, a form's fields),
    not across the playbook: answers and saved forms name them by id."""

    def __init__(self, source: SourceFile, log: DiagnosticLog, where: str) -> None:
        self.source, self.log, self.where = source, log, where
        self.seen: dict[tuple[str, str], Loc] = {}

    def __call__(self, kind: str, ident: str, loc: Loc) -> None:
        first = self.seen.setdefault((kind, ident), loc)
        if first != loc:
            line = self.source.position(first)[0]
            message = f"duplicate {kind} id '{ident}' in {self.where} (first at line {line})"
            self.log.error(self.source, loc, "id.duplicate", message)


def _form(form: Loaded[Form], log: DiagnosticLog) -> None:
    """Field ids are unique within a form (a saved form keeps its values by field id)."""
    unique = _UniqueWithin(form.source, log, "this form")
    for i, section in enumerate(form.model.sections):
        for j, item in enumerate(section.fields):
            unique("field", item.id, ("sections", i, "fields", j, "id"))


def _worksheet(sheet: Loaded[models.Worksheet], log: DiagnosticLog, limits: Limits) -> None:
    source, model = sheet.source, sheet.model
    unique = _UniqueWithin(source, log, "this worksheet")

    for i, section in enumerate(model.sections):
        loc = ("sections", i, "id")
        unique("section", section.id, loc)
        if section.id in RESERVED_SECTION_IDS:
            message = f"'{section.id}' names the worksheet's total score; choose another id"
            log.error(source, loc, "id.reserved", message)
        for j, question in enumerate(section.questions):
            unique("question", question.id, ("sections", i, "questions", j, "id"))
    _scale(sheet, log, limits)
    _bands(sheet, log)


def _scale(sheet: Loaded[models.Worksheet], log: DiagnosticLog, limits: Limits) -> None:
    source, scale = sheet.source, sheet.model.scale
    if scale.min >= scale.max:
        log.error(
            source,
            ("scale", "max"),
            "scale.order",
            f"max ({scale.max}) must be greater than min ({scale.min})",
        )
        return
    if scale.max - scale.min + 1 > limits.max_scale_values:
        # Every value is a control on every question: a huge scale would be a huge page.
        message = (
            f"the scale has {scale.max - scale.min + 1} values; "
            f"the limit is {limits.max_scale_values}"
        )
        log.error(source, ("scale", "max"), "limit.scale", message)
        return
    raw = source.data.get("scale", {}).get("labels", {}) if isinstance(source.data, dict) else {}
    for key in raw if isinstance(raw, dict) else ():
        value = _as_int(key)
        if value is not None and not scale.min <= value <= scale.max:
            log.error(
                source,
                ("scale", "labels", key),
                "scale.label",
                f"a label for {value}, outside the scale {scale.min} to {scale.max}",
                key=True,
            )


def _as_int(key: Any) -> int | None:
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


def _bands(sheet: Loaded[models.Worksheet], log: DiagnosticLog) -> None:
    """Bands must tile 0–100: sorted by `min`, each starts where the previous ends."""
    source = sheet.source
    ordered: list[tuple[int, models.Band]] = []
    for i, band in enumerate(sheet.model.bands):
        if band.min >= band.max:
            message = f"max ({_num(band.max)}) must be greater than min ({_num(band.min)})"
            log.error(source, ("bands", i, "max"), "bands.order", message)
        else:
            ordered.append((i, band))
    if not ordered:
        return
    ordered.sort(key=lambda item: (item[1].min, item[1].max))
    end, previous = 0.0, None
    for i, band in ordered:
        if band.min > end:
            log.error(
                source,
                ("bands", i, "min"),
                "bands.gap",
                f"no band covers {_num(end)} to {_num(band.min)}",
            )
        elif band.min < end and previous is not None:
            log.error(
                source,
                ("bands", i, "min"),
                "bands.overlap",
                f"band '{band.label}' overlaps band '{previous.label}' "
                f"from {_num(band.min)} to {_num(min(end, band.max))}",
            )
        if band.max > end:
            end, previous = band.max, band
    if end < 100:
        last = max(ordered, key=lambda item: item[1].max)[0]
        log.error(source, ("bands", last, "max"), "bands.gap", f"no band covers {_num(end)} to 100")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# ---------------------------------------------------------------- references


def _references(playbook: Playbook, index: EntityIndex, log: DiagnosticLog) -> None:
    unsure = frozenset().union(*(kinds_in_file(p) for p in playbook.incomplete))
    resolver = _Resolver(playbook, index, log, unsure)
    for loaded in playbook.loaded_files():
        for instance, loc in walk(loaded.model):
            resolver.check(loaded.source, instance, loc)


class _Resolver:
    """Checks the references held by one model instance at a time."""

    def __init__(
        self, playbook: Playbook, index: EntityIndex, log: DiagnosticLog, unsure: frozenset[str]
    ) -> None:
        self.playbook = playbook
        self.index = index
        self.log = log
        self.unsure = unsure

    def check(self, source: SourceFile, instance: BaseModel, loc: Loc) -> None:
        """The references of the fields that declare them (`RefTo`, `kind:id`), and the
        `[[links]]` of the Markdown ones."""
        for item_loc, kind, text in references(instance, loc):
            if isinstance(kind, RefTo):
                self.typed(source, item_loc, kind.kind, text)
            else:
                self.generic(source, item_loc, text)
        for field_loc, value in linked_texts(instance, loc):
            self.links(source, field_loc, value)

    def typed(self, source: SourceFile, loc: Loc, kind: str, ident: str) -> None:
        if kind in self.unsure or self.index.get(kind, ident) is not None:
            return
        self.log.error(source, loc, "ref.unknown", "".join(self.unknown(kind, ident)))

    def generic(
        self, source: SourceFile, loc: Loc, ref: str, link: tuple[str, int] = ("", 0)
    ) -> None:
        """A `kind:id` or area reference; `link` is the `[[…]]` text when in Markdown, and
        which occurrence of that text in the field it is."""
        try:
            parsed = parse_ref(ref)
        except RefSyntaxError as exc:
            code = "ref.kind" if ":" in ref else "ref.unknown"
            head, sep, hint = str(exc).partition("; ")
            self.report(source, loc, code, (head, sep + hint), link)
            return
        if parsed.kind == "area":
            attribute = parsed.id
            missing = getattr(self.playbook, attribute, None) is None
            if missing and f"{attribute}.yml" not in self.playbook.incomplete:
                head = f"the playbook has no {attribute}.yml, so no '{attribute}' page"
                self.report(source, loc, "ref.unknown", (head, ""), link)
            return
        if parsed.kind in self.unsure or self.index.get(parsed.kind, parsed.id) is not None:
            return
        self.report(source, loc, "ref.unknown", self.unknown(parsed.kind, parsed.id), link)

    def links(self, source: SourceFile, loc: Loc, text: str) -> None:
        seen: dict[str, int] = {}
        for match in WIKI_LINK.finditer(text):
            link = match.group(0)
            seen[link] = seen.get(link, -1) + 1
            self.generic(source, loc, match.group(1).strip(), (link, seen[link]))

    def report(
        self,
        source: SourceFile,
        loc: Loc,
        code: str,
        message: tuple[str, str],
        link: tuple[str, int],
    ) -> None:
        """Log `head + hint`; a problem in a `[[link]]` is placed at the link itself."""
        head, hint = message
        text, occurrence = link
        if not text:
            self.log.error(source, loc, code, head + hint)
            return
        line, column = source.text_position(loc, text, occurrence)
        text = f"{head} in {text}{hint}"
        self.log.add(Diagnostic(source.path, line, column, "error", code, field_path(loc), text))

    def unknown(self, kind: str, ident: str) -> tuple[str, str]:
        """`unknown skill 'x'` and a hint: the closest id, or that there is none of the kind."""
        close = self.index.suggest(kind, ident)
        if close:
            hint = f"; did you mean '{close}'?"
        elif not self.index.ids(kind):
            hint = f" (the playbook has no {kind} yet)"
        else:
            hint = ""
        return f"unknown {kind} '{ident}'", hint


# ---------------------------------------------------------------- glossary and warnings


def _glossary(playbook: Playbook, log: DiagnosticLog) -> None:
    if playbook.glossary is None:
        return
    source = playbook.glossary.source
    seen: dict[str, int] = {}
    for i, term in enumerate(playbook.glossary.model.terms):
        key = term.term.strip().casefold()
        if key in seen:
            line = source.position(("terms", seen[key], "term"))[0]
            message = f"the term '{term.term}' is defined twice (first at line {line})"
            log.error(source, ("terms", i, "term"), "term.duplicate", message)
        else:
            seen[key] = i


def _unused(playbook: Playbook, backlinks: Backlinks, log: DiagnosticLog) -> None:
    """Warn about entities of the kinds that say so (`KindSpec.warn_unused`) that nothing
    refers to, unless a file that may refer to them failed to load.

    Where a field names the kind (a task's `skills`), only such a field is a use; a kind no
    field names (a fact) is used when a text cites it (`[[fact:id]]`)."""
    typed = frozenset().union(*(typed_kinds(model) for model in FILE_MODELS.values()))
    for spec, entity, loaded, loc in entities_of(playbook):
        if not spec.warn_unused:
            continue
        if backlinks.is_referred(spec.kind, entity.id, cited=spec.kind not in typed):
            continue
        if any(may_refer_to(FILE_MODELS[pattern], spec.kind) for pattern in playbook.incomplete):
            continue
        message = spec.warn_unused.format(id=entity.id)
        log.warning(loaded.source, (*loc, "id"), f"unused.{spec.kind}", message)


MAX_CRM_FIELDS = 5
"""More key CRM fields than this in one stage, and none of them is key any more."""


def _stages(playbook: Playbook, log: DiagnosticLog) -> None:
    """What a reader of a stage page would trip over: a stall limit shorter than the
    typical stay, and a CRM list too long for a rep to keep up to date."""
    if playbook.process is None:
        return
    source = playbook.process.source
    for i, stage in enumerate(playbook.process.model.stages):
        longest, typical = stage.max_days, stage.typical_days
        if longest is not None and typical is not None and longest < typical:
            log.warning(
                source,
                ("stages", i, "max_days"),
                "stage.max-days",
                f"max_days ({longest}) is below typical_days ({typical}): "
                "a typical deal would count as stalled",
            )
        if len(stage.crm_fields) > MAX_CRM_FIELDS:
            log.warning(
                source,
                ("stages", i, "crm_fields", MAX_CRM_FIELDS),
                "stage.crm-fields",
                f"{len(stage.crm_fields)} CRM fields; keep the key ones, at most "
                f"{MAX_CRM_FIELDS}",
            )


def _stale_reviews(playbook: Playbook, log: DiagnosticLog, today: datetime.date) -> None:
    every = playbook.meta.model.review_every_days
    for loaded in playbook.loaded_files():
        for instance, loc in walk(loaded.model):
            reviewed = getattr(instance, "last_reviewed", None)
            if not isinstance(reviewed, datetime.date):
                continue
            age = (today - reviewed).days
            if age > every:
                log.warning(
                    loaded.source,
                    (*loc, "last_reviewed"),
                    "review.stale",
                    f"last reviewed {age} days ago; review every {every} days",
                )

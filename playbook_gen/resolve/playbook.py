"""The resolved playbook: every area's model, with the source each came from.

Renderers, checks and the CLI all work from one `Playbook`; areas whose file is absent
are `None` (or an empty list) and simply get no pages. `load_playbook` gathers and checks
everything before anything is written (gather → check → write).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import fnmatch
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from playbook_gen.diagnostics import Diagnostic, DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.read.introspect import unwrap
from playbook_gen.read.models import (
    FILE_MODELS,
    GlossaryFile,
    ManagementFile,
    Model,
    OnboardingFile,
    PlaybookMeta,
    ProcessFile,
    RelationshipsFile,
    Skill,
    StrategyFile,
    ToolsFile,
    ValuesFile,
    Worksheet,
)
from playbook_gen.read.sources import SourceFile, read_source
from playbook_gen.read.validation import validate

if TYPE_CHECKING:
    from playbook_gen.read.config import SiteConfig

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model together with the file it was read from (for positions)."""

    model: M
    source: SourceFile


@dataclass
class Playbook:
    """Everything read from one content folder, after schema validation."""

    meta: Loaded[PlaybookMeta]
    values: Loaded[ValuesFile] | None = None
    process: Loaded[ProcessFile] | None = None
    skills: list[Loaded[Skill]] = field(default_factory=list)
    tools: Loaded[ToolsFile] | None = None
    strategy: Loaded[StrategyFile] | None = None
    management: Loaded[ManagementFile] | None = None
    relationships: Loaded[RelationshipsFile] | None = None
    worksheets: list[Loaded[Worksheet]] = field(default_factory=list)
    onboarding: Loaded[OnboardingFile] | None = None
    glossary: Loaded[GlossaryFile] | None = None
    incomplete: frozenset[str] = frozenset()
    """File patterns (`skills/*.yml`) with a file that could not be read or validated:
    checks do not report references into them as unknown, since the target may be there."""

    @property
    def language(self) -> str:
        return self.meta.model.language

    @property
    def name(self) -> str:
        return self.meta.model.name

    def loaded_files(self) -> Iterator[Loaded[Any]]:
        """Every loaded file, in the order of the areas."""
        for area in AREAS:
            value = getattr(self, area.attribute)
            if isinstance(value, list):
                yield from value
            elif value is not None:
                yield value


@dataclass(frozen=True)
class Area:
    """A `Playbook` attribute, the file pattern it is read from, and its model."""

    attribute: str
    pattern: str
    model: type[Model]
    many: bool


def _areas() -> tuple[Area, ...]:
    """The areas of a `Playbook`, each matched to its pattern in `models.FILE_MODELS`.

    A new area is a model in `FILE_MODELS` plus a `Loaded[...]` field of `Playbook`.
    """
    patterns = {model: pattern for pattern, model in FILE_MODELS.items()}
    hints = typing.get_type_hints(Playbook)
    areas = []
    for item in dataclasses.fields(Playbook):
        hint = unwrap(hints[item.name])
        many = typing.get_origin(hint) is list
        inner = typing.get_args(hint)[0] if many else hint
        if typing.get_origin(inner) is not Loaded:
            continue
        model = typing.get_args(inner)[0]
        areas.append(Area(item.name, patterns[model], model, many))
    return tuple(areas)


AREAS = _areas()
REQUIRED = "playbook.yml"
NOT_CONTENT = frozenset({"mkdocs.yml", "site_config.yml"})
"""YAML files that may sit in a playbook folder without being part of the playbook."""


def load_playbook(
    content_dir: Path,
    log: DiagnosticLog,
    config: SiteConfig | None = None,
    *,
    today: datetime.date | None = None,
) -> Playbook | None:
    """Read, validate and check every file of the playbook in `content_dir`.

    Every problem goes to `log`. Returns the `Playbook` when no error was found (warnings
    are allowed; `log.failed(strict=True)` tells whether they count), else `None`.
    Raises `PlaybookError` if `content_dir` is not a folder.
    """
    from playbook_gen.read.config import SiteConfig
    from playbook_gen.resolve.checks import run_checks

    config = config or SiteConfig.default()
    if not content_dir.is_dir():
        raise PlaybookError(
            f"no content folder at '{content_dir}' "
            "(pass -c DIR, or set content_dir in site_config.yml)"
        )
    errors_before = log.errors
    display = str(content_dir)
    values: dict[str, Any] = {}
    incomplete: set[str] = set()

    def load(rel: str, model: type[Model]) -> Loaded[Any] | None:
        source = read_source(content_dir, rel, display, log, config.limits)
        validated = validate(source, model, log) if source is not None else None
        if source is None or validated is None:
            incomplete.add(_pattern_of(rel))
            return None
        return Loaded(validated, source)

    files = _discover(content_dir, display, log)
    for area in AREAS:
        rels = files.get(area.pattern, [])
        loaded = [item for rel in rels if (item := load(rel, area.model)) is not None]
        values[area.attribute] = loaded if area.many else (loaded[0] if loaded else None)

    meta = values.pop("meta")
    if meta is None:
        if REQUIRED not in files.get(REQUIRED, []):
            message = "every playbook needs playbook.yml with at least a name"
            path = f"{display}/{REQUIRED}"
            log.add(Diagnostic(path, 1, 1, "error", "file.missing", "", message))
        # Check the rest anyway, so one run reports every problem.
        placeholder = SourceFile(f"{display}/{REQUIRED}", REQUIRED, {})
        meta = Loaded(PlaybookMeta(name="?"), placeholder)
    playbook = Playbook(meta=meta, incomplete=frozenset(incomplete), **values)
    run_checks(playbook, log, config.limits, today=today)
    return playbook if log.errors == errors_before else None


def _pattern_of(rel: str) -> str:
    return next((p for p in FILE_MODELS if fnmatch.fnmatchcase(rel, p)), rel)


def _discover(content_dir: Path, display: str, log: DiagnosticLog) -> dict[str, list[str]]:
    """The content files by pattern, sorted; warn about YAML files no pattern takes."""
    found: dict[str, list[str]] = {}
    folders = {""} | {p.rpartition("/")[0] for p in FILE_MODELS if "/" in p}
    for folder in sorted(folders):
        base = content_dir / folder if folder else content_dir
        try:
            names = sorted(entry.name for entry in base.iterdir())
        except OSError:
            continue
        for name in names:
            rel = f"{folder}/{name}" if folder else name
            pattern = _pattern_of(rel)
            if pattern in FILE_MODELS:
                found.setdefault(pattern, []).append(rel)
            elif _looks_like_content(name) and not (base / name).is_dir():
                _warn_unknown(display, rel, log)
    return found


def _looks_like_content(name: str) -> bool:
    return name.endswith((".yml", ".yaml")) and not name.startswith(".") and name not in NOT_CONTENT


def _warn_unknown(display: str, rel: str, log: DiagnosticLog) -> None:
    message = "is not a file of the playbook format and is ignored"
    if rel.endswith(".yaml"):
        renamed = rel[: -len(".yaml")] + ".yml"
        if _pattern_of(renamed) in FILE_MODELS:
            message += f"; rename it to '{renamed.rpartition('/')[2]}'"
            rel_hint = None
        else:
            rel_hint = renamed
    else:
        rel_hint = rel
    if rel_hint is not None and "/" not in rel_hint:
        known = [p for p in FILE_MODELS if "/" not in p]
        close = difflib.get_close_matches(rel_hint, known, n=1, cutoff=0.75)
        if close:
            message += f"; did you mean '{close[0]}'?"
    log.add(Diagnostic(f"{display}/{rel}", 1, 1, "warning", "file.unknown", "", message))

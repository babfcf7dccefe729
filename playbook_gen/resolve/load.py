"""Loading: read, validate and check a content folder into one `CheckedPlaybook`.

Above both `playbook` (the data) and `checks` (the rules), so neither imports the other.
The bundle keeps what the checks built — the entity index — and adds the backlinks and
the site map, so renderers and commands never rebuild them (gather → check → write).
"""

from __future__ import annotations

import datetime
import difflib
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook_gen.diagnostics import Diagnostic, DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.read.config import SiteConfig
from playbook_gen.read.models import FILE_MODELS, Model, PlaybookMeta
from playbook_gen.read.parse_cache import ParseCache
from playbook_gen.read.source_file import SourceFile
from playbook_gen.read.sources import read_source
from playbook_gen.read.validation import validate
from playbook_gen.resolve.backlinks import Backlinks, build_backlinks
from playbook_gen.resolve.checks import run_checks
from playbook_gen.resolve.playbook import AREAS, Loaded, Playbook
from playbook_gen.resolve.references import EntityIndex
from playbook_gen.resolve.sitemap import SiteMap, build_sitemap


@dataclass(frozen=True)
class CheckedPlaybook:
    """A playbook that passed every check, with what the renderers and commands need:
    its entity index (the one the checks built), backlinks and site map."""

    playbook: Playbook
    index: EntityIndex
    backlinks: Backlinks
    site: SiteMap
    today: datetime.date = field(default_factory=datetime.date.today)
    """The date the checks ran as of: what reviews are due against (the audit, the
    site's review page and notices), so one run uses one date."""


def bundle(
    playbook: Playbook,
    index: EntityIndex,
    backlinks: Backlinks | None = None,
    today: datetime.date | None = None,
) -> CheckedPlaybook:
    """The bundle of a checked `playbook` and the index (and backlinks) its checks built."""
    if backlinks is None:
        backlinks = build_backlinks(playbook)
    site = build_sitemap(playbook, index)
    return CheckedPlaybook(playbook, index, backlinks, site, today or datetime.date.today())


REQUIRED = "playbook.yml"
NOT_CONTENT = frozenset({"mkdocs.yml", "site_config.yml"})
"""YAML files that may sit in a playbook folder without being part of the playbook."""


def load_playbook(
    content_dir: Path,
    log: DiagnosticLog,
    config: SiteConfig | None = None,
    *,
    today: datetime.date | None = None,
    cache: ParseCache | None = None,
) -> CheckedPlaybook | None:
    """Read, validate and check every file of the playbook in `content_dir`.

    Every problem goes to `log`. Returns the `CheckedPlaybook` when no error was found
    (warnings are allowed; `log.failed(strict=True)` tells whether they count), else
    `None`. Raises `PlaybookError` if `content_dir` is not a folder. With a `cache` (kept
    by `serve` between rebuilds) a file whose bytes did not change is not parsed again;
    the checks across files always run on the whole playbook.
    """
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
        if cache is not None:
            source, validated = cache.load(content_dir, rel, display, model, log, config.limits)
        else:
            source = read_source(content_dir, rel, display, log, config.limits)
            validated = validate(source, model, log) if source is not None else None
        if source is None or validated is None:
            incomplete.add(_pattern_of(rel))
            return None
        return Loaded(validated, source)

    files = _discover(content_dir, display, log)
    if cache is not None:
        cache.begin(content_dir)
    for area in AREAS:
        rels = files.get(area.pattern, [])
        loaded = [item for rel in rels if (item := load(rel, area.model)) is not None]
        values[area.attribute] = loaded if area.many else (loaded[0] if loaded else None)
    if cache is not None:
        cache.prune()

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
    resolved = run_checks(playbook, log, config.limits, today=today)
    if log.errors != errors_before:
        return None
    return bundle(playbook, resolved.index, resolved.backlinks, today)


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

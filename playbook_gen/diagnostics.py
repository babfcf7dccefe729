"""Diagnostics: every problem found in the content, each with its place.

A `Diagnostic` is one line of `validate` output, `path:line:column: error[code]: field:
message` (Sphinx's format, with a code to grep and test for). Problems are collected, not
raised, so one run reports all of them; strict mode only changes what counts as failure.
Warnings whose code `site_config.yml` lists in `suppress_warnings` are dropped as they
arrive: neither reported nor counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from playbook_gen.read.source_file import Loc, SourceFile

Severity = Literal["error", "warning"]

WARNING_CODES: dict[str, str] = {
    "config.suppress": "`suppress_warnings` names no warning code",
    "file.unknown": "a file in the content folder that playbook-gen does not read",
    "id.filename": "a skill's or worksheet's id differs from its file name",
    "review.stale": "`last_reviewed` is older than `review_every_days`",
    "stage.crm-fields": "a stage lists more than 5 key CRM fields",
    "stage.max-days": "a stage's `max_days` is below its `typical_days`",
    "unused.fact": "a fact that no text cites as `[[fact:id]]`",
    "unused.skill": "a skill no task of any stage needs",
}
"""Every warning code, declared here so `suppress_warnings` can tell a typo from a code
(`DiagnosticLog.add` refuses an undeclared one)."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place. `line` and `column` are 1-based; `field` is dotted."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    field: str
    message: str

    def format(self) -> str:
        """`path:line:column: severity[code]: field.path: message`."""
        where = f"{self.field}: " if self.field else ""
        return (
            f"{self.path}:{self.line}:{self.column}: "
            f"{self.severity}[{self.code}]: {where}{self.message}"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def field_path(loc: Loc) -> str:
    """`("stages", 2, "exit_criteria")` → `stages.2.exit_criteria`."""
    return ".".join(str(part) for part in loc)


class DiagnosticLog:
    """Collects diagnostics from every stage of a run; answers whether the run failed.

    Strict mode is not a switch inside the checks: warnings are always just counted, and
    `failed(strict=True)` counts them as failures.
    """

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        self._seen: set[Diagnostic] = set()
        self._suppressed: tuple[str, ...] = ()
        self.errors = 0
        self.warnings = 0

    def suppress(self, patterns: tuple[str, ...]) -> None:
        """From now on drop warnings matching a code (`unused.skill`) or a prefix
        (`review`, `review.*`); errors are never dropped."""
        self._suppressed = tuple(p.removesuffix(".*") for p in patterns)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one diagnostic (an identical one twice counts once)."""
        if diagnostic.severity == "warning":
            if diagnostic.code not in WARNING_CODES:
                raise ValueError(
                    f"undeclared warning code {diagnostic.code!r}: add it to "
                    "diagnostics.WARNING_CODES"
                )
            if matches_code(diagnostic.code, self._suppressed):
                return
        if diagnostic in self._seen:
            return
        self._seen.add(diagnostic)
        self._items.append(diagnostic)
        if diagnostic.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    def error(
        self, source: SourceFile, loc: Loc, code: str, message: str, *, key: bool = False
    ) -> None:
        """An error at the value at `loc` in `source` (at its key with `key=True`)."""
        self._at(source, loc, "error", code, message, key)

    def warning(
        self, source: SourceFile, loc: Loc, code: str, message: str, *, key: bool = False
    ) -> None:
        """A warning at the value at `loc` in `source` (at its key with `key=True`)."""
        self._at(source, loc, "warning", code, message, key)

    def _at(
        self,
        source: SourceFile,
        loc: Loc,
        severity: Severity,
        code: str,
        message: str,
        key: bool,
    ) -> None:
        line, column = source.key_position(loc) if key else source.position(loc)
        self.add(Diagnostic(source.path, line, column, severity, code, field_path(loc), message))

    def failed(self, strict: bool = False) -> bool:
        """Whether the run failed: any error, or with `strict` any warning too."""
        return self.errors + (self.warnings if strict else 0) > 0

    def sorted(self) -> list[Diagnostic]:
        """All diagnostics by path, line and column (in the order found within a place)."""
        return sorted(self._items, key=lambda d: (d.path, d.line, d.column))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)

    def codes(self) -> list[str]:
        """The codes in sorted order (handy in tests)."""
        return [d.code for d in self.sorted()]

    def lines(self) -> list[str]:
        """Every diagnostic formatted, in sorted order."""
        return [d.format() for d in self.sorted()]

    def summary(self) -> str:
        """`2 errors, 1 warning`."""
        return f"{_plural(self.errors, 'error')}, {_plural(self.warnings, 'warning')}"

    def to_json(self) -> list[dict[str, Any]]:
        """The `validate --format json` document: one object per diagnostic."""
        return [d.to_dict() for d in self.sorted()]


def matches_code(code: str, patterns: tuple[str, ...]) -> bool:
    """Whether `code` is one of `patterns` or starts with one followed by a dot."""
    return any(code == p or code.startswith(f"{p}.") for p in patterns)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"

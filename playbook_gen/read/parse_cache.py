"""Content files parsed again only when their bytes change: what `serve` keeps between
rebuilds.

`serve` loads the whole playbook after every save, and parsing and validating 2,000
unchanged skill files was most of a one-file rebuild (benchmarks/rebuild.py). Every file
is still read and checked on every load (`read_raw`: inside the folder, a regular file,
under the limit), so a deleted, renamed, replaced or linked-away file is seen as it is;
only decoding, parsing and validation are skipped when a file's bytes are the ones parsed
last time. The key is the bytes themselves (a digest), not the modification time, which
two quick saves of the same size can share. The diagnostics the file gave are given
again, so a warning does not vanish on the next save of another file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playbook_gen.diagnostics import Diagnostic, DiagnosticLog
from playbook_gen.read.config import Limits
from playbook_gen.read.source_file import SourceFile
from playbook_gen.read.sources import parse_raw, read_raw
from playbook_gen.read.validation import validate

_Key = tuple[str, str, str, type, Limits]
"""(content folder, folder as displayed, path inside it, model, limits)."""


@dataclass(frozen=True)
class _Parsed:
    digest: bytes
    source: SourceFile | None
    model: Any
    diagnostics: tuple[Diagnostic, ...]


class ParseCache:
    """Each file's source and validated model, by the digest of its bytes."""

    def __init__(self) -> None:
        self._files: dict[_Key, _Parsed] = {}
        self._used: set[_Key] = set()
        self._root: Path | None = None
        self.parsed: list[str] = []
        """The files the current (or last) load parsed rather than took from the cache."""

    def begin(self, content_dir: Path) -> None:
        """Start a load of the whole playbook in `content_dir` (see `prune`)."""
        self._used = set()
        self.parsed = []
        self._root = Path(os.path.realpath(content_dir))

    def load(
        self,
        content_dir: Path,
        rel: str,
        display_root: str,
        model: type[Any],
        log: DiagnosticLog,
        limits: Limits,
    ) -> tuple[SourceFile | None, Any]:
        """`(source, validated model)` of one file, either `None` after an error, as
        `read_source` and `validate` would give them; their diagnostics go to `log`."""
        raw = read_raw(content_dir, rel, display_root, log, limits, self._root)
        if raw is None:
            return None, None
        key: _Key = (str(content_dir), display_root, rel, model, limits)
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        self._used.add(key)
        parsed = self._files.get(key)
        if parsed is None or parsed.digest != digest:
            own = DiagnosticLog()  # nothing suppressed: `log` drops what it suppresses
            source = parse_raw(raw, rel, display_root, own, limits)
            validated = validate(source, model, own) if source is not None else None
            parsed = _Parsed(digest, source, validated, tuple(own))
            self._files[key] = parsed
            self.parsed.append(rel)
        for diagnostic in parsed.diagnostics:
            log.add(diagnostic)
        return parsed.source, parsed.model

    def prune(self) -> None:
        """End a load: forget the files it did not ask for (deleted, renamed, no longer
        readable), so the cache holds one playbook."""
        self._files = {key: self._files[key] for key in self._used if key in self._files}

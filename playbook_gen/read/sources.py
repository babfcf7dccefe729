"""Reading content files safely: bytes → text → plain values with a position for each.

Content comes from many hands, so reading never trusts the file: links out of the content
folder, unreadable or oversized files, bad UTF-8, tabs, syntax errors, duplicate keys,
unknown tags, deep nesting and alias bombs all become diagnostics, never exceptions.
The YAML itself is parsed by `yaml_tree`; `SourceFile` is in `source_file`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook_gen.diagnostics import Diagnostic

if TYPE_CHECKING:
    from playbook_gen.diagnostics import DiagnosticLog
    from playbook_gen.read.config import Limits


from playbook_gen.read.source_file import SourceFile, line_column
from playbook_gen.read.yaml_tree import parse_yaml

# ---------------------------------------------------------------- reading bytes


def read_source(
    content_dir: Path, rel: str, display_root: str, log: DiagnosticLog, limits: Limits
) -> SourceFile | None:
    """Read and parse `content_dir/rel`; on any problem, log it and return `None`.

    `display_root` is the content folder as the user named it, so paths in messages are
    the ones they typed. Semantic YAML problems (duplicate keys, unknown tags) are logged
    but the values are still returned, so schema checks can report more in the same run.
    """
    raw = read_raw(content_dir, rel, display_root, log, limits)
    if raw is None:
        return None
    return parse_raw(raw, rel, display_root, log, limits)


def display_path(display_root: str, rel: str) -> str:
    """The path of `rel` in messages: inside the content folder as the user named it."""
    return f"{display_root.rstrip('/')}/{rel}" if display_root else rel


def _failing(log: DiagnosticLog, display: str) -> Callable[..., None]:
    """What logs an error about the file at `display` (`code`, `message`, line, column)."""

    def fail(code: str, message: str, line: int = 1, column: int = 1) -> None:
        log.add(Diagnostic(display, line, column, "error", code, "", message))

    return fail


def read_raw(
    content_dir: Path,
    rel: str,
    display_root: str,
    log: DiagnosticLog,
    limits: Limits,
    real_root: Path | None = None,
) -> bytes | None:
    """The bytes of `content_dir/rel`, checked (inside the folder, a regular file, under
    the size limit) on every read; `None` after logging why not. Split from `parse_raw`
    so `serve` can read every file but parse again only those whose bytes changed;
    `real_root`: the folder's real path, if the caller resolved it once for many files."""
    fail = _failing(log, display_path(display_root, rel))
    path = content_dir / rel
    try:
        real = Path(os.path.realpath(path))
        root = real_root or Path(os.path.realpath(content_dir))
    except (OSError, ValueError) as exc:
        fail("file.unreadable", f"cannot read the file: {_reason(exc)}")
        return None
    if not real.is_relative_to(root):
        fail(
            "file.symlink",
            "is a link to a file outside the content folder; copy the file in instead",
        )
        return None
    return _read_bytes(path, limits.max_file_bytes, fail)


def parse_raw(
    raw: bytes, rel: str, display_root: str, log: DiagnosticLog, limits: Limits
) -> SourceFile | None:
    """A file's bytes (from `read_raw`) decoded and parsed; `None` after logging why not."""
    display = display_path(display_root, rel)
    fail = _failing(log, display)
    text = _decode(raw, fail)
    if text is None:
        return None
    if not text.strip():
        fail("file.empty", "file is empty")
        return None
    return parse_yaml(text, display, rel, log, limits)


def _read_bytes(path: Path, limit: int, fail: Any) -> bytes | None:
    """The file's bytes, refusing what is not a readable regular file under `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        fail("file.unreadable", f"cannot read the file: {_reason(exc)}")
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            fail("file.unreadable", f"cannot read the file: it is {what}")
            return None
        if info.st_size > limit:
            fail("file.size", f"file is {info.st_size} bytes; the limit is {limit} bytes")
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            # Sized by the file, not the limit: read(n) allocates n bytes up front, and
            # 32 MiB for every small file is memory the reader does not need.
            raw = stream.read(info.st_size + 1)
            if len(raw) > info.st_size:  # the file grew since fstat
                raw += stream.read(limit + 1 - len(raw))
    except OSError as exc:
        fail("file.unreadable", f"cannot read the file: {_reason(exc)}")
        return None
    finally:
        os.close(fd)
    if len(raw) > limit:
        fail("file.size", f"file is over the limit of {limit} bytes")
        return None
    return raw


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(raw: bytes, fail: Any) -> str | None:
    """UTF-8 text without a BOM; bad bytes are reported at their line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith(_UTF16_BOMS):
        fail("file.encoding", "file is UTF-16; save it as UTF-8")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8")
        line, column = line_column(good, len(good))
        bad = raw[exc.start : exc.start + 1].hex()
        fail(
            "file.encoding", f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8", line, column
        )
        return None



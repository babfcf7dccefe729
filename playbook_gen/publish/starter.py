"""`playbook-gen init`: copy a starter playbook into a folder, never overwriting a file.

The starters are package data (`playbook_gen/starters/<language>/`), small playbooks that
validate and build as they are. If any file the starter would write already exists,
nothing is written at all: a half-copied starter mixed with someone's own files would be
worse than a clear refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from playbook_gen.errors import EXIT_OK, PlaybookError
from playbook_gen.report import Reporter

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class InitOptions:
    """`playbook-gen init DIR [--language zh|en]`."""

    target: Path
    language: str = "en"


class StarterConflict(PlaybookError):
    """Files the starter would write already exist (or a folder on the way is a file)."""

    def __init__(self, conflicts: list[Path]) -> None:
        self.conflicts = conflicts
        super().__init__(
            f"{len(conflicts)} file(s) already exist; nothing was written",
            tuple(f"{path}: already exists" for path in conflicts),
        )


def starter_files(language: str) -> dict[PurePosixPath, bytes]:
    """Every file of the starter in `language`, by path inside the playbook folder."""
    if language not in LANGUAGES:
        raise PlaybookError(f"no starter in language '{language}' (choose zh or en)")
    root = resources.files("playbook_gen") / "starters" / language
    files: dict[PurePosixPath, bytes] = {}

    def walk(node: Traversable, rel: PurePosixPath) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name.startswith((".", "__")):
                continue
            if child.is_dir():
                walk(child, rel / child.name)
            else:
                files[rel / child.name] = child.read_bytes()

    walk(root, PurePosixPath())
    if not files:
        raise PlaybookError(f"the starter in language '{language}' is missing from the package")
    return files


def _conflicts(target: Path, rels: list[PurePosixPath]) -> list[Path]:
    """Paths that block writing: existing files (or links), and files where a folder goes."""
    found: list[Path] = []
    for rel in rels:
        path = target.joinpath(*rel.parts)
        if path.exists() or path.is_symlink():
            found.append(path)
            continue
        for parent in path.parents:
            if parent == target.parent:
                break
            if parent.exists() and not parent.is_dir() and parent not in found:
                found.append(parent)
    return found


def write_starter(target: Path, language: str) -> list[Path]:
    """Write the starter into `target` (created if needed); return the files written.

    Raises `StarterConflict` without writing anything when any file already exists.
    """
    files = starter_files(language)
    conflicts = _conflicts(target, list(files))
    if conflicts:
        raise StarterConflict(conflicts)
    written: list[Path] = []
    path = target
    try:
        for rel, data in files.items():
            path = target.joinpath(*rel.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as out:  # "x": fail rather than overwrite, even on a race
                written.append(path)
                out.write(data)
    except OSError as exc:  # a folder that cannot be written: take back what we wrote
        for done in written:
            done.unlink(missing_ok=True)
        raise PlaybookError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return written


def init_command(options: InitOptions, reporter: Reporter) -> int:
    """`playbook-gen init`: write the starter and say what to run next (a conflict or an
    unwritable folder is a `PlaybookError`, reported by the CLI)."""
    target, language = options.target, options.language
    written = write_starter(target, language)
    reporter.result(
        "\n".join(
            [
                f"Wrote a starter playbook ({language}, {len(written)} files) to {target}/",
                "Next steps:",
                f"  playbook-gen validate -c {target}",
                f"  playbook-gen build -c {target}",
                f"  playbook-gen serve -c {target}",
            ]
        )
    )
    return EXIT_OK

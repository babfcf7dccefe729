"""`playbook-gen init`: write a playbook project into a folder, never overwriting a file.

The project is the starter playbook in `content/` (package data,
`playbook_gen/starters/<language>/`, small playbooks that validate and build as they
are), plus `site_config.yml`, a `mkdocs.yml` that turns on the playbook-gen plugin and a
`.gitignore` for the build output: in that folder `playbook-gen build`, `mkdocs build`
and `mkdocs serve` all work. MkDocs refuses `docs_dir: .` and checks that `docs_dir`
exists before any plugin runs, so `mkdocs.yml` names `content` (the plugin then replaces
it with the generated pages). If any file the project would have already exists, nothing
is written at all: a half-copied starter mixed with someone's own files would be worse
than a clear refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from playbook_gen.errors import EXIT_OK, PlaybookError
from playbook_gen.messages import say
from playbook_gen.report import Reporter

LANGUAGES = ("zh", "en")
CONTENT = PurePosixPath("content")
"""Where the starter playbook goes inside the project folder."""

SITE_CONFIG = """\
# playbook-gen settings; every one is optional. See the README and docs/format.md.
content_dir: content         # the playbook's YAML files
site_dir: site               # where `playbook-gen build` writes the site
build_dir: .playbook-build   # the generated MkDocs project (Markdown + mkdocs.yml)
"""

MKDOCS_YML = """\
# `mkdocs build` / `mkdocs serve` here give the same site as `playbook-gen build` / `serve`.
# The playbook-gen plugin reads site_config.yml and the content folder, regenerates the
# MkDocs project in .playbook-build/ and takes its theme, nav, search, Markdown extensions
# and pages from there. The two settings below only satisfy MkDocs' checks, which run
# before any plugin: the plugin replaces the name with the playbook's and docs_dir with
# the generated pages.
site_name: playbook
docs_dir: content
plugins:
  - playbook-gen
"""

GITIGNORE = """\
# playbook-gen build output and the locks beside it
/site/
/.playbook-build/
/.site.lock
/.playbook-build.lock
"""

PROJECT_FILES: dict[PurePosixPath, bytes] = {
    PurePosixPath("site_config.yml"): SITE_CONFIG.encode(),
    PurePosixPath("mkdocs.yml"): MKDOCS_YML.encode(),
    PurePosixPath(".gitignore"): GITIGNORE.encode(),
}
"""The files beside the content that make the folder a project MkDocs can build."""


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


def project_files(language: str) -> dict[PurePosixPath, bytes]:
    """Every file `init` writes: the starter under `content/`, and the project files."""
    content = {CONTENT / rel: data for rel, data in starter_files(language).items()}
    return {**PROJECT_FILES, **content}


def write_starter(target: Path, language: str) -> list[Path]:
    """Write the project into `target` (created if needed); return the files written.

    Raises `StarterConflict` without writing anything when any file already exists.
    """
    files = project_files(language)
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
    lines = [
        f"Wrote a starter playbook ({language}, {len(written)} files) to {target}/",
        f"(the playbook in {target / CONTENT}/, and site_config.yml, mkdocs.yml, .gitignore)",
        "Next steps:",
        f"  cd {target}",
        "  playbook-gen validate",
        "  playbook-gen build      # or: mkdocs build",
        "  playbook-gen serve      # or: mkdocs serve",
    ]
    # In the starter's language: whoever asks for a Chinese playbook reads Chinese.
    reporter.result("\n".join(say(line, language) for line in lines))
    return EXIT_OK

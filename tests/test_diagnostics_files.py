"""Problems with the files themselves: links out, unreadable, too big, missing, unknown."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from playbook_files import diagnostics, load, write_playbook

from playbook_gen.errors import PlaybookError
from playbook_gen.read.config import Limits


def test_symlink_out_of_the_content_folder_is_refused(root: Path) -> None:
    secret = root / "secret.yml"
    secret.write_text("tools: []\n", encoding="utf-8")
    content = write_playbook(root, {"tools.yml": None})
    (content / "tools.yml").symlink_to(secret)
    assert diagnostics(root) == [
        "content/tools.yml:1:1: error[file.symlink]: is a link to a file outside the content "
        "folder; copy the file in instead",
    ]


def test_symlinked_folder_out_of_the_content_folder_is_refused(root: Path) -> None:
    content = write_playbook(root)
    os.replace(content / "skills", root / "elsewhere")
    (content / "skills").symlink_to(root / "elsewhere")
    # References to the refused skill are not reported: it may well be there.
    assert diagnostics(root) == [
        "content/skills/negotiation.yml:1:1: error[file.symlink]: is a link to a file outside "
        "the content folder; copy the file in instead",
    ]


def test_symlink_inside_the_content_folder_is_fine(root: Path) -> None:
    content = write_playbook(root)
    (content / "shared").mkdir()
    os.replace(content / "glossary.yml", content / "shared" / "glossary.yml")
    (content / "glossary.yml").symlink_to(Path("shared") / "glossary.yml")
    assert diagnostics(root) == []


def test_a_folder_named_like_a_file_is_unreadable(root: Path) -> None:
    content = write_playbook(root)
    (content / "skills" / "closing.yml").mkdir()
    assert diagnostics(root) == [
        "content/skills/closing.yml:1:1: error[file.unreadable]: cannot read the file: "
        "it is a folder",
    ]


def test_permission_denied(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, for whom chmod 000 changes nothing: make os.open refuse instead.
    real_open = os.open

    def refusing_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("tools.yml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    write_playbook(root)
    monkeypatch.setattr(os, "open", refusing_open)
    assert load(root)[1].lines() == [
        "content/tools.yml:1:1: error[file.unreadable]: cannot read the file: permission denied",
    ]


def test_file_over_the_size_limit(root: Path) -> None:
    glossary = "terms:\n" + "  - {term: ICP, definition: Ideal customer profile.}\n" * 20
    assert diagnostics(root, {"glossary.yml": glossary}, Limits(max_file_bytes=600)) == [
        "content/glossary.yml:1:1: error[file.size]: file is 1067 bytes; the limit is 600 bytes",
    ]


def test_playbook_yml_is_required(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": None}) == [
        "content/playbook.yml:1:1: error[file.missing]: every playbook needs playbook.yml "
        "with at least a name",
    ]


def test_only_playbook_yml_is_required(root: Path) -> None:
    write_playbook(root)
    content = root / "content"
    for path in sorted(content.rglob("*.yml"), reverse=True):
        if path.name != "playbook.yml":
            path.unlink()
    playbook, log = load(root)
    assert log.lines() == []
    assert playbook is not None and playbook.name == "Test Playbook"


def test_unknown_yaml_files_are_warned_about(root: Path) -> None:
    changes: dict[str, str | bytes | None] = {
        "value.yml": "principles: []\n",
        "notes.yaml": "a: 1\n",
        "glossary.yml": None,
        "glossary.yaml": "terms: []\n",
        "skills/closing.yaml": "id: closing\n",
        "mkdocs.yml": "site_name: x\n",
    }
    assert diagnostics(root, changes) == [
        "content/glossary.yaml:1:1: warning[file.unknown]: is not a file of the playbook "
        "format and is ignored; rename it to 'glossary.yml'",
        "content/notes.yaml:1:1: warning[file.unknown]: is not a file of the playbook format "
        "and is ignored",
        "content/skills/closing.yaml:1:1: warning[file.unknown]: is not a file of the playbook "
        "format and is ignored; rename it to 'closing.yml'",
        "content/value.yml:1:1: warning[file.unknown]: is not a file of the playbook format and "
        "is ignored; did you mean 'values.yml'?",
    ]


def test_missing_content_folder_is_a_playbook_error(root: Path) -> None:
    with pytest.raises(PlaybookError, match="no content folder at 'content'"):
        load(root)

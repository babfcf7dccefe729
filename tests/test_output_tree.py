"""The build folder writer: each path once, unchanged files untouched, stale files pruned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook_gen.errors import PlaybookError
from playbook_gen.site.output_tree import MARKER, OutputTree


def test_a_path_written_twice_is_an_error(tmp_path: Path) -> None:
    tree = OutputTree(tmp_path / "build")
    tree.write_text("docs/index.md", "a")
    with pytest.raises(RuntimeError, match="written twice"):
        tree.write_text("docs/index.md", "b")


@pytest.mark.parametrize("bad", ["../escape.md", "/abs.md", "docs/../../x.md", ""])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        OutputTree(tmp_path / "build").write_text(bad, "x")


def test_unchanged_files_keep_their_timestamp_and_stale_files_go(tmp_path: Path) -> None:
    root = tmp_path / "build"
    first = OutputTree(root)
    first.write_text("docs/keep.md", "same")
    first.write_text("docs/skills/gone.md", "old skill")
    first.finish()
    old = root / "docs/keep.md"
    os.utime(old, (1_000_000, 1_000_000))

    second = OutputTree(root)
    second.write_text("docs/keep.md", "same")
    second.write_text("docs/new.md", "new")
    removed = second.finish()

    assert old.stat().st_mtime == 1_000_000
    assert [str(p) for p in second.changed] == ["docs/new.md"]
    assert [str(p) for p in removed] == ["docs/skills/gone.md"]
    assert not (root / "docs/skills").exists()
    assert (root / MARKER).is_file()


def test_a_foreign_folder_is_never_cleaned(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.md").write_text("precious")
    with pytest.raises(PlaybookError, match="not made by playbook-gen"):
        OutputTree(mine)
    assert (mine / "thesis.md").read_text() == "precious"

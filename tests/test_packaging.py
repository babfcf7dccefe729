"""What the package carries besides code: the licence, and a long description that reads
right on the package index."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_the_mit_licence_is_in_the_repository_and_named_by_pyproject() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_long_description_has_no_relative_image() -> None:
    """The README is the package index's description, where `docs/x.png` resolves to
    nothing."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)|<img[^>]*src=\"([^\"]+)\"", readme)
    relative = [src for pair in images for src in pair if src and "://" not in src]
    assert relative == []


@pytest.mark.slow
def test_the_wheel_ships_the_licence(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(tmp_path), "--no-deps"]
    result = subprocess.run([*argv, "-q"], capture_output=True, text=True, cwd=tmp_path)
    if result.returncode != 0 and "hatchling" in result.stderr:
        pytest.skip("hatchling could not be installed to build the wheel")
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("playbook_gen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(licence).decode().startswith("MIT License")
        metadata = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    # The UI labels are data files of the package (playbook_gen/i18n.py reads them).
    assert {"playbook_gen/labels/en.yml", "playbook_gen/labels/zh.yml"} <= set(names)

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
    assert "playbook_gen/translations/zh.yml" in names


@pytest.mark.slow
def test_a_new_user_s_first_hour_from_an_installed_wheel(tmp_path: Path) -> None:
    """Issue 13: `init`, then `mkdocs build` and `playbook-gen build` in the folder it
    made, run by a wheel installed in a virtualenv of its own (not this checkout): the
    wheel must carry its templates, assets, starters, labels and translations."""
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(wheels), "--no-deps", "-q"],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0 and "hatchling" in built.stderr:
        pytest.skip("hatchling could not be installed to build the wheel")
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("playbook_gen-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    # The dependencies come from this environment's site-packages: a path in a .pth file,
    # whose own .pth files (this checkout's editable install) are not run.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    here = next(p for p in sys.path if p.endswith("site-packages"))
    Path(site, "dependencies.pth").write_text(here + "\n", encoding="utf-8")
    where = subprocess.run(
        [str(python), "-c", "import playbook_gen; print(playbook_gen.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert where.startswith(str(venv)), where

    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}

    def run(*argv: str, cwd: Path) -> None:
        result = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
        assert result.returncode == 0, (argv, result.stdout, result.stderr)

    run(str(venv / "bin" / "playbook-gen"), "init", "pb", "--language", "zh", cwd=tmp_path)
    project = tmp_path / "pb"
    run(str(python), "-m", "mkdocs", "build", "-q", "-d", "mkdocs-site", cwd=project)
    run(str(venv / "bin" / "playbook-gen"), "build", cwd=project)
    for site_dir in (project / "mkdocs-site", project / "site"):
        home = (site_dir / "index.html").read_text(encoding="utf-8")
        assert "pb-house" in home  # the bundled templates came with the wheel
        assert (site_dir / "assets" / "working-tools.js").is_file()

"""`build --engine zensical`: build the generated project with Zensical instead of MkDocs.

Material for MkDocs reaches its end of life in 2027; Zensical, by the same authors, reads
the same `mkdocs.yml`. It is an optional extra (`pip install 'playbook-gen[zensical]'`),
run in a child process: it has its own (Rust) runtime and no library API taking a site
folder, so it gets a copy of the config naming a folder to build into.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

from playbook_gen.errors import PlaybookError

INSTALL_HINT = "pip install 'playbook-gen[zensical]'"
ZENSICAL_CONFIG = ".zensical.mkdocs.yml"


class ZensicalFailed(PlaybookError):
    """Zensical is missing, or could not build the generated project."""


def zensical_installed() -> bool:
    return importlib.util.find_spec("zensical") is not None


def _config_for(config_file: Path, site_dir: Path) -> Path:
    """A copy of `config_file` beside it (Zensical wants the docs and the site inside the
    config's folder) that builds into `site_dir`."""
    yaml = YAML()  # round trip: keeps the slugify and markup tags as written
    config = yaml.load(config_file.read_text(encoding="utf-8"))
    config["site_dir"] = site_dir.name
    copy = config_file.with_name(ZENSICAL_CONFIG)
    with copy.open("w", encoding="utf-8") as out:
        yaml.dump(config, out)
    return copy


def run_zensical(config_file: Path, site_dir: Path, strict: bool = False) -> None:
    """Build the project of `config_file` into `site_dir` with Zensical.

    Not installed, or failing, is a `ZensicalFailed` with a one-line reason (the tail of
    Zensical's own output), never a traceback.
    """
    if not zensical_installed():
        raise ZensicalFailed(f"Zensical is not installed; install it with {INSTALL_HINT}")
    project = config_file.parent
    with tempfile.TemporaryDirectory(prefix=".zensical-site-", dir=project) as tmp:
        config = _config_for(config_file, Path(tmp))
        command = [sys.executable, "-m", "zensical", "build", "-f", str(config.resolve())]
        if strict:
            command.append("--strict")
        try:
            done = subprocess.run(
                command, cwd=project, capture_output=True, text=True, check=False
            )
        finally:
            config.unlink()
        if done.returncode != 0:
            output = (done.stderr.strip() or done.stdout.strip()).splitlines()
            reason = output[-1] if output else f"exit status {done.returncode}"
            raise ZensicalFailed(f"Zensical could not build the site: {reason}")
        for child in Path(tmp).iterdir():  # the build folder may be on another disk
            shutil.move(child, site_dir / child.name)

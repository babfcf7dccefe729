"""`playbook-gen init`: both starters validate, the folder builds with `playbook-gen` and
MkDocs alike, and nothing is ever overwritten."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.starter import starter_files
from playbook_gen.read.config import load_site_config
from playbook_gen.resolve.load import load_playbook


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_writes_a_starter_that_validates_cleanly(tmp_path: Path, language: str) -> None:
    target = tmp_path / "deep" / "my-playbook"
    assert main(["init", str(target), "--language", language]) == 0
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    project = [".gitignore", "mkdocs.yml", "site_config.yml"]
    assert written == sorted([*project, *(f"content/{p}" for p in starter_files(language))])
    log = DiagnosticLog()
    config = load_site_config(target, log)
    assert config is not None and config.content_dir == target / "content"
    checked = load_playbook(config.content_dir, log, config)
    assert checked is not None and checked.playbook.language == language
    assert log.lines() == []
    mkdocs_yml = YAML(typ="safe").load((target / "mkdocs.yml").read_text(encoding="utf-8"))
    assert mkdocs_yml == {
        "site_name": "playbook",
        "docs_dir": "content",
        "plugins": ["playbook-gen"],
    }
    ignored = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"/site/", "/.playbook-build/"} <= set(ignored)


def test_init_defaults_to_english(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "p")]) == 0
    assert "language: en" in (tmp_path / "p/content/playbook.yml").read_text()


def test_init_writes_nothing_when_any_file_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p"
    content = target / "content"
    (content / "skills").mkdir(parents=True)
    (content / "values.yml").write_text("mine")
    (content / "diagnostics").write_text("a file where a folder goes")
    (target / "mkdocs.yml").write_text("site_name: mine\n")
    assert main(["init", str(target), "--language", "zh"]) == 1
    err = capsys.readouterr().err
    assert f"{content / 'values.yml'}: already exists" in err
    assert f"{content / 'diagnostics'}: already exists" in err
    assert f"{target / 'mkdocs.yml'}: already exists" in err
    names = sorted(p.relative_to(target).as_posix() for p in target.rglob("*"))
    assert names == [
        "content",
        "content/diagnostics",
        "content/skills",
        "content/values.yml",
        "mkdocs.yml",
    ]
    assert (content / "values.yml").read_text() == "mine"
    assert (target / "mkdocs.yml").read_text() == "site_name: mine\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_an_init_folder_builds_with_mkdocs_and_playbook_gen(tmp_path: Path) -> None:
    """The README's promise, end to end: init, then `mkdocs build`, `playbook-gen build`
    and `mkdocs serve` in the folder, each with no other setup."""
    target = tmp_path / "pb"
    assert main(["init", str(target), "--language", "zh"]) == 0
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(*argv: str) -> None:
        done = subprocess.run(argv, cwd=target, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr

    run(str(bin_dir / "mkdocs"), "build", "-q")
    assert (target / "site" / "index.html").is_file()
    (target / "site" / "index.html").unlink()
    run(str(bin_dir / "playbook-gen"), "build")
    assert (target / "site" / "index.html").is_file()

    port = _free_port()
    server = subprocess.Popen(
        [str(bin_dir / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=target,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "<html" in page
    finally:
        server.terminate()
        server.wait(timeout=30)

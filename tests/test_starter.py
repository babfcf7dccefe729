"""`playbook-gen init`: both starters validate, and nothing is ever overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.starter import starter_files
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import load_playbook


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_writes_a_starter_that_validates_cleanly(tmp_path: Path, language: str) -> None:
    target = tmp_path / "deep" / "my-playbook"
    assert main(["init", str(target), "--language", language]) == 0
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == sorted(str(p) for p in starter_files(language))
    log = DiagnosticLog()
    checked = load_playbook(target, log, SiteConfig.default(tmp_path).with_content(str(target)))
    assert checked is not None and checked.playbook.language == language
    assert log.lines() == []


def test_init_defaults_to_english(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "p")]) == 0
    assert "language: en" in (tmp_path / "p/playbook.yml").read_text()


def test_init_writes_nothing_when_any_file_exists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "p"
    (target / "skills").mkdir(parents=True)
    (target / "values.yml").write_text("mine")
    (target / "diagnostics").write_text("a file where a folder goes")
    assert main(["init", str(target), "--language", "zh"]) == 1
    err = capsys.readouterr().err
    assert f"{target / 'values.yml'}: already exists" in err
    assert f"{target / 'diagnostics'}: already exists" in err
    assert sorted(p.name for p in target.rglob("*")) == ["diagnostics", "skills", "values.yml"]
    assert (target / "values.yml").read_text() == "mine"

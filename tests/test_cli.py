"""The command line: output formats, exit status, the content folder default."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playbook_files import BASE, write_playbook

from playbook_gen.cli import main
from playbook_gen.read import models

STALE_TOOL = """\
tools:
  - id: crm
    title: CRM
    last_reviewed: 2020-01-01
"""


def test_validate_a_valid_playbook(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root)
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"


def test_validate_prints_one_line_per_problem_then_a_summary(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    process = BASE["process.yml"].replace("buyer_step: recognize", "buyer_step: recognise")
    write_playbook(root, {"process.yml": process, "tools.yml": STALE_TOOL})
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/process.yml:7:17: error[ref.unknown]: stages.0.buyer_step: unknown step "
        "'recognise'; did you mean 'recognize'?",
        "content/tools.yml:4:20: warning[review.stale]: tools.0.last_reviewed: last reviewed "
        f"{(datetime.date.today() - datetime.date(2020, 1, 1)).days} days ago; "
        "review every 180 days",
        "1 error, 1 warning",
    ]


def test_validate_json(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    process = BASE["process.yml"].replace("buyer_step: recognize", "buyer_step: recognise")
    write_playbook(root, {"process.yml": process})
    assert main(["validate", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {
            "path": "content/process.yml",
            "line": 7,
            "column": 17,
            "severity": "error",
            "code": "ref.unknown",
            "field": "stages.0.buyer_step",
            "message": "unknown step 'recognise'; did you mean 'recognize'?",
        }
    ]


def test_validate_json_of_a_valid_playbook_is_an_empty_list(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root)
    assert main(["validate", "--format=json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_warnings_fail_only_with_strict(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root, {"tools.yml": STALE_TOOL})
    assert main(["validate"]) == 0
    assert main(["validate", "--strict"]) == 1
    assert capsys.readouterr().out.count("warning[review.stale]") == 2


def test_content_folder_from_site_config(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root, {"playbook.yml": "name: Test\nlanguage: fr\n"})
    (root / "content").rename(root / "my-playbook")
    (root / "site_config.yml").write_text("content_dir: my-playbook\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines()[0].startswith("my-playbook/playbook.yml:2:11: ")


def test_content_option_overrides_site_config(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root)
    (root / "content").rename(root / "other")
    (root / "site_config.yml").write_text("content_dir: nowhere\n", encoding="utf-8")
    assert main(["validate", "-c", "other"]) == 0
    assert main(["validate", "--content", "other/"]) == 0


def test_site_config_errors_are_diagnostics(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root)
    (root / "site_config.yml").write_text(
        "content_dri: content\nlimits:\n  max_depth: -1\n", encoding="utf-8"
    )
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "site_config.yml:1:1: error[schema.unknown]: content_dri: unknown field 'content_dri'; "
        "did you mean 'content_dir'?",
        "site_config.yml:3:14: error[schema.value]: limits.max_depth: must be greater than 0, "
        "not the number -1",
        "2 errors, 0 warnings",
    ]


def test_missing_content_folder(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "site_config.yml").write_text("content_dir: absent\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == (
        "playbook-gen: error: no content folder at 'absent' "
        "(pass -c DIR, or set content_dir in site_config.yml)\n"
    )


def test_usage_errors_exit_2(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["validate", "--format", "xml"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    assert main([]) == 2


def test_schema_covers_every_content_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document["files"]) == set(models.FILE_MODELS)
    assert document["files"]["skills/*.yml"] == {"$ref": "#/$defs/Skill"}
    assert "exit_criteria" in document["$defs"]["Stage"]["required"]


def test_schema_of_one_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--file", "skills/*.yml"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["title"] == "Skill"
    assert document["additionalProperties"] is False
    assert main(["schema", "--file", "skill.yml"]) == 2


def test_python_dash_m(root: Path) -> None:
    write_playbook(root)
    result = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "validate", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")


TWO_UNUSED_SKILLS = {
    "skills/pricing.yml": "id: pricing\ntitle: Pricing\nbody: How we price.\n",
    "skills/closing.yml": "id: closing\ntitle: Closing\nbody: How we close.\n",
}


def test_suppressed_warnings_are_not_reported_nor_fail_strict(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root, {**TWO_UNUSED_SKILLS, "tools.yml": STALE_TOOL})
    assert main(["validate", "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.count("warning[unused.skill]") == 2 and "warning[review.stale]" in out
    (root / "site_config.yml").write_text(
        "suppress_warnings: [unused.skill, review.*]\n", encoding="utf-8"
    )
    assert main(["validate", "--strict"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings\n"
    (root / "site_config.yml").write_text("suppress_warnings: [review]\n", encoding="utf-8")
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "review.stale" not in out and out.count("warning[unused.skill]") == 2


def test_an_unknown_code_in_suppress_warnings_is_a_warning_at_its_place(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root)
    (root / "site_config.yml").write_text(
        "suppress_warnings:\n  - unused.skill\n  - unused.skil\n  - ref.unknown\n",
        encoding="utf-8",
    )
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "site_config.yml:3:5: warning[config.suppress]: suppress_warnings.1: no warning code "
        "or prefix 'unused.skil'; did you mean 'unused.skill'?",
        "site_config.yml:4:5: warning[config.suppress]: suppress_warnings.2: no warning code "
        "or prefix 'ref.unknown' (errors cannot be suppressed)",
        "0 errors, 2 warnings",
    ]


def test_errors_cannot_be_suppressed(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    process = BASE["process.yml"].replace("buyer_step: recognize", "buyer_step: recognise")
    write_playbook(root, {"process.yml": process})
    (root / "site_config.yml").write_text("suppress_warnings: [ref]\n", encoding="utf-8")
    assert main(["validate"]) == 1
    assert "error[ref.unknown]" in capsys.readouterr().out


def test_no_module_imports_the_command_line() -> None:
    """The CLI is the top of the graph: library code that imported it would run backwards
    (and did: build, serve and score used to borrow its helpers)."""
    package = Path(__file__).parent.parent / "playbook_gen"
    importers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name not in ("cli.py", "__main__.py")
        and re.search(
            r"^\s*(from playbook_gen(\.cli)? import .*\bcli\b|from playbook_gen\.cli "
            r"import|import playbook_gen\.cli)",
            path.read_text(encoding="utf-8"),
            re.M,
        )
    ]
    assert importers == []


def test_the_docs_list_every_warning_code() -> None:
    """`suppress_warnings` takes codes, so every one a user may meet is in the docs."""
    from playbook_gen.diagnostics import WARNING_CODES

    text = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z_]+\.[a-z_-]+)` \|", text, re.MULTILINE))
    assert listed == set(WARNING_CODES)

"""Usage errors: exit status 2 and one line `playbook-gen: error: …`, never a traceback;
every option a command shows is honoured or refused, and the help explains each one."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest
from playbook_files import write_playbook

from playbook_gen.cli import build_parser, main


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run `argv`, which must exit 2; the one line it wrote to stderr."""
    try:
        status = main(argv)
    except SystemExit as raised:  # argparse's own errors
        status = raised.code  # type: ignore[assignment]
    assert status == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("playbook-gen: error: ")
    return lines[0]


@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_content_option_must_name_a_folder(
    root: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (root / "a-file.yml").write_text("x: 1\n", encoding="utf-8")
    assert _usage_error([command, "-c", "/nonexistent"], capsys) == (
        "playbook-gen: error: -c /nonexistent: does not exist; pass the playbook's folder"
    )
    assert _usage_error([command, "-c", "a-file.yml"], capsys) == (
        "playbook-gen: error: -c a-file.yml: is not a folder; pass the playbook's folder"
    )


def test_score_content_option_must_name_a_folder(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _usage_error(["score", "-c", "/nonexistent", "sheet", "answers.yml"], capsys)
    assert "-c /nonexistent: does not exist" in line


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1", "localhost:http", ":80"])
def test_a_bad_serve_address_is_a_usage_error(
    root: Path, capsys: pytest.CaptureFixture[str], address: str
) -> None:
    write_playbook(root)
    line = _usage_error(["serve", "-a", address], capsys)
    assert line == (
        f"playbook-gen: error: -a {address}: expected IP:PORT with a port from 0 to 65535, "
        "e.g. 127.0.0.1:8000"
    )


@pytest.mark.parametrize("argv", [["init", "x", "-c", "y"], ["schema", "-c", "/nonexistent"]])
def test_commands_that_read_no_playbook_refuse_the_content_option(
    root: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    line = _usage_error(argv, capsys)
    assert line.startswith("playbook-gen: error: unrecognized arguments: -c ")
    assert not (root / "x").exists()


def test_argparse_errors_are_one_line_like_the_others(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _usage_error(["init"], capsys) == (
        "playbook-gen: error: the following arguments are required: DIR "
        "(see 'playbook-gen init --help')"
    )
    line = _usage_error(["validate", "--format", "xml"], capsys)
    assert line.startswith("playbook-gen: error: argument --format: invalid choice: 'xml'")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(found[0].choices)


def _help(command: str) -> str:
    return _commands()[command].format_help()


def test_every_option_and_argument_has_help() -> None:
    for name, sub in _commands().items():
        for action in sub._actions:
            assert action.help, f"{name} {action.dest} has no help"


def test_help_shows_defaults_and_the_answers_format() -> None:
    assert "(default: en)" in _help("init")
    score = " ".join(_help("score").split())
    assert "mapping each question id of the worksheet to an answer" in score
    assert "docs/working-tools.md" in score
    assert "with every worksheet id of the playbook" in score


NORTHWIND = Path(__file__).parent / "fixtures" / "playbooks" / "northwind"


def test_score_lists_the_worksheet_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--list", "-c", str(NORTHWIND)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "deal-health\tDeal health check",
        "rep-readiness\tRep readiness <week 4> & beyond",
    ]
    assert main(["score", "--list", "--format", "json", "-c", str(NORTHWIND)]) == 0
    assert '"id": "deal-health"' in capsys.readouterr().out


def test_score_without_its_ids_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _usage_error(["score", "-c", str(NORTHWIND)], capsys) == (
        "playbook-gen: error: score needs WORKSHEET_ID and ANSWERS (or --list to see the ids)"
    )
    assert _usage_error(["score", "deal-health", "-c", str(NORTHWIND)], capsys).endswith(
        "(or --list to see the ids)"
    )


def test_a_profiler_still_gets_its_results(tmp_path: Path) -> None:
    """The command skips the interpreter's teardown (`cli.run`), but not under a profiler,
    which writes its results on the way out."""
    stats = tmp_path / "validate.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "playbook_gen", "validate",
         "-c", str(NORTHWIND)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert stats.is_file() and stats.stat().st_size > 0

"""Whatever the content folder holds, every command answers with diagnostics, never a crash.

Each broken input goes through `validate`, `build` and `score` alike: exit status 1, the
problem at `path:line:column` with its code, no traceback, and (for `build`) nothing
written. The exact wording of each message is tested with the loader
(`test_diagnostics_*.py`); here it is the commands' contract over the same inputs.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from playbook_files import BASE, write_playbook

from playbook_gen.cli import main

COMMANDS = {
    "validate": ["validate"],
    "build": ["build", "--site-dir", "site"],
    "score": ["score", "deal-check", "answers.yml"],
}

BILLION_LAUGHS = "".join(
    [
        "name: Laughs\n",
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
        *(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)
"""9⁹ ≈ 387 million strings if expanded: the classic alias bomb."""

LONG_ID = "a" * 300
WORKSHEET = BASE["diagnostics/deal-check.yml"]

CASES: dict[str, tuple[dict[str, str | bytes | None], str, str]] = {
    # name: (changes to the base playbook, file, "line:column: error[code]")
    "syntax error": ({"tools.yml": "tools: [\n"}, "tools.yml", r"2:1: error\[yaml\.syntax\]"),
    "tab": (
        {"tools.yml": "tools:\n  - id: crm\n\ttitle: CRM\n"},
        "tools.yml",
        r"3:1: error\[yaml\.tab\]",
    ),
    "duplicate key": (
        {"playbook.yml": "name: A\nlanguage: en\nname: B\n"},
        "playbook.yml",
        r"3:1: error\[yaml\.duplicate\]",
    ),
    "not UTF-8": (
        {"playbook.yml": b"name: Caf\xe9 playbook\n"},
        "playbook.yml",
        r"1:10: error\[file\.encoding\]: not valid UTF-8 \(byte 0xe9\)",
    ),
    "UTF-16": (
        {"playbook.yml": "name: x\n".encode("utf-16")},
        "playbook.yml",
        r"1:1: error\[file\.encoding\]",
    ),
    "empty file": ({"glossary.yml": ""}, "glossary.yml", r"1:1: error\[file\.empty\]"),
    "only a comment": (
        {"glossary.yml": "# nothing yet\n"},
        "glossary.yml",
        r"1:1: error\[file\.empty\]",
    ),
    "list where a mapping belongs": (
        {"tools.yml": "- id: crm\n  title: CRM\n"},
        "tools.yml",
        r"1:1: error\[schema\.type\]",
    ),
    "wrong type": (
        {"playbook.yml": "name: [a, list]\n"},
        "playbook.yml",
        r"1:7: error\[schema\.type\]",
    ),
    "unknown field": (
        {"playbook.yml": "name: A\nlanguag: en\n"},
        "playbook.yml",
        r"2:1: error\[schema\.unknown\]: languag: unknown field 'languag'; did you mean",
    ),
    "path as id": (
        {"skills/negotiation.yml": "id: ../../etc/passwd\ntitle: N\n"},
        "skills/negotiation.yml",
        r"1:5: error\[schema\.value\]: id: '\.\./\.\./etc/passwd' is not a valid id",
    ),
    "words as id": (
        {"skills/negotiation.yml": "id: Mutual Plan\ntitle: N\n"},
        "skills/negotiation.yml",
        r"1:5: error\[schema\.value\]: id: 'Mutual Plan' is not a valid id",
    ),
    "300-character id": (
        {"skills/negotiation.yml": f"id: {LONG_ID}\ntitle: N\n"},
        "skills/negotiation.yml",
        r"1:5: error\[schema\.value\]: id: .* \(it has 300 characters\)",
    ),
    "javascript url": (
        {"tools.yml": "tools:\n  - id: crm\n    title: CRM\n    url: javascript:alert(1)\n"},
        "tools.yml",
        r"4:10: error\[schema\.value\]: tools\.0\.url: 'javascript:alert\(1\)' is not a web",
    ),
    "data url": (
        {"tools.yml": "tools:\n  - {id: crm, title: CRM, url: 'data:text/html,<b>'}\n"},
        "tools.yml",
        r"2:32: error\[schema\.value\]: tools\.0\.url",
    ),
    "python tag": (
        {"playbook.yml": "name: !!python/object/apply:os.system ['touch pwned']\n"},
        "playbook.yml",
        r"1:7: error\[yaml\.tag\]",
    ),
    "billion laughs": (
        {"playbook.yml": BILLION_LAUGHS},
        "playbook.yml",
        r"\d+:\d+: error\[yaml\.alias\]: .*alias bomb",
    ),
    "deep nesting": (
        {"glossary.yml": "terms: " + "[" * 5000 + "]" * 5000 + "\n"},
        "glossary.yml",
        r"1:\d+: error\[yaml\.depth\]",
    ),
    "a scale of a hundred million values": (
        {"diagnostics/deal-check.yml": WORKSHEET.replace("  max: 5\n", "  max: 100000000\n")},
        "diagnostics/deal-check.yml",
        r"6:8: error\[limit\.scale\]: scale\.max: the scale has 100000000 values",
    ),
    "an infinite weight": (
        {
            "diagnostics/deal-check.yml": WORKSHEET.replace(
                "text: The pain", "weight: .inf\n                text: The pain"
            )
        },
        "diagnostics/deal-check.yml",
        r"15:\d+: error\[schema\.value\]: sections\.0\.questions\.0\.weight: .*finite",
    ),
    "a weight that overflows the sums": (
        {
            "diagnostics/deal-check.yml": WORKSHEET.replace(
                "text: The pain", "weight: 1e308\n                text: The pain"
            )
        },
        "diagnostics/deal-check.yml",
        r"15:\d+: error\[schema\.value\]: sections\.0\.questions\.0\.weight: must be at most",
    ),
    "two documents": (
        {"playbook.yml": "name: A\n---\nname: B\n"},
        "playbook.yml",
        r"2:1: error\[yaml\.documents\]",
    ),
    "control character": (
        {"playbook.yml": "name: A\x07B\n"},
        "playbook.yml",
        r"1:8: error\[yaml\.char\]",
    ),
}

INPUTS = frozenset({"answers.yml", "content", "outside.yml", "site_config.yml"})
"""What the tests write into the folder they run in; a refused command adds nothing."""

Setup = Callable[[Path], None]


def _link_out(root: Path) -> None:
    (root / "outside.yml").write_text("tools: []\n", encoding="utf-8")
    (root / "content" / "tools.yml").unlink()
    (root / "content" / "tools.yml").symlink_to(root / "outside.yml")


def _dangling_link(root: Path) -> None:
    (root / "content" / "tools.yml").unlink()
    (root / "content" / "tools.yml").symlink_to("gone.yml")


def _folder_as_file(root: Path) -> None:
    (root / "content" / "skills" / "closing.yml").mkdir()


def _tiny_limits(root: Path) -> None:
    (root / "site_config.yml").write_text("limits:\n  max_file_bytes: 64\n", encoding="utf-8")


def _few_entities(root: Path) -> None:
    (root / "site_config.yml").write_text("limits:\n  max_entities: 3\n", encoding="utf-8")


FILE_CASES: dict[str, tuple[Setup, str, str]] = {
    "symlink out of the content folder": (_link_out, "tools.yml", r"1:1: error\[file\.symlink\]"),
    "dangling symlink": (_dangling_link, "tools.yml", r"1:1: error\[file\.unreadable\]"),
    "folder named like a file": (
        _folder_as_file,
        "skills/closing.yml",
        r"1:1: error\[file\.unreadable\]: cannot read the file: it is a folder",
    ),
    "file over the configured size limit": (
        _tiny_limits,
        "process.yml",
        r"1:1: error\[file\.size\]: file is \d+ bytes; the limit is 64 bytes",
    ),
    "more entities than the configured limit": (
        _few_entities,
        "",
        r"\d+:\d+: error\[limit\.entities\]",
    ),
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yml").write_text("pain: 3\n", encoding="utf-8")
    return tmp_path


def _run(command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The command's status and output. `main` turns a `PlaybookError` into a message;
    anything else escaping it is what the console script would print as a traceback."""
    try:
        status = main(COMMANDS[command])
    except Exception as exc:  # the failure to report is the escape itself
        pytest.fail(f"`{command}` would show a traceback: {type(exc).__name__}: {exc}")
    captured = capsys.readouterr()
    return status, captured.out + captured.err


SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings?$", re.MULTILINE)
"""The one summary line every command ends its diagnostics with."""


def _assert_refused(root: Path, command: str, file: str, where: str, status: int, out: str) -> None:
    assert status == 1, out
    assert SUMMARY.search(out), out
    pattern = rf"^content/{re.escape(file)}:{where}" if file else rf"^content/\S+:{where}"
    assert re.search(pattern, out, re.MULTILINE), out
    # Nothing is written: no site, no build folder, no temporary folder, no lock.
    assert {p.name for p in root.iterdir()} <= INPUTS
    assert not (root / "pwned").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(CASES))
def test_broken_content_is_a_diagnostic(
    root: Path, capsys: pytest.CaptureFixture[str], command: str, case: str
) -> None:
    changes, file, where = CASES[case]
    write_playbook(root, changes)
    status, out = _run(command, capsys)
    _assert_refused(root, command, file, where, status, out)


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(FILE_CASES))
def test_broken_files_are_a_diagnostic(
    root: Path, capsys: pytest.CaptureFixture[str], command: str, case: str
) -> None:
    setup, file, where = FILE_CASES[case]
    write_playbook(root)
    setup(root)
    status, out = _run(command, capsys)
    _assert_refused(root, command, file, where, status, out)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_bom_is_accepted(root: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    write_playbook(root, {"playbook.yml": b"\xef\xbb\xbfname: With a BOM\nlanguage: en\n"})
    status, out = _run(command, capsys)
    assert status == 0, out


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("content_dir: [\n", r"site_config\.yml:2:1: error\[yaml\.syntax\]"),
        ("limits: {max_depth: -1}\n", r"site_config\.yml:1:\d+: error\[schema\.value\]"),
        ("limits: {max_file_bytes: big}\n", r"site_config\.yml:1:\d+: error\[schema\.type\]"),
        ("contentdir: x\n", r"site_config\.yml:1:1: error\[schema\.unknown\].*content_dir"),
        (b"content_dir: \xff\n", r"site_config\.yml:1:14: error\[file\.encoding\]"),
        ("templates_dir: nowhere\n", r"site_config\.yml:1:16: error\[config\.folder\]"),
    ],
)
def test_a_broken_site_config_is_a_diagnostic(
    root: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    config: str | bytes,
    where: str,
) -> None:
    write_playbook(root)
    path = root / "site_config.yml"
    path.write_bytes(config if isinstance(config, bytes) else config.encode())
    status, out = _run(command, capsys)
    assert status == 1, out
    assert re.search(rf"^{where}", out, re.MULTILINE), out
    assert not (root / "site").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("folder", ["missing", "a-file"])
def test_a_content_folder_that_is_not_a_folder(
    root: Path, capsys: pytest.CaptureFixture[str], command: str, folder: str
) -> None:
    (root / "a-file").write_text("name: x\n", encoding="utf-8")
    status = main([*COMMANDS[command], "-c", folder])
    captured = capsys.readouterr()
    assert status == 2  # a usage error: the command line names no folder
    assert f"-c {folder}: " in captured.err
    assert captured.err.startswith("playbook-gen: error: ")
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("# {{ no_such_name.title }}\n", "'no_such_name' is undefined"),
        ("# {% if %}\n", "Expected an expression"),
        ("{% include 'missing.md.j2' %}\n", "'missing.md.j2' not found"),
        ("# {{ 1 / 0 }}\n", "division by zero"),
        ("# {{ t('no_such_label') }}\n", "no_such_label"),
    ],
)
def test_a_broken_override_template_is_an_error_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str], template: str, reason: str
) -> None:
    write_playbook(root)
    (root / "site_config.yml").write_text("templates_dir: custom\n", encoding="utf-8")
    (root / "custom").mkdir()
    (root / "custom" / "tools.md.j2").write_text("\n" + template, encoding="utf-8")
    status = main(COMMANDS["build"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("playbook-gen: error: custom/tools.md.j2:2: "), err
    assert reason in err
    assert not (root / "site").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_site_folder_that_cannot_be_written_fails_at_once(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a ten-minute wait for a lock that can never be taken (we run as root, so an
    unwritable place is one where no file can be made: /proc)."""
    write_playbook(root)
    assert main(["build", "--site-dir", "/proc/playbook-site"]) == 1
    # the build folder goes beside the site, so its lock is the first that cannot be made
    assert "cannot create the lock file /proc/.playbook-build.lock" in capsys.readouterr().err


def test_serving_on_a_taken_port_is_an_error(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        assert main(["serve", "-a", address]) == 1
    assert f"cannot serve on {address}: " in capsys.readouterr().err


def test_an_alias_bomb_is_stopped_before_it_expands(root: Path) -> None:
    """Stopped by the expansion budget, not by memory running out: reading it allocates
    a few megabytes at most (memory is counted, not timed; its speed is measured in
    `benchmarks/hostile_input.py`)."""
    from playbook_files import load

    write_playbook(root)
    load(root)  # imports and caches warmed up, so only the reading is counted
    write_playbook(root, {"playbook.yml": BILLION_LAUGHS})
    tracemalloc.start()
    try:
        _, log = load(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert log.codes() == ["yaml.alias"]
    assert peak < 8 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MiB"


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_installed_command_prints_no_traceback(root: Path, command: str) -> None:
    """The same contract through a real process: the console script, stderr and all."""
    write_playbook(root, {"tools.yml": "tools:\n\t- oops\n", "playbook.yml": BILLION_LAUGHS})
    script = Path(sys.executable).with_name("playbook-gen")
    finished = subprocess.run(
        [str(script), *COMMANDS[command]],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning:playbook_gen"},
    )
    output = finished.stdout + finished.stderr
    assert finished.returncode == 1, output
    assert "Traceback" not in output
    assert re.search(r"^content/tools\.yml:2:1: error\[yaml\.tab\]", output, re.MULTILINE)
    assert re.search(r"^content/playbook\.yml:\d+:\d+: error\[yaml\.alias\]", output, re.M)

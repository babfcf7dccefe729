"""Nothing is lost: not the previous site, not the content, not a file `init` would meet.

Builds run as real processes on a playbook large enough (a few seconds of MkDocs) to be
killed in the middle: `kill -9` at several points leaves either the previous site or the
new one, byte for byte, and the next build sweeps up what the killed one left. Two
builds of different playbooks into one site folder give exactly one of the two sites.
The content folder is made read-only and its files' bytes, modes and times compared
before and after every command (we run as root, for whom read-only is only advice).
Ctrl-C, SIGTERM and a failing MkDocs are tested in `test_site_build.py`.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitecheck import tree_digest as _tree_digest

from playbook_gen.cli import main
from playbook_gen.publish.build import build_site
from playbook_gen.read.config import SiteConfig
from playbook_gen.site.changes import MANIFEST_NAME

FIXTURES = Path(__file__).parent / "fixtures" / "playbooks"
PLAYBOOK_GEN = Path(sys.executable).with_name("playbook-gen")
EXTRA_SKILLS = 200
"""Skill pages added to the Northwind fixture: about 230 pages, a few seconds to build."""

pytestmark = pytest.mark.slow


def _large_playbook(folder: Path, name: str) -> Path:
    shutil.copytree(FIXTURES / "northwind", folder)
    playbook = folder / "playbook.yml"
    text, count = re.subn(r"(?m)^name: .*$", f"name: {name}", playbook.read_text("utf-8"))
    assert count == 1
    playbook.write_text(text, encoding="utf-8")
    words = "Ask, listen, confirm the pain in the buyer's own words. " * 30
    for i in range(EXTRA_SKILLS):
        (folder / "skills" / f"extra-{i:03d}.yml").write_text(
            f"id: extra-{i:03d}\ntitle: {name} skill {i}\ncategory: Extra\nbody: |\n  {words}\n",
            encoding="utf-8",
        )
    return folder


HISTORY = (MANIFEST_NAME, "changes/index.html")
"""Files that depend on which site a build replaced (the manifest and the "what changed"
page), not only on its content: left out when sites are compared."""


def tree_digest(site: Path) -> dict[str, str]:
    """The site's files byte for byte, but those of `HISTORY`."""
    return {path: sha for path, sha in _tree_digest(site).items() if path not in HISTORY}


@dataclass(frozen=True)
class Playbooks:
    """Two large playbooks and the digest of the site each builds into."""

    a: Path
    b: Path
    site_a: dict[str, str]
    site_b: dict[str, str]


@pytest.fixture(scope="module")
def playbooks(tmp_path_factory: pytest.TempPathFactory) -> Playbooks:
    root = tmp_path_factory.mktemp("large")
    digests = []
    for name in ("a", "b"):
        content = _large_playbook(root / name, f"Playbook {name.upper()}")
        site = root / f"site-{name}"
        assert build_site(content, site, SiteConfig.default(root), keep_build_dir=False) == 0
        digests.append(tree_digest(site))
    assert digests[0] != digests[1]
    return Playbooks(root / "a", root / "b", digests[0], digests[1])


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in `tmp_path`, where the build folder, the site and their locks go."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _start_build(content: Path, cwd: Path, site: str = "site") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(PLAYBOOK_GEN), "build", "-c", str(content), "--site-dir", site],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _leftovers(cwd: Path) -> list[str]:
    """Temporary folders a build makes next to the site."""
    return sorted(p.name for p in cwd.iterdir() if p.name.startswith((".site.new-", ".site.old-")))


def _wait_for(condition: object, process: subprocess.Popen[bytes], timeout: float = 120) -> bool:
    """Poll until `condition()` holds; False if the process ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.002)
    raise AssertionError("timed out")


KILL_POINTS = [
    ("while Python starts", None, 0.1),
    ("while the content is read", None, 0.8),
    ("as MkDocs starts", ".site.new-*", 0.0),
    ("while MkDocs copies the theme", ".site.new-*/assets/javascripts", 0.0),
    ("while MkDocs writes pages", ".site.new-*/skills", 0.0),
    ("while MkDocs writes pages, later", ".site.new-*/skills", 0.5),
    ("while MkDocs writes pages, even later", ".site.new-*/skills", 1.0),
    ("around the swap", ".site.new-*/sitemap.xml.gz", 0.0),
]
"""(what, a path pattern next to the site to wait for, then seconds to wait)."""


def test_kill_9_at_any_point_leaves_the_old_site_or_the_new_one(
    playbooks: Playbooks, in_tmp: Path
) -> None:
    tmp_path = in_tmp
    assert main(["build", "-c", str(playbooks.a), "--site-dir", "site"]) == 0
    assert tree_digest(tmp_path / "site") == playbooks.site_a
    outcomes = []
    for what, pattern, delay in KILL_POINTS:
        kill_at = time.monotonic() + delay
        process = _start_build(playbooks.b, tmp_path)
        if pattern is None:
            reached = _wait_for(lambda t=kill_at: time.monotonic() > t, process)
        else:
            reached = _wait_for(lambda p=pattern: any(tmp_path.glob(p)), process)
            time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        site = tree_digest(tmp_path / "site")
        assert site in (playbooks.site_a, playbooks.site_b), what
        outcomes.append((what, reached, "new" if site == playbooks.site_b else "old"))
        if site == playbooks.site_b:  # the kill came after the swap: start from A again
            assert main(["build", "-c", str(playbooks.a), "--site-dir", "site"]) == 0
    # Killed builds may leave their temporary folders; the next build sweeps them up.
    finished = _start_build(playbooks.b, tmp_path)
    assert finished.wait(timeout=300) == 0, finished.stderr.read() if finished.stderr else ""
    assert tree_digest(tmp_path / "site") == playbooks.site_b
    assert _leftovers(tmp_path) == []
    # At least the kills in the middle of MkDocs must have hit a running build.
    assert sum(1 for _, reached, result in outcomes if reached and result == "old") >= 4, outcomes


def test_a_failed_build_leaves_no_temporary_folder(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = in_tmp
    shutil.copytree(FIXTURES / "harbor", tmp_path / "content")
    assert main(["build", "--site-dir", "site"]) == 0
    before = tree_digest(tmp_path / "site")
    monkey = tmp_path / "templates"
    monkey.mkdir()
    (monkey / "glossary.md.j2").write_text("# Glossary\n\n[gone](nowhere.md)\n")
    (tmp_path / "site_config.yml").write_text("templates_dir: templates\n", encoding="utf-8")
    assert main(["build", "--site-dir", "site", "--strict"]) == 1
    assert "strict mode" in capsys.readouterr().err
    assert tree_digest(tmp_path / "site") == before
    assert _leftovers(tmp_path) == []


def test_two_builds_at_once_give_exactly_one_complete_site(
    playbooks: Playbooks, tmp_path: Path
) -> None:
    processes = [_start_build(content, tmp_path) for content in (playbooks.a, playbooks.b)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert tree_digest(tmp_path / "site") in (playbooks.site_a, playbooks.site_b)
    assert _leftovers(tmp_path) == []


# ---------------------------------------------------------------- the content folder


def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every path under `folder` (itself too): content hash, mode and modification time."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
        found[path.relative_to(folder).as_posix()] = (digest, info.st_mode, info.st_mtime_ns)
    return found


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.lstat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.mark.parametrize("where", ["beside", "inside"])
def test_no_command_writes_inside_the_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """`-c` a read-only folder: every command still works, and not a byte or mtime moves.

    `inside`: the commands run in the content folder itself (site_config.yml there too),
    where the default build folder and site would land.
    """
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "harbor", content)
    (tmp_path / "answers.yml").write_text("hours-known: 3\n", encoding="utf-8")
    cwd = tmp_path if where == "beside" else content
    if where == "inside":
        (content / "site_config.yml").write_text(
            "content_dir: .\nsite_dir: ../site\nbuild_dir: ../build\n", encoding="utf-8"
        )
    _read_only(content)
    before = _snapshot(content)
    monkeypatch.chdir(cwd)
    args = [] if where == "inside" else ["-c", "content"]
    site = str(tmp_path / "site")
    answers = str(tmp_path / "answers.yml")
    assert main(["validate", *args]) == 0
    assert main(["build", *args, "--site-dir", site]) == 0
    assert main(["score", "deal-check", answers, *args]) == 0
    assert main(["build", *args, "--site-dir", site]) == 0  # a rebuild, over the first site
    assert _snapshot(content) == before
    assert (tmp_path / "site" / "index.html").is_file()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    (target / "content").mkdir(parents=True)
    (target / "content" / "playbook.yml").write_text("name: Mine\n", encoding="utf-8")
    before = _snapshot(target)
    assert main(["init", str(target)]) == 1
    assert "playbook.yml" in capsys.readouterr().err
    assert _snapshot(target) == before  # and nothing else was added beside it
    fresh = tmp_path / "fresh"
    assert main(["init", str(fresh)]) == 0
    written = _snapshot(fresh)
    assert main(["init", str(fresh), "--language", "zh"]) == 1
    assert _snapshot(fresh) == written


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_init_where_nothing_can_be_written_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "/proc/new-playbook"]) == 1
    assert "cannot write /proc/new-playbook/" in capsys.readouterr().err


def test_init_that_fails_half_way_takes_back_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_open = Path.open
    opened: list[Path] = []

    def full_disk(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "x" in mode:
            opened.append(self)
            if len(opened) == 3:
                raise OSError(28, "No space left on device")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full_disk)
    target = tmp_path / "starter"
    assert main(["init", str(target)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert [p for p in target.rglob("*") if p.is_file()] == []

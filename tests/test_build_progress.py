"""What `build` prints while it works: a page-count bar on a terminal only; `--quiet`
prints nothing but errors."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playbook_files import write_playbook

from playbook_gen.publish.progress import PageProgress

ESCAPE = "\x1b"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as `sys.stderr` does in an interactive shell."""

    def isatty(self) -> bool:
        return True


def build(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`playbook-gen build` in its own process, its output captured (so not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "playbook_gen", "build", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
    )


def test_no_bar_where_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = PageProgress(stream)
    progress.phase("Building pages", 10)
    progress.step(10)
    progress.close()
    assert not progress.enabled
    assert stream.getvalue() == ""


def test_on_a_terminal_the_bar_counts_pages() -> None:
    stream = Terminal()
    progress = PageProgress(stream)
    progress.phase("Building pages", 3)
    for _ in range(3):
        progress.step()
        if progress.bar is not None:
            progress.bar.refresh()
    progress.close()
    shown = stream.getvalue()
    assert "Building pages" in shown
    assert "3/3" in shown


@pytest.mark.slow
def test_a_build_into_a_pipe_prints_plain_lines_without_escape_codes(tmp_path: Path) -> None:
    content = write_playbook(tmp_path / "playbook")
    done = build(["-c", str(content), "--site-dir", str(tmp_path / "site")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert ESCAPE not in done.stdout + done.stderr
    assert "\r" not in done.stdout + done.stderr
    assert done.stdout.startswith("Built ")


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_the_page_count(tmp_path: Path) -> None:
    from playbook_gen.publish.build import build_site
    from playbook_gen.read.config import SiteConfig

    content = write_playbook(tmp_path / "playbook")
    stream = Terminal()
    config = SiteConfig.default(tmp_path).with_content(str(content))
    status = build_site(
        content, tmp_path / "site", config, keep_build_dir=False,
        progress=PageProgress(stream),
    )
    assert status == 0
    pages = len(list((tmp_path / "site").rglob("index.html")))
    shown = stream.getvalue()
    assert "Building pages" in shown
    assert re.search(rf"\b\d+/{pages} pages", shown), shown[-500:]


@pytest.mark.slow
def test_quiet_prints_nothing_when_the_build_succeeds(tmp_path: Path) -> None:
    content = write_playbook(tmp_path / "playbook")
    done = build(["-c", str(content), "--site-dir", str(tmp_path / "site"), "--quiet"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.slow
def test_quiet_still_prints_the_errors(tmp_path: Path) -> None:
    content = write_playbook(tmp_path / "playbook")
    (content / "process.yml").write_text("stages: [{id: x}]\n", encoding="utf-8")
    done = build(["-c", str(content), "--site-dir", str(tmp_path / "site"), "-q"], tmp_path)
    assert done.returncode == 1
    assert "process.yml:1:" in done.stdout
    assert "error[" in done.stdout
    assert not (tmp_path / "site").exists()

"""A build whose pages are shared over forked processes (`publish.page_shares`) gives the
site one process gives, byte for byte; a failure or a `--strict` warning in any process
fails the build and keeps the previous site; no process outlives the build."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mkdocs.commands.build as mkdocs_build
import pytest
from sitecheck import tree_digest

from playbook_gen import processes
from playbook_gen.cli import main
from playbook_gen.processes import MAX_JOBS
from playbook_gen.publish.build import MkDocsFailed, build_site
from playbook_gen.publish.page_shares import PAGES_PER_SHARE, default_jobs
from playbook_gen.publish.progress import PageProgress
from playbook_gen.read.config import SiteConfig
from playbook_gen.site.changes import MANIFEST_NAME

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "content"
NORTHWIND = REPO / "tests" / "fixtures" / "playbooks" / "northwind"
DATED = {"sitemap.xml", "sitemap.xml.gz", MANIFEST_NAME}
"""Files that hold the build's date or time."""

needs_fork = pytest.mark.skipif(not processes.can_fork(), reason="this platform cannot fork")


def _build(root: Path, jobs: int, strict: bool = False, **kwargs: Any) -> int:
    config = SiteConfig.default(root).with_content(str(BUNDLED))
    return build_site(
        BUNDLED, root / "site", config, strict, keep_build_dir=False, jobs=jobs, **kwargs
    )


def _pages(site: Path) -> dict[str, str]:
    return {path: sha for path, sha in tree_digest(site).items() if path not in DATED}


def _children() -> set[str]:
    """This process's child processes (Linux), to prove a build leaves none behind (the
    session's browser, started by other tests, may be one of them)."""
    me = os.getpid()
    listing = Path(f"/proc/{me}/task/{me}/children")
    return set(listing.read_text().split()) if listing.exists() else set()


def _in_a_forked_share(action: Callable[[str], None]) -> None:
    """Make MkDocs run `action(path)` before it writes a skill's page, in processes other
    than this one (forked shares) only."""
    parent = os.getpid()
    original = mkdocs_build.utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        if os.getpid() != parent and "/skills/" in output_path:
            action(output_path)
        original(content, output_path)

    mkdocs_build.utils.write_file = write_file  # type: ignore[assignment]


@pytest.fixture
def restore_write_file() -> Any:
    original = mkdocs_build.utils.write_file
    yield
    mkdocs_build.utils.write_file = original  # type: ignore[assignment]


def test_a_small_site_is_one_process_and_a_large_one_uses_the_cpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(processes, "usable_cpus", lambda: 6)
    assert default_jobs(PAGES_PER_SHARE - 1) == 1
    assert default_jobs(2 * PAGES_PER_SHARE) == 2
    assert default_jobs(100 * PAGES_PER_SHARE) == MAX_JOBS
    monkeypatch.setattr(processes, "can_fork", lambda: False)
    assert default_jobs(100 * PAGES_PER_SHARE) == 1


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_of_one_or_more(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for content, words in ((NORTHWIND, "1 or more"), (BUNDLED, "不小于 1 的整数")):
        with pytest.raises(SystemExit) as exit_:
            main(["build", "-c", str(content), "--jobs", value])
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "--jobs" in err and words in err and err.count("\n") == 1, err


@pytest.mark.slow
@needs_fork
def test_shared_pages_are_byte_for_byte_those_of_one_process(tmp_path: Path) -> None:
    before = _children()
    assert _build(tmp_path / "one", jobs=1) == 0
    assert _build(tmp_path / "three", jobs=3) == 0
    one, three = _pages(tmp_path / "one" / "site"), _pages(tmp_path / "three" / "site")
    assert len(one) > 100
    assert three == one
    assert _children() <= before


@pytest.mark.slow
@needs_fork
def test_the_progress_counts_the_pages_of_every_process(tmp_path: Path) -> None:
    counted: list[int] = []

    class Recorded(PageProgress):
        def count_to(self, done: int) -> None:
            counted.append(done)

    assert _build(tmp_path, jobs=2, progress=Recorded(enabled=True)) == 0
    pages = len(list((tmp_path / "site").rglob("index.html")))
    assert max(counted) == pages


@pytest.mark.slow
@needs_fork
def test_a_page_failing_in_another_process_fails_the_build_and_keeps_the_site(
    tmp_path: Path, restore_write_file: None, capfd: pytest.CaptureFixture[str]
) -> None:
    """The error is the forked process's, written by it: captured at the file descriptor."""
    children = _children()
    assert _build(tmp_path, jobs=1) == 0
    before = tree_digest(tmp_path / "site")

    def fail(path: str) -> None:
        raise OSError(28, "No space left on device", path)

    _in_a_forked_share(fail)
    with pytest.raises(MkDocsFailed, match="pages could not be built"):
        _build(tmp_path, jobs=2)
    assert "No space left on device" in capfd.readouterr().err
    assert tree_digest(tmp_path / "site") == before
    assert _children() <= children
    assert not list(tmp_path.glob(".site.new-*"))


@pytest.mark.slow
@needs_fork
def test_a_warning_in_another_process_fails_a_strict_build_only(
    tmp_path: Path, restore_write_file: None
) -> None:
    def warn(path: str) -> None:
        logging.getLogger("mkdocs.commands.build").warning(f"odd page {path}")

    _in_a_forked_share(warn)
    before = _children()
    with pytest.raises(MkDocsFailed, match="strict mode"):
        _build(tmp_path, jobs=2, strict=True)
    assert not (tmp_path / "site").exists()
    assert _build(tmp_path, jobs=2, strict=False) == 0
    assert _children() <= before


@pytest.mark.slow
@needs_fork
def test_a_strict_shared_build_is_not_failed_by_mkdocs_dirty_notice(tmp_path: Path) -> None:
    """The shares run MkDocs' `dirty` mode, which warns that it is: not a warning of ours."""
    assert _build(tmp_path, jobs=2, strict=True) == 0

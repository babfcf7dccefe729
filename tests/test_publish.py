"""Swapping a finished site in: all or nothing, under a lock, never deleting non-sites."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sitecheck import tree_digest

from playbook_gen.errors import PlaybookError
from playbook_gen.publish.swap import check_replaceable, staged_site


def _old_site(site: Path) -> dict[str, str]:
    (site / "search").mkdir(parents=True)
    (site / "index.html").write_text("old")
    (site / "search/search_index.json").write_text("{}")
    return tree_digest(site)


def _siblings(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name != ".site.lock")


def test_a_finished_build_replaces_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _old_site(site)
    with staged_site(site) as new:
        (new / "index.html").write_text("new")
    assert tree_digest(site).keys() == {"index.html"}
    assert (site / "index.html").read_text() == "new"
    assert _siblings(site) == ["site"]


@pytest.mark.parametrize("interruption", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_an_interrupted_build_leaves_the_site_byte_for_byte(
    tmp_path: Path, interruption: type[BaseException]
) -> None:
    site = tmp_path / "site"
    before = _old_site(site)
    with pytest.raises(interruption), staged_site(site) as new:
        (new / "index.html").write_text("half")
        raise interruption()
    assert tree_digest(site) == before
    assert _siblings(site) == ["site"]


def test_leftovers_of_a_killed_build_are_swept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _old_site(site)
    (tmp_path / ".site.new-abc").mkdir()
    (tmp_path / ".site.new-abc/index.html").write_text("half")
    with staged_site(site) as new:
        (new / "index.html").write_text("new")
    assert _siblings(site) == ["site"]


def test_a_site_renamed_aside_by_a_killed_swap_is_restored(tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = _old_site(site)
    site.rename(tmp_path / ".site.old-xyz")
    with pytest.raises(RuntimeError), staged_site(site):
        assert tree_digest(site) == before
        raise RuntimeError
    assert tree_digest(site) == before


def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    site = tmp_path / "site"
    inside: list[int] = []
    overlaps: list[bool] = []

    def build(n: int) -> None:
        with staged_site(site) as new:
            overlaps.append(bool(inside))
            inside.append(n)
            time.sleep(0.2)
            (new / "index.html").write_text(str(n))
            inside.remove(n)

    threads = [threading.Thread(target=build, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlaps == [False, False, False]
    assert (site / "index.html").read_text() in {"0", "1", "2"}
    assert _siblings(site) == ["site"]


def test_folders_that_are_not_sites_are_refused(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "home").mkdir()
    (tmp_path / "home/thesis.md").write_text("precious")
    for bad in (tmp_path, content, content / "site", tmp_path / "home"):
        with pytest.raises(PlaybookError):
            check_replaceable(bad, [content])
    check_replaceable(tmp_path / "site", [content])  # not there yet: fine

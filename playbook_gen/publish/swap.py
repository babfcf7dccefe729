"""Replace a built site in one step, so readers never see a half-written one.

A build writes into a fresh folder next to the site; only when it has finished is the old
site renamed aside, the new one renamed into place and the old one deleted. A build that
fails, is interrupted (Ctrl-C, SIGTERM) or killed leaves the previous site byte for byte;
leftovers of a killed build are swept up by the next one. A lock file next to the site
keeps two builds from swapping the same folder at once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from playbook_gen.errors import PlaybookError

LOCK_TIMEOUT_SECONDS = 600.0
"""How long a build waits for another build of the same site before giving up."""

SITE_MARKERS = ("sitemap.xml", "404.html", "search/search_index.json")
"""Files that show a folder holds a built site, so replacing it deletes nothing else."""


def _new_prefix(site: Path) -> str:
    return f".{site.name}.new-"


def _old_prefix(site: Path) -> str:
    return f".{site.name}.old-"


def lock_path(folder: Path) -> Path:
    """The lock file of a folder that is replaced or pruned: beside it, never inside."""
    return folder.parent / f".{folder.name.lstrip('.')}.lock"


@contextmanager
def locked(path: Path, what: str) -> Iterator[None]:
    """Hold the lock file `path`; waits for another holder, then fails with a message."""
    try:  # FileLock retries a lock file it cannot create until the timeout: fail now
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o644))
    except OSError as exc:
        raise PlaybookError(f"cannot create the lock file {path}: {exc.strerror or exc}") from exc
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
    except Timeout as exc:
        raise PlaybookError(f"{what} is locked by another build ({path})") from exc
    try:
        yield
    finally:
        lock.release()


def check_replaceable(site: Path, protected: list[Path]) -> None:
    """Refuse a site folder whose replacement would delete something that is not a site.

    `protected` are folders that must survive (the content, the build folder): the site
    may be neither one of them, nor inside one, nor hold one.
    """
    site = site.resolve()
    for other in protected:
        other = other.resolve()
        if site == other or site in other.parents or other in site.parents:
            raise PlaybookError(f"the site folder {site} overlaps {other}; choose another one")
    if site.exists() and not site.is_dir():
        raise PlaybookError(f"the site folder {site} exists and is not a folder")
    holds_site = any((site / marker).is_file() for marker in SITE_MARKERS)
    if site.is_dir() and any(site.iterdir()) and not holds_site:
        raise PlaybookError(f"refusing to replace {site}: it is not empty and holds no built site")


def _sweep(site: Path) -> None:
    """Clean up after a killed build (called under the lock, so nobody else is building)."""
    parent = site.parent
    if not parent.is_dir():
        return
    olds = sorted(p for p in parent.iterdir() if p.name.startswith(_old_prefix(site)))
    if olds and not site.exists():
        # Killed between the two renames: the newest old site is the last good one.
        olds[-1].rename(site)
        olds = olds[:-1]
    for stale in olds + [p for p in parent.iterdir() if p.name.startswith(_new_prefix(site))]:
        shutil.rmtree(stale, ignore_errors=True)


def swap_in(new: Path, site: Path) -> None:
    """Put the finished folder `new` in the place of `site`, then delete the old site."""
    if not site.exists():
        new.rename(site)
        return
    aside = Path(tempfile.mkdtemp(prefix=_old_prefix(site), dir=site.parent))
    aside.rmdir()
    site.rename(aside)
    try:
        new.rename(site)
    except BaseException:
        aside.rename(site)
        raise
    shutil.rmtree(aside, ignore_errors=True)


@contextmanager
def staged_site(site: Path) -> Iterator[Path]:
    """Yield an empty folder beside `site` to build into; swap it in if the block succeeds.

    The whole block runs under the site's lock. If the block raises (an error, Ctrl-C,
    SystemExit from SIGTERM), the new folder is deleted and `site` is not touched.
    """
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    with locked(lock_path(site), f"the site folder {site}"):
        _sweep(site)
        new = Path(tempfile.mkdtemp(prefix=_new_prefix(site), dir=site.parent))
        try:
            yield new
            os.chmod(new, 0o755)  # mkdtemp makes it private; a site is meant to be read
            swap_in(new, site)
        finally:
            if new.exists():
                shutil.rmtree(new, ignore_errors=True)

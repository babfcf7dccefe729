"""One MkDocs build, its pages shared out over forked processes (`build --jobs N`).

MkDocs converts and writes pages one after another, on one core: at 2,000 skills that
was two thirds of `playbook-gen build` (benchmarks/scale.py). Here the calling process
forks the others just before MkDocs starts, and every process runs the same build of
the generated project, in MkDocs' `dirty` mode, where a file counts as modified only if
it is in this process's share: MkDocs then reads, converts, templates and writes only
those pages. Share 0 (the caller) also copies the static files and writes the theme's own
pages (404, sitemap) and, once the others are done, everything after the pages (search
indexes). Files, nav and theme are worked out by every process exactly as one build would,
and the nav's own pages are read by all, so the pages come out byte for byte as from a
single process (tests/test_page_shares.py).

The pages' search sections are parsed where each page is written (`parsed_page`), and
handed to share 0 for the index. A forked share never returns into the caller's code:
it leaves with `os._exit` at the end of its pages, on an error, or when interrupted.
Where a platform cannot fork, and for small sites, a build is one process, as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from playbook_gen.publish.search_index import parsed_page, remember_parsed

SHARES_PLUGIN = "playbook-gen-page-shares"
"""Key of the plugin in the running MkDocs config's plugins."""
PAGES_PER_SHARE = 300
"""Fewest pages worth another process: each one also loads the config, lists the files and
builds the nav and theme (about a second at 2,000 skills), so a site of a few hundred pages
gains nothing from a second."""
MAX_JOBS = 4
FAILED, WARNED = 1, 3
"""Exit statuses of a forked share: a page failed; warnings were logged under `--strict`."""


def can_fork() -> bool:
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def default_jobs(pages: int) -> int:
    """Processes for a build of `pages` pages: one per usable CPU (at most `MAX_JOBS`) and
    per `PAGES_PER_SHARE` pages; one where the platform cannot fork."""
    if not can_fork():
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, MAX_JOBS, pages // PAGES_PER_SHARE))


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageShares(BasePlugin):
    """Gives each process its share of the pages and gathers the others' work in share 0.

    `report_progress` (share 0 only) is told the number of pages written by all shares so far.
    """

    def __init__(self, count: int, report_progress: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.count = count
        self.share = 0
        self.report_progress = report_progress
        self.children: dict[int, int] = {}
        """Share 0's forked shares: pid → share."""
        self.written = multiprocessing.RawArray("q", count)
        """Pages written so far by each share, in memory all shares see."""
        self.handover = Path(tempfile.mkdtemp(prefix="playbook-gen-shares-"))
        """Where each forked share leaves the search sections of its pages."""
        self.parsed: list[tuple[bytes, Any]] = []
        self.warnings = _WarningCounter()

    @property
    def forked(self) -> bool:
        return self.share != 0

    def start(self) -> None:
        """Fork shares 1 … count-1; each returns from here as its own share."""
        for share in range(1, self.count):
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                self.share, self.children, self.report_progress = share, {}, None
                logging.getLogger("mkdocs").addHandler(self.warnings)
                return
            self.children[pid] = share

    def leave(self, status: int) -> NoReturn:
        """End a forked share without running anything of the caller's."""
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)

    def stop(self) -> None:
        """Share 0 failed or was interrupted: end the other shares and clean up."""
        for pid in self.children:
            try:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.children = {}
        shutil.rmtree(self.handover, ignore_errors=True)

    def owns(self, index: int) -> bool:
        return index % self.count == self.share

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        """Mark as modified only this share's pages (and, for share 0, every other file):
        the dirty build skips the rest. The theme's own pages are share 0's."""
        for index, file in enumerate(files.documentation_pages()):
            file.is_modified = _answer(self.owns(index))
        for file in files:
            if not file.is_documentation_page():
                file.is_modified = _answer(not self.forked)
        if self.forked:
            config.theme.static_templates.clear()
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        """Read every page of the nav (a few dozen), whoever's it is: each page shows their
        titles in its nav."""
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        return nav

    @event_priority(-200)  # after every other change to the page
    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        self.written[self.share] += 1
        parsed = parsed_page(output)
        if parsed is not None:
            self.parsed.append(parsed)
        if self.report_progress is not None:
            self.report_progress(sum(self.written))
        return output

    @event_priority(200)  # before anything reads the site
    def on_post_build(self, *, config: Any) -> None:
        if self.forked:
            with open(self.handover / f"{self.share}.pickle", "wb") as file:
                pickle.dump(self.parsed, file)
            self.leave(WARNED if config.strict and self.warnings.count else 0)
        statuses = self._wait()
        for pid, share in sorted(self.children.items(), key=lambda item: item[1]):
            if statuses[pid] == 0 or statuses[pid] == WARNED:
                with open(self.handover / f"{share}.pickle", "rb") as file:
                    self.parsed += pickle.load(file)
        self.children = {}
        shutil.rmtree(self.handover, ignore_errors=True)
        if any(status not in (0, WARNED) for status in statuses.values()):
            raise Abort("Aborted: pages could not be built (the error is above)")
        if any(status == WARNED for status in statuses.values()):
            raise Abort("Aborted with warnings in strict mode!")
        remember_parsed(self.parsed)

    def on_build_error(self, *, error: Exception) -> None:
        if self.forked:
            self.leave(FAILED)
        self.stop()

    def _wait(self) -> dict[int, int]:
        """Wait for the forked shares, telling the progress; their exit statuses."""
        statuses: dict[int, int] = {}
        while len(statuses) < len(self.children):
            for pid in self.children:
                if pid in statuses:
                    continue
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    statuses[pid] = os.waitstatus_to_exitcode(status)
            if self.report_progress is not None:
                self.report_progress(sum(self.written))
            if len(statuses) < len(self.children):
                time.sleep(0.05)
        return statuses


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value

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

The pages' search sections are parsed where each page is written (`parsed_page`) and
handed to share 0 for the index. The shares are `multiprocessing` processes started with
`fork` (so they inherit the loaded config): a share ends after its pages, its exit status
saying whether its build failed; share 0 fails the build if any did, and stops the others
when it fails or is interrupted itself. Where a platform cannot fork, and for small sites,
a build is one process, as before.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

from playbook_gen.processes import jobs_for
from playbook_gen.publish.search_index import ParsedPage, parsed_page, remember_parsed

SHARES_PLUGIN = "playbook-gen-page-shares"
"""Key of the plugin in the running MkDocs config's plugins."""
PAGES_PER_SHARE = 300
"""Fewest pages worth another process: each one also loads the config, lists the files and
builds the nav and theme (about a second at 2,000 skills), so a site of a few hundred pages
gains nothing from a second."""
FAILED, INTERRUPTED = 1, 130
"""Exit statuses of a forked share whose build failed, or that Ctrl-C stopped."""


def default_jobs(pages: int) -> int:
    """Processes sharing MkDocs' work on `pages` pages (`processes.jobs_for`)."""
    return jobs_for(pages, PAGES_PER_SHARE)


class _ShareDone(BaseException):
    """Ends a forked share's build after its pages, before what share 0 does alone:
    a BaseException, so that MkDocs does not take it for a failed build."""


class PageShares(BasePlugin):
    """Gives each process its share of the pages and gathers the others' work in share 0.

    `report_progress` (share 0 only) is told the number of pages written by all shares.
    """

    def __init__(self, count: int, report_progress: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.count = count
        self.share = 0
        self.report_progress = report_progress
        self.written = multiprocessing.RawArray("q", count)
        """Pages written so far by each share, in memory all shares see."""
        self.parsed: list[tuple[bytes, ParsedPage]] = []
        """The search index's analysis of the pages this share wrote (`parsed_page`)."""
        self.others: list[tuple[BaseProcess, Connection]] = []
        """Share 0's forked shares, each with the end of the pipe it hands its pages over."""
        self.handover: Connection | None = None
        self.warnings = CountHandler(level=logging.WARNING)
        """A forked share's warnings: under `--strict`, any fails the build (MkDocs counts
        share 0's)."""

    @property
    def forked(self) -> bool:
        return self.share != 0

    def start(self, build: Callable[[], None]) -> None:
        """Start shares 1 … count-1, each a fork of this process running `build`."""
        context = multiprocessing.get_context("fork")
        for share in range(1, self.count):
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=self._run, args=(share, sender, build), daemon=True)
            process.start()
            sender.close()
            self.others.append((process, receiver))

    def _run(self, share: int, handover: Connection, build: Callable[[], None]) -> None:
        """A forked share: its pages, then its exit status (multiprocessing exits)."""
        self.share, self.others, self.handover = share, [], handover
        self.report_progress = None
        logging.getLogger("mkdocs").addHandler(self.warnings)
        try:
            build()
        except _ShareDone:
            pass
        except KeyboardInterrupt:  # Ctrl-C reaches every process of the terminal's group
            sys.exit(INTERRUPTED)
        except Exception:
            sys.exit(FAILED)  # MkDocs has logged the error

    def stop(self) -> None:
        """Share 0 failed or was interrupted: end the other shares."""
        for process, receiver in self.others:
            process.kill()
            process.join()
            receiver.close()
        self.others = []

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
        read_nav_sources(nav, config)
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
        if self.handover is not None:  # a forked share: hand over, and stop here
            warned = bool(config.strict and self.warnings.get_counts())
            self.handover.send((self.parsed, warned))
            raise _ShareDone
        failed = warned = False
        for handed in self._handed_over():
            if handed is None:
                failed = True
            else:
                self.parsed += handed[0]
                warned = warned or handed[1]
        for process, _ in self.others:
            process.join()
            failed = failed or process.exitcode != 0
        self.stop()
        if failed:
            raise Abort("Aborted: pages could not be built (the error is above)")
        if warned:
            raise Abort("Aborted with warnings in strict mode!")
        remember_parsed(self.parsed)

    def on_build_error(self, *, error: Exception) -> None:
        if not self.forked:
            self.stop()

    def _handed_over(self) -> Iterator[tuple[list[tuple[bytes, ParsedPage]], bool] | None]:
        """What each forked share hands over (None: it ended without), telling the
        progress while they work."""
        waiting = [receiver for _, receiver in self.others]
        while waiting:
            for ready in wait(waiting, timeout=0.1):
                receiver = waiting.pop(waiting.index(ready))  # type: ignore[arg-type]
                try:
                    yield receiver.recv()
                except EOFError:
                    yield None
            if self.report_progress is not None:
                self.report_progress(sum(self.written))


def read_nav_sources(nav: Any, config: Any) -> None:
    """Read the source of every page in the nav (a few dozen) that a dirty build skipped:
    each page it does render shows their titles in its nav."""
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)


def _answer(value: bool) -> Callable[[], bool]:
    return lambda: value

"""What `build` shows while it works: a bar with a page count on a terminal, else nothing.

A 2,000-skill playbook takes several seconds in MkDocs, which prints nothing meanwhile.
On a terminal a `tqdm` bar counts the pages MkDocs writes (MkDocs drives it through a
plugin added to the running config, so the generated `mkdocs.yml` stays plain). Not on a
terminal (CI logs, pipes) or with `--quiet`, nothing is drawn: no escape codes, no
carriage returns in a log; the `Built N pages` line (unless `--quiet`) says how it went.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from mkdocs.plugins import BasePlugin, event_priority
from tqdm import tqdm

tqdm.monitor_interval = 0  # no monitor thread: a build may fork (`page_shares`)

PROGRESS_PLUGIN = "playbook-gen-progress"
"""Key of the page counter in the running MkDocs config's plugins."""
PAGES_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} pages [{elapsed}<{remaining}]"
PHASE_FORMAT = "{desc}… {elapsed}"


class PageProgress:
    """A page counter: a bar on a terminal, silent (and free) otherwise."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        self.bar: Any = None

    def phase(self, name: str, total: int | None = None) -> None:
        """Start counting `total` steps of `name` (a bar without total just spins)."""
        if not self.enabled:
            return
        self.close()
        self.bar = tqdm(
            total=total, desc=name, file=self.stream, leave=False, dynamic_ncols=True,
            mininterval=0.2, bar_format=PAGES_FORMAT if total else PHASE_FORMAT,
        )

    def step(self, count: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def count_to(self, done: int) -> None:
        """Show `done` steps done (counted elsewhere: the processes sharing the pages)."""
        if self.bar is not None and done != self.bar.n:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """Take the bar off the screen (before the result line is printed)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class ProgressPlugin(BasePlugin):
    """Counts pages as MkDocs writes them, then says the site is being indexed."""

    def __init__(self, progress: PageProgress, pages: int) -> None:
        super().__init__()
        self.progress = progress
        self.pages = pages
        self.counted_elsewhere = False
        """The pages are shared over processes, which count them (`page_shares`)."""

    def on_pre_build(self, *, config: Any) -> None:
        self.progress.phase("Building pages", self.pages)

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        if not self.counted_elsewhere:
            self.progress.step()
        return output

    @event_priority(100)  # before the search hook's indexing, which it announces
    def on_post_build(self, *, config: Any) -> None:
        self.progress.phase("Indexing for search")

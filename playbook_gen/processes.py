"""How many processes a build may share its pages over (`build --jobs`).

Both page-heavy phases — rendering the Markdown (`site.render_shares`) and MkDocs' pages
(`publish.page_shares`) — fork worker processes that inherit what is already loaded, and
both size them the same way: one per usable CPU, but no more than the pages pay for.
"""

from __future__ import annotations

import multiprocessing
import os

MAX_JOBS = 4
"""More processes than this gain little on the machines a playbook is built on (and each
holds a copy of the loaded playbook)."""


def can_fork() -> bool:
    """Whether worker processes can start as copies of this one (not on Windows)."""
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def usable_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def jobs_for(pages: int, pages_per_job: int, jobs: int | None = None) -> int:
    """Processes for `pages` pages: `jobs` if given (1 where the platform cannot fork),
    else one per usable CPU (at most `MAX_JOBS`) and per `pages_per_job` pages."""
    if not can_fork():
        return 1
    if jobs is not None:
        return max(1, jobs)
    return max(1, min(usable_cpus(), MAX_JOBS, pages // pages_per_job))

"""A large site's pages rendered over forked worker processes (`build --jobs`).

Rendering is the generator's biggest phase at scale (2,271 pages at 2,000 skills), one
page at a time on one core. The workers are a `multiprocessing` pool started with `fork`,
so each inherits the loaded playbook, the renderer and the page plans: only page numbers
go out and Markdown texts come back, in plan order. A page a worker could not render is
rendered again here, so that its error — a user's template at its file and line — is
raised exactly as in a one-process render. Ctrl-C is left to this process, which then
ends the pool; SIGTERM ends a worker (see `_ignore_ctrl_c`).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from typing import Any

from playbook_gen.processes import jobs_for

PAGES_PER_JOB = 500
"""Fewest pages worth a worker: forking and handing the texts back cost about as much as
rendering a few hundred pages."""

_WORK: tuple[Callable[[Any], str], Sequence[Any]] | None = None
"""What the forked workers inherit: the render function and the plans."""


def render_pages(
    render: Callable[[Any], str], plans: Sequence[Any], jobs: int | None = None
) -> list[str]:
    """`render(plan)` of every plan, in order; over `jobs` processes (None: as many as
    `processes.jobs_for` gives for this many pages)."""
    count = jobs_for(len(plans), PAGES_PER_JOB, jobs)
    if count <= 1 or len(plans) < 2:
        return [render(plan) for plan in plans]
    global _WORK
    _WORK = (render, plans)
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(count, initializer=_ignore_ctrl_c) as pool:
            chunk = max(1, len(plans) // (count * 8))
            texts = pool.map(_render_one, range(len(plans)), chunksize=chunk)
    finally:
        _WORK = None
    return [render(plan) if text is None else text for plan, text in zip(plans, texts)]


def _ignore_ctrl_c() -> None:
    """In a worker: Ctrl-C is the caller's; and SIGTERM, which `Pool.terminate` ends the
    workers with, ends it at once — not the caller's SIGTERM-as-exit handler inherited by
    the fork, with which a worker waiting for a task once outlived `terminate` and the build
    waited for it forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _render_one(index: int) -> str | None:
    """In a worker: one page, or None if rendering it raised (it is rendered again by the
    caller, where the error is raised)."""
    assert _WORK is not None
    render, plans = _WORK
    try:
        return render(plans[index])
    except Exception:
        return None

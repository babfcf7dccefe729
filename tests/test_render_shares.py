"""Pages rendered over forked workers (`site.render_shares`) are those of one process, in
the same order; a user's template error is raised as from one process."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from playbook_gen import processes
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.site.render import TemplateFailed, render_site
from playbook_gen.site.render_shares import PAGES_PER_JOB, render_pages

REPO = Path(__file__).resolve().parents[1]

needs_fork = pytest.mark.skipif(not processes.can_fork(), reason="this platform cannot fork")


@pytest.fixture(scope="module")
def bundled() -> CheckedPlaybook:
    content = REPO / "content"
    checked = load_playbook(content, DiagnosticLog(), SiteConfig.default(REPO))
    assert checked is not None
    return checked


@needs_fork
def test_workers_render_what_one_process_renders_in_the_same_order(
    bundled: CheckedPlaybook,
) -> None:
    one = render_site(bundled, jobs=1)
    three = render_site(bundled, jobs=3)
    assert len(one) > 50
    assert three == one


@needs_fork
def test_each_page_is_rendered_in_a_worker() -> None:
    """Proof that the work leaves this process: each page says which process made it."""
    pids = render_pages(lambda plan: f"{plan}:{os.getpid()}", list(range(40)), jobs=2)
    assert [text.split(":")[0] for text in pids] == [str(n) for n in range(40)]
    assert str(os.getpid()) not in {text.split(":")[1] for text in pids}


@needs_fork
def test_a_user_template_error_is_raised_as_from_one_process(
    bundled: CheckedPlaybook, tmp_path: Path
) -> None:
    (tmp_path / "skill.md.j2").write_text("# {{ skill.titel }}\n", encoding="utf-8")
    with pytest.raises(TemplateFailed, match=r"skill\.md\.j2:1: .*'titel'"):
        render_site(bundled, tmp_path, jobs=2)


def test_a_small_site_is_rendered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "usable_cpus", lambda: 8)
    pids = render_pages(lambda plan: str(os.getpid()), list(range(PAGES_PER_JOB - 1)))
    assert set(pids) == {str(os.getpid())}


@needs_fork
def test_a_worker_ends_at_sigterm_not_with_the_builds_sigterm_handler() -> None:
    """The build turns SIGTERM into SystemExit (`build._sigterm_as_exit`); `Pool.terminate`
    ends the workers with SIGTERM, and a worker that had inherited that handler once
    outlived it, so the build waited for it forever."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(1)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        handlers = render_pages(
            lambda plan: str(signal.getsignal(signal.SIGTERM)), list(range(4)), jobs=2
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert set(handlers) == {str(signal.SIG_DFL)}

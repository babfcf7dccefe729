"""`playbook-gen serve` keeps its temporary files in one folder, marked with its process
id, and the next `serve` sweeps away the folders of servers that were killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from servers import free_port, until, wait_for_url

from playbook_gen.cli import main
from playbook_gen.publish.serve import OWNER_FILE, TEMP_PREFIX, serve_config, sweep_stale_folders


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_sweep_removes_only_the_folders_of_dead_servers(tmp_path: Path) -> None:
    dead, alive, ownerless, other = (tmp_path / f"{TEMP_PREFIX}{n}" for n in "abcd")
    for folder in (dead, alive, ownerless):
        (folder / "mkdocs_x").mkdir(parents=True)
    (dead / OWNER_FILE).write_text(str(_dead_pid()))
    (alive / OWNER_FILE).write_text(str(os.getpid()))
    unrelated = tmp_path / "someone-else"
    unrelated.mkdir()
    other.symlink_to(unrelated)
    assert sorted(sweep_stale_folders(tmp_path)) == [dead, ownerless]
    assert alive.is_dir() and unrelated.is_dir() and other.is_symlink()


def test_the_serve_config_does_not_use_the_playbook_folder_as_docs_dir(tmp_path: Path) -> None:
    # MkDocs refuses a docs_dir holding its temporary site: serving a playbook that lives
    # in the temp folder failed.
    assert "docs_dir: docs\n" in serve_config(tmp_path, None)




@pytest.mark.slow
def test_a_killed_server_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    project = tmp_path / "pb"
    assert main(["init", str(project)]) == 0
    env = {**os.environ, "TMPDIR": str(temp), "NO_MKDOCS_2_WARNING": "1"}

    def start() -> tuple[subprocess.Popen[str], str]:
        port = free_port()
        argv = [sys.executable, "-m", "playbook_gen", "serve", "-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            argv,
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        return server, f"http://127.0.0.1:{port}/"

    first, url = start()
    try:
        assert wait_for_url(url, first), "the server did not come up"
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    (left,) = temp.iterdir()  # MkDocs' own temporary site is inside the serve folder
    assert left.name.startswith(TEMP_PREFIX) and list(left.glob("mkdocs_*"))
    second, url = start()
    try:
        assert wait_for_url(url, second), "the second server did not come up"
        assert not left.exists()
        assert [p.name.startswith(TEMP_PREFIX) for p in temp.iterdir()] == [True]
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(timeout=60)
    assert list(temp.iterdir()) == []


def test_the_error_banner_is_escaped_at_the_top_of_the_body() -> None:
    from playbook_gen.publish.plugin import with_error_banner

    page = '<html><head></head><body class="x"><main>page</main></body></html>'
    shown = with_error_banner(page, ["content/a.yml:3:5: error[yaml.tab]: <tab> & co", "1 error"])
    assert shown.startswith('<html><head></head><body class="x"><div class="pb-serve-errors"')
    assert "content/a.yml:3:5: error[yaml.tab]: &lt;tab&gt; &amp; co\n1 error</pre>" in shown
    assert shown.endswith("<main>page</main></body></html>")


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""



@pytest.mark.slow
def test_serve_shows_the_diagnostics_in_the_page_while_a_file_is_broken(tmp_path: Path) -> None:
    project = tmp_path / "pb"
    assert main(["init", str(project)]) == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/glossary/"
    glossary = project / "content" / "glossary.yml"
    good = glossary.read_text(encoding="utf-8")
    try:
        assert wait_for_url(url, server), "the server did not come up"
        assert "pb-serve-errors" not in _page(url)
        glossary.write_text(good.replace("terms:", "terms：", 1), encoding="utf-8")
        assert until(lambda: "pb-serve-errors" in _page(url)), "no diagnostics in the page"
        page = _page(url)
        assert "content/glossary.yml:" in page and "error[yaml." in page
        glossary.write_text(good, encoding="utf-8")
        assert until(lambda: "pb-serve-errors" not in (_page(url) or "pb-serve-errors"))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


@pytest.mark.slow
def test_serve_rebuilds_parse_render_and_index_only_what_an_edit_changed(tmp_path: Path) -> None:
    """`serve`'s rebuild as MkDocs runs it (a new config each time, the plugin kept, a
    dirty build): one edited skill is parsed, rendered and indexed again, nothing else."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "pb"
    assert main(["init", str(project), "--language", "en"]) == 0
    serving = tmp_path / "serve"
    (serving / "docs").mkdir(parents=True)
    config_file = serving / "mkdocs.yml"
    config_file.write_text(serve_config(project, None), encoding="utf-8")
    site = tmp_path / "site"

    def rebuild(startup: bool = False) -> Any:
        config = load_config(config_file=str(config_file), site_dir=str(site))
        if startup:  # as `serve` does, once
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return config

    try:
        plugin = rebuild(startup=True).plugins["playbook-gen"]
        rebuild()
        skill = project / "content/skills/discovery-questions.yml"
        skill.write_text(
            skill.read_text(encoding="utf-8") + "  - Ask one more question.\n", encoding="utf-8"
        )
        assert rebuild().plugins["playbook-gen"] is plugin
        assert plugin.parse_cache.parsed == ["skills/discovery-questions.yml"]
        rendered = plugin.page_cache.rendered
        assert "skills/discovery-questions.md" in rendered and len(rendered) < 10
        assert 0 < len(plugin.index_cache.written) < 10
        assert "Ask one more question." in (
            site / "skills/discovery-questions/index.html"
        ).read_text(encoding="utf-8")
        assert plugin.theme_templates._code  # the theme's templates compiled once
        assert plugin.frozen and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()

"""Search at size, old against new, in one run: index size, bytes for a first search, time.

    .venv/bin/python benchmarks/search.py [--skills 500,2000,4000] [--language en|zh]
                                          [--query WORD] [--runs 3]

For each size it writes a generated playbook (`build_size.write_playbook`), builds it
twice with MkDocs — `old`: Material's own search (its `search_index.json`, no hook);
`new`: the generated config as is (the hook writes `search/pg/`, Material's index is
emptied) — and serves each with `python -m http.server` on 127.0.0.1 (no cache headers).
In headless Chromium, with a fresh browser context per run, it opens a skill page, types
the query into the search box as soon as the page has loaded, and measures:

- index: bytes of the search index on disk (old: `search_index.json`; new: `search/pg/`);
- fetched: bytes the server sent from navigation to the first result shown, page assets
  included (the whole first visit of a reader who searches at once);
- first result: ms from the last key typed to the first result in the list (median).

The default query is a word that is in every skill page: the longest postings list, the
worst case for the new index. A benchmark, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from browser import launch_chromium  # noqa: E402
from build_size import size_of, write_playbook  # noqa: E402

from playbook_gen.diagnostics import DiagnosticLog  # noqa: E402
from playbook_gen.publish.build import run_mkdocs  # noqa: E402
from playbook_gen.read.config import SiteConfig  # noqa: E402
from playbook_gen.resolve.load import load_playbook  # noqa: E402
from playbook_gen.site.project import OUT_OF_MATERIAL_INDEX, write_project  # noqa: E402

QUERIES = {"en": "measurable", "zh": "量化的收益"}


def build_both(root: Path, skills: int, language: str) -> tuple[Path, Path]:
    """The `old` and `new` sites of a generated playbook of `skills` skills."""
    content = root / "content"
    write_playbook(content, skills, language)
    config = SiteConfig.default(root).with_content(str(content))
    checked = load_playbook(content, DiagnosticLog(), config)
    assert checked is not None, "the generated playbook does not check"
    project = write_project(checked, config, root / "build")
    run_mkdocs(project.config_file, root / "new")

    old = root / "build-old"
    shutil.copytree(project.root, old)
    (old / "docs" / "assets" / "search.js").write_text("/* old search: Material only */\n")
    for page in (old / "docs").rglob("*.md"):  # let Material index every page again
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(OUT_OF_MATERIAL_INDEX, "", 1), encoding="utf-8")
    text = (old / "mkdocs.yml").read_text(encoding="utf-8")
    # The old search is the same site without our search hook (the config hook stays).
    lines = [line for line in text.splitlines() if not line.endswith("search_hook.py")]
    (old / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_mkdocs(old / "mkdocs.yml", root / "old")
    return root / "old", root / "new"


@contextmanager
def http_server(folder: Path) -> Iterator[str]:
    """`python -m http.server` on a free port of 127.0.0.1, serving `folder`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait()


def first_search(browser: Any, url: str, query: str) -> tuple[int, float]:
    """(bytes sent by the server, ms from last key to first result) on a fresh page."""
    context = browser.new_context()
    sent = 0
    responses: list[Any] = []
    page = context.new_page()
    page.on("requestfinished", lambda request: responses.append(request))
    try:
        page.goto(url + "skills/skill-00001/", wait_until="load")
        page.click("label.md-search__icon, .md-search__input", force=True)
        page.keyboard.type(query)
        page.keyboard.press("End")
        typed = time.perf_counter()
        page.wait_for_selector(
            ".md-search-result__list:not([hidden]) .md-search-result__item",
            state="visible",
            timeout=60_000,
        )
        elapsed = (time.perf_counter() - typed) * 1000
        for request in responses:
            sizes = request.sizes()
            sent += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return sent, elapsed
    finally:
        context.close()


def index_size(site: Path, kind: str) -> int:
    if kind == "old":
        return (site / "search" / "search_index.json").stat().st_size
    return size_of(site / "search" / "pg")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", default="500,2000,4000")
    parser.add_argument("--language", choices=("zh", "en"), default="en")
    parser.add_argument("--query")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    query = args.query or QUERIES[args.language]
    print(f"query {query!r} ({args.language}), median of {args.runs} fresh pages")
    print(f"{'skills':>6} {'search':<6} {'index MB':>9} {'fetched KB':>11} {'first result ms':>16}")
    with launch_chromium() as browser:
        for skills in (int(n) for n in args.skills.split(",")):
            with tempfile.TemporaryDirectory(prefix="playbook-search-") as tmp:
                sites = build_both(Path(tmp), skills, args.language)
                for kind, site in zip(("old", "new"), sites, strict=True):
                    with http_server(site) as url:
                        runs = [first_search(browser, url, query) for _ in range(args.runs)]
                    fetched = statistics.median(r[0] for r in runs)
                    ms = statistics.median(r[1] for r in runs)
                    print(
                        f"{skills:>6} {kind:<6} {index_size(site, kind) / 1e6:>9.2f} "
                        f"{fetched / 1e3:>11.0f} {ms:>16.0f}",
                        flush=True,
                    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A built site served on 127.0.0.1 and a headless Chromium to look at it (browser tests).

Which Chromium: `PLAYBOOK_GEN_CHROMIUM` when set, else Playwright's own download when it
is on disk, else Debian's `/usr/bin/chromium`. The launch flags keep it from reaching out
to the network on its own. Tests that use it are marked `@pytest.mark.browser`; conftest
launches one browser per session and skips them all, with one reason, when there is none.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
ENV_VARIABLE = "PLAYBOOK_GEN_CHROMIUM"
NO_CHROMIUM = (
    f"no Chromium: set {ENV_VARIABLE}, install Debian's chromium at {DEBIAN_CHROMIUM} "
    "or run `playwright install chromium`"
)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@functools.cache
def find_chromium() -> tuple[Path | None] | None:
    """`(path,)` of the Chromium to launch, `(None,)` for Playwright's own, None if none."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return (Path(configured),) if Path(configured).exists() else None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if Path(playwright.chromium.executable_path).exists():
            return (None,)
    return (DEBIAN_CHROMIUM,) if DEBIAN_CHROMIUM.exists() else None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def page_at(chromium: Any, viewport: dict[str, int]) -> Iterator[Any]:
    """A fresh page of `chromium` in a browser context of `viewport`, closed after."""
    context = chromium.new_context(viewport=viewport)
    try:
        yield context.new_page()
    finally:
        context.close()


@contextmanager
def serve(
    folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler, prefix: str = "/"
) -> Iterator[str]:
    """Serve `folder` over HTTP on a free port of 127.0.0.1 (with `handler`, which may map
    `prefix` onto the folder); yields the base URL, ending in `prefix`."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (a Playwright `Browser`); call only when `find_chromium()` found one."""
    found = find_chromium()
    assert found is not None, NO_CHROMIUM
    (path,) = found
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        where = {"executable_path": str(path)} if path else {}
        browser = playwright.chromium.launch(args=LAUNCH_ARGS, **where)
        try:
            yield browser
        finally:
            browser.close()


AXE_BLOCKING = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, str]]:
    """axe-core's serious and critical violations on `page`, one per rule and element:
    `{rule, impact, selector, summary}`."""
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation.get("impact") not in AXE_BLOCKING:
            continue
        for node in violation["nodes"]:
            found.append(
                {
                    "rule": violation["id"],
                    "impact": violation["impact"],
                    "selector": " ".join(str(part) for part in node["target"]),
                    "summary": node.get("failureSummary", "").replace("\n", " "),
                }
            )
    return found

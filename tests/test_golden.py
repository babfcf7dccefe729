"""Golden pages: the Markdown rendered from `fixtures/playbooks/harbor`, file by file.

A change to a template or to the renderer shows up here as a diff. When the change is
intended, regenerate the golden folder and review it with `git diff`:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import datetime
import difflib
import os
import shutil
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.render import render_site

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "playbooks" / "harbor"
GOLDEN_DIR = Path(__file__).parent / "golden" / "harbor"
TODAY = datetime.date(2026, 6, 1)
"""The build date the pages are rendered as of (the review page and notices show it)."""


def _rendered() -> dict[str, str]:
    log = DiagnosticLog()
    checked = load_playbook(FIXTURE_DIR, log, today=TODAY)
    assert checked is not None and log.errors == log.warnings == 0
    return dict(render_site(checked))


def _stored() -> dict[str, str]:
    return {
        path.relative_to(GOLDEN_DIR).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN_DIR.rglob("*.md"))
    }


def _write(pages: dict[str, str]) -> None:
    shutil.rmtree(GOLDEN_DIR, ignore_errors=True)
    for path, text in pages.items():
        target = GOLDEN_DIR / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def test_rendered_pages_match_the_golden_files() -> None:
    rendered = _rendered()
    if os.environ.get("UPDATE_GOLDEN"):
        _write(rendered)
    stored = _stored()
    assert sorted(rendered) == sorted(stored), "pages added or removed"
    diffs = [
        "".join(
            difflib.unified_diff(
                stored[path].splitlines(keepends=True),
                rendered[path].splitlines(keepends=True),
                f"golden/{path}",
                f"rendered/{path}",
            )
        )
        for path in sorted(rendered)
        if rendered[path] != stored[path]
    ]
    assert not diffs, "rendered pages differ (UPDATE_GOLDEN=1 to accept):\n" + "\n".join(diffs)

"""`build --engine zensical`: the same generated project built by Zensical, with every
relative link of every page leading to a page that exists (Zensical resolves hrefs in raw
HTML from the Markdown file's folder, MkDocs from the page's URL; see `site/urls.py`)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser_support import NORTHWIND

from playbook_gen.cli import main
from playbook_gen.publish import zensical

NO_ZENSICAL = "Zensical is not installed (pip install -e '.[zensical]')"
_HREF = re.compile(r'href="([^"#?:]+)"')


def broken_links(site: Path) -> list[str]:
    """Relative hrefs of the site's pages that lead to no file."""
    broken = []
    for page in site.rglob("index.html"):
        base = "/" + page.parent.relative_to(site).as_posix() + "/"
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            target = urljoin(base.replace("//", "/"), href).lstrip("/")
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {href}")
    return broken


@pytest.mark.slow
@pytest.mark.skipif(not zensical.zensical_installed(), reason=NO_ZENSICAL)
def test_zensical_builds_a_site_whose_links_all_resolve(root: Path) -> None:
    assert main(["build", "-c", str(NORTHWIND), "--engine", "zensical"]) == 0
    site = root / "site"
    assert (site / "stages" / "discover" / "index.html").is_file()
    assert (site / ".playbook-manifest.json").is_file()
    assert broken_links(site) == []


@pytest.mark.slow
def test_mkdocs_builds_a_site_whose_links_all_resolve(root: Path) -> None:
    assert main(["build", "-c", str(NORTHWIND)]) == 0
    assert broken_links(root / "site") == []


def test_zensical_missing_is_a_clear_error(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zensical, "zensical_installed", lambda: False)
    monkeypatch.setattr("playbook_gen.publish.build.run_mkdocs", None)  # never reached
    assert main(["build", "-c", str(NORTHWIND), "--engine", "zensical"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("playbook-gen: error: Zensical is not installed")
    assert "playbook-gen[zensical]" in err
    assert not (root / "site").exists()

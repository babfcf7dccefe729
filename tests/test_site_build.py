"""End to end with real MkDocs: the Chinese bundled playbook and the English fixture.

Each site is built once per session through `build_site` (conftest's `bundled`, `northwind`)
and then checked: every planned page is there, every internal link and anchor resolves,
nothing is loaded from outside, search holds segmented Chinese, the nav stays short, the
build folder builds without our plugin, and `mkdocs build` at a playbook folder's root
gives the same site. Failures and interruptions must leave the previous site untouched.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from browser_support import Site
from sitecheck import check_site, page_of, parse_page, target_of, tree_digest

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.build import MkDocsFailed, build_site
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.resolve.references import AREA_PAGE_SPECS
from playbook_gen.site.changes import MANIFEST_NAME
from playbook_gen.site.pages import plan_pages

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PLAYBOOKS = {
    "zh": REPO / "content",
    "en": REPO / "tests" / "fixtures" / "playbooks" / "northwind",
}
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
"""Hold the build date; everything else must be byte-identical between two builds."""


@dataclasses.dataclass
class Built:
    site: Path
    build_dir: Path
    checked: CheckedPlaybook


def _config(root: Path, content: Path) -> SiteConfig:
    return SiteConfig.default(root).with_content(str(content))


def _build(root: Path, content: Path, strict: bool = False) -> tuple[int, SiteConfig]:
    config = _config(root, content)
    return build_site(content, root / "site", config, strict), config


@pytest.fixture(scope="module", params=["bundled", "northwind"])
def built(request: pytest.FixtureRequest) -> Built:
    """The session's sites (conftest), built once through `build_site` for every module."""
    site: Site = request.getfixturevalue(request.param)
    return Built(site.path, site.build_dir, site.checked)


def _copy_playbook(content: Path, root: Path) -> Path:
    """A playbook folder like the repository's: mkdocs.yml, site_config.yml, content/."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(content, root / "content")
    return root


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _without_sitemaps(digest: dict[str, str]) -> dict[str, str]:
    return {path: sha for path, sha in digest.items() if path not in SITEMAPS}


def _site_files(site: Path) -> dict[str, str]:
    """The files of a built site but the manifest `build` keeps for the next build's
    "what changed" page (plain MkDocs writes none)."""
    return {path: sha for path, sha in tree_digest(site).items() if path != MANIFEST_NAME}


# ------------------------------------------------------------------ the built site


def test_every_planned_page_is_built(built: Built) -> None:
    for plan in plan_pages(built.checked):
        assert (built.site / page_of(plan.path)).is_file(), plan.path


def test_every_internal_link_and_anchor_resolves(built: Built) -> None:
    report = check_site(built.site)
    assert len(report.pages) > 20
    assert report.broken == []


def test_nothing_is_loaded_from_outside(built: Built) -> None:
    report = check_site(built.site)
    assert report.external_assets == []
    for page in report.pages:
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", html)
        assert not re.search(r"<link[^>]+href=\"(https?:)?//", html)


def test_theme_language_is_the_playbook_language(built: Built) -> None:
    html = (built.site / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{built.checked.playbook.language}"' in html


def test_the_nav_holds_areas_only(built: Built) -> None:
    """A page outside the nav shows only the short nav: no skill, stage or play links."""
    single = "skills/" + built.checked.playbook.skills[0].model.id + "/index.html"
    page = built.site / single
    nav = parse_page(page).nav_hrefs
    targets = {
        target_of(built.site, page, href)[0].relative_to(built.site).as_posix() for href in nav
    }
    # One entry per area or index page, at most, plus the logo's link home: the deal-execution
    # areas (buyers, objections, proof, competitors, forms, facts) and the review and changes
    # pages took it past 15. Single pages (per-stage checklists included) are never in it.
    single_pages = sum("{id}" in spec.page for spec in AREA_PAGE_SPECS)
    assert len(nav) <= len(AREA_PAGE_SPECS) - single_pages + 1
    assert not [t for t in targets if re.match(r"(skills|stages|plays)/[^/]+/index\.html$", t)]
    assert "skills/index.html" in targets


def test_search_is_our_index_and_materials_is_emptied(built: Built) -> None:
    """Material's index (the whole site in one file, fetched by every fresh page) is
    emptied, its settings kept; the reader's search runs on our index of small files
    (tested as a reader uses it in test_search_browser.py)."""
    index = json.loads((built.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    assert index["config"]["lang"] == [built.checked.playbook.language]
    assert (built.site / "search/pg/m.js").is_file()
    assert list((built.site / "search/pg/s").glob("*.js"))


def test_the_build_folder_builds_with_plain_mkdocs_and_no_plugin_of_ours(
    built: Built, tmp_path: Path
) -> None:
    generated = (built.build_dir / "mkdocs.yml").read_text(encoding="utf-8")
    assert "playbook-gen" not in generated.split("plugins:")[1].split("markdown_extensions")[0]
    result = _run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(tmp_path)],
        cwd=built.build_dir,
    )
    assert result.returncode == 0, result.stderr
    assert _without_sitemaps(tree_digest(tmp_path)) == _without_sitemaps(_site_files(built.site))


# ------------------------------------------------------------------ the commands


@pytest.mark.parametrize("language", sorted(PLAYBOOKS))
def test_mkdocs_build_at_the_root_equals_playbook_gen_build(tmp_path: Path, language: str) -> None:
    root = _copy_playbook(PLAYBOOKS[language], tmp_path / "playbook")
    ours = _run([sys.executable, "-m", "playbook_gen", "build", "--site-dir", "a"], cwd=root)
    assert ours.returncode == 0, ours.stderr
    theirs = _run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "b"], cwd=root)
    assert theirs.returncode == 0, theirs.stderr
    a, b = _site_files(root / "a"), tree_digest(root / "b")
    assert sorted(a) == sorted(b)
    assert _without_sitemaps(a) == _without_sitemaps(b)


def test_mkdocs_build_at_the_root_reports_content_errors(tmp_path: Path) -> None:
    root = _copy_playbook(PLAYBOOKS["en"], tmp_path / "playbook")
    (root / "content/playbook.yml").write_text("language: fr\n", encoding="utf-8")
    result = _run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root)
    assert result.returncode == 1
    assert "content/playbook.yml:" in result.stderr and "error[" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_playbook_leaves_the_previous_site_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(PLAYBOOKS["en"], content)
    assert _build(tmp_path, content)[0] == 0
    before = tree_digest(tmp_path / "site")
    process = content / "process.yml"
    process.write_text(process.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    capsys.readouterr()
    assert _build(tmp_path, content)[0] == 1
    out = capsys.readouterr()
    assert "process.yml:" in out.out and "error[" in out.out
    assert tree_digest(tmp_path / "site") == before


def test_a_mkdocs_failure_is_a_message_and_leaves_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = PLAYBOOKS["en"]
    assert _build(tmp_path, content)[0] == 0
    before = tree_digest(tmp_path / "site")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "glossary.md.j2").write_text("# Glossary\n\n[gone](nowhere.md)\n")
    config = dataclasses.replace(_config(tmp_path, content), templates_dir=templates)
    with pytest.raises(MkDocsFailed, match="strict mode"):
        build_site(content, tmp_path / "site", config, strict=True)
    assert "nowhere.md" in capsys.readouterr().err
    assert tree_digest(tmp_path / "site") == before
    # Without --strict the same warning does not stop the build.
    assert build_site(content, tmp_path / "site", config, strict=False) == 0


def ctrl_c_as_in_a_terminal() -> None:
    """Give the child Ctrl-C's default meaning. A shell that runs this suite in the
    background (`cmd &` without job control) makes its children ignore SIGINT, and
    Python then never raises KeyboardInterrupt: the test would not interrupt anything."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _processes_in(folder: Path) -> list[str]:
    """Processes whose working folder is `folder` (Linux; elsewhere none are seen)."""
    found = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if Path(os.readlink(cwd)) == folder:
                found.append(cwd.parent.name)
        except OSError:
            continue
    return found


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_the_previous_site(
    tmp_path: Path, signum: int, jobs: str
) -> None:
    """With `--jobs 2`, the process sharing the pages is stopped too."""
    root = _copy_playbook(PLAYBOOKS["zh"], tmp_path / "playbook")
    first = _run([sys.executable, "-m", "playbook_gen", "build"], cwd=root)
    assert first.returncode == 0, first.stderr
    before = tree_digest(root / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "build", "--jobs", jobs],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    deadline = time.monotonic() + 120
    staged: list[Path] = []
    while time.monotonic() < deadline and process.poll() is None:
        # MkDocs copies the theme's files just before it writes the pages.
        staged = [p for p in root.glob(".site.new-*/assets/javascripts")]
        if staged:
            break
        time.sleep(0.005)
    if process.poll() is not None:
        pytest.skip("the build finished before it could be interrupted")
    process.send_signal(signum)
    process.communicate(timeout=120)
    assert process.returncode != 0
    deadline = time.monotonic() + 5
    while _processes_in(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_in(root) == []
    assert tree_digest(root / "site") == before
    assert not list(root.glob(".site.new-*")) and not list(root.glob(".site.old-*"))


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_then_build(tmp_path: Path, language: str) -> None:
    target = tmp_path / "starter"
    assert main(["init", str(target), "--language", language]) == 0
    status, config = _build(tmp_path, target / "content", strict=True)
    assert status == 0
    playbook = load_playbook(target / "content", DiagnosticLog(), config)
    assert playbook is not None
    for plan in plan_pages(playbook):
        assert (tmp_path / "site" / page_of(plan.path)).is_file()
    assert check_site(tmp_path / "site").broken == []


def test_the_wheel_ships_templates_assets_and_starters(tmp_path: Path) -> None:
    result = _run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(tmp_path), "--no-deps", "-q"],
        cwd=tmp_path,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        pytest.skip("hatchling could not be installed to build the wheel")
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("playbook_gen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.name for p in (REPO / "templates").glob("*.j2")}
    assets = {p.name for p in (REPO / "playbook_gen/assets").iterdir()}
    assert templates and {f"playbook_gen/templates/{t}" for t in templates} <= names
    assert {f"playbook_gen/assets/{a}" for a in assets} <= names
    for language in ("zh", "en"):
        assert f"playbook_gen/starters/{language}/playbook.yml" in names
    assert not [n for n in names if n.startswith(("tests/", "content/"))]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "playbook-gen = playbook_gen.publish.plugin:PlaybookPlugin" in text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def test_serve_rebuilds_when_a_content_file_changes(tmp_path: Path) -> None:
    root = _copy_playbook(PLAYBOOKS["en"], tmp_path / "playbook")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook_gen", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    url = f"http://127.0.0.1:{port}/glossary/"
    try:
        deadline = time.monotonic() + 120
        page = None
        while page is None and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
            page = _get(url)
        assert page is not None, "the server did not come up"
        glossary = root / "content" / "glossary.yml"
        text = glossary.read_text(encoding="utf-8")
        glossary.write_text(text.replace("terms:", "summary: Freshly edited words.\nterms:", 1))
        changed = time.monotonic()
        while time.monotonic() < changed + 60:
            page = _get(url) or ""
            if "Freshly edited words." in page:
                break
            time.sleep(0.1)
        assert "Freshly edited words." in page
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=60)
    assert "Traceback" not in output
    assert not (root / "content" / "index.md").exists()  # nothing written into the content


def test_a_site_folder_that_cannot_be_written_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    argv = ["build", "-c", str(PLAYBOOKS["en"]), "--site-dir", str(tmp_path / "a-file/site")]
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(argv) == 1
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert "could not write the site" in err and "Traceback" not in err

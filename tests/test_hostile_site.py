"""A playbook full of attack strings builds into a site that shows them and runs none.

The hostile fixture (`hostile.py`) puts payloads in every text field. The built site is
checked twice: statically (every page's markup, the search index, the scripts' JSON) and
in headless Chromium (every page loaded, search run for a payload word, the worksheet
filled in), where any payload that ran would set `window.__pwned` or open a dialog.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import hostile
import pytest
from browser import serve
from mkdocs.config import load_config

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.build import build_site
from playbook_gen.read.config import SiteConfig
from playbook_gen.read.fields import AnyRef, Identifier, RefTo, WebAddress
from playbook_gen.read.introspect import element, field_kind, mapping_types, unwrap, walk
from playbook_gen.resolve.load import load_playbook
from playbook_gen.resolve.playbook import Playbook

LEFT_OUT = frozenset(
    {
        "values.yml:principles.0.owner",
        "process.yml:stages.0.exit_criteria.1.evidence",
        "process.yml:stages.1.exit_criteria.1.evidence",
        *(
            f"forms/f-1.yml:sections.0.fields.{n}.{name}"
            for n, kind in enumerate(hostile.FIELD_KINDS)
            for name, used_by in (("options", "choice"), ("columns", "table"))
            if kind != used_by
        ),
    }
)
"""Fields the fixture leaves empty on purpose: this principle shows the playbook's owner,
the second milestone of each stage is written in the plain form (no evidence), and only a
choice field has options, only a table field columns (no page shows the others')."""

NOT_SHOWN = frozenset({"playbook.company"})
"""Fields no page shows (the company name is kept for people reading the YAML)."""

NOT_SHOWN_IN_WORKSHEETS = re.compile(r"section-\d\.(question\.)?(owner|tags\.\d)")
"""A worksheet shows its sections and questions without owner or tags."""

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "srcdoc", "poster", "background", "xlink:href"}
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet", "base"})
MARKER_AT = re.compile(rf"{hostile.MARKER}:(\S+) {hostile.SEARCH_WORD}")
MARKDOWN_START = " <img src=x onerror=window.__pwned=1> and "
"""What a Markdown payload's first line shows after its marker: the `[[ref|label]]` label
as literal text, then the next link."""
MARKDOWN_LITERAL = "{{ 7*7 }} {% raw %} <!-- ]]> ${window.__pwned=1}"


def _payloads() -> tuple[dict[str, str], dict[str, str]]:
    """The plain-text and Markdown payloads of the fixture, by the field they sit in."""
    plain: dict[str, str] = {}
    markdown: dict[str, str] = {}

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, str) and (found := MARKER_AT.search(value)):
            (plain if value.startswith(hostile.MARKER) else markdown)[found.group(1)] = value

    visit(hostile.playbook_files())
    return plain, markdown


PLAIN, MARKDOWN = _payloads()


# ---------------------------------------------------------------- the fixture itself


def _load_fixture() -> Playbook:
    log = DiagnosticLog()
    checked = load_playbook(hostile.FIXTURE, log)
    assert log.lines() == []
    assert checked is not None
    return checked.playbook


def test_the_fixture_is_what_hostile_py_writes(tmp_path: Path) -> None:
    def files(folder: Path) -> dict[Path, bytes]:
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    hostile.write(tmp_path)
    assert files(tmp_path) == files(hostile.FIXTURE), (
        "regenerate: .venv/bin/python tests/hostile.py"
    )


def _text_fields(model: Any) -> Iterator[tuple[str, Any]]:
    """(name, value) of every field of a model that holds text, lists or maps of text.
    Ids, references and URLs (declared by their field kind) are left out: validation
    keeps payloads out of them."""
    for name, info in type(model).model_fields.items():
        if isinstance(field_kind(info), Identifier | RefTo | AnyRef | WebAddress):
            continue
        annotation = unwrap(info.annotation)
        item = element(annotation)
        mapping = mapping_types(annotation)
        members = [unwrap(m) for m in typing.get_args(annotation)] if item is None else []
        if str in (annotation, item and unwrap(item), mapping and unwrap(mapping[1]), *members):
            yield name, getattr(model, name)


def test_every_text_field_of_every_kind_holds_a_payload() -> None:
    playbook = _load_fixture()
    checked = 0
    for loaded in playbook.loaded_files():
        for model, loc in walk(loaded.model):
            for name, value in _text_fields(model):
                where = f"{loaded.source.rel}:{'.'.join(map(str, (*loc, name)))}"
                if where in LEFT_OUT:
                    continue
                if isinstance(value, int | float):
                    continue  # a fact's value may be a number (the other fact holds text)
                values = (
                    value.values()
                    if isinstance(value, dict)
                    else value
                    if isinstance(value, list)
                    else [value]
                )
                assert values, f"{where} is empty: give it a payload in hostile.py"
                for text in values:
                    assert isinstance(text, str) and hostile.MARKER in text, where
                    checked += 1
    assert checked > 150


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile playbook built once with `build_site`; its generated project is kept."""
    root = tmp_path_factory.mktemp("hostile")
    site = root / "site"
    assert build_site(hostile.FIXTURE, site, SiteConfig.default(root)) == 0
    return site


@dataclass
class Page:
    """What a page shows as text and which markup in it could run."""

    text: str = ""
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    live: list[str] = field(default_factory=list)
    """Markup that could run script: each entry says what and where."""
    json_blocks: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    """Collects text (outside scripts), attributes, JSON blocks and anything runnable."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._texts: list[str] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.page.live.append(f"<{tag}>")
        for name, value in values.items():
            self.page.attributes.append((tag, name, value))
            if name.startswith("on"):
                self.page.live.append(f"<{tag} {name}={value!r}>")
            squeezed = re.sub(r"[\x00-\x20]+", "", value).lower()
            if name in URL_ATTRIBUTES and squeezed.startswith(BAD_SCHEMES):
                self.page.live.append(f"<{tag} {name}={value!r}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.page.live.append("<meta http-equiv=refresh>")
        if tag in ("script", "style"):
            self._script = values
            self._texts.append("\0")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            self._texts.append(data)
            return
        kind = self._script.get("type", "")
        if kind == "application/json":
            self.page.json_blocks.append(data)
        elif "__pwned" in data:
            self.page.live.append(f"script or style holding a payload: {data[:80]!r}")

    def close(self) -> None:
        super().close()
        self.page.text = "".join(self._texts)


def parse(html: str) -> Page:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def _pages(site: Path) -> dict[str, Page]:
    return {
        p.relative_to(site).as_posix(): parse(p.read_text("utf-8")) for p in site.rglob("*.html")
    }


@pytest.mark.slow
def test_no_page_holds_markup_that_could_run(hostile_site: Path) -> None:
    pages = _pages(hostile_site)
    assert len(pages) >= 20
    live = {path: page.live for path, page in pages.items() if page.live}
    assert live == {}


@pytest.mark.slow
def test_plain_text_shows_exactly_as_written_in_text_and_attributes(hostile_site: Path) -> None:
    """Not run, not lost, not escaped twice: the reader sees each payload as typed."""
    shown: set[str] = set()
    for path, page in _pages(hostile_site).items():
        places = [page.text] + [v for _, _, v in page.attributes if hostile.MARKER in v]
        for text in places:
            for found in MARKER_AT.finditer(text):
                where = found.group(1)
                shown.add(where)
                if where in PLAIN:
                    assert text.startswith(PLAIN[where], found.start()), (path, where)
                else:
                    after = text[found.end() : found.end() + len(MARKDOWN_START)]
                    assert after == MARKDOWN_START, (path, where)
        markdown_fields = sum(1 for m in MARKER_AT.finditer(page.text) if m[1] in MARKDOWN)
        assert page.text.count(MARKDOWN_LITERAL) >= markdown_fields, path
    missing = {
        where
        for where in set(PLAIN) | set(MARKDOWN)
        if where not in shown
        and where not in NOT_SHOWN
        and not NOT_SHOWN_IN_WORKSHEETS.fullmatch(where)
    }
    assert missing == set()


@pytest.mark.slow
def test_titles_and_site_name_are_the_text_as_written(hostile_site: Path) -> None:
    name = PLAIN["playbook.name"]
    index = parse((hostile_site / "index.html").read_text("utf-8"))
    tools = parse((hostile_site / "tools" / "index.html").read_text("utf-8"))
    assert f"Home - {name}" in index.text
    assert ("a", "title", name) in tools.attributes  # the logo's tooltip: escaped once
    mkdocs = load_config(config_file=str(hostile_site.parent / ".playbook-build" / "mkdocs.yml"))
    assert mkdocs.site_name == name  # plain YAML; the config hook makes it markup


@pytest.mark.slow
def test_markdown_links_keep_working(hostile_site: Path) -> None:
    tools = parse((hostile_site / "tools" / "index.html").read_text("utf-8"))
    hrefs = [value for tag, name, value in tools.attributes if tag == "a" and name == "href"]
    assert hostile.SAFE_LINK in hrefs
    assert "../values/" in hrefs  # [[values]]
    assert hostile.HOSTILE_URL in hrefs  # a valid tool url, kept whole inside its href


@pytest.mark.slow
def test_json_read_by_the_page_scripts_is_intact(hostile_site: Path) -> None:
    """`</script>` or `<!--` in a band label cannot end or change the rubric's block."""
    page = parse((hostile_site / "diagnostics" / "w-1" / "index.html").read_text("utf-8"))
    rubrics = [json.loads(block) for block in page.json_blocks if '"bands"' in block]
    assert len(rubrics) == 1
    labels = [band["label"] for band in rubrics[0]["bands"]]
    assert labels == [PLAIN["band-0.label"], PLAIN["band-1.label"]]
    for block in page.json_blocks:
        json.loads(block)


SEARCH_CALL = re.compile(r'^__pgSearch\("[^"]*",(.*)\);?\s*$', re.DOTALL)
"""A file of the search index: one call of the loader with a JSON argument."""


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


@pytest.mark.slow
def test_search_index_holds_the_text_as_written(hostile_site: Path) -> None:
    """The search index (`search/pg/`, loaded as scripts) holds each section's plain text:
    every file is one loader call with intact JSON, and a payload is the text as written,
    never markup. (`assets/search.js` shows it as text; the browser test searches it.)"""
    files = sorted((hostile_site / "search" / "pg").rglob("*.js"))
    assert files
    found = 0
    for path in files:
        call = SEARCH_CALL.match(path.read_text("utf-8"))
        assert call, path
        for text in _strings(json.loads(call[1])):
            for match in MARKER_AT.finditer(text):
                if match[1] in PLAIN:
                    # A long section is cut into chunks: a payload may end at a chunk's end.
                    payload = PLAIN[match[1]]
                    shown = text[match.start() : match.start() + len(payload)]
                    assert payload.startswith(shown), (path, match[1])
                    found += shown == payload
    assert found > 50


# ---------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def site_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


class Watched:
    """A page whose dialogs (dismissed) and script errors are recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(service_workers="block")
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def pwned(self) -> Any:
        return self.page.evaluate("() => window.__pwned")

    def assert_clean(self, where: str) -> None:
        assert self.dialogs == [], where
        assert self.errors == [], where
        assert self.pwned() is None, where

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(chromium: Any) -> Iterator[Watched]:
    page = Watched(chromium)
    yield page
    page.close()


@pytest.mark.slow
@pytest.mark.browser
def test_loading_every_page_runs_no_payload(
    hostile_site: Path, site_url: str, watched: Watched
) -> None:
    name = PLAIN["playbook.name"]
    paths = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    for path in paths:
        watched.page.goto(site_url + path, wait_until="load")
        watched.page.mouse.move(5, 5)  # hover handlers, if any had been injected
        watched.page.wait_for_timeout(50)
        watched.assert_clean(path)
        assert watched.page.title().endswith(name), path


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    [
        hostile.SEARCH_WORD,
        f"{hostile.SEARCH_WORD} <img src=x onerror=alert(1)>",
        f'{hostile.SEARCH_WORD} "><svg onload=alert(1)> </script><script>alert(1)</script>',
    ],
)
def test_searching_for_a_payload_shows_it_as_text(
    site_url: str, watched: Watched, query: str
) -> None:
    page = watched.page
    page.goto(site_url, wait_until="load")
    page.click("label.md-search__icon, .md-search__input", force=True)
    page.fill(".md-search__input", "")
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(200)
    results = page.inner_text(".md-search-result")
    assert hostile.MARKER in results
    for entity in ("&lt;", "&gt;", "&amp;", "&quot;"):
        assert entity not in results, entity  # escaped once, not twice
    watched.assert_clean(f"search {query!r}")


@pytest.mark.slow
@pytest.mark.browser
def test_worksheet_scores_and_shows_band_labels_as_text(site_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(site_url + "diagnostics/w-1/", wait_until="load")
    questions = page.locator("[data-worksheet='w-1'] [data-question]")
    assert questions.count() == 2
    for value, total, band in (("3", 100, 1), ("1", 0, 0)):
        for i in range(questions.count()):
            questions.nth(i).locator(f"input[value='{value}']").check()
        assert float(page.text_content("[data-score='total']") or "nan") == total
        assert page.text_content("[data-band]") == PLAIN[f"band-{band}.label"]
        assert page.locator(f"[data-band-advice='{band}']").is_visible()
        watched.assert_clean(f"worksheet answered {value}")
    page.reload(wait_until="load")  # answers are remembered and read back
    assert float(page.text_content("[data-score='total']") or "nan") == 0
    page.click("[data-worksheet='w-1'] [data-action='reset']")
    assert page.text_content("[data-band]") in ("", None)
    watched.assert_clean("worksheet reset")


@pytest.mark.slow
@pytest.mark.browser
def test_ticking_a_hostile_checklist_and_path_runs_no_payload(
    site_url: str, watched: Watched
) -> None:
    page = watched.page
    for path in ("checklists/s-1/", "checklists/", "onboarding/o-1/"):
        page.goto(site_url + path, wait_until="load")
        boxes = page.locator(".pb-tool input[type=checkbox]")
        assert boxes.count() > 0, path
        for i in range(boxes.count()):
            boxes.nth(i).check()
        for blank in page.locator("input[data-field]").all():
            blank.fill(hostile.PLAIN_TEXT)
        page.reload(wait_until="load")
        assert page.locator(".pb-tool input[type=checkbox]:checked").count() == boxes.count()
        watched.assert_clean(path)

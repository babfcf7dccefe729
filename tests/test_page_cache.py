"""`serve`'s rebuilds parse only the files that changed and render only the pages whose
inputs changed, and the result is the full render, byte for byte, for every page, after
edits of every kind (titles, references added and removed, entities added, removed and
renamed, glossary, playbook.yml, site_config.yml's links, template overrides)."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import SiteConfig, SourceLinks
from playbook_gen.read.parse_cache import ParseCache
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.page_cache import PageCache
from playbook_gen.site.render import render_site

FIXTURES = Path(__file__).parent / "fixtures" / "playbooks"
STARTERS = Path(__file__).parent.parent / "playbook_gen" / "starters"
TODAY = datetime.date(2026, 12, 1)
SKILL_PAGE = "skills/negotiation.md"


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


class Site:
    """A copied playbook rendered through the caches, as `serve` renders it."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.config = SiteConfig.default(content.parent).with_content(str(content))
        self.parse_cache = ParseCache()
        self.page_cache = PageCache()

    def render(self) -> dict[str, str]:
        log = DiagnosticLog()
        checked = load_playbook(
            self.content, log, self.config, today=TODAY, cache=self.parse_cache
        )
        assert checked is not None, log.lines()
        return dict(self.page_cache.render(checked, self.config))

    def full(self) -> dict[str, str]:
        log = DiagnosticLog()
        checked = load_playbook(self.content, log, self.config, today=TODAY)
        assert checked is not None, log.lines()
        return dict(render_site(checked, self.config.templates_dir, links=self.config.links))


def _copy(tmp_path: Path, source: Path) -> Site:
    return Site(shutil.copytree(source, tmp_path / "content"))


def _skill_title(site: Site) -> None:
    _replace(site.content / "skills/negotiation.yml", "title: Negotiation", "title: Haggling")


def _skill_practice(site: Site) -> None:
    _append(site.content / "skills/negotiation.yml", "  - Rehearse the walk-away point.\n")


def _reference_added(site: Site) -> None:
    _replace(site.content / "process.yml", "          - active-listening\n",
             "          - active-listening\n          - negotiation\n")


def _reference_removed(site: Site) -> None:
    _replace(site.content / "process.yml", "          - active-listening\n", "")


def _link_added(site: Site) -> None:
    _replace(site.content / "skills/negotiation.yml", "see [[play:budget-freeze]].",
             "see [[play:budget-freeze]] and [[fact:pilot-weeks]], [[skill:active-listening]].")


def _entity_added(site: Site) -> None:
    (site.content / "skills/closing.yml").write_text(
        "id: closing\ntitle: Closing\nsummary: Ask for the signature.\n", encoding="utf-8"
    )
    _reference_added_for(site, "closing")


def _reference_added_for(site: Site, skill: str) -> None:
    _replace(site.content / "process.yml", "          - active-listening\n",
             f"          - active-listening\n          - {skill}\n")


def _entity_removed(site: Site) -> None:
    (site.content / "skills/active-listening.yml").unlink()
    _replace(site.content / "process.yml", "          - active-listening\n", "", count=2)
    _replace(site.content / "skills/discovery-questions.yml", "[[skill:active-listening]]",
             "active listening")


def _file_renamed(site: Site) -> None:
    (site.content / "skills/negotiation.yml").rename(site.content / "skills/haggling.yml")


def _glossary_term(site: Site) -> None:
    _replace(site.content / "glossary.yml", "who can approve the money",
             "who can approve the money, see [[skill:negotiation]]")


def _glossary_term_added(site: Site) -> None:
    _append(site.content / "glossary.yml",
            "  - term: Walk-away point\n    definition: The worst deal we would still sign.\n")


def _playbook_yml(site: Site) -> None:
    _replace(site.content / "playbook.yml", "owner: Sales Enablement Team", "owner: Revenue Team")


def _site_config_links(site: Site) -> None:
    links = SourceLinks(edit_prefix="https://git.example.com/edit/", issue_url="https://x/{id}")
    site.config = dataclasses.replace(site.config, links=links)


def _stage_title(site: Site) -> None:
    _replace(site.content / "process.yml", "    title: Qualify\n", "    title: Qualify fast\n")


def _fact_value(site: Site) -> None:
    _replace(site.content / "facts.yml", "    value: 20\n", "    value: 25\n")


def _story_title(site: Site) -> None:
    _replace(site.content / "proof.yml", "title: Greenway Markets halves",
             "title: Greenway Markets cuts")


def _objection_meaning(site: Site) -> None:
    _replace(site.content / "objections.yml", "nobody has counted what it misses.",
             "nobody has counted what it misses ([[story:greenway-markets]]).")


def _tool_title(site: Site) -> None:
    _replace(site.content / "tools.yml", "title: Northwind CRM", "title: The CRM")


def _objection_moved(site: Site) -> None:
    _replace(site.content / "objections.yml", "    stages:\n      - discover\n",
             "    stages:\n      - close\n")


def _plays_reordered(site: Site) -> None:
    path = site.content / "strategy.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: incumbent-displacement")
    second = text.index("  - id: budget-freeze")
    end = text.find("\n  - id:", second + 1)
    end = len(text) if end < 0 else end + 1
    play_a, play_b = text[first:second], text[second:end]
    if not play_b.endswith("\n"):
        play_b += "\n"
    path.write_text(text[:first] + play_b + play_a + text[end:], encoding="utf-8")


def _template_override(site: Site) -> None:
    folder = site.content.parent / "templates"
    folder.mkdir()
    (folder / "skill.md.j2").write_text(
        '{% extends "bundled/skill.md.j2" %}\n{% block practice %}Practise!\n{% endblock %}\n',
        encoding="utf-8",
    )
    site.config = dataclasses.replace(site.config, templates_dir=folder)


EDITS: dict[str, Callable[[Site], None]] = {
    "skill title": _skill_title,
    "skill practice line": _skill_practice,
    "reference added": _reference_added,
    "reference removed": _reference_removed,
    "link added in a text": _link_added,
    "entity added": _entity_added,
    "entity removed": _entity_removed,
    "file renamed": _file_renamed,
    "glossary definition": _glossary_term,
    "glossary term added": _glossary_term_added,
    "playbook.yml": _playbook_yml,
    "site_config.yml links": _site_config_links,
    "stage title": _stage_title,
    "fact value": _fact_value,
    "story title (linked from a page's neighbour)": _story_title,
    "objection meaning": _objection_meaning,
    "objection moved to another stage": _objection_moved,
    "tool title (an anchor on an area page)": _tool_title,
    "plays reordered": _plays_reordered,
    "template override": _template_override,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_incremental_render_equals_a_full_render(tmp_path: Path, edit: str) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    assert site.render() == site.full()
    EDITS[edit](site)
    incremental = site.render()
    full = site.full()
    assert sorted(incremental) == sorted(full)
    for path, text in full.items():
        assert incremental[path] == text, f"{edit}: {path} differs from a full render"


ALWAYS = {"index.md", "process.md", "changes.md", "review.md"}
"""Pages rendered on every rebuild: their templates read globals that may show anything."""


def test_one_edited_skill_renders_its_page_and_the_skills_index_only(tmp_path: Path) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    first = site.render()
    assert sorted(site.page_cache.rendered) == sorted(first)  # nothing kept yet
    assert len(site.parse_cache.parsed) > 10
    _skill_practice(site)
    site.render()
    assert site.parse_cache.parsed == ["skills/negotiation.yml"]
    assert SKILL_PAGE in site.page_cache.rendered
    assert set(site.page_cache.rendered) <= ALWAYS | {SKILL_PAGE, "skills/index.md"}


def test_an_edited_objection_renders_the_objections_page_and_its_stages(
    tmp_path: Path,
) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    site.render()
    _objection_meaning(site)
    site.render()
    # `spreadsheet-works` is met in the discover stage, whose page shows its meaning
    assert {"objections.md", "stages/discover.md"} <= set(site.page_cache.rendered)
    assert not {"skills/index.md", "tools.md", SKILL_PAGE} & set(site.page_cache.rendered)


def test_a_title_renders_the_pages_that_link_to_it_again(tmp_path: Path) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    site.render()
    _skill_title(site)
    site.render()
    # negotiation is a task's skill in the close stage: its page lists the skill's title
    assert {SKILL_PAGE, "stages/close.md"} <= set(site.page_cache.rendered)


def test_nothing_changed_renders_only_the_area_pages(tmp_path: Path) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    first = site.render()
    assert site.render() == first
    assert site.parse_cache.parsed == []
    assert set(site.page_cache.rendered) == ALWAYS


def test_an_override_folder_renders_every_page(tmp_path: Path) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    _template_override(site)
    first = site.render()
    site.render()
    assert sorted(site.page_cache.rendered) == sorted(first)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_starter_playbooks_render_the_same_after_an_edit(
    tmp_path: Path, language: str
) -> None:
    site = _copy(tmp_path, STARTERS / language)
    site.render()
    skill = sorted((site.content / "skills").glob("*.yml"))[0]
    _replace(skill, "title: ", "title: X ")
    _append(site.content / "glossary.yml", "  - term: Zebra\n    definition: A striped horse.\n")
    assert site.render() == site.full()


def test_a_file_broken_and_fixed_again_gives_its_diagnostics_each_time(tmp_path: Path) -> None:
    site = _copy(tmp_path, FIXTURES / "northwind")
    site.render()
    skill = site.content / "skills/negotiation.yml"
    good = skill.read_text(encoding="utf-8")
    skill.write_text(good + "colour: blue\n", encoding="utf-8")
    for _ in range(2):  # the second time from the cache: the same error again
        log = DiagnosticLog()
        assert load_playbook(site.content, log, site.config, cache=site.parse_cache) is None
        assert log.codes() == ["schema.unknown"]
    assert site.parse_cache.parsed == []
    skill.write_text(good, encoding="utf-8")
    assert site.render() == site.full()


def test_a_template_reading_a_wide_global_is_found_also_through_what_it_imports() -> None:
    from jinja2 import DictLoader, Environment

    from playbook_gen.site.template_reads import reads_only

    templates = {
        "narrow.j2": '{% import "m.j2" as skills %}{{ t("x") }}{{ skills.row(1) }}',
        "m.j2": "{% macro row(x) %}{{ link(x) }}{% endmacro %}",
        "wide.j2": '{% include "inner.j2" %}',
        "inner.j2": "{{ skills | length }}",
        "dynamic.j2": "{% include name %}",
    }
    environment = Environment(loader=DictLoader(templates))
    environment.globals.update(t=str, link=str, skills=[])
    assert reads_only(environment, "narrow.j2", frozenset())  # `skills` is its import
    assert not reads_only(environment, "wide.j2", frozenset())
    assert reads_only(environment, "wide.j2", frozenset({"skills"}))  # the skills index
    assert not reads_only(environment, "dynamic.j2", frozenset())

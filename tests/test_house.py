"""The house on the home page: every part where the playbook's structure puts it, linked
exactly when its page exists, labelled like the page it opens, saying what is inside, and
the playbook's name shown once."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.i18n import Labels
from playbook_gen.read import models
from playbook_gen.resolve.load import CheckedPlaybook, bundle, load_playbook
from playbook_gen.resolve.playbook import Loaded, Playbook
from playbook_gen.resolve.references import build_index
from playbook_gen.site.pages import PagePlan
from playbook_gen.site.render import SiteRenderer

REPO = Path(__file__).resolve().parent.parent
PLAYBOOKS = {
    "bundled": REPO / "content",
    "northwind": REPO / "tests" / "fixtures" / "playbooks" / "northwind",
    "minimal": REPO / "tests" / "fixtures" / "playbooks" / "minimal",
}

# Where each linked page sits in the house (the row or pillar that holds it), and its
# href from the home page.
PLACES = {
    "checklists": ("tools", "checklists/"),
    "diagnostics": ("tools", "diagnostics/"),
    "forms": ("tools", "forms/"),
    "onboarding": ("tools", "onboarding/"),
    "process": ("pillar 1", "process/"),
    "skills": ("pillar 1", "skills/"),
    "tools": ("pillar 1", "tools/"),
    "buyers": ("pillar 1", "buyers/"),
    "objections": ("pillar 1", "objections/"),
    "proof": ("pillar 1", "proof/"),
    "strategy": ("pillar 2", "strategy/"),
    "competition": ("pillar 2", "competitors/"),
    "management": ("pillar 3", "management/"),
    "relationships": ("pillar 4", "relationships/"),
    "values": ("foundation", "values/"),
    "glossary": ("ground", "glossary/"),
    "facts": ("ground", "facts/"),
}


class House:
    """The rendered home page, and its house parsed as XML (the house is well-formed)."""

    def __init__(self, checked: CheckedPlaybook) -> None:
        self.checked = checked
        self.page = SiteRenderer(checked).render_page(PagePlan("index.md", "home.md.j2"))
        start = self.page.index('<nav class="pb-house"')
        end = self.page.index("</nav>", start) + len("</nav>")
        self.html = self.page[start:end]
        self.root = ET.fromstring(self.html)

    def places(self) -> dict[str, ET.Element]:
        """Each row or pillar of the house by the name `PLACES` uses."""
        found = {
            "tools": self._one("pb-house__tools"),
            "foundation": self._one("pb-house__foundation"),
            "ground": self._one("pb-house__ground"),
        }
        pillars = [el for el in self.root.iter("div") if _classes(el) == {"pb-house__pillar"}]
        assert len(pillars) == 4
        found.update({f"pillar {i}": pillar for i, pillar in enumerate(pillars, 1)})
        return found

    def _one(self, name: str) -> ET.Element:
        (element,) = [el for el in self.root.iter() if name in _classes(el)]
        return element

    def links(self) -> dict[str, ET.Element]:
        links = [a for a in self.root.iter("a")]
        hrefs = [a.get("href", "") for a in links]
        assert len(hrefs) == len(set(hrefs)), "a page is linked twice from the house"
        return dict(zip(hrefs, links, strict=True))


def _classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _label(link: ET.Element) -> str:
    """What a link is called: a tile's title, or a pill's text without its count."""
    title = link.find("strong")
    if title is not None:
        return _text(title)
    return (link.text or "").strip()


def _badge(link: ET.Element) -> int:
    (badge,) = [el for el in link.iter("span") if "pb-house__badge" in _classes(el)]
    return int(_text(badge))


def _count(link: ET.Element) -> str:
    (count,) = [el for el in link.iter("span") if "pb-house__count" in _classes(el)]
    return _text(count)


_HOUSES: dict[str, House] = {}


def _house(name: str) -> House:
    if name not in _HOUSES:
        log = DiagnosticLog()
        checked = load_playbook(PLAYBOOKS[name], log)
        assert checked is not None, log
        _HOUSES[name] = House(checked)
    return _HOUSES[name]


@pytest.mark.parametrize("name", PLAYBOOKS)
def test_each_part_is_linked_exactly_when_its_page_exists_where_it_belongs(name: str) -> None:
    house = _house(name)
    site = house.checked.site
    links = house.links()
    places = house.places()
    for page, (place, href) in PLACES.items():
        assert (href in links) == site.has(page), (page, href)
        if href in links:
            link = links[href]
            # The label is the title of the page it opens (the nav says the same).
            assert _label(link) == site.title(page), page
            assert link in places[place].iter("a"), (page, place)
    # Every link of the house is one of these (or an anchor on the management page).
    assert {h for h in links if "#" not in h} <= {href for _, href in PLACES.values()}


@pytest.mark.parametrize("name", PLAYBOOKS)
def test_an_absent_part_is_drawn_without_a_link(name: str) -> None:
    house = _house(name)
    labels = Labels(house.checked.playbook.language)
    absent = [el for el in house.root.iter("span") if "pb-house__part--absent" in _classes(el)]
    absent_titles = {_text(el.find("strong")) for el in absent}  # type: ignore[arg-type]
    main_parts = {"checklists", "diagnostics", "forms", "onboarding", "process", "strategy"}
    main_parts |= {"management", "relationships", "values", "glossary", "facts"}
    for page in main_parts:
        if not house.checked.site.has(page):
            assert labels(f"area_{page}") in absent_titles, page
    for el in absent:
        assert _text(el).endswith(labels("not_written_yet"))
    if name == "minimal":
        assert house.root.find(".//a") is None and len(absent) == len(main_parts)
        assert house.root.find(".//ul") is None  # no sub-link of a page that is absent


@pytest.mark.parametrize("name", PLAYBOOKS)
def test_forecast_categories_and_approvals_link_to_their_anchors(name: str) -> None:
    house = _house(name)
    management = house.checked.playbook.management
    links = house.links()
    pillar = house.places()["pillar 3"]
    anchors = {h for h in links if h.startswith("management/#")}
    expected = set()
    if management is not None:
        for kind, entities in (
            ("forecast", management.model.forecast_categories),
            ("approval", management.model.approvals),
        ):
            if entities:
                href = f"management/#{kind}-{entities[0].id}"
                expected.add(href)
                assert links[href] in pillar.iter("a")
                assert _badge(links[href]) == len(entities)
    assert anchors == expected
    if name != "minimal":
        assert expected, "the fixture shows forecast categories and approvals"


def _loaded(model: Any) -> Loaded[Any]:
    return Loaded(model, source=None)  # type: ignore[arg-type]


def test_only_the_management_anchors_that_exist_are_linked() -> None:
    management = models.ManagementFile.model_validate(
        {"forecast_categories": [{"id": "commit", "title": "Commit"}]}
    )
    meta = models.PlaybookMeta(name="Test", owner="Enablement")
    playbook = Playbook(meta=_loaded(meta), management=_loaded(management))
    house = House(bundle(playbook, build_index(playbook)))
    hrefs = set(house.links())
    assert hrefs == {"management/", "management/#forecast-commit"}
    assert _badge(house.links()["management/#forecast-commit"]) == 1


def _english(n: int, noun: str) -> str:
    return f"{n} {noun}" if n != 1 else f"{n} {noun.removesuffix('s')}"


def test_parts_say_what_is_inside_in_english() -> None:
    house = _house("northwind")
    links = house.links()
    model = house.checked.playbook
    process, strategy = model.process, model.strategy
    management, relationships, values = model.management, model.relationships, model.values
    glossary, facts, onboarding = model.glossary, model.facts, model.onboarding
    buyers, objections, proof = model.buyers, model.objections, model.proof
    competition, tools = model.competition, model.tools
    assert process and strategy and management and relationships and values
    assert glossary and facts and onboarding and buyers and objections and proof
    assert competition and tools
    stages = len(process.model.stages)
    expected = {
        "checklists/": _english(stages, "checklists"),
        "diagnostics/": _english(len(model.worksheets), "worksheets"),
        "forms/": _english(len(model.forms), "forms"),
        "onboarding/": _english(len(onboarding.model.paths), "paths"),
        "process/": _english(stages, "stages"),
        "strategy/": " · ".join(
            (
                _english(len(strategy.model.levers), "levers"),
                _english(len(strategy.model.plays), "plays"),
            )
        ),
        "management/": " · ".join(
            (
                _english(len(management.model.metrics), "metrics"),
                _english(len(management.model.cadences), "cadences"),
            )
        ),
        "relationships/": " · ".join(
            (
                _english(len(relationships.model.tiers), "customer tiers"),
                _english(len(relationships.model.health_signals), "health signals"),
            )
        ),
        "values/": " · ".join(
            (
                _english(len(values.model.questions), "questions"),
                _english(len(values.model.principles), "principles"),
            )
        ),
        "glossary/": _english(len(glossary.model.terms), "terms"),
        "facts/": _english(len(facts.model.facts), "facts"),
    }
    for href, text in expected.items():
        assert _count(links[href]) == text, href
    # The fixture has a count of one somewhere, so the singular is exercised.
    assert any(re.match(r"1 [a-z]+$", part) for t in expected.values() for part in t.split(" · "))
    badges = {
        "skills/": len(model.skills),
        "tools/": len(tools.model.tools),
        "buyers/": len(buyers.model.roles),
        "objections/": len(objections.model.objections),
        "proof/": len(proof.model.stories),
        "competitors/": len(competition.model.competitors),
    }
    for href, n in badges.items():
        assert _badge(links[href]) == n, href


def test_parts_say_what_is_inside_in_chinese() -> None:
    house = _house("bundled")
    links = house.links()
    model = house.checked.playbook
    assert model.process and model.management
    assert _count(links["process/"]) == f"{len(model.process.model.stages)} 个阶段"
    management = model.management.model
    assert _count(links["management/"]) == (
        f"{len(management.metrics)} 项指标 · {len(management.cadences)} 个管理节奏"
    )
    assert _badge(links["skills/"]) == len(model.skills)


@pytest.mark.parametrize("name", PLAYBOOKS)
def test_the_name_is_shown_once_as_the_roof_and_the_page_heading(name: str) -> None:
    house = _house(name)
    playbook_name = house.checked.playbook.name
    assert house.page.count(playbook_name) == 1
    assert house.html.count(playbook_name) == 1
    headings = [el for el in house.root.iter() if re.fullmatch(r"h[1-6]", el.tag)]
    assert [(el.tag, _text(el)) for el in headings] == [("h1", playbook_name)]
    assert not re.search(r"^# ", house.page, re.MULTILINE)  # no second, Markdown heading
    summary = house.checked.playbook.meta.model.summary
    assert (summary is not None) == ('class="pb-house__summary"' in house.html)


@pytest.mark.parametrize("name", PLAYBOOKS)
def test_every_pillar_starts_with_its_tile_and_the_first_is_the_process(name: str) -> None:
    """No pillar carries a caption above its tile: the tile names it, as the page it
    opens is called (a caption on the first pillar alone read as a stray label)."""
    house = _house(name)
    labels = Labels(house.checked.playbook.language)
    places = house.places()
    for number in range(1, 5):
        first = places[f"pillar {number}"][0]
        assert "pb-house__part" in _classes(first), (number, _text(first))
    title = places["pillar 1"].find(".//strong")
    assert title is not None and _text(title) == labels("area_process")

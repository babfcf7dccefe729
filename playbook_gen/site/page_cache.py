"""Pages rendered again only when what they show changed: what `serve` keeps between
rebuilds.

Rendering every page was most of a one-skill rebuild at 2,000 skills. Each page gets a
fingerprint of its inputs; a page whose fingerprint is the one of its last render keeps
that render. The inputs of the page of one entity (a skill, a stage, a stage's checklist)
are, as the bundled templates use them:

- what every page depends on (`_site_inputs`): the playbook's own file (name, language,
  owner), the glossary (its tooltips are on every page) and the titles it links to, the
  edit and issue settings, the date reviews are due against, which area pages exist and
  the templates themselves;
- the entity's data with its file and place (its order among its siblings, the rest of
  its file outside the entity lists), and all of its siblings before and after it (a
  stage's pager) and of the entities that refer to it in a reference field (a skill's
  "used in stages", a stage's objections with their meaning);
- what links show (`Target`: title, page, anchor; a fact's value) of every entity any of
  those names, in a reference field or a `[[ref]]` link: a template reaches a named
  entity only through `link`, `target` and `title_of`.

Area and index pages, and any page whose template reads a global that holds more than
that (`skills`, `playbook`, `site`, …: checked in the templates' syntax trees, included
and imported ones too), are rendered every time; so is every page when an override
folder holds templates (user code may read anything). Correctness is tested by rendering
after edits of every kind and comparing with a full render, byte for byte
(tests/test_page_cache.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta, nodes

from playbook_gen.read.config import SiteConfig
from playbook_gen.read.fields import RefTo
from playbook_gen.read.introspect import linked_texts, references, walk
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.references import (
    AREA_PAGE_SPECS,
    KINDS,
    WIKI_LINK,
    AreaPageSpec,
    RefSyntaxError,
    entities_of,
    parse_ref,
)
from playbook_gen.site.changes import Changes
from playbook_gen.site.pages import plan_pages
from playbook_gen.site.render import SiteRenderer, bundled_templates_dir

Key = tuple[str, str]
"""(kind, id) of an entity."""

NARROW_GLOBALS = frozenset(
    {
        "t", "link", "url", "page_url", "target", "title_of", "anchor", "term_anchor",
        "external_link", "owner_of", "review", "fact_value", "storage_key", "rubric_json",
        "band_after", "backlinks", "language", "today", "meta",
        "range", "dict", "lipsum", "cycler", "joiner", "namespace",
    }
)
"""Template globals a page of one entity may read and still be kept: labels, links and
lookups by reference, the playbook's own file (`meta`) and the date. Any other global
(an area's list, `playbook`, `site`, `index`, `changes`, …) may show any entity."""


@dataclass(frozen=True)
class _Entity:
    """What a page may show of one entity: all of it (`digest`), or a link to it (`link`)."""

    model: Any
    """Kept so that the model's id() cannot be reused while it is memoised."""
    digest: bytes
    link: bytes
    refers_to: tuple[Key, ...]
    """In reference fields: the entities it names that list it back (`backlinks`)."""
    links_to: tuple[Key, ...]
    """In `[[ref]]` links only: nothing lists those back."""

    @property
    def names(self) -> tuple[Key, ...]:
        return self.refers_to + self.links_to


def _hash(*parts: object) -> bytes:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).digest()


def _refers_to(entity: Any) -> tuple[tuple[Key, ...], tuple[Key, ...]]:
    """The entities one entity names: in its reference fields (what pages list as "used
    by"), and in its `[[ref]]` links only."""
    fields: dict[Key, None] = {}
    links: dict[Key, None] = {}
    for instance, loc in walk(entity):
        for _, kind, text in references(instance):
            if isinstance(kind, RefTo):  # bare ids of one kind
                fields[(kind.kind, text)] = None
            else:
                _add_ref(fields, text)
        for _, text in linked_texts(instance, loc):
            for link in WIKI_LINK.finditer(text):
                _add_ref(links, link.group(1))
    return tuple(fields), tuple(k for k in links if k not in fields)


def _add_ref(found: dict[Key, None], text: str) -> None:
    try:
        ref = parse_ref(text)
    except RefSyntaxError:
        return
    if ref.kind != "area":  # an area page's title is a label
        found[(ref.kind, ref.id)] = None


class PageCache:
    """The last render of each page that has a fingerprint, and the entities' digests."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, str]] = {}
        self._entities: dict[int, _Entity] = {}
        self._narrow: tuple[bytes, frozenset[str]] | None = None
        self.rendered: list[str] = []
        """The pages the last `render` rendered (not taken from the cache)."""

    def render(
        self, checked: CheckedPlaybook, config: SiteConfig, changes: Changes | None = None
    ) -> list[tuple[str, str]]:
        """Every page as `render_site` gives it: (docs-relative path, Markdown)."""
        renderer = SiteRenderer(checked, config.templates_dir, config.links, changes)
        fingerprints = self.fingerprints(checked, config, renderer.environment)
        kept: dict[str, tuple[bytes, str]] = {}
        pages: list[tuple[str, str]] = []
        self.rendered = []
        for plan in plan_pages(checked):
            fingerprint = fingerprints.get(plan.path)
            last = self._pages.get(plan.path)
            if fingerprint is not None and last is not None and last[0] == fingerprint:
                text = last[1]
            else:
                text = renderer.render_page(plan)
                self.rendered.append(plan.path)
            if fingerprint is not None:
                kept[plan.path] = (fingerprint, text)
            pages.append((plan.path, text))
        self._pages = kept
        return pages

    def fingerprints(
        self, checked: CheckedPlaybook, config: SiteConfig, environment: Environment
    ) -> dict[str, bytes]:
        """The fingerprint of each page that can be kept (see the module doc)."""
        stamp = _templates_stamp(config.templates_dir)
        if stamp is None:
            return {}
        entities, order = self._entities_of(checked)
        referred_by: dict[Key, list[Key]] = {}
        for referrer, entity in entities.items():
            for target in entity.refers_to:
                referred_by.setdefault(target, []).append(referrer)
        narrow = self._narrow_templates(stamp, environment)
        site = _site_inputs(checked, config, stamp, entities)
        by_model = {id(entry.entity): key for key, entry in checked.index.entries.items()}
        found: dict[str, bytes] = {}
        for page in checked.site.existing():
            key = by_model.get(id(page.entity)) if page.entity is not None else None
            if key is None or key not in entities or page.template not in narrow:
                continue  # rendered every time
            # Shown in full: the entity, its siblings, what lists it; linked to: what
            # any of those names (templates reach a named entity's `Target` only).
            near = [key, *order.get(key, ()), *referred_by.get(key, ())]
            shown = [(k, entities[k].digest) for k in near if k in entities]
            linked = [
                (k, entities[k].link)
                for n in near if n in entities
                for k in entities[n].names if k in entities
            ]
            found[page.path] = _hash(site, page.path, page.template, page.title, shown, linked)
        return found

    def _entities_of(
        self, checked: CheckedPlaybook
    ) -> tuple[dict[Key, _Entity], dict[Key, tuple[Key, ...]]]:
        """Every entity's digests (memoised by model: a file that did not change keeps its
        models, `read.parse_cache`) and the siblings before and after each in its list."""
        entities: dict[Key, _Entity] = {}
        memo: dict[int, _Entity] = {}
        lists: dict[tuple[int, str], list[Key]] = {}
        for spec, entity, loaded, loc in entities_of(checked.playbook):
            key = (spec.kind, entity.id)
            known = self._entities.get(id(entity))
            if known is None or known.model is not entity:
                known = _describe(checked, key, entity, loaded, loc)
            entities[key] = memo[id(entity)] = known
            if spec.items is not None:
                lists.setdefault((id(loaded), spec.items), []).append(key)
        self._entities = memo
        order: dict[Key, tuple[Key, ...]] = {}
        for keys in lists.values():
            for i, key in enumerate(keys):
                order[key] = tuple(keys[max(0, i - 1) : i] + keys[i + 1 : i + 2])
        return entities, order

    def _narrow_templates(self, stamp: bytes, environment: Environment) -> frozenset[str]:
        """The templates (with what they include) that read only `NARROW_GLOBALS`."""
        if self._narrow is None or self._narrow[0] != stamp:
            names = {spec.template for spec in KINDS if spec.template is not None}
            names |= {page.template for page in _pages_per_entity()}
            narrow = frozenset(n for n in names if _reads_narrowly(environment, n))
            self._narrow = (stamp, narrow)
        return self._narrow[1]


def _pages_per_entity() -> Iterator[AreaPageSpec]:
    return (spec for spec in AREA_PAGE_SPECS if "{id}" in spec.page)


def _describe(checked: CheckedPlaybook, key: Key, entity: Any, loaded: Any, loc: Any) -> _Entity:
    """One entity's digests: its data with its file and place (for an entity in a list,
    the list's length and the rest of the file outside the entity lists)."""
    data = loaded.source.data
    frame: object = None
    place: object = None
    if loc:
        field, index = loc
        siblings = data.get(field, []) if isinstance(data, dict) else []
        place = (index, len(siblings))
        lists = {spec.items for spec in KINDS if spec.items is not None}
        frame = {k: v for k, v in data.items() if k not in lists}
        data = siblings[index]
    target = checked.index.entries[key].target
    shown = (target, entity.value, entity.unit) if key[0] == "fact" else target
    return _Entity(
        entity,
        _hash(key, loaded.source.rel, loaded.source.path, loc, place, data, frame),
        _hash(shown),
        *_refers_to(entity),
    )


def _site_inputs(
    checked: CheckedPlaybook, config: SiteConfig, stamp: bytes, entities: dict[Key, _Entity]
) -> bytes:
    """What every page of one entity depends on (see the module doc)."""
    playbook = checked.playbook
    glossary = playbook.glossary
    glossary_links: list[tuple[Key, bytes]] = []
    if glossary is not None:
        glossary_links = [
            (k, entities[k].link) for k in sum(_refers_to(glossary.model), ()) if k in entities
        ]
    areas = [page.path for page in checked.site.existing() if page.id is None]
    return _hash(
        stamp,
        playbook.meta.source.data,
        glossary.source.data if glossary is not None else None,
        glossary_links,
        config.links,
        checked.today,
        areas,
    )


def _templates_stamp(override: Path | None) -> bytes | None:
    """The bundled templates' names, sizes and times; `None` (keep nothing) when an
    override folder holds any file."""
    if override is not None and override.is_dir() and any(_files(override)):
        return None
    return _hash(sorted(_files(bundled_templates_dir())))


def _files(folder: Path) -> Iterator[tuple[str, int, int]]:
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            info = os.stat(os.path.join(dirpath, name))
            yield os.path.join(dirpath, name), info.st_size, info.st_mtime_ns


def _reads_narrowly(environment: Environment, name: str, seen: set[str] | None = None) -> bool:
    """Whether template `name` and every template it includes, imports or extends read
    only `NARROW_GLOBALS` of the environment's globals (a template named by a variable:
    no)."""
    seen = seen if seen is not None else set()
    if name in seen:
        return True
    seen.add(name)
    assert environment.loader is not None
    source = environment.loader.get_source(environment, name)[0]
    tree = environment.parse(source)
    read = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - _bound_names(tree)
    if (read & set(environment.globals)) - NARROW_GLOBALS:
        return False
    for template in _template_names(tree):
        if template is None or not _reads_narrowly(environment, template, seen):
            return False
    return True


def _bound_names(tree: nodes.Template) -> set[str]:
    """Names a template binds itself (imports, macros, `set`, loop variables)."""
    bound: set[str] = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    bound |= {n.target for n in tree.find_all(nodes.Import)}
    bound |= {n.name for n in tree.find_all(nodes.Macro)}
    for node in tree.find_all(nodes.FromImport):
        bound |= {name if isinstance(name, str) else name[1] for name in node.names}
    return bound


def _template_names(tree: nodes.Template) -> Iterable[str | None]:
    return meta.find_referenced_templates(tree)

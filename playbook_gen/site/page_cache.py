"""Pages rendered again only when what they show changed: what `serve` keeps between
rebuilds.

Rendering every page was most of a one-skill rebuild at 2,000 skills. Each page gets a
fingerprint of its inputs; a page whose fingerprint is the one of its last render keeps
that render. The inputs, as the bundled templates use them:

- of every page (`site_inputs`): the playbook's own file (name, language, owner), the
  glossary (its tooltips are on every page) and what its links show, the edit and issue
  settings, the date reviews are due against, which area pages exist, the templates;
- of the page of one entity (a skill, a stage, a stage's checklist): the entity's data
  with its file and place (its order among its siblings, the rest of its file outside the
  entity lists), its siblings before and after it (a stage's pager) and the entities that
  name it in a reference field (a skill's "used in stages"), in full;
- of an area or index page (skills, objections, the checklists booklet): its area's files
  and the entities that name one of their entities in a reference field, in full;
- and what links show (`Target`: title, page, anchor; a fact's value) of every entity any
  of those names, in a reference field or a `[[ref]]` link: a template reaches a named
  entity only through `link`, `target` and `title_of`.

The home page, `changes` and `review`, and any page whose template reads a global beyond
those (`template_reads`), are rendered every time; so is every page when an override
folder holds templates (user code may read anything). Correctness is tested by rendering
after edits of every kind and comparing with a full render, byte for byte
(tests/test_page_cache.py).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from playbook_gen.read.config import SiteConfig
from playbook_gen.read.fields import RefTo
from playbook_gen.read.introspect import linked_texts, references, walk
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.playbook import AREAS, Loaded
from playbook_gen.resolve.references import (
    AREA_PAGE_SPECS,
    KINDS,
    WIKI_LINK,
    RefSyntaxError,
    entities_of,
    parse_ref,
)
from playbook_gen.resolve.sitemap import SitePage
from playbook_gen.site.changes import Changes
from playbook_gen.site.pages import plan_pages
from playbook_gen.site.render import SiteRenderer, bundled_templates_dir
from playbook_gen.site.template_reads import reads_only

Key = tuple[str, str]
"""(kind, id) of an entity."""

_AREA_SPECS = {spec.name: spec for spec in AREA_PAGE_SPECS if "{id}" not in spec.page}
_ITEM_FIELDS = frozenset(spec.items for spec in KINDS if spec.items is not None)


@dataclass(frozen=True)
class _Node:
    """An entity or a whole file as a fingerprint sees it: all of it (`digest`), a link to
    it (`link`, entities only) and what it names."""

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


def _refers_to(model: Any) -> tuple[tuple[Key, ...], tuple[Key, ...]]:
    """The entities a model names: in its reference fields, and in `[[ref]]` links only."""
    fields: dict[Key, None] = {}
    links: dict[Key, None] = {}
    for instance, loc in walk(model):
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


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory between rebuilds, for an environment made anew
    each rebuild (ours, MkDocs' theme's); Jinja checks each against its template's source
    before using it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class PageCache:
    """The last render of each page that has a fingerprint, and what fingerprints are
    made of, memoised by model (a file that did not change keeps its models,
    `read.parse_cache`)."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[bytes, str]] = {}
        self._nodes: dict[int, _Node] = {}
        self._templates: tuple[bytes, dict[tuple[str, frozenset[str]], bool]] = (b"", {})
        self._bytecode = MemoryBytecodeCache()
        self.rendered: list[str] = []
        """The pages the last `render` rendered (not taken from the cache)."""

    def render(
        self, checked: CheckedPlaybook, config: SiteConfig, changes: Changes | None = None
    ) -> list[tuple[str, str]]:
        """Every page as `render_site` gives it: (docs-relative path, Markdown)."""
        renderer = SiteRenderer(checked, config.templates_dir, config.links, changes)
        renderer.environment.bytecode_cache = self._bytecode
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
        if self._templates[0] != stamp:
            self._templates = (stamp, {})
        narrow = self._templates[1]

        def reads_narrowly(template: str, allowed: frozenset[str]) -> bool:
            if (template, allowed) not in narrow:
                narrow[(template, allowed)] = reads_only(environment, template, allowed)
            return narrow[(template, allowed)]

        graph = _Graph(checked, self._nodes)
        self._nodes = graph.memo
        site = graph.site_inputs(config, stamp)
        found: dict[str, bytes] = {}
        for page in checked.site.existing():
            inputs = graph.inputs(page, reads_narrowly)
            if inputs is not None:
                found[page.path] = _hash(site, page.path, page.template, page.title, inputs)
        return found


class _Graph:
    """One playbook's entities and files, and who names whom, as fingerprints see them."""

    def __init__(self, checked: CheckedPlaybook, memo: dict[int, _Node]) -> None:
        self.checked = checked
        self.memo: dict[int, _Node] = {}
        self.entities: dict[Key, _Node] = {}
        self.by_model: dict[int, Key] = {}
        self.files: dict[str, list[_Node]] = {}
        self.members: dict[str, list[Key]] = {}
        lists: dict[tuple[int, str], list[Key]] = {}
        for area in AREAS:
            value = getattr(checked.playbook, area.attribute)
            for loaded in value if isinstance(value, list) else [value] if value else []:
                self.files.setdefault(area.attribute, []).append(self._node(loaded, (), memo))
        for spec, entity, loaded, loc in entities_of(checked.playbook):
            key = (spec.kind, entity.id)
            self.entities[key] = self._node(loaded, loc, memo, key)
            self.by_model[id(entity)] = key
            self.members.setdefault(spec.area, []).append(key)
            if spec.items is not None:
                lists.setdefault((id(loaded), spec.items), []).append(key)
        self.order: dict[Key, tuple[Key, ...]] = {}
        for keys in lists.values():
            for i, key in enumerate(keys):
                self.order[key] = tuple(keys[max(0, i - 1) : i] + keys[i + 1 : i + 2])
        self.referred_by: dict[Key, list[Key]] = {}
        for referrer, node in self.entities.items():
            for target in node.refers_to:
                self.referred_by.setdefault(target, []).append(referrer)
        self._links: dict[int, bytes] = {}

    def _node(
        self, loaded: Loaded[Any], loc: tuple[Any, ...], memo: dict[int, _Node],
        key: Key | None = None,
    ) -> _Node:
        """A file's node (`loc` empty, no `key`) or an entity's: its data with its file and
        place (an entity in a list: the list's length and the rest of the file outside
        the entity lists), memoised by model."""
        data = loaded.source.data
        model = loaded.model
        frame: object = None
        place: object = None
        if loc:
            field, index = loc
            siblings = data.get(field, []) if isinstance(data, dict) else []
            place = (index, len(siblings))
            frame = {k: v for k, v in data.items() if k not in _ITEM_FIELDS}
            data, model = siblings[index], getattr(model, field)[index]
        memo_key = id(model) if key is not None else -id(model)
        known = memo.get(memo_key)
        if known is None or known.model is not model:
            link = b""
            if key is not None:
                target = self.checked.index.entries[key].target
                link = _hash((target, model.value, model.unit) if key[0] == "fact" else target)
            source = loaded.source
            digest = _hash(key, source.rel, source.path, loc, place, data, frame)
            known = _Node(model, digest, link, *_refers_to(model))
        self.memo[memo_key] = known
        return known

    def links(self, node: _Node) -> bytes:
        """What links show of everything `node` names (a title, a fact's value)."""
        if id(node) not in self._links:
            found = [(k, self.entities[k].link) for k in node.names if k in self.entities]
            self._links[id(node)] = _hash(found)
        return self._links[id(node)]

    def shown(self, keys: list[Key]) -> list[tuple[bytes, bytes]]:
        """Entities shown in full, with what links to what they name show."""
        nodes = [self.entities[k] for k in dict.fromkeys(keys) if k in self.entities]
        return [(node.digest, self.links(node)) for node in nodes]

    def inputs(self, page: SitePage, reads_narrowly: Any) -> object | None:
        """What one page shows beyond `site_inputs`, or `None`: render it every time."""
        if page.entity is not None:
            key = self.by_model.get(id(page.entity))
            if key is None or not reads_narrowly(page.template, frozenset()):
                return None
            # Shown in full: the entity, its siblings, what lists it.
            return self.shown([key, *self.order.get(key, ()), *self.referred_by.get(key, ())])
        spec = _AREA_SPECS.get(page.name)
        areas = (
            {spec.area} if spec is not None and spec.area
            else {k.area for k in KINDS if k.kind == spec.kind} if spec is not None and spec.kind
            else set()
        )
        if not areas or not reads_narrowly(page.template, frozenset(areas)):
            return None  # the home page, `changes`, `review`: anything may show there
        files = [node for area in sorted(areas) for node in self.files.get(area, [])]
        members = [key for area in sorted(areas) for key in self.members.get(area, [])]
        referrers = [r for key in members for r in self.referred_by.get(key, ())]
        return [(node.digest, self.links(node)) for node in files], self.shown(referrers)

    def site_inputs(self, config: SiteConfig, stamp: bytes) -> bytes:
        """What every page depends on (see the module doc)."""
        playbook = self.checked.playbook
        glossary = self.files.get("glossary", [])
        areas = [page.path for page in self.checked.site.existing() if page.id is None]
        return _hash(
            stamp,
            playbook.meta.source.data,
            [(node.digest, self.links(node)) for node in glossary],
            config.links,
            self.checked.today,
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

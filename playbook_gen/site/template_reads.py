"""Which template globals a template reads, from its syntax tree and those of the templates
it includes, imports or extends: what `page_cache` needs to know to trust a fingerprint.

A page kept by `page_cache` may show only what its fingerprint covers. Its template may
read the narrow globals (labels, links and lookups by reference, the playbook's own file,
the date) and those it is allowed besides (an area page: its own area's list); one that
reads any other global (`skills`, `playbook`, `site`, `index`, `changes`, …), or names a
template by a variable, is rendered every time.
"""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, meta, nodes

NARROW_GLOBALS = frozenset(
    {
        "t", "link", "url", "page_url", "target", "title_of", "anchor", "term_anchor",
        "external_link", "owner_of", "review", "fact_value", "storage_key", "rubric_json",
        "band_after", "backlinks", "language", "today", "meta",
        "range", "dict", "lipsum", "cycler", "joiner", "namespace",
    }
)
"""Globals any kept page may read: what they give depends on the entities the page names
or is named by (covered by its fingerprint), on `meta` and `today` (covered too), or on
nothing at all."""


def reads_only(
    environment: Environment,
    name: str,
    allowed: frozenset[str],
    seen: set[str] | None = None,
) -> bool:
    """Whether template `name` and every template it uses read no global of the
    environment but `NARROW_GLOBALS` and `allowed`."""
    seen = seen if seen is not None else set()
    if name in seen:
        return True
    seen.add(name)
    assert environment.loader is not None
    tree = environment.parse(environment.loader.get_source(environment, name)[0])
    read = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - _bound_names(tree)
    if (read & set(environment.globals)) - NARROW_GLOBALS - allowed:
        return False
    return all(
        used is not None and reads_only(environment, used, allowed, seen)
        for used in _templates_used(tree)
    )


def _bound_names(tree: nodes.Template) -> set[str]:
    """Names a template binds itself (imports, macros, `set`, loop variables), which
    hide a global of the same name (`{% import "_tools.md.j2" as tools %}`)."""
    bound: set[str] = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    bound |= {n.target for n in tree.find_all(nodes.Import)}
    bound |= {n.name for n in tree.find_all(nodes.Macro)}
    for node in tree.find_all(nodes.FromImport):
        bound |= {name if isinstance(name, str) else name[1] for name in node.names}
    return bound


def _templates_used(tree: nodes.Template) -> Iterable[str | None]:
    """The templates it includes, imports or extends (`None`: named by a variable)."""
    return meta.find_referenced_templates(tree)

"""The Jinja2 environment that turns planned pages into Markdown for MkDocs.

Templates are looked up first in the user's override folder (`templates_dir` of
`site_config.yml`), then in the bundled templates, so a team can replace any page or
partial by name. The bundled ones are also reachable as `bundled/<name>`, so an override
can extend the template it replaces and change one `{% block %}` of it. `StrictUndefined`
makes a typo in a template fail the build.

Every value printed with `{{ … }}` is made inert for both HTML and Markdown (see
`escaping`), because a generated page is Markdown with HTML in it; only markup built by
the filters below (`md`, `link`, `tojson`, …) is printed as is.
"""

from __future__ import annotations

import html
import json
import re
import traceback
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from markupsafe import Markup, escape

from playbook_gen.errors import PlaybookError
from playbook_gen.i18n import Labels
from playbook_gen.read.config import SourceLinks
from playbook_gen.read.fields import TextWithLinks
from playbook_gen.read.models import Model, Term
from playbook_gen.resolve.audit import Review, audit, by_owner, owner_of, review_of
from playbook_gen.resolve.load import CheckedPlaybook
from playbook_gen.resolve.playbook import AREAS
from playbook_gen.resolve.references import Target, anchor_for
from playbook_gen.site.changes import Changes
from playbook_gen.site.escaping import literal_text
from playbook_gen.site.feedback import page_links
from playbook_gen.site.glossary_terms import (
    GlossaryMarker,
    definitions_script,
    glossary_order,
    glossary_terms,
    plain_text,
)
from playbook_gen.site.links import Linker, external_link
from playbook_gen.site.markdown import MarkdownRenderer
from playbook_gen.site.numbers import format_number, with_unit
from playbook_gen.site.pages import PagePlan, plan_pages
from playbook_gen.site.render_shares import render_pages
from playbook_gen.site.urls import relative_url
from playbook_gen.site.where import trail
from playbook_gen.worksheets.tool_data import template_functions

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_BUNDLED_CANDIDATES = (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates")
"""Inside a wheel the templates are `playbook_gen/templates`; in a source checkout they
are the repository's `templates/`."""


def bundled_templates_dir() -> Path:
    """The folder of the templates that ship with playbook-gen."""
    for candidate in _BUNDLED_CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise RuntimeError(
        f"bundled templates not found in {' or '.join(map(str, _BUNDLED_CANDIDATES))}"
    )


def _finalize(value: Any) -> Any:
    """Print plain text literally (see `escaping`); markup and numbers pass through."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return literal_text(value)
    return value


class _TemplateLoader(ChoiceLoader):
    """The loader chain, with a not-found message that says what was not found
    (ChoiceLoader's is the bare name, which reads like no reason at all)."""

    def load(
        self,
        environment: Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        try:
            return super().load(environment, name, globals)
        except TemplateNotFound:
            raise TemplateNotFound(
                name, f"{name!r} not found in the override or bundled templates"
            ) from None


BUNDLED_PREFIX = "bundled"
"""`bundled/stage.md.j2` is always the bundled template, even when the override folder
has a `stage.md.j2` (which could not extend itself by its own name)."""


def make_environment(
    templates_dir: Path | None = None, finalize: Callable[..., Any] = _finalize
) -> Environment:
    """The bare environment: loader chain, autoescape, strict undefined, finalize.

    Names resolve as `bundled/<name>` → the bundled template; any other name → the
    override folder first, then the bundled templates.
    """
    bundled = FileSystemLoader(bundled_templates_dir())
    loaders: list[BaseLoader] = [PrefixLoader({BUNDLED_PREFIX: bundled})]
    if templates_dir is not None:
        loaders.append(FileSystemLoader(templates_dir))
    loaders.append(bundled)
    return Environment(
        loader=_TemplateLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _page_of(context: Context) -> str:
    page = context.get("page")
    if not isinstance(page, str):
        raise RuntimeError("template context has no current 'page'")
    return page


def term_anchor(term: str) -> str:
    """The HTML id of a glossary term: `term-` and the term, lowercased, words joined by -."""
    slug = re.sub(r"[^\w]+", "-", term.casefold()).strip("-")
    return f"term-{slug}"


def glossary_anchor(term: Term) -> str:
    """A term's anchor on the glossary page, as `glossary.md.j2` writes it."""
    return anchor_for("term", term.id) if term.id else term_anchor(term.term)


def glossary_script(checked: CheckedPlaybook) -> str:
    """`assets/glossary-terms.js`: each definition once (`definitions_script`), a
    `[[ref]]` in it read as the title its link would show."""
    linker = Linker(checked.index, Labels(checked.playbook.language))

    def title_of(ref: str) -> str | None:
        target = linker.resolve(ref)
        return linker.title(target) if target is not None else None

    terms = glossary_terms(checked.playbook)
    return definitions_script(terms, plain_text(title_of), glossary_anchor)


_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def tidy(markdown_text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline.

    Lets templates stay readable (blocks on their own lines) without leaking their
    layout into the pages.
    """
    text = markdown_text
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):  # rare, and the
        text = _TRAILING_SPACE.sub("", text)  # regex tries every space of the page
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_H1 = re.compile(r"^# (.+?)(?:\s*\{[^{}]*\})?$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")


def with_title(markdown_text: str) -> str:
    """Give a page whose front matter has no `title` one, taken from its first `# ` heading.

    Material prints a title taken from the heading through `striptags`, which turns
    `&lt;/title&gt;` back into a live `</title>` inside `<title>`; a front-matter title
    is printed as written, so here it is written HTML-escaped.
    """
    front = _FRONT_MATTER.match(markdown_text)
    if front and re.search(r"^title:", front.group(1), re.MULTILINE):
        return markdown_text
    body = markdown_text[front.end() :] if front else markdown_text
    heading = _H1.search(body)
    if heading is None:
        return markdown_text
    title = html.escape(html.unescape(_TAG.sub("", heading.group(1))).strip())
    fields = (front.group(1) if front else "") + f"title: {json.dumps(title, ensure_ascii=False)}\n"
    return f"---\n{fields}---\n\n{body.lstrip(chr(10))}"


FOOTER_TEMPLATE = "_page_footer.md.j2"
BREADCRUMB_TEMPLATE = "_breadcrumb.md.j2"


class TemplateFailed(PlaybookError):
    """A template of the user's override folder does not load or render."""


def _user_template_line(exc: BaseException, templates_dir: Path) -> tuple[str, int] | None:
    """The innermost place in a template of `templates_dir` where `exc` arose, if any."""
    places: list[tuple[str | None, int | None]] = [
        (frame.filename, frame.lineno) for frame in traceback.extract_tb(exc.__traceback__)
    ]
    if isinstance(exc, TemplateSyntaxError):
        places.append((exc.filename, exc.lineno))
    root = templates_dir.resolve()
    for filename, line in reversed(places):
        if filename and Path(filename).resolve().is_relative_to(root):
            return filename, line or 1
    return None


class SiteRenderer:
    """Renders the pages of one playbook; filters resolve links from the current page."""

    def __init__(
        self,
        checked: CheckedPlaybook,
        templates_dir: Path | None = None,
        links: SourceLinks | None = None,
        changes: Changes | None = None,
    ) -> None:
        playbook = checked.playbook
        self.checked = checked
        self.playbook = playbook
        self.templates_dir = templates_dir
        self.links = links or SourceLinks()
        self._pages = {page.path: page for page in checked.site.existing()}
        self.labels = Labels(playbook.language)
        self.linker = Linker(checked.index, self.labels)
        self.markdown = MarkdownRenderer(self.linker)
        self.environment = make_environment(templates_dir, self._finalize_with_links())
        self.environment.filters.update(self._filters())
        self.environment.globals.update(self._functions())
        self.environment.globals.update(self._data(checked))
        self.environment.globals.update(template_functions(playbook.name))
        self.environment.globals["changes"] = changes or Changes(None)
        self.terms = GlossaryMarker.of(playbook, glossary_anchor)
        glossary = checked.site.page("glossary")
        self._glossary_path = glossary.path if glossary is not None else None

    def _finalize_with_links(self) -> Callable[..., Any]:
        """`_finalize`, and `[[ref]]` in a `Text` field's value printed as a link (a
        `Name` is a plain `str`, so a title is always printed exactly as written)."""

        @pass_context
        def finalize(context: Context, value: Any) -> Any:
            if isinstance(value, TextWithLinks) and "[[" in value:
                return self.linker.text_with_links(_page_of(context), value)
            return _finalize(value)

        return finalize

    def _filters(self) -> dict[str, Callable[..., Any]]:
        @pass_context
        def md(context: Context, text: str | None) -> Markup:
            return self.markdown.render(text, _page_of(context))

        def number(value: float, label: str | None = None, to: float | None = None) -> Markup:
            return format_number(self.labels, value, label, to)

        return {
            "md": md,
            "md_text": literal_text,
            "number": number,
            "glossary_order": lambda terms: glossary_order(terms, self.playbook.language),
        }

    def _functions(self) -> dict[str, Callable[..., Any]]:
        meta = self.playbook.meta.model

        @pass_context
        def link(context: Context, ref: Target | str, label: str | None = None) -> Markup:
            return self.linker.link(_page_of(context), ref, label)

        @pass_context
        def url(context: Context, target: Target | str) -> Markup:
            # Built from ids, so only HTML-escaped: a `#` stays a `#` (also in scripts).
            return escape(self.linker.href(_page_of(context), target))

        @pass_context
        def page_url(context: Context, name: str, ident: str | None = None) -> Markup:
            # A page the site does not have fails the build (`LookupError`), like a typo.
            return url(context, self.checked.site.path(name, ident))

        def review(entity: Model) -> Review:
            return review_of(entity, meta, self.checked.today)

        return {
            "t": self.labels,
            "link": link,
            "url": url,
            "page_url": page_url,
            "target": self.linker.resolve,
            "title_of": self.linker.title,
            "anchor": anchor_for,
            "term_anchor": term_anchor,
            "external_link": external_link,
            "owner_of": lambda entity: owner_of(entity, meta),
            "review": review,
            "audit_by_owner": lambda: by_owner(audit(self.checked)),
            "fact_value": lambda fact: with_unit(self.labels, fact.value, fact.unit),
        }

    @staticmethod
    def _data(checked: CheckedPlaybook) -> dict[str, Any]:
        """The playbook as templates see it: each area's model, or None when absent, and
        the bundle's index, backlinks and site map."""
        playbook = checked.playbook

        def model(loaded: Any) -> Any:
            if isinstance(loaded, list):
                return [item.model for item in loaded]
            return loaded.model if loaded is not None else None

        areas = {area.attribute: model(getattr(playbook, area.attribute)) for area in AREAS}
        return {
            **areas,
            "playbook": playbook,
            "index": checked.index,
            "backlinks": checked.backlinks,
            "site": checked.site,
            "language": playbook.language,
            "today": checked.today,
        }

    def render_page(self, plan: PagePlan) -> str:
        """The Markdown of one planned page.

        An override template is the user's code: whatever goes wrong in it (a syntax
        error, a misspelt name, a failing expression) is reported at its file and line as
        `TemplateFailed`. An error in a bundled template alone is a bug and propagates.
        """
        try:
            template = self.environment.get_template(plan.template)
            text = template.render({**plan.context, "page": plan.path})
            glossary = self._glossary_path
            if glossary is not None and plan.path != glossary:
                text = self.terms.mark(text, relative_url(plan.path, glossary))
            text = self._breadcrumb(plan, text) + self._footer(plan)
            return with_title(tidy(text))
        except Exception as exc:
            place = _user_template_line(exc, self.templates_dir) if self.templates_dir else None
            if place is None:
                raise
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise TemplateFailed(
                f"{place[0]}:{place[1]}: {reason} (rendering {plan.path} with {plan.template})"
            ) from exc

    def _breadcrumb(self, plan: PagePlan, text: str) -> str:
        """`_breadcrumb.md.j2` (home › area › … › page) at the top of the page, after its
        front matter, so that every page says where it is (`site/where.py`)."""
        crumbs = trail(self.checked.site, self._pages[plan.path])
        if not crumbs:
            return text
        template = self.environment.get_template(BREADCRUMB_TEMPLATE)
        nav = template.render(page=plan.path, trail=crumbs)
        front = _FRONT_MATTER.match(text)
        cut = front.end() if front else 0
        return f"{text[:cut]}\n{nav}\n{text[cut:]}"

    def _footer(self, plan: PagePlan) -> str:
        """`_page_footer.md.j2` (edit and report links) below every page that shows
        content, so no page template has to remember it; empty when neither is set."""
        links = page_links(self._pages[plan.path], self.checked, self.links)
        if links.edit is None and links.report is None:
            return ""
        footer = self.environment.get_template(FOOTER_TEMPLATE)
        return "\n\n" + footer.render(page=plan.path, edit_url=links.edit, report_url=links.report)

    def render_site(self, jobs: int | None = 1) -> list[tuple[str, str]]:
        """Every page of the site as (docs-relative path, Markdown), in plan order; over
        `jobs` processes (`render_shares`; None: as many as pay)."""
        plans = plan_pages(self.checked)
        texts = render_pages(self.render_page, plans, jobs)
        return [(plan.path, text) for plan, text in zip(plans, texts, strict=True)]


def render_site(
    checked: CheckedPlaybook,
    templates_dir: Path | None = None,
    *,
    links: SourceLinks | None = None,
    changes: Changes | None = None,
    jobs: int | None = 1,
) -> list[tuple[str, str]]:
    """Render every page of a checked playbook: [(path inside docs/, Markdown text)].

    `templates_dir` is the user's override folder (templates there replace bundled ones
    of the same name); `links` the edit and issue settings; `changes` what the `changes`
    page lists (a first build when not given); `jobs` the processes to render over.
    """
    return SiteRenderer(checked, templates_dir, links, changes).render_site(jobs)

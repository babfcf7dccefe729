"""The Jinja2 environment: strict, escaping, overridable, and links from the current page."""

from pathlib import Path
from typing import Any

import jinja2
import pytest

from playbook_gen.read import models
from playbook_gen.resolve.backlinks import build_backlinks
from playbook_gen.resolve.load import bundle
from playbook_gen.resolve.playbook import Loaded, Playbook
from playbook_gen.resolve.references import build_index
from playbook_gen.site.pages import PagePlan
from playbook_gen.site.render import (
    SiteRenderer,
    TemplateFailed,
    render_site,
    term_anchor,
    tidy,
    with_title,
)


def _loaded(model: Any) -> Loaded[Any]:
    return Loaded(model, source=None)  # type: ignore[arg-type]


def _playbook(name: str = "Test <Playbook>", **areas: Any) -> Playbook:
    meta = models.PlaybookMeta(name=name, owner="Enablement")
    return Playbook(meta=_loaded(meta), **{k: _loaded(v) for k, v in areas.items()})


PROCESS = models.ProcessFile.model_validate(
    {
        "buying_process": [{"id": "notice", "title": "Notice"}],
        "stages": [
            {
                "id": "discover",
                "title": "Discover",
                "buyer_step": "notice",
                "exit_criteria": ["Pain agreed."],
                "tasks": [
                    {"title": "Call", "skills": ["listening"], "tools": ["crm"]},
                    {"title": "Again", "skills": ["listening"]},
                ],
            },
            {"id": "close", "title": "Close", "exit_criteria": ["Signed."]},
        ],
    }
)


def _renderer(playbook: Playbook, templates_dir: Path | None = None) -> SiteRenderer:
    return SiteRenderer(bundle(playbook, build_index(playbook)), templates_dir)


def _render_string(renderer: SiteRenderer, source: str, page: str = "index.md", **ctx: Any) -> str:
    template = renderer.environment.from_string(source)
    return template.render(page=page, **ctx)


def test_a_typo_in_a_template_fails(tmp_path: Path) -> None:
    (tmp_path / "values.md.j2").write_text("# {{ values.sumary }}\n")
    renderer = _renderer(_playbook(values=models.ValuesFile()), tmp_path)
    with pytest.raises(TemplateFailed, match=r"values\.md\.j2:1: .*'sumary'") as failed:
        renderer.render_page(PagePlan("values.md", "values.md.j2"))
    assert isinstance(failed.value.__cause__, jinja2.UndefinedError)


def test_an_unknown_label_fails() -> None:
    renderer = _renderer(_playbook())
    with pytest.raises(KeyError):
        _render_string(renderer, "{{ t('no_such_label') }}")


def test_user_template_overrides_the_bundled_one_by_name(tmp_path: Path) -> None:
    (tmp_path / "glossary.md.j2").write_text("# Our words: {{ t('area_glossary') }}\n")
    playbook = _playbook(glossary=models.GlossaryFile())
    pages = dict(render_site(bundle(playbook, build_index(playbook)), templates_dir=tmp_path))
    assert "# Our words: Glossary" in pages["glossary.md"]
    assert "pb-house" in pages["index.md"]  # not overridden: bundled


def test_user_partial_overrides_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "_house.md.j2").write_text('<div class="our-house">{{ meta.name }}</div>\n')
    playbook = _playbook()
    pages = dict(render_site(bundle(playbook, build_index(playbook)), templates_dir=tmp_path))
    assert '<div class="our-house">Test &lt;Playbook&gt;</div>' in pages["index.md"]


def test_printed_text_is_inert_in_markdown_and_html() -> None:
    renderer = _renderer(_playbook())
    evil = "[x](javascript:alert(1)) *b* <i>"
    out = _render_string(renderer, "## {{ evil }}\n<p>{{ evil | md_text }}</p>", evil=evil)
    expected = "&#91;x&#93;(javascript:alert(1)) &#42;b&#42; &lt;i&gt;"
    assert out == f"## {expected}\n<p>{expected}</p>"


def test_numbers_print_as_numbers() -> None:
    assert _render_string(_renderer(_playbook()), "{{ n }} {{ -1 }}", n=1.5) == "1.5 -1"


def test_md_filter_links_from_the_current_page() -> None:
    playbook = _playbook(process=PROCESS)
    out = _render_string(
        _renderer(playbook), "{{ text | md }}", page="stages/close.md", text="[[stage:discover]]"
    )
    assert '<a href="../discover/" rel="noopener noreferrer">Discover</a>' in out


def test_link_and_url_globals() -> None:
    renderer = _renderer(_playbook(process=PROCESS, values=models.ValuesFile()))
    source = (
        "{{ link('stage:discover') }}|{{ link('values', 'our <values>') }}|"
        "{{ link('stage:nope') }}|{{ url('checklists/discover.md') }}|"
        "{{ url(target('step:notice')) }}"
    )
    assert _render_string(renderer, source, page="stages/close.md").split("|") == [
        '<a href="../discover/">Discover</a>',
        '<a href="../../values/">our &lt;values&gt;</a>',
        "stage:nope",
        "../../checklists/discover/",
        "../../process/#step-notice",
    ]


def test_external_link_only_for_http() -> None:
    renderer = _renderer(_playbook())
    out = _render_string(
        renderer,
        "{{ external_link(a) }}|{{ external_link(b) }}",
        a="https://x.example/a?b=1&c=2",
        b="javascript:alert(1)",
    )
    assert out.split("|") == [
        '<a href="https://x.example/a?b=1&amp;c=2" rel="noopener noreferrer">'
        "https://x.example/a?b=1&amp;c=2</a>",
        "javascript:alert(1)",
    ]


def test_house_draws_absent_areas_without_links() -> None:
    playbook = _playbook()
    home = _renderer(playbook).render_page(PagePlan("index.md", "home.md.j2"))
    house = home[home.index('<nav class="pb-house"') :]
    assert "<a " not in house
    assert house.count("pb-house__part--absent") == 11


def test_house_links_present_areas() -> None:
    playbook = _playbook(process=PROCESS, values=models.ValuesFile())
    home = _renderer(playbook).render_page(PagePlan("index.md", "home.md.j2"))
    assert 'href="process/"' in home and 'href="values/"' in home
    assert 'href="checklists/"' in home
    assert 'href="strategy/"' not in home
    assert home.count("pb-house__part--absent") == 8


def test_every_page_gets_an_escaped_front_matter_title() -> None:
    text = "# Cl&lt;/title&gt;&#42;x&#42; &amp; y\n\nbody\n"
    assert with_title(text) == ('---\ntitle: "Cl&lt;/title&gt;*x* &amp; y"\n---\n\n' + text)


def test_front_matter_title_is_added_to_existing_front_matter() -> None:
    text = "---\nhide:\n  - toc\n---\n\n# Name { #x }\n"
    assert with_title(text) == '---\nhide:\n  - toc\ntitle: "Name"\n---\n\n# Name { #x }\n'


def test_an_explicit_front_matter_title_is_kept() -> None:
    text = '---\ntitle: "Home"\n---\n\n# Name\n'
    assert with_title(text) == text


@pytest.mark.parametrize(
    ("layout", "page"),
    [
        ("a \nb\t\n\n\n\nc  ", "a\nb\n\nc\n"),  # trailing spaces and tabs, blank runs
        ("\n\na b\n  c\n", "a b\n  c\n"),  # inner and leading spaces stay
        ("a\t", "a\n"),
    ],
)
def test_tidy_drops_trailing_space_and_extra_blank_lines(layout: str, page: str) -> None:
    assert tidy(layout) == page


def test_term_anchor() -> None:
    assert term_anchor("Ideal customer profile") == "term-ideal-customer-profile"
    assert term_anchor("理想客户 画像") == "term-理想客户-画像"


def test_backlinks() -> None:
    strategy = models.StrategyFile.model_validate(
        {
            "levers": [{"id": "l", "title": "L", "metrics": ["m"]}],
            "plays": [
                {"id": "p", "title": "P", "stages": ["discover", "close"]},
                {"id": "q", "title": "Q", "stages": ["discover"]},
            ],
        }
    )
    management = models.ManagementFile.model_validate(
        {
            "metrics": [{"id": "m", "title": "M", "kind": "core"}],
            "cadences": [{"id": "c", "title": "C", "metrics": ["m"]}],
        }
    )
    backlinks = build_backlinks(
        _playbook(process=PROCESS, strategy=strategy, management=management)
    )
    # "discover" needs "listening" in two tasks: one stage, listed once.
    assert [s.id for s in backlinks.referrers("skill", "listening", "stage")] == ["discover"]
    assert [s.id for s in backlinks.referrers("tool", "crm", "stage")] == ["discover"]
    assert backlinks.referrers("tool", "nothing", "stage") == []
    assert [s.id for s in backlinks.referrers("step", "notice", "stage")] == ["discover"]
    assert [p.id for p in backlinks.referrers("stage", "close", "play")] == ["p"]
    assert [p.id for p in backlinks.referrers("stage", "discover", "play")] == ["p", "q"]
    assert [lever.id for lever in backlinks.referrers("metric", "m", "lever")] == ["l"]
    assert [c.id for c in backlinks.referrers("metric", "m", "cadence")] == ["c"]
    assert backlinks.referrers("metric", "m", "stage") == []


def test_zh_labels_are_used_for_a_zh_playbook() -> None:
    meta = models.PlaybookMeta(name="手册", language="zh")
    playbook = Playbook(meta=_loaded(meta), values=_loaded(models.ValuesFile()))
    page = _renderer(playbook).render_page(PagePlan("values.md", "values.md.j2"))
    assert "# 销售价值观" in page

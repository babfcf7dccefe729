"""Template structure: blocks an override can replace one at a time, one `refs` macro,
one number formatter, onboarding weeks grouped in Python."""

import re
from pathlib import Path
from typing import Any

import markdown
import pytest

from playbook_gen.i18n import Labels
from playbook_gen.read import models
from playbook_gen.resolve.load import bundle
from playbook_gen.resolve.playbook import Loaded, Playbook
from playbook_gen.resolve.references import build_index
from playbook_gen.site.escaping import literal_text
from playbook_gen.site.numbers import format_number
from playbook_gen.site.pages import PagePlan, onboarding_weeks
from playbook_gen.site.render import SiteRenderer, bundled_templates_dir

DOCS = Path(__file__).resolve().parent.parent / "docs" / "templates.md"


def _loaded(model: Any) -> Loaded[Any]:
    return Loaded(model, source=None)  # type: ignore[arg-type]


def _renderer(templates_dir: Path | None = None, **areas: Any) -> SiteRenderer:
    meta = models.PlaybookMeta(name="Test", owner="Enablement")
    loaded = {
        k: [*map(_loaded, v)] if isinstance(v, list) else _loaded(v) for k, v in areas.items()
    }
    playbook = Playbook(meta=_loaded(meta), **loaded)
    return SiteRenderer(bundle(playbook, build_index(playbook)), templates_dir)


PROCESS = models.ProcessFile.model_validate(
    {
        "stages": [
            {
                "id": "discover",
                "title": "Discover",
                "typical_days": 14,
                "win_probability": 10,
                "exit_criteria": ["Pain agreed."],
                "key_behaviors": ["Listen."],
                "tasks": [{"title": "Call the owner"}],
            },
            {"id": "close", "title": "Close", "exit_criteria": ["Signed."]},
        ]
    }
)


def _stage_page(templates_dir: Path | None = None) -> str:
    renderer = _renderer(templates_dir, process=PROCESS)
    stages = PROCESS.stages
    context = {"stage": stages[0], "previous": None, "next": stages[1]}
    return renderer.render_page(PagePlan("stages/discover.md", "stage.md.j2", context))


def test_an_override_replaces_one_block_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "stage.md.j2").write_text(
        '{% extends "bundled/stage.md.j2" %}\n'
        "{% block tasks %}\n## Our way of working\n{% endblock %}\n"
    )
    bundled = _stage_page()
    overridden = _stage_page(tmp_path)
    assert "## Tasks" in bundled and "## Tasks" not in overridden
    assert "Call the owner" not in overridden
    before, after = overridden.split("## Our way of working\n")
    # Everything around the block is the bundled page, byte for byte.
    assert bundled.startswith(before) and bundled.endswith(after)
    assert "## Key behaviours" in before and "Listen." in before
    assert "pb-pager" in after and "14 days" in before


def test_an_override_can_call_super_and_use_the_bundled_macros(tmp_path: Path) -> None:
    (tmp_path / "stage.md.j2").write_text(
        '{% extends "bundled/stage.md.j2" %}\n'
        "{% block key_behaviors %}\n{{ super() }}\n{{ ui.bullets(['Budget known.']) }}\n"
        "{% endblock %}\n"
    )
    page = _stage_page(tmp_path)
    listen, budget = (rf"<ul>\n<li>{item}\.</li>\n</ul>\n" for item in ("Listen", "Budget known"))
    assert re.search(rf"## Key behaviours\n\n{listen}\n*{budget}", page)


LIST_ITEMS = ["Ask *why* & <how>", "[x](javascript:alert(1))", "ICP ≥ 60 { #id }", "1. not a list"]


@pytest.mark.parametrize(("macro", "marker"), [("bullets", "- "), ("numbered", "1. ")])
def test_a_list_is_the_html_that_markdown_makes_of_it(macro: str, marker: str) -> None:
    """Lists are written as HTML (MkDocs passes an HTML block through for less than it
    takes to parse a Markdown list) that is the HTML MkDocs makes of the Markdown list."""
    renderer = _renderer()
    page = renderer.environment.from_string(
        f'{{% import "_macros.md.j2" as ui %}}{{{{ ui.{macro}(items) }}}}'
    ).render(items=LIST_ITEMS, page="x.md")
    assert marker not in page
    as_markdown = "\n".join(f"{marker}{literal_text(item)}" for item in LIST_ITEMS)
    convert = markdown.Markdown(extensions=["attr_list", "admonition", "tables", "toc"]).convert
    assert convert(page) == convert(as_markdown)
    assert "<em>" not in convert(page) and 'id="id"' not in convert(page)


def _documented_blocks() -> dict[str, list[str]]:
    """The `| template | blocks |` rows of docs/templates.md (rows starting with a template)."""
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([\w.]+\.md\.j2)` \| (.+?) \|$", text, re.MULTILINE)
    return {name: re.findall(r"`(\w+)`", blocks) for name, blocks in rows}


DEAL_TEMPLATES = (
    "buyers",
    "objections",
    "proof",
    "competition_index",
    "battlecard",
    "forms_index",
    "form",
    "facts",
)


def test_the_page_templates_have_the_blocks_their_documentation_names() -> None:
    environment = _renderer().environment
    pages = sorted(
        path.name
        for path in bundled_templates_dir().glob("*.md.j2")
        if not path.name.startswith("_")
    )
    documented = _documented_blocks()
    # A template of a new kind of page may not be in the table yet; the rest must match,
    # and those of the deal-execution pages are there.
    assert len(documented) >= 26 and set(documented) <= set(pages)
    assert {f"{name}.md.j2" for name in DEAL_TEMPLATES} <= set(documented)
    for name in documented:
        blocks = list(environment.get_template(name).blocks)
        assert blocks == documented[name], name


@pytest.mark.parametrize(
    ("language", "value", "label", "to", "expected"),
    [
        ("en", 2.0, None, None, "2"),
        ("en", 1.5, None, None, "1.5"),
        ("en", 7, None, None, "7"),
        ("en", 40, "percent_value", None, "40 %"),
        ("zh", 40, "percent_value", None, "40%"),
        ("en", 0.0, "percent_value", 12.5, "0–12.5 %"),
        ("en", 14, "days_value", None, "14 days"),
        ("zh", 3, "week_n", None, "第 3 周"),
    ],
)
def test_numbers_are_written_one_way_in_the_language(
    language: str, value: float, label: str | None, to: float | None, expected: str
) -> None:
    assert format_number(Labels(language), value, label, to) == expected


def test_templates_print_numbers_through_the_number_filter() -> None:
    sheet = models.Worksheet.model_validate(
        {
            "id": "check",
            "title": "Check",
            "scale": {"min": 1, "max": 3},
            "sections": [
                {
                    "id": "need",
                    "title": "Need",
                    "questions": [
                        {"id": "a", "text": "A", "weight": 1.5, "see": ["stage:discover"]},
                        {"id": "b", "text": "B", "weight": 2.0, "see": ["stage:close"]},
                    ],
                }
            ],
            "bands": [
                {"min": 0, "max": 37.5, "label": "Weak"},
                {"min": 37.5, "max": 100, "label": "Strong"},
            ],
        }
    )
    renderer = _renderer(process=PROCESS, worksheets=[sheet])
    page = renderer.render_page(
        PagePlan("diagnostics/check.md", "worksheet.md.j2", {"worksheet": sheet})
    )
    assert "Weight 1.5</span>" in page and "Weight 2</span>" in page
    assert "<td>0–37.5 %</td>" in page and "<td>37.5–100 %</td>" in page
    # One `refs` macro joins whole references too (the weakest sections' reading).
    assert re.search(r'href="\.\./\.\./stages/discover/">Discover</a>, <a [^>]*>Close</a>', page)


def test_the_tools_partial_still_offers_refs_and_num_for_older_overrides() -> None:
    renderer = _renderer(process=PROCESS)
    template = renderer.environment.from_string(
        '{% import "_tools.md.j2" as tools with context %}'
        '{{ tools.num(3.0) }}|{{ tools.refs("stage", ["discover", "close"]) }}'
    )
    text = template.render(page="index.md")
    assert text.startswith("3|") and text.count("<a ") == 2 and "</a>, <a " in text


STEPS = [
    {"title": "Second week", "week": 2, "read": ["stage:close"]},
    {"title": "First week", "week": 1, "do": ["Shadow a call."]},
    {"title": "Also first", "week": 1, "checkpoint": "Explain the stages."},
]


def test_onboarding_steps_are_grouped_by_week_keeping_their_place() -> None:
    path = models.OnboardingPath.model_validate({"id": "new", "title": "New", "steps": STEPS})
    weeks = onboarding_weeks(path)
    assert [week.number for week in weeks] == [1, 2]
    assert [[(place, step.title) for place, step in week.steps] for week in weeks] == [
        [(1, "First week"), (2, "Also first")],
        [(0, "Second week")],
    ]


def test_the_onboarding_page_shows_the_weeks_from_its_context() -> None:
    onboarding = models.OnboardingFile.model_validate(
        {"paths": [{"id": "new", "title": "New", "steps": STEPS}]}
    )
    path = onboarding.paths[0]
    renderer = _renderer(process=PROCESS, onboarding=onboarding)
    page = renderer.render_page(
        PagePlan(
            "onboarding/new.md",
            "onboarding_path.md.j2",
            {"path": path, "weeks": onboarding_weeks(path)},
        )
    )
    week_one, week_two = page.split('data-week="1"')[1].split('data-week="2"')
    assert "<h2>Week 1 " in week_one and 'data-item="s1-do-0"' in week_one
    assert 'data-item="s2-checkpoint"' in week_one and 'data-item="s0-read-0"' in week_two

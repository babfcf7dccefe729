"""Markdown fields of pathological shapes render, whatever shape the input has.

YAML has its limits (alias expansion, depth, file size, entities: `test_diagnostics_yaml`,
`test_cli_hostile_input`); Markdown fields have no limit of their own, so their renderer
must take time linear in their length. Python-Markdown, used before, took over 30 s on
each of several 64 KB shapes below (minutes on some) and overflowed the stack on nested
lists. How long each shape takes against ordinary prose of the same length is measured
in `benchmarks/hostile_input.py` (a benchmark, not a timed assertion: machines are noisy);
here each shape must render to a sanitised block without an error.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from playbook_gen.i18n import Labels
from playbook_gen.read.config import Limits
from playbook_gen.resolve.references import EntityIndex
from playbook_gen.site.links import Linker
from playbook_gen.site.markdown import MAX_NESTING, MarkdownRenderer

FIELD_CHARS = 64_000

PATHOLOGICAL = {
    # shape: the characters of it that must all show as text (none lost, none read as markup)
    "[": "[",  # each unmatched bracket scanned to the end: quadratic in Python-Markdown
    "![": "![",
    "[a](": "[a](",
    "[a][": "[a]",
    "[[": "[",
    "[[a|": "[a|",
    "<x ": "<x",  # unclosed raw HTML tags
    '<a href="': '<ahref="',
    "<http://a": "<http:/a",
    " a\n-\n": "a",  # setext headings
    "a\n===\n": "a",
    "a|\n-|\n": "a",  # table-like rows
    "*_": "",
    "`a": "a",
    "1. ": "",  # a list nested in a list on one line, 20,000 deep
    "> - ": "",
    "一\n": "一",  # the CJK line joining
}
MARKUP = {"div", "p", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "em", "code"}
NESTING = {"ol", "ul", "li", "blockquote"}
"""Every tag these shapes may produce; anything else came through from the input raw."""


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer(Linker(EntityIndex(), Labels("en")))


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_a_pathological_markdown_field_renders(renderer: MarkdownRenderer, unit: str) -> None:
    """All of it, sanitised: every character that is not Markdown syntax shows as text as
    often as it was written, no tag of the input comes through, and nesting is capped."""
    text = (unit * (FIELD_CHARS // len(unit) + 1))[:FIELD_CHARS]
    rendered = renderer.render(text, "values.md")
    assert rendered.startswith('<div class="pb-md">') and rendered.endswith("</div>")
    shown = html.unescape(re.sub(r"<[^>]*>", "", rendered))
    for char in set(PATHOLOGICAL[unit]):
        assert shown.count(char) == text.count(char), char
    tags = set(re.findall(r"</?([A-Za-z][\w-]*)", rendered))
    assert tags <= MARKUP | NESTING
    assert rendered.count("<li>") <= MAX_NESTING


def test_deeply_nested_lists_render_without_overflowing_the_stack(
    renderer: MarkdownRenderer,
) -> None:
    text = "".join("  " * depth + "- item\n" for depth in range(1000))
    html = renderer.render(text, "values.md")
    assert "item" in html


def test_every_limit_is_documented_with_its_default() -> None:
    """docs/limits.md is written by hand (it says why and what happens); this keeps its
    table in step with the `Limits` model."""
    doc = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
    for name, info in Limits.model_fields.items():
        row = re.search(rf"^\| `{name}` \| ([^|]+) \|", doc, re.MULTILINE)
        assert row, f"docs/limits.md has no row for {name}"
        assert f"{info.default:,}".replace(",", "") in row.group(1).replace(",", ""), name

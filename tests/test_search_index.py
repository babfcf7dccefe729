"""The search index written after MkDocs (`publish/search_index.py`), without a browser."""

from __future__ import annotations

import json
from pathlib import Path

from playbook_gen.publish.search_index import (
    CHUNK_CHARS,
    area_labels,
    page_sections,
    tokens,
    write_index,
)

ARTICLE = """<article class="md-content__inner md-typeset">
<h1 id="top">需求挖掘技巧<a class="headerlink" href="#top">&para;</a></h1>
<p class="pb-meta"><span class="pb-meta__label">最近审阅</span> 2026-10-20
<span class="pb-meta__label">标签</span></p>
<div class="pb-tool__head pb-print-only">打印页眉</div>
<dl><div><dt>类别</dt><dd>洞察</dd></div></dl>
<p>从客户<strong>嘴里</strong>的话</p>
<p class="pb-actions pb-screen-only"><button type="button">打印对战卡</button></p>
<h2 id="questions">要问的问题<a class="headerlink" href="#questions">&para;</a></h2>
<ul><li>第一问</li><li>第二问</li></ul>
</article>"""


def test_sections_keep_the_text_and_leave_out_page_furniture() -> None:
    top, questions = page_sections(ARTICLE)
    assert (top.title, top.anchor) == ("需求挖掘技巧", "")
    assert top.body == "类别 洞察 从客户嘴里的话"
    assert (questions.title, questions.anchor, questions.body) == (
        "要问的问题",
        "questions",
        "第一问 第二问",
    )


def test_a_long_section_is_cut_into_chunks() -> None:
    body = " ".join(["技巧"] * CHUNK_CHARS)
    sections = page_sections(
        f'<article class="md-content__inner"><h1>T</h1><p>{body}</p></article>'
    )
    assert len(sections) > 2
    assert all(len(s.body) <= CHUNK_CHARS for s in sections)
    assert {s.title for s in sections} == {"T"}


def test_tokens_are_bigrams_of_chinese_runs_and_words() -> None:
    assert list(tokens("关系图谱 CRM录入 客")) == ["关系", "系图", "图谱", "录入", "客", "crm"]


def test_areas_come_from_index_pages_or_kind_labels() -> None:
    areas = area_labels(
        "zh", {"": "手册", "skills/": "销售技巧", "skills/a/": "A", "stages/b/": "B"}
    )
    assert areas == {"": "手册", "skills": "销售技巧", "stages": "阶段"}


def test_write_index_writes_scripts_and_empties_materials_index(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(f'<html lang="zh">{ARTICLE}</html>', "utf-8")
    (tmp_path / "search").mkdir()
    material = {"config": {"lang": ["zh"]}, "docs": [{"location": "a/", "text": "x"}]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(material), "utf-8")
    stats = write_index(tmp_path)
    assert (stats.pages, stats.sections) == (1, 2)
    emptied = json.loads((tmp_path / "search" / "search_index.json").read_text("utf-8"))
    assert emptied == {"config": {"lang": ["zh"]}, "docs": []}
    manifest = (tmp_path / "search" / "pg" / "m.js").read_text("utf-8")
    assert manifest.startswith('__pgSearch("m",{') and '"lang":"zh"' in manifest
    shards = "".join(p.read_text("utf-8") for p in (tmp_path / "search" / "pg" / "s").iterdir())
    assert '"户嘴"' in shards and '"=需求挖掘技巧"' in shards and "最近" not in shards

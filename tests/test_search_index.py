"""The search index written after MkDocs (`publish/search_index.py`), without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook_gen.publish.search_index import (
    CHUNK_CHARS,
    MAX_TF,
    TITLE_FLAG,
    Section,
    area_labels,
    page_sections,
    section_terms,
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


DEEP = "<div>" * 1000 + "深" + "</div>" * 1000


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        pytest.param(
            '<h1>T</h1><h2 id="r&amp;d">R&amp;D &#42; &lt;b&gt;<a class="headerlink">&para;</a>'
            "</h2><p>A&nbsp;B&#x4e2d;</p>",
            [("T", "", ""), ("R&D * <b>", "r&d", "A B中")],
            id="entities-in-title-anchor-and-text",
        ),
        pytest.param(
            "<h1>T</h1><p>甲</p><!-- 注释 --><p>乙</p><p>CR<!-- x -->M</p>",
            [("T", "", "甲 乙 CRM")],
            id="comments-leave-nothing-and-part-nothing",
        ),
        pytest.param(
            '<h1>T</h1><h2 id="q">问题<span class="pb-screen-only"><button>打印</button>'
            "<span hidden>隐</span></span>二</h2>正文",
            [("T", "", ""), ("问题二", "q", "正文")],
            id="skipped-elements-nested-in-a-heading",
        ),
        pytest.param(
            '<h1>T</h1><script>var 秘密 = "<p>x</p>";</script><style>p::after{content:"样"}'
            "</style><svg><text>图</text></svg><form><input value=v>表</form>见",
            [("T", "", "见")],
            id="script-style-svg-form-contents",
        ),
        pytest.param(
            "<p>前言</p><h1>T</h1>a<em>b</em>c<div>d</div>e<br>f<img src=x>g",
            [("T", "", "abc d e f g")],
            id="inline-blocks-void-and-text-before-the-top",
        ),
        pytest.param(
            '<h1>T</h1><p aria-hidden="true">藏</p><p aria-hidden="false">显</p>'
            "<p data-search-exclude>除</p><p data-pagefind-ignore=all>略</p>",
            [("T", "", "显")],
            id="skipped-by-attribute",
        ),
        pytest.param(
            "<h1>T</h1><p DATA-SEARCH-EXCLUDE>除</p><p Hidden>隐</p>显",
            [("T", "", "显")],
            id="attribute-names-in-capitals",
        ),
        pytest.param(
            "<h1>T</h1>x<span hidden>a<br>b</span>y<span hidden>c</span>z",
            [("T", "", "x yz")],
            id="a-break-inside-hidden-text-still-parts",
        ),
        pytest.param(
            "<h1>T</h1></div></span>a</p>b<b><i>c</b>d</i>e<p>f<p>g<dl><dt id=g>术语<dd>定义</dl>",
            [("T", "", "abcde f g"), ("术语", "g", "定义")],
            id="stray-and-unclosed-tags",  # a <dd> ends an open <dt>, as in a browser
        ),
        pytest.param(
            f'<h1>T</h1>{DEEP}<h2 id="after">后</h2>尾',
            [("T", "", "深"), ("后", "after", "尾")],
            id="deeply-nested",
        ),
        pytest.param(
            "<h1>T</h1><p>a</p>\n  <p>b</p> <span>c</span> <span>d</span>",
            [("T", "", "a b c d")],
            id="whitespace-between-tags",
        ),
    ],
)
def test_sections_read_markup_as_a_browser_shows_it(
    inner: str, expected: list[tuple[str, str, str]]
) -> None:
    """Entities decoded, comments and raw text left out, blocks apart and inline tags not,
    and malformed markup read without losing what follows it."""
    sections = page_sections(f'<article class="md-content__inner">{inner}</article>')
    assert [(s.title, s.anchor, s.body) for s in sections] == expected


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


def test_section_terms_count_the_text_up_to_a_cap_and_flag_the_title() -> None:
    terms = section_terms(Section("新客户 CRM", "a", ["客户" * 10, " crm"]))
    assert terms == {
        "客户": MAX_TF + TITLE_FLAG,  # 10 times in the text, and in the title
        "户客": MAX_TF,  # 9 times
        "crm": 1 + TITLE_FLAG,
        "新客": TITLE_FLAG,  # in the title only
        "=新客户 crm": TITLE_FLAG,
    }


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


def test_the_same_term_in_two_sections_is_one_string_in_memory() -> None:
    """The page shares hand every section's terms to one process: a term kept once, not
    once per section, was a quarter of that process's peak on a Chinese playbook."""
    first = section_terms(Section("", "a", ["".join(["客户", "拜访"])]))
    second = section_terms(Section("", "b", ["".join(["拜访", "客户"])]))
    (one,) = [key for key in first if key == "客户"]
    (other,) = [key for key in second if key == "客户"]
    assert one is other

"""The 404 page rewritten to find the site's root (`publish/not_found.py`), on MkDocs'
own output for a site without `site_url`. The browser side is in
`test_reader_pass_browser.py`."""

from __future__ import annotations

from pathlib import Path

from playbook_gen.publish.not_found import portable, write_portable_404

MKDOCS_404 = """<!doctype html>
<html lang="zh"><head>
<meta charset="utf-8">
<link rel="icon" href="/assets/images/favicon.png">
<link rel="stylesheet" href="/assets/stylesheets/main.css">
<script>__md_scope=new URL("/",location)</script>
</head><body>
<a href="/." class="md-logo">home</a><a href="/skills/">Skills</a><a href="//cdn.example/x">x</a>
<h1>404 - Not found</h1>
<script id="__config" type="application/json">{"base": "/", "search": "/assets/w.js"}</script>
<script src="/assets/javascripts/bundle.js"></script>
</body></html>
"""


def test_no_url_is_left_rooted_and_nothing_is_fetched_before_the_root_is_set() -> None:
    page = portable(MKDOCS_404, ["assets", "skills"])
    assert 'href="/' not in page.replace('href="//', "") and 'src="/' not in page
    head = page[: page.index("</head>")]
    assert head.index("<script data-pb-root>") > head.index('<meta charset="utf-8">')
    assert 'var top=["assets", "skills"]' in head
    # the preload scanner reads tags, not scripts: styles and scripts come from a script
    assert '<link rel="stylesheet"' not in page and '<script src="' not in page
    assert (
        'document.write("<link rel=\\"stylesheet\\" href=\\"assets/stylesheets/main.css\\">")'
        in page
    )
    assert '<a href="." class="md-logo">' in page and '<a href="skills/">' in page
    assert '<a href="//cdn.example/x">' in page  # another host's address stays as it is
    assert '__md_scope=new URL(".",document.baseURI)' in page
    assert page.index('id="__config"') < page.index("j.base=document.baseURI")
    assert page.index("j.base=document.baseURI") < page.index("bundle.js")


def test_rewriting_twice_changes_nothing() -> None:
    once = portable(MKDOCS_404, ["skills"])
    assert portable(once, ["skills"]) == once


def test_with_site_url_mkdocs_own_page_is_kept(tmp_path: Path) -> None:
    (tmp_path / "skills").mkdir()
    (tmp_path / "404.html").write_text(MKDOCS_404, encoding="utf-8")
    write_portable_404(tmp_path, "https://intranet.example/playbook/")
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == MKDOCS_404
    write_portable_404(tmp_path, None)
    assert "<script data-pb-root>" in (tmp_path / "404.html").read_text(encoding="utf-8")

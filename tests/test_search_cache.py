"""`serve`'s search index (`publish/search_cache.py`): after every kind of change to the
built site, the files are those `write_index` writes for it, byte for byte, and a one-page
edit writes only that page's text file, the shards of its tokens and the manifest."""

from __future__ import annotations

import shutil
from pathlib import Path

from playbook_gen.publish.search_cache import IndexCache
from playbook_gen.publish.search_index import INDEX_DIR, write_index

PAGE = (
    '<html lang="{lang}"><body><article class="md-content__inner"><h1>{title}</h1>'
    "<p>{text}</p>{more}</article></body></html>"
)


def _page(site: Path, url: str, title: str, text: str, more: str = "", lang: str = "en") -> None:
    folder = site / url
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        PAGE.format(lang=lang, title=title, text=text, more=more), encoding="utf-8"
    )


def _site(site: Path, pages: int = 40, words: int = 60) -> None:
    for n in range(pages):
        text = " ".join(f"w{n}x{k} shared{k % 7}" for k in range(words))
        _page(site, f"skills/s{n:03}", f"Skill {n}", text)


def _files(folder: Path) -> dict[str, bytes]:
    out = folder / INDEX_DIR
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.js")}


def _same_as_a_full_write(site: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns("search"))
    write_index(fresh)
    expected, written = _files(fresh), _files(site)
    for name, data in expected.items():
        assert written.get(name) == data, name


def test_each_kind_of_change_gives_the_files_of_a_full_write(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _site(site)
    cache = IndexCache()
    first = cache.write(site)
    assert first.shards > 1  # large enough for shards to matter
    _same_as_a_full_write(site, tmp_path)

    steps = [
        lambda: _page(site, "skills/s003", "Skill 3", "edited words only here"),
        lambda: _page(site, "skills/s004", "Skill four", "w4x1 w4x2", "<h2 id='a'>More</h2>x"),
        lambda: _page(site, "skills/s005", "Skill 5", " ".join(f"new{k}" for k in range(900))),
        lambda: shutil.rmtree(site / "skills/s006"),
        lambda: _page(site, "skills/s999", "Added", "a page added at the end"),
        lambda: _page(site, "skills/s000", "Skill 0", "和客户沟通", lang="zh"),
        lambda: shutil.rmtree(site / INDEX_DIR),  # MkDocs cleaned the site
        lambda: None,
    ]
    for step in steps:
        step()
        stats = cache.write(site)
        _same_as_a_full_write(site, tmp_path)
        assert stats == write_index(tmp_path / "fresh")


def test_one_edited_page_writes_its_text_its_tokens_shards_and_the_manifest(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    _site(site, pages=200)
    cache = IndexCache()
    stats = cache.write(site)
    assert len(cache.written) > stats.shards + 200 and stats.shards >= 8
    page = site / "skills/s007/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("w7x3", "brandnew"), "utf-8")
    cache.write(site)
    shards = [name for name in cache.written if name.startswith("s/")]
    assert [n for n in cache.written if not n.startswith("s/")] == ["p/7-0"]
    assert 0 < len(shards) <= 4 < stats.shards
    cache.write(site)
    assert cache.written == []  # nothing changed: nothing written

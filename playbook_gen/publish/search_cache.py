"""`serve`'s search index, updated page by page: the files `write_index` writes, byte for
byte, with only the changed ones written.

After a one-skill rebuild at 2,000 skills, building every posting, encoding and writing
every shard and page file again (some 3,000 files) was the largest part of the rebuild.
This keeps the postings, the encoded lists and each file's text of the last run; when the
site has the same pages in the same order (one or a few edited), only the postings of the
edited pages' docs are replaced and encoded again (in place: a doc gap depends only on the
doc before it), only the shards holding a touched token are serialised again, and only
files whose text changed are written. Anything else (a page added or removed, the
number of docs per page or of shards changed, the language, the index folder gone after
MkDocs cleaned the site) indexes the whole site again, as `write_index` does.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from playbook_gen.publish.search_index import (
    INDEX_DIR,
    IndexedPage,
    IndexStats,
    build_postings,
    empty_material_index,
    encode,
    manifest_script,
    page_scripts,
    posting_bytes,
    read_site,
    shard_count,
    shard_of,
    shard_script,
    stride_of,
    write_scripts,
)

Posting = list[tuple[int, int]]


class IndexCache:
    """The index last written into one site folder (see the module doc)."""

    def __init__(self) -> None:
        self._site: Path | None = None
        self._language = ""
        self._pages: list[IndexedPage] = []
        self._stride = 0
        self._postings: dict[str, Posting] = {}
        self._encoded: dict[str, list[int]] = {}
        self._bytes = 0
        self._shards: list[set[str]] = []
        self._files: dict[str, str] = {}
        self.written: list[str] = []
        """The index files the last `write` wrote (names as `s/3`, `p/12-0`, `m`)."""

    def write(self, site_dir: Path) -> IndexStats:
        """Index the site in `site_dir` as `write_index` does, writing changed files only."""
        language, pages = read_site(site_dir)
        stride = stride_of(pages)
        same_site = (
            site_dir == self._site
            and language == self._language
            and stride == self._stride
            and [p.url for p in pages] == [p.url for p in self._pages]
            and (site_dir / INDEX_DIR / "m.js").is_file()
        )
        files = dict(self._files) if same_site else {}
        if same_site:
            edited = [n for n, page in enumerate(pages) if _differs(self._pages[n], page)]
            touched = self._replace(edited, pages, stride)
        else:
            edited = list(range(len(pages)))
            self._postings = dict(build_postings(pages, stride))
            self._encoded = {token: encode(posting) for token, posting in self._postings.items()}
            self._bytes = sum(posting_bytes(t, e) for t, e in self._encoded.items())
            self._shards = []
            touched = set(self._postings)
        shards = self._shards_to_write(touched)
        for n in shards:
            shard = {token: self._encoded[token] for token in sorted(self._shards[n])}
            files[f"s/{n}"] = shard_script(n, shard)
        for n in edited:
            stale = {name for name in files if name.startswith(f"p/{n}-")}
            fresh = page_scripts(n, pages[n])
            for name in stale - fresh.keys():
                del files[name]
            files.update(fresh)
        files["m"] = manifest_script(language, pages, stride, len(self._shards))
        last = self._files if same_site else {}
        changed = {name: text for name, text in files.items() if last.get(name) != text}
        write_scripts(site_dir, changed)
        empty_material_index(site_dir)
        self.written = sorted(changed)
        self._site, self._language, self._pages, self._stride = site_dir, language, pages, stride
        self._files = files
        size = sum(len(text.encode("utf-8")) for text in files.values())
        return IndexStats(len(pages), sum(len(p.sections) for p in pages), len(self._shards), size)

    def _replace(self, edited: list[int], pages: list[IndexedPage], stride: int) -> set[str]:
        """Put the edited pages' postings in place of their old ones, and their encoding
        in place in each encoded list (a doc gap depends only on the doc before it); the
        tokens touched."""
        touched: set[str] = set()
        for n in edited:
            low, high = n * stride, (n + 1) * stride
            old = {token for terms in self._pages[n].terms for token in terms}
            new = {
                token: [(doc + low, weight) for doc, weight in posting]
                for token, posting in build_postings([pages[n]], stride).items()
            }
            for token in old | new.keys():
                self._splice(token, low, high, new.get(token, []))
            touched |= old | new.keys()
        return touched

    def _splice(self, token: str, low: int, high: int, entries: Posting) -> None:
        """Replace `token`'s docs from `low` up to `high` by `entries` (in that range)."""
        posting = self._postings.setdefault(token, [])
        encoded = self._encoded.setdefault(token, [])
        self._bytes -= posting_bytes(token, encoded) if encoded else 0
        start = bisect.bisect_left(posting, (low, -1))
        end = bisect.bisect_left(posting, (high, -1))
        posting[start:end] = entries
        if not posting:
            del self._postings[token], self._encoded[token]
            return
        previous = posting[start - 1][0] if start else 0
        encoded[2 * start : 2 * end] = encode([(doc - previous, w) for doc, w in entries])
        after = start + len(entries)
        if after < len(posting):
            encoded[2 * after] = posting[after][0] - (posting[after - 1][0] if after else 0)
        self._bytes += posting_bytes(token, encoded)

    def _shards_to_write(self, touched: set[str]) -> set[int]:
        """The shards to write: those of the touched tokens, or all when their number
        changed."""
        count = len(self._shards)
        shards = shard_count(self._bytes)
        if shards != count:
            self._shards = [set() for _ in range(shards)]
            for token in self._encoded:
                self._shards[shard_of(token, shards)].add(token)
            return set(range(shards))
        written: set[int] = set()
        for token in touched:
            n = shard_of(token, shards)
            written.add(n)
            if token in self._encoded:
                self._shards[n].add(token)
            else:
                self._shards[n].discard(token)
        return written


def _differs(old: IndexedPage, new: IndexedPage) -> bool:
    """Whether a page's index entries changed (unchanged articles keep their parse)."""
    if old.sections is new.sections and old.terms is new.terms:
        return old.area != new.area
    return (old.area, old.sections, old.terms) != (new.area, new.sections, new.terms)

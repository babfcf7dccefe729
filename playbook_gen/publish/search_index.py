"""The site's search index: CJK character bigrams and words, in small shards.

Written after MkDocs has built a site (`index_site`), read by `assets/search.js`, which
runs inside Material's search box. Why not Material's own index (FACTS.md, issue 8):

- it is segmented by jieba at build time while a reader's query is not, so a phrase that
  occurs verbatim (关系图谱 inside 绘制客户关系图谱) can find nothing. Here every run of
  Chinese characters is indexed as overlapping bigrams, so any phrase of two or more
  characters matches whatever a segmenter would make of it; the page script then checks
  the phrase itself in the matched text. (Pagefind's extended build segments too: 策链,
  inside 决策链, missed the 决策链分析 page — see the README.)
- it is one JSON file of the whole site (11.3 MB at 2,000 skills) fetched by every fresh
  page. Here a query fetches a small manifest, the shard of each of its tokens (a token's
  shard is chosen by hashing its first characters, so one shard also serves prefixes),
  and the text of the few sections it shows. The number of shards grows with the index,
  so a shard stays about `SHARD_BYTES` whatever the size of the site.

Files are scripts (`__pgSearch("s/3", {...})`) rather than JSON, so that a site opened
from `file://`, where `fetch` is refused, can still load them with `<script>` tags.

What a result shows is each section's own text, with print-only headers, buttons, meta
labels and other page furniture left out (`SKIPPED_CLASSES`), and the section's area:
the page it is on, or for a page's top the area it belongs to.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern

from lxml import etree

from playbook_gen.i18n import LABELS
from playbook_gen.resolve.references import KINDS

INDEX_DIR = "search/pg"
"""Folder of the index inside the site; `assets/search.js` knows it too."""
CALLBACK = "__pgSearch"
SHARD_BYTES = 24_000
"""Aimed size of one shard; their number is the index size over this, a power of two."""
MAX_TF = 7
TITLE_FLAG = 8
"""A posting's weight: occurrences in the text (up to `MAX_TF`) + this if in the title."""

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK}]+")
WORD = re.compile(f"[^\\W_{CJK}]+")
"""A word: letters or digits, not Chinese ones (those are in `CJK_RUN`)."""
SPACE = re.compile(r"\s+")

SKIPPED_TAGS = frozenset(
    {"script", "style", "button", "textarea", "select", "template", "svg", "noscript", "form"}
)
SKIPPED_CLASSES = frozenset(
    {
        "headerlink",  # the ¶ after every heading
        "pb-print-only",  # headers of a printed tool
        "pb-screen-only",  # buttons and status lines of the working tools
        "pb-tool__actions",
        "pb-meta",  # owner, last reviewed, tags: labels that run together as text
        "md-button",
        "md-content__button",
    }
)
SKIPPED_ATTRIBUTES = frozenset({"hidden", "data-search-exclude", "data-pagefind-ignore"})
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
     "sub", "sup", "u", "var", "del", "ins"}
)
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
SECTION_TAGS = ("h1", "h2", "h3", "dt")
"""Tags that start a result; a `<dt>` only with an id: a glossary entry is one result."""
CHUNK_CHARS = 800
"""A longer section (the list of every skill on an index page) is several results of
about this size, so the text loaded for a result does not grow with the site."""
BLOCK = 16
"""Sections per text file (`p/<page>-<block>.js`)."""


@dataclass
class Section:
    """One search result: a page's top (under its `<h1>`), one `<h2>`/`<h3>` section, or
    one glossary entry (a `<dt id>` and its definition)."""

    title: str
    anchor: str
    text: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return SPACE.sub(" ", "".join(self.text)).strip()


@dataclass(frozen=True)
class ParsedPage:
    """What the index keeps of one page's article: its sections and each one's terms."""

    sections: tuple[Section, ...]
    terms: tuple[dict[str, int], ...]
    """Per section: token → weight (`section_terms`)."""


@dataclass(frozen=True)
class IndexedPage:
    url: str
    """Site-relative URL (`skills/demo/`)."""
    area: str
    sections: tuple[Section, ...]
    terms: tuple[dict[str, int], ...]


_PARSER = etree.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, collect_ids=False
)
"""libxml2's HTML parser, in C: with html.parser's tokenizer, in Python, reading the
articles took three times as long (`page_sections` of the 1,530 pages of a 1,300-skill
site: 5.3 s against 1.8 s). Comments go, their neighbours' text joined; `huge_tree` lets
elements nest 2,048 deep (deeper, libxml2 drops the rest of the page), and a text exceed
10 MB."""


def _hidden(element: etree._Element) -> bool:
    """Left out by an attribute (`SKIPPED_ATTRIBUTES`, `aria-hidden="true"`)."""
    return element.get("aria-hidden") == "true" or any(
        element.get(name) is not None for name in SKIPPED_ATTRIBUTES
    )


def _article_sections(article: str) -> list[Section]:
    """The sections of a page's `<article>`, without the page's furniture: blocks are apart
    (`<dt>类别</dt><dd>洞察</dd>` reads `类别 洞察`), inline tags are not, and the text
    before the first heading is no section's."""
    data = article.encode("utf-8", "replace")
    root = etree.fromstring(data, _PARSER)
    if root is None:  # no markup nor text at all
        return []
    # Most articles have no attribute of these names (`aria-hidden` has `hidden` in it):
    # then no element's attributes need a look-up. (Names are ASCII, lower-cased by libxml2.)
    lowered = data.lower()
    by_attribute = any(name.encode() in lowered for name in SKIPPED_ATTRIBUTES)
    sections: list[Section] = []
    section: Section | None = None
    heading: etree._Element | None = None
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        text: str | None = None
        if event == "end":
            if element is heading and section is not None:
                section.title = SPACE.sub(" ", section.title).strip()
                heading = None
            apart = tag not in INLINE_TAGS and tag not in VOID_TAGS
            text = element.tail
        elif tag in VOID_TAGS:
            apart = True
        elif (
            tag in SKIPPED_TAGS
            or not SKIPPED_CLASSES.isdisjoint((element.get("class") or "").split())
            or (by_attribute and _hidden(element))
        ):
            walker.skip_subtree()
            # A `<br>` or `<img>` inside it still parts the text around it.
            apart = next(element.iter(*VOID_TAGS), None) is not None
        elif tag in SECTION_TAGS and (tag == "h1" or element.get("id")):
            # A page's top is linked without an anchor, and shown with the page's area.
            section = Section("", "" if tag == "h1" else element.get("id") or "")
            sections.append(section)
            heading, apart, text = element, False, element.text
        else:
            apart, text = tag not in INLINE_TAGS, element.text
        if section is None:
            continue
        if heading is None:
            if apart:
                section.text.append(" ")
            if text:
                section.text.append(text)
        elif text:
            section.title += text
    return sections


def article_html(page: str) -> str | None:
    """The `<article>` of a Material page (the content, no nav or header), if any."""
    start = page.find('<article class="md-content__inner')
    end = page.rfind("</article>")
    return page[start : end + len("</article>")] if start >= 0 and end > start else None


def page_sections(article: str) -> tuple[Section, ...]:
    """The page's sections, a long one cut into chunks of about `CHUNK_CHARS` (at a space
    when there is one nearby)."""
    chunks: list[Section] = []
    for section in _article_sections(article):
        body = section.body
        if not (section.title or body):
            continue
        while len(body) > CHUNK_CHARS:
            cut = body.rfind(" ", CHUNK_CHARS // 2, CHUNK_CHARS)
            cut = cut if cut > 0 else CHUNK_CHARS
            chunks.append(Section(section.title, section.anchor, [body[:cut]]))
            body = body[cut:].lstrip()
        chunks.append(Section(section.title, section.anchor, [body]))
    return tuple(chunks)


def tokens(text: str) -> list[str]:
    """Index terms of `text`: each bigram of a run of Chinese characters (a run of one: the
    character), and each word of letters or digits, lower-cased. Twin of `tokens` in
    `assets/search.js`. (A list, counted at C speed by `Counter` in `section_terms`.)"""
    text = text.lower()
    found: list[str] = []
    for run in CJK_RUN.findall(text):
        if len(run) == 1:
            found.append(run)
        else:
            found += [run[i : i + 2] for i in range(len(run) - 1)]
    found += WORD.findall(text)
    return found


def section_terms(section: Section) -> dict[str, int]:
    """A section's index terms and their weights: occurrences in the text (up to `MAX_TF`)
    + `TITLE_FLAG` for those in the title; and its title whole (`exact_key`)."""
    counts = Counter(tokens(section.body))
    # Interned: a site repeats the same few thousand bigrams in every section, and the
    # page shares hand all of them to one process (a quarter of its peak memory, Chinese).
    weights = {intern(t): count if count < MAX_TF else MAX_TF for t, count in counts.items()}
    for token in set(tokens(section.title)):
        weights[intern(token)] = weights.get(token, 0) + TITLE_FLAG
    if section.title:
        weights[exact_key(section.title)] = TITLE_FLAG
    return weights


def parse_article(article: str) -> ParsedPage:
    sections = page_sections(article)
    return ParsedPage(sections, tuple(section_terms(section) for section in sections))


def exact_key(title: str) -> str:
    """The term under which a section is found by a query equal to its title."""
    return "=" + SPACE.sub(" ", title.lower()).strip()


def shard_key(token: str) -> str:
    """What picks a token's shard: one Chinese character, or a word's first two letters
    (so a prefix finds its words in one shard); an exact title in full."""
    if token.startswith("="):
        return token
    return token[0] if CJK_RUN.match(token) else token[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (twin of `fnv1a` in `assets/search.js`)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def area_labels(language: str, titles: dict[str, str]) -> dict[str, str]:
    """The area shown for the top of each page, by folder (`skills` → 销售技巧): the title of
    the folder's index page, else the label of the kind whose pages live there; for pages
    at the top (areas themselves) the home page's title, the site's name."""
    table = LABELS.get(language, LABELS["en"])
    kinds = {spec.page.split("/", 1)[0]: spec.kind for spec in KINDS if spec.has_page}
    areas = {"": titles.get("", "")}
    for url in titles:
        folder = url.split("/", 1)[0] if "/" in url.rstrip("/") else ""
        if folder in areas:
            continue
        kind = kinds.get(folder, folder)
        keys = (kind, f"{kind}s", f"area_{folder}")
        areas[folder] = titles.get(f"{folder}/") or next(
            (table[k] for k in keys if k in table), ""
        )
    return areas


def folder_of(url: str) -> str:
    """`skills/demo/` → `skills`; a page at the top (`glossary/`, the home page) → ``."""
    return url.split("/", 1)[0] if "/" in url.rstrip("/") else ""


_PARSED: dict[bytes, ParsedPage] = {}
"""The sections and terms of each article of the last `read_site`, by the article's digest: `serve`
re-indexes after every rebuild, and parsing the HTML of unchanged pages again was most of
a one-page rebuild (benchmarks/rebuild.py)."""


def _digest(article: str) -> bytes:
    return hashlib.blake2b(article.encode("utf-8"), digest_size=16).digest()


def parsed_page(page: str) -> tuple[bytes, ParsedPage] | None:
    """The digest and analysis of a built page's article, as `read_site` looks them up:
    the processes that write the pages in parallel (`publish.page_shares`) parse them
    there, from the page in memory, instead of leaving it all to the indexing at the end."""
    article = article_html(page)
    return None if article is None else (_digest(article), parse_article(article))


def remember_parsed(parsed: Iterable[tuple[bytes, ParsedPage]]) -> None:
    """Keep sections parsed elsewhere (`parsed_page`) for the next `read_site`."""
    _PARSED.update(parsed)


def _parsed(article: str, fresh: dict[bytes, ParsedPage]) -> ParsedPage:
    key = _digest(article)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = parse_article(article)
    fresh[key] = parsed
    return parsed


def read_site(site_dir: Path) -> tuple[str, list[IndexedPage]]:
    """The language and every page of a built site with its sections, in URL order."""
    global _PARSED
    language = "en"
    found: list[tuple[str, ParsedPage]] = []
    fresh: dict[bytes, ParsedPage] = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith(("assets/", "search/")):
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        if not found:
            match = re.search(r'<html[^>]*\blang="([^"]+)"', html)
            language = match.group(1).split("-")[0] if match else language
        article = article_html(html)
        if article is None:
            continue
        found.append((relative.removesuffix("index.html"), _parsed(article, fresh)))
    _PARSED = fresh  # only this site's pages are kept
    titles = {url: parsed.sections[0].title for url, parsed in found if parsed.sections}
    areas = area_labels(language, titles)
    pages = [
        IndexedPage(url, areas.get(folder_of(url), ""), parsed.sections, parsed.terms)
        for url, parsed in found
    ]
    return language, pages


def _script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'{CALLBACK}("{name}",{payload});\n'


@dataclass(frozen=True)
class IndexStats:
    pages: int
    sections: int
    shards: int
    bytes: int
    """Size of every file of the index."""


def build_postings(pages: Iterable[IndexedPage], stride: int) -> dict[str, list[tuple[int, int]]]:
    """token → [(doc, weight)] in doc order; a doc is `page * stride + section`."""
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p, page in enumerate(pages):
        for s, terms in enumerate(page.terms):
            doc = p * stride + s
            for token, weight in terms.items():
                postings[token].append((doc, weight))
    return postings


def encode(posting: list[tuple[int, int]]) -> list[int]:
    """Flat `[doc gap, weight, …]`: small numbers, few bytes."""
    flat: list[int] = []
    previous = 0
    for doc, weight in posting:
        flat += [doc - previous, weight]
        previous = doc
    return flat


def stride_of(pages: list[IndexedPage]) -> int:
    """Docs per page number: the power of two above the most sections on one page."""
    return 1 << max(1, max((len(p.sections) for p in pages), default=1) - 1).bit_length()


def posting_bytes(token: str, encoded: list[int]) -> int:
    """About what one token's posting adds to the index's size (`shard_count`)."""
    return len(token) + 3 * len(encoded) + 4


def shard_count(total: int) -> int:
    """How many shards an index of `total` bytes is cut into: a power of two."""
    return 1 << max(0, math.ceil(math.log2(max(1, total / SHARD_BYTES))))


def shard_of(token: str, shards: int) -> int:
    return fnv1a(shard_key(token)) % shards


def manifest_script(language: str, pages: list[IndexedPage], stride: int, shards: int) -> str:
    docs = sum(len(p.sections) for p in pages)
    manifest = {
        "v": 1, "shards": shards, "stride": stride, "block": BLOCK, "docs": docs, "lang": language
    }
    return _script("m", manifest)


def shard_script(n: int, shard: dict[str, list[int]]) -> str:
    """Shard `n`, its tokens in sorted order (the same content gives the same bytes)."""
    return _script(f"s/{n}", shard)


def page_scripts(n: int, page: IndexedPage) -> dict[str, str]:
    """The text files of page number `n`: its sections, `BLOCK` to a file."""
    files: dict[str, str] = {}
    top = page.sections[0].title if page.sections else ""
    for b in range(0, max(1, len(page.sections)), BLOCK):
        sections = [[s.title, s.anchor, s.body] for s in page.sections[b : b + BLOCK]]
        name = f"p/{n}-{b // BLOCK}"
        files[name] = _script(name, [page.url, page.area, top, sections])
    return files


def write_index(site_dir: Path) -> IndexStats:
    """Index the built site in `site_dir` into `site_dir/search/pg/` and empty Material's
    own `search_index.json` (every fresh page would fetch it), keeping its config.
    (`serve` updates the index page by page instead: `publish.search_cache`.)"""
    language, pages = read_site(site_dir)
    stride = stride_of(pages)
    postings = build_postings(pages, stride)
    encoded = {token: encode(posting) for token, posting in postings.items()}
    shards = shard_count(sum(posting_bytes(t, v) for t, v in encoded.items()))
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token in sorted(encoded):  # the same content gives the same files, byte for byte
        grouped[shard_of(token, shards)][token] = encoded[token]

    files: dict[str, str] = {"m": manifest_script(language, pages, stride, shards)}
    for n, shard in enumerate(grouped):
        files[f"s/{n}"] = shard_script(n, shard)
    for n, page in enumerate(pages):
        files.update(page_scripts(n, page))
    size = write_scripts(site_dir, files)
    empty_material_index(site_dir)
    return IndexStats(len(pages), sum(len(p.sections) for p in pages), shards, size)


def write_scripts(site_dir: Path, files: dict[str, str]) -> int:
    """Write index files (name → text) into the site's index folder; their bytes."""
    out = site_dir / INDEX_DIR
    (out / "s").mkdir(parents=True, exist_ok=True)
    (out / "p").mkdir(exist_ok=True)
    size = 0
    for name, text in files.items():
        data = text.encode("utf-8")
        (out / f"{name}.js").write_bytes(data)
        size += len(data)
    return size


def empty_material_index(site_dir: Path) -> None:
    """Empty Material's own `search_index.json` (its pages are kept out of it), keeping its
    config."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    if index.get("docs") == []:  # pages are kept out of it (`site.project`): as written
        return
    config = index.get("config", {})
    path.write_text(json.dumps({"config": config, "docs": []}), encoding="utf-8")

"""Fuzzing the whole pipeline: any content gives diagnostics or a rendered site, nothing else.

Generated YAML documents, random text and bytes, and mutated copies of the Harbor fixture
(keys deleted, renamed or retyped, items duplicated, payloads inserted, files truncated,
bytes flipped) go through `load_playbook` (what `validate` runs) and, when they pass,
through `render_site`; answers files go through `score`'s reader. Allowed outcomes:
diagnostics, a `PlaybookError`, or pages — never another exception. Rendered pages must
hold no markup that could run. (The MkDocs build itself is left out: ~1 s per example.)

The `ci` Hypothesis profile runs 100 examples per test; `HYPOTHESIS_PROFILE=long` runs
10,000 (see `conftest.py`).
"""

from __future__ import annotations

import copy
import datetime
import io
import json
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hostile
from hypothesis import event, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.read.config import Limits, SiteConfig
from playbook_gen.read.models import FILE_MODELS
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.render import render_site
from playbook_gen.worksheets.answers import read_answers
from playbook_gen.worksheets.scoring import rubric_of

HARBOR = Path(__file__).parent / "fixtures" / "playbooks" / "harbor"
HARBOR_FILES = {p.relative_to(HARBOR).as_posix(): p.read_bytes() for p in HARBOR.rglob("*.yml")}
FILE_NAMES = sorted({*HARBOR_FILES, *(p.replace("*", "fuzzed") for p in FILE_MODELS)})
LIMITS = Limits(max_depth=16, max_alias_expansion=200)
"""Small enough that generated documents reach them; the limits are part of what is tested."""

PAYLOADS = [*hostile.PLAIN_PAYLOADS, "[[skill:nope]]", "[[values|x]]", "\ue000", "\x00", "\t"]
EXTREMES = [0, -1, 10**9, 10**30, 10**400, 1e308, -1e308, float("inf"), float("nan")]
"""Numbers that stress whatever loops over or sums a number (scales, weights, weeks)."""
JSON_BLOCK = re.compile(r'<script type="application/json">(.*?)</script>', re.DOTALL)
LIVE_MARKUP = re.compile(r"<(?:script(?! type=\"application/json\">)|iframe|object)"
                         r"|<[a-z][^>]*\son[a-z]+\s*=|(?:href|src)=\"\s*(?:javascript|data):",
                         re.IGNORECASE)  # fmt: skip


def _not_json(constant: str) -> None:
    raise AssertionError(f"{constant} in a page's JSON: the browser cannot parse it")


@contextmanager
def _content(files: dict[str, bytes]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        for rel, data in files.items():
            path = content / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        yield content


SECONDS = 20
"""Longer than any example needs by far: one that takes this long has unbounded work."""


def _too_long(signum: int, frame: object) -> None:
    raise AssertionError(f"an example took over {SECONDS} s: unbounded work?")


def _outcome(files: dict[str, bytes]) -> str:
    """Validate and render, failing on anything not allowed or slow; return what happened
    (the tests record it as an `event`: `--hypothesis-show-statistics` counts them)."""
    previous = signal.signal(signal.SIGALRM, _too_long)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        return _validate_and_render(files)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _validate_and_render(files: dict[str, bytes]) -> str:
    with _content(files) as content:
        config = SiteConfig.default(content.parent)
        config = SiteConfig(**{**config.__dict__, "limits": LIMITS})
        log = DiagnosticLog()
        try:
            playbook = load_playbook(content, log, config, today=datetime.date(2026, 11, 26))
        except PlaybookError:
            return "refused"
        for diagnostic in log:
            assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
            assert diagnostic.path.startswith(str(content)), diagnostic
        json.dumps(log.to_json())
        if playbook is None:
            assert log.errors > 0
            return "diagnostics"
        pages = render_site(playbook)
        assert pages
        for path, text in pages:
            assert not LIVE_MARKUP.search(text), (path, LIVE_MARKUP.search(text))
            for block in JSON_BLOCK.findall(text):  # what the page scripts JSON.parse
                json.loads(block, parse_constant=_not_json)
        return "rendered"


# ---------------------------------------------------------------- generated documents

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.dates()
    | st.text(max_size=30)
    | st.sampled_from(PAYLOADS)
    | st.sampled_from(["id", "title", "stage:discover", "values", "2026-01-01", "1e3", "~"])
)
KEYS = st.sampled_from(
    ["id", "title", "name", "stages", "tools", "terms", "body", "exit_criteria", "scale",
     "sections", "questions", "bands", "min", "max", "label", "see", "read", "steps"]
) | st.text(max_size=12)  # fmt: skip
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)


def _dump(data: Any) -> bytes:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = None
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8", "surrogatepass")


@given(name=st.sampled_from(FILE_NAMES), document=DOCUMENTS)
def test_any_yaml_document_in_any_file(name: str, document: Any) -> None:
    event(_outcome({**HARBOR_FILES, name: _dump(document)}))


@given(
    name=st.sampled_from(FILE_NAMES),
    data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
)
def test_any_text_or_bytes_in_any_file(name: str, data: bytes) -> None:
    event(_outcome({**HARBOR_FILES, name: data}))


# ---------------------------------------------------------------- mutated fixture

_SAFE_LOAD = YAML(typ="safe", pure=True)
HARBOR_DATA = {rel: _SAFE_LOAD.load(data) for rel, data in HARBOR_FILES.items()}


def _places(data: Any, found: list[tuple[Any, Any]] | None = None) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a document, depth first."""
    found = [] if found is None else found
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((data, key))
            _places(value, found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((data, index))
            _places(value, found)
    return found


def _mutate(data: Any, draw: Any) -> Any:
    places = _places(data)
    if not places:
        return draw(DOCUMENTS)
    container, key = draw(st.sampled_from(places))
    # Payloads are drawn most often: they keep a file valid, so the renderer sees them.
    actions = ["delete", "retype", "rename", "duplicate", "extreme", *["payload"] * 4]
    action = draw(st.sampled_from(actions))
    if action == "delete":
        del container[key]
    elif action == "retype":
        container[key] = draw(DOCUMENTS)
    elif action == "rename" and isinstance(container, dict):
        container[draw(KEYS)] = container.pop(key)
    elif action == "duplicate" and isinstance(container, list):
        container.insert(key, copy.deepcopy(container[key]))
    elif action == "extreme" and isinstance(container[key], int | float):
        container[key] = draw(st.sampled_from(EXTREMES))
    elif action == "payload" and isinstance(container[key], str):
        text = container[key]
        at = draw(st.integers(0, len(text)))
        container[key] = text[:at] + draw(st.sampled_from(PAYLOADS)) + text[at:]
    return data


@given(st.data())
def test_mutated_fixture_documents(data: st.DataObject) -> None:
    files = dict(HARBOR_FILES)
    for _ in range(data.draw(st.integers(1, 4))):
        rel = data.draw(st.sampled_from(sorted(HARBOR_DATA)))
        document = copy.deepcopy(HARBOR_DATA[rel])
        files[rel] = _dump(_mutate(document, data.draw))
    event(_outcome(files))


@given(st.data())
def test_mutated_fixture_bytes(data: st.DataObject) -> None:
    rel = data.draw(st.sampled_from(sorted(HARBOR_FILES)))
    raw = bytearray(HARBOR_FILES[rel])
    action = data.draw(st.sampled_from(["truncate", "flip", "insert"]))
    at = data.draw(st.integers(0, len(raw)))
    if action == "truncate":
        del raw[at:]
    elif action == "flip":
        for index in data.draw(st.lists(st.integers(0, len(raw) - 1), min_size=1, max_size=8)):
            raw[index] ^= data.draw(st.integers(1, 255))
    else:
        raw[at:at] = data.draw(st.sampled_from(PAYLOADS)).encode()
    event(_outcome({**HARBOR_FILES, rel: bytes(raw)}))


def _numbers() -> list[tuple[str, int]]:
    """(file, index among its places) of every number in the fixture."""
    return [
        (rel, i)
        for rel, document in sorted(HARBOR_DATA.items())
        for i, (container, key) in enumerate(_places(document))
        if isinstance(container[key], int | float) and not isinstance(container[key], bool)
    ]


def test_every_number_of_the_fixture_at_every_extreme() -> None:
    """Not random: each number of the fixture (scales, weights, bands, weeks, days …) set
    to each extreme in turn, since one bad number is enough to hang or break a page."""
    numbers = _numbers()
    assert len(numbers) > 10
    for rel, i in numbers:
        for extreme in EXTREMES:
            document = copy.deepcopy(HARBOR_DATA[rel])
            container, key = _places(document)[i]
            container[key] = extreme
            _outcome({**HARBOR_FILES, rel: _dump(document)})


# ---------------------------------------------------------------- answers files

_HARBOR_RUBRIC = None


def _rubric() -> Any:
    global _HARBOR_RUBRIC
    if _HARBOR_RUBRIC is None:
        log = DiagnosticLog()
        playbook = load_playbook(HARBOR, log)
        assert playbook is not None
        _HARBOR_RUBRIC = rubric_of(playbook.playbook.worksheets[0].model)
    return _HARBOR_RUBRIC


ANSWERS = st.dictionaries(
    st.sampled_from(["hours-known", "owner-met", "budget", "x"]) | st.text(max_size=8),
    st.integers(0, 4) | SCALARS | st.lists(SCALARS, max_size=3),
    max_size=5,
)


@given(answers=ANSWERS | DOCUMENTS, raw=st.none() | st.none() | st.binary(max_size=100))
def test_any_answers_file_scores_or_gives_diagnostics(answers: Any, raw: bytes | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.yml"
        path.write_bytes(raw if raw is not None else _dump(answers))
        log = DiagnosticLog()
        result = read_answers(path, _rubric(), log, LIMITS)
        assert result is not None or log.errors > 0
        event("scored" if result is not None else "diagnostics")

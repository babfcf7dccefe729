"""YAML text → plain values with a position for each, built from libyaml's events.

libyaml (ruamel's C parser) emits *events*, and this module builds the values from them
itself, iteratively. That is faster than ruamel's `compose()` (which resolves every scalar
in Python: 3.8 s against 0.6 s for a 15 MB file), it cannot overflow the C stack on deeply
nested input (`compose()` segfaults at ~100,000 levels), and it lets us stop at the first
sign of an alias bomb before anything is expanded. Scalars are resolved by the YAML 1.2
core schema (`yes` is text), plus `YYYY-MM-DD` as a date.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

try:
    from _ruamel_yaml import CParser  # libyaml, from ruamel.yaml.clib
except ImportError:  # not CPython: ruamel's pure-Python parser only
    CParser = None

from playbook_gen.diagnostics import Diagnostic

if TYPE_CHECKING:
    from playbook_gen.diagnostics import DiagnosticLog
    from playbook_gen.read.config import Limits


from playbook_gen.read.source_file import Loc, SourceFile, Span, line_column

# ---------------------------------------------------------------- events → values


class _Abort(Exception):
    """Stop building: the problem is already logged and the values are unusable."""


def parse_yaml(
    text: str, display: str, rel: str, log: DiagnosticLog, limits: Limits
) -> SourceFile | None:
    """Parse one YAML document into a `SourceFile`; problems go to `log`.

    libyaml (C) parses first. It rejects `[skill:a, stage:b]` ("found unexpected ':'"),
    which YAML 1.2 allows and references are written like; only then is the file parsed
    again by ruamel's pure-Python parser, 30 times slower but right about this.
    """
    builder = _Builder(text, display, limits, pure=False)
    source = builder.build(rel)
    if builder.flow_colon:
        builder = _Builder(text, display, limits, pure=True)
        source = builder.build(rel)
    for diagnostic in builder.found:
        log.add(diagnostic)
    return source


@dataclass
class _Value:
    """A finished value with its span and size (1 per scalar or collection, recursively)."""

    value: Any
    span: Span
    size: int
    raw: str | None = None
    """The source text of a scalar (used when it is a mapping key)."""


@dataclass
class _Open:
    """A collection being built."""

    value: Any
    loc: Loc | None
    """`None` for a collection that is a mapping key or the value of a rejected key."""
    span: Span
    anchor: str | None
    size: int = 1
    key: Any = None
    has_key: bool = False
    skip: bool = False
    """The pending value belongs to a rejected key (duplicate or not text)."""
    keys: dict[str, Span] = field(default_factory=dict)


_CORE = "tag:yaml.org,2002:"


class _Builder:
    """Builds plain values from libyaml's events, recording a span for every key and item.

    Each value's *size* counts the values inside it; an alias adds the size of what it
    names, as if expanded, so a billion-laughs file is stopped after a few events.
    """

    def __init__(self, text: str, display: str, limits: Limits, *, pure: bool) -> None:
        self.text = text
        self.display = display
        self.limits = limits
        self.pure = pure
        self.found: list[Diagnostic] = []
        self.flow_colon = False
        """libyaml stopped at a `:` inside a plain scalar in a flow collection."""
        self.stack: list[_Open] = []
        self.root: _Value | None = None
        self.spans: dict[Loc, Span] = {}
        self.key_spans: dict[Loc, Span] = {}
        self.anchors: dict[str, _Value] = {}
        self.open_anchors: dict[str, _Open] = {}
        self.expanded = 0
        self.documents = 0

    def fail(self, line: int, column: int, code: str, message: str, loc: Loc = ()) -> None:
        field_path = ".".join(str(part) for part in loc)
        self.found.append(
            Diagnostic(self.display, line, column, "error", code, field_path, message)
        )

    def fail_at(self, span: Span, code: str, message: str, loc: Loc = ()) -> None:
        self.fail(span.line, span.column, code, message, loc)

    def build(self, rel: str) -> SourceFile | None:
        """The file's values, or `None` when they are unusable (problems in `found`)."""
        try:
            self.run()
        except _Abort:
            return None
        except ReaderError as exc:  # a character YAML does not allow, e.g. a control character
            line, column = line_column(self.text, max(exc.position, 0))
            char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
            self.fail(line, column, "yaml.char", f"{char} is not allowed in YAML text")
            return None
        except MarkedYAMLError as exc:
            self.flow_colon = not self.pure and exc.problem == "found unexpected ':'"
            self.syntax_error(exc)
            return None
        except YAMLError as exc:
            self.fail(1, 1, "yaml.syntax", str(exc).splitlines()[0])
            return None
        if self.root is None:
            self.fail(1, 1, "file.empty", "file is empty")
            return None
        return SourceFile(self.display, rel, self.root.value, self.text, self.spans, self.key_spans)

    def events(self) -> Iterator[Any]:
        """The text's parse events: libyaml's, or with `pure` (or without libyaml)
        ruamel's pure-Python parser's. libyaml is called directly: making a `YAML()`
        looks for plug-ins on disk, which took a fifth of `validate` at 2,000 files."""
        if self.pure or CParser is None:
            yield from YAML(typ="safe", pure=self.pure).parse(self.text)
            return
        parser = CParser(self.text)
        try:
            while parser.check_event():
                yield parser.get_event()
        finally:
            parser.dispose()

    def run(self) -> None:
        for event in self.events():
            kind = type(event)
            if kind is ScalarEvent:
                self.scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self.start(event, {} if kind is MappingStartEvent else [])
            elif kind is AliasEvent:
                self.alias(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.end(event)
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.fail_at(
                        self.span(event),
                        "yaml.documents",
                        "a content file holds one YAML document; remove the second '---'",
                    )
                    raise _Abort

    def span(self, event: Any) -> Span:
        start, end = event.start_mark, event.end_mark
        return Span(start.line + 1, start.column + 1, start.index, end.index)

    # -- events

    def scalar(self, event: Any) -> None:
        span = self.span(event)
        value = self.resolve(event, span)
        self.add(_Value(value, span, 1, event.value), event.anchor)

    def start(self, event: Any, container: dict[Any, Any] | list[Any]) -> None:
        span = self.span(event)
        loc = self.child_loc()
        if len(self.stack) >= self.limits.max_depth:
            self.fail_at(
                span,
                "yaml.depth",
                f"nested deeper than {self.limits.max_depth} levels",
            )
            raise _Abort
        expected = "map" if isinstance(container, dict) else "seq"
        if event.tag not in (None, "!", _CORE + expected):
            self.fail_at(span, "yaml.tag", _tag_message(event.tag), loc or ())
        frame = _Open(container, loc, span, event.anchor)
        if event.anchor:
            self.open_anchors[event.anchor] = frame
            self.anchors.pop(event.anchor, None)
        self.stack.append(frame)

    def end(self, event: Any) -> None:
        frame = self.stack.pop()
        span = frame.span._replace(end=event.end_mark.index)
        finished = _Value(frame.value, span, frame.size)
        if frame.anchor and self.open_anchors.get(frame.anchor) is frame:
            del self.open_anchors[frame.anchor]
            self.anchors[frame.anchor] = finished
        self.add(finished, None)

    def alias(self, event: Any) -> None:
        span = self.span(event)
        name = event.anchor
        loc = self.child_loc() or ()
        if name in self.open_anchors:
            self.fail_at(span, "yaml.alias", f"alias *{name} refers to a value that holds it", loc)
            raise _Abort
        target = self.anchors.get(name)
        if target is None:
            self.fail_at(
                span, "yaml.alias", f"alias *{name} names no anchor (&{name}) above it", loc
            )
            raise _Abort
        self.expanded += target.size
        if self.expanded > self.limits.max_alias_expansion:
            self.fail_at(
                span,
                "yaml.alias",
                f"aliases expand to more than {self.limits.max_alias_expansion} values "
                "(an alias bomb?); write the values out instead",
                loc,
            )
            raise _Abort
        self.add(_Value(target.value, span, target.size, target.raw), None)

    # -- placing values

    def child_loc(self) -> Loc | None:
        """The loc the next value gets (`None` if it is a mapping key or is skipped)."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.loc is None:
            return None
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        if top.has_key and not top.skip:
            return (*top.loc, top.key)
        return None

    def add(self, item: _Value, anchor: str | None) -> None:
        if anchor:  # a scalar's anchor (collections register theirs in `end`)
            self.anchors[anchor] = item
            self.open_anchors.pop(anchor, None)
        if not self.stack:
            self.root = item
            self.spans[()] = item.span
            return
        top = self.stack[-1]
        top.size += item.size
        if isinstance(top.value, list):
            if top.loc is not None:
                self.spans[(*top.loc, len(top.value))] = item.span
            top.value.append(item.value)
        elif not top.has_key:
            self.key(top, item)
        else:
            if not top.skip:
                top.value[top.key] = item.value
                if top.loc is not None:
                    self.spans[(*top.loc, top.key)] = item.span
            top.has_key, top.skip, top.key = False, False, None

    def key(self, top: _Open, item: _Value) -> None:
        top.has_key = True
        value = item.value
        where = top.loc or ()
        if isinstance(value, dict | list):
            self.fail_at(
                item.span, "yaml.key", "a mapping key must be text, not a collection", where
            )
            top.skip = True
            return
        if not isinstance(value, str | int) or isinstance(value, bool):
            value = item.raw if item.raw is not None else str(value)
        name = str(value)
        first = top.keys.get(name)
        if first is not None:
            self.fail_at(
                item.span,
                "yaml.duplicate",
                f"duplicate key '{name}' (first at line {first.line}); each key may appear once",
                (*where, value),
            )
            top.skip = True
            return
        top.keys[name] = item.span
        top.key = value
        if top.loc is not None:
            self.key_spans[(*top.loc, value)] = item.span

    # -- scalars

    def resolve(self, event: Any, span: Span) -> Any:
        """The value of a scalar by the YAML 1.2 core schema; unknown tags are errors."""
        text, tag = event.value, event.tag
        if tag is None:
            return resolve_plain(text) if event.implicit[0] else text
        if tag == "!" or tag == _CORE + "str":
            return text
        if tag.startswith(_CORE) and tag[len(_CORE) :] in ("int", "float", "bool", "null"):
            value = resolve_plain(text)
            wanted = {"int": int, "float": float, "bool": bool, "null": type(None)}[
                tag[len(_CORE) :]
            ]
            if wanted is float and isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            if type(value) is wanted:
                return value
            self.fail_at(
                span,
                "yaml.tag",
                f"'{text}' is not a valid !!{tag[len(_CORE) :]}",
                self.child_loc() or (),
            )
            return text
        self.fail_at(span, "yaml.tag", _tag_message(tag), self.child_loc() or ())
        return text

    def syntax_error(self, exc: MarkedYAMLError) -> None:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None and _tab_in_indentation(self.text, mark.index):
            self.fail(line, column, "yaml.tab", "tab character in indentation; indent with spaces")
            return
        lines = self.text.splitlines()
        culprit = _full_width(lines, line) or _misaligned_key(lines, line, problem)
        if culprit is not None:
            self.fail(*culprit)
            return
        message = problem
        if exc.context and exc.problem:
            message = f"{problem} ({exc.context}"
            if exc.context_mark is not None:
                message += f" started at line {exc.context_mark.line + 1}, column "
                message += f"{exc.context_mark.column + 1}"
            message += ")"
        hint = _HINTS.get(problem)
        if hint:
            message = f"{message}; {hint}"
        self.fail(line, column, "yaml.syntax", message)


_HINTS = {
    "mapping values are not allowed in this context": (
        "is there a ': ' inside a value? put the value in quotes"
    ),
    "found character that cannot start any token": (
        "a value starting with '@', '`' or '%' must be put in quotes"
    ),
}


_FULL_WIDTH = (
    (re.compile(r"^[ \t]*(?:- +)*[^\s'\"#\[{][^:#]*?(：)"), "yaml.fullwidth_colon"),
    (re.compile(r"^[ \t]*(?:- +)*[^\s'\"#\[{][^:#\s]*:(\u3000)"), "yaml.fullwidth_space"),
    (re.compile(r"^[^#]*[\[{][^#]*?(，)"), "yaml.fullwidth_comma"),
)
"""A key followed by a full-width colon, a ':' followed by a full-width space, a
full-width comma in a `[…]` or `{…}`: the slips of an author typing with a Chinese input
method. libyaml reports them on a later line with a misleading problem."""
_FIXES = {
    "yaml.fullwidth_colon": "replace the full-width colon '：' with ':' followed by a space",
    "yaml.fullwidth_space": "replace the full-width space after ':' with an ordinary space",
    "yaml.fullwidth_comma": "replace the full-width comma '，' with ',' followed by a space",
}


def _full_width(lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """The full-width slip on the problem's line or one of the two before it, the
    closest first: (line, column, code, message)."""
    for number in range(line, max(line - 3, 0), -1):
        text = lines[number - 1] if number <= len(lines) else ""
        for pattern, key in _FULL_WIDTH:
            match = pattern.match(text)
            if match:
                return number, match.start(1) + 1, "yaml.fullwidth", _FIXES[key]
    return None


_KEY_LINE = re.compile(r"^( *)(?:- +)*([^\s'\"#\-\[{][^:#]*?):(?: +(\S)|\s*$)")
_MISALIGNED = {
    "mapping values are not allowed in this context": "more",
    "did not find expected '-' indicator": "less",
    "did not find expected key": "less",
}


def _misaligned_key(lines: list[str], line: int, problem: str) -> tuple[int, int, str, str] | None:
    """A key indented more (or less) than the key on the line above it: the problem's
    line, and the fix, instead of libyaml's "mapping values are not allowed"."""
    direction = _MISALIGNED.get(problem)
    if direction is None or line > len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    above = next(
        (
            (number, match)
            for number in range(line - 1, 0, -1)
            if (match := _KEY_LINE.match(lines[number - 1])) is not None
        ),
        None,
    )
    if here is None or above is None:
        return None
    number, match = above
    column, sibling = here.start(2) + 1, match.start(2) + 1
    if (column > sibling) != (direction == "more") or column == sibling:
        return None
    if direction == "more" and match.group(3) is None:  # the line above opens a block
        return None
    message = (
        f"key '{here.group(2)}' is indented {direction} than the key '{match.group(2)}' "
        f"on line {number}; align it with its siblings"
    )
    return line, column, "yaml.indent", message


def _tab_in_indentation(text: str, index: int) -> bool:
    """Whether the problem is a tab in the leading whitespace of its line."""
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    match = re.match(r"[ \t]*", text[line_start : index + 1])
    return match is not None and "\t" in match.group(0)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag
    return f"unsupported tag '{shown}'; content files hold plain values, remove the tag"


_SPECIAL_START = frozenset("~nNtTfF+-.0123456789")
"""First characters of every non-text plain scalar (null, booleans, numbers, dates)."""
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def resolve_plain(text: str) -> Any:
    """A plain scalar's value by the YAML 1.2 core schema, and `YYYY-MM-DD` as a date."""
    if text and text[0] not in _SPECIAL_START:
        return text  # the common case: words
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    try:
        if _INT.fullmatch(text):
            return int(text, 10)
        if _OCT.fullmatch(text):
            return int(text[2:], 8)
        if _HEX.fullmatch(text):
            return int(text[2:], 16)
    except ValueError:  # more digits than Python converts; keep the text
        return text
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    if _DATE.fullmatch(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return text
    return text

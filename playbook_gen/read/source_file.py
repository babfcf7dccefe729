"""A content file's plain values with the position of every key and item, and the
arithmetic of positions (line and column of a character, of a link inside a value)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Loc = tuple[str | int, ...]
"""Where a value sits in a file's data: keys and list indexes from the root."""


class Span(NamedTuple):
    """Where a value's text is: 1-based line and column, and 0-based character offsets."""

    line: int
    column: int
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class SourceFile:
    """One content file's plain values, with the position of every key and item."""

    path: str
    """The path shown in diagnostics: the content folder as the user named it + `rel`."""
    rel: str
    """The POSIX path inside the content folder (`skills/negotiation.yml`)."""
    data: Any
    text: str = field(repr=False, default="")
    spans: dict[Loc, Span] = field(repr=False, default_factory=dict)
    key_spans: dict[Loc, Span] = field(repr=False, default_factory=dict)

    def span(self, loc: Loc) -> Span | None:
        """The span of the value at `loc`, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            found = self.spans.get(loc[:end])
            if found is not None:
                return found
        return None

    def position(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc`, else of its nearest ancestor."""
        found = self.span(loc)
        return (found.line, found.column) if found else (1, 1)

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, column) of the mapping key of `loc` (of the value if none)."""
        found = self.key_spans.get(loc)
        return (found.line, found.column) if found else self.position(loc)

    def text_position(self, loc: Loc, needle: str, occurrence: int = 0) -> tuple[int, int]:
        """Position of the `occurrence`-th `needle` inside the text of the string at `loc`.

        Used for `[[ref]]` links inside Markdown: the link is searched in the scalar's
        source text, so it is found in block, plain and quoted scalars alike; when it is
        not found verbatim (escapes), the scalar's own position is the answer.
        """
        found = self.spans.get(loc)
        if found is None:
            return self.position(loc)
        index = found.start - 1
        for _ in range(occurrence + 1):
            index = self.text.find(needle, index + 1, found.end)
            if index < 0:
                return found.line, found.column
        return line_column(self.text, index, found)


_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
"""Line breaks as libyaml counts them."""


def line_column(text: str, index: int, origin: Span | None = None) -> tuple[int, int]:
    """1-based (line, column) of character `index` in `text` (counting from `origin`)."""
    start, line = (origin.start, origin.line) if origin else (0, 1)
    line_start = start if origin is None else start - (origin.column - 1)
    for match in _BREAK.finditer(text, start, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1

"""Relative links between pages served at MkDocs directory URLs."""

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.site.urls import _relative_folder, page_url, relative_url


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.md", ""),
        ("values.md", "values/"),
        ("skills/index.md", "skills/"),
        ("stages/discover.md", "stages/discover/"),
    ],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


@pytest.mark.parametrize(
    ("from_page", "to_href", "expected"),
    [
        ("stages/discover.md", "skills/negotiation.md", "../../skills/negotiation/"),
        ("stages/discover.md", "values.md#question-why-buy", "../../values/#question-why-buy"),
        ("stages/discover.md", "stages/close.md", "../close/"),
        ("stages/discover.md", "index.md", "../../"),
        ("index.md", "process.md", "process/"),
        ("index.md", "skills/index.md", "skills/"),
        ("index.md", "index.md", "./"),
        ("skills/index.md", "skills/discovery.md", "discovery/"),
        ("skills/discovery.md", "skills/index.md", "../"),
        ("values.md", "management.md#metric-win-rate", "../management/#metric-win-rate"),
        ("management.md", "management.md#metric-win-rate", "#metric-win-rate"),
        ("management.md", "management.md", "./"),
    ],
)
def test_relative_url(from_page: str, to_href: str, expected: str) -> None:
    assert relative_url(from_page, to_href) == expected


SEGMENT = st.sampled_from(["a", "b", "ab", "a.b", "中", "x y", "index", ".", "..", ""])


@settings(max_examples=500, deadline=None)
@given(st.lists(SEGMENT, max_size=4), st.lists(SEGMENT, max_size=4), st.booleans())
def test_relative_url_is_relpath_between_the_served_folders(
    to: list[str], start: list[str], slash: bool
) -> None:
    """Computed from the segments (relpath, once per link, was a tenth of rendering), it
    is what `posixpath.relpath` gives for any two folders, odd segments included."""
    there = "/".join(to) + ("/" if to and slash else "")
    here = "/".join(start) + ("/" if start else "")
    relative = posixpath.relpath("/" + there, "/" + here)
    assert _relative_folder(there, here) == relative

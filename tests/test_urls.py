"""Relative links between pages served at MkDocs directory URLs."""

import pytest

from playbook_gen.site.urls import page_url, relative_url


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

"""Shared test settings: the Hypothesis profiles, and the sites browser tests share.

`ci` (the default) keeps each property test short; `long` is for a fuzzing session:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py

Tests that set `max_examples` themselves keep their own number under either profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from browser import serve
from browser_support import BUNDLED, NORTHWIND, Site, build, load
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The bundled (Chinese) playbook, built once per session and served."""
    site = build(BUNDLED, tmp_path_factory.mktemp("bundled") / "site")
    with serve(site) as url:
        yield Site(load(BUNDLED), site, url)


@pytest.fixture(scope="session")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The English Northwind fixture, built once per session and served."""
    site = build(NORTHWIND, tmp_path_factory.mktemp("northwind") / "site")
    with serve(site) as url:
        yield Site(load(NORTHWIND), site, url)

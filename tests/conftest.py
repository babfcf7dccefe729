"""Shared test settings: the Hypothesis profiles, the `root` folder, the sites built once
per session, the one Chromium, and the guard that keeps slow work out of the fast tests.

`ci` (the default) keeps each property test short; `long` is for a fuzzing session:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py

Tests that set `max_examples` themselves keep their own number under either profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import NO_CHROMIUM, find_chromium, launch_chromium, serve
from browser_support import BUNDLED, NORTHWIND, Site, build, build_dir_of, load, watched_page
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is the working directory, as a user's playbook folder is."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip every browser test, before its sites are built, when there is no Chromium."""
    if item.get_closest_marker("browser") and find_chromium() is None:
        pytest.skip(NO_CHROMIUM)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """The one headless Chromium of the session (a Playwright `Browser`)."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The bundled (Chinese) playbook, built once per session and served."""
    site = build(BUNDLED, tmp_path_factory.mktemp("bundled") / "site")
    with serve(site) as url:
        yield Site(load(BUNDLED), site, url, build_dir_of(site))


@pytest.fixture(scope="session")
def northwind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The English Northwind fixture, built once per session and served."""
    site = build(NORTHWIND, tmp_path_factory.mktemp("northwind") / "site")
    with serve(site) as url:
        yield Site(load(NORTHWIND), site, url, build_dir_of(site))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """With PLAYBOOK_GEN_GUARD_SLOW=1, a test not marked `slow` whose setup, call or
    teardown (session fixtures included) runs MkDocs or a subprocess fails: the check that
    `-m "not slow"` stays fast."""
    if os.environ.get("PLAYBOOK_GEN_GUARD_SLOW") != "1" or item.get_closest_marker("slow"):
        return (yield)
    import subprocess

    import mkdocs.commands.build

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{item.nodeid} is not marked `slow` but ran MkDocs or a subprocess")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mkdocs.commands.build, "build", refuse)
        patch.setattr(subprocess.Popen, "__init__", refuse)
        return (yield)


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A page in a fresh context; the test fails if the page logs any error."""
    with watched_page(chromium) as tab:
        yield tab

"""A large playbook file is read, validated and checked in reasonable time."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playbook_files import load, write_playbook

from playbook_gen.read.config import MIB


@pytest.mark.slow
def test_15_mb_glossary_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    definition = "Shared vocabulary for buyers, sellers and the 需求 behind every deal. " * 3
    entries = []
    size = 0
    while size < 15 * MIB:
        entry = f"  - term: term-{len(entries)}\n    definition: {definition}\n"
        entries.append(entry)
        size += len(entry.encode())
    write_playbook(tmp_path, {"glossary.yml": "terms:\n" + "".join(entries)})
    started = time.perf_counter()
    playbook, log = load(tmp_path)
    elapsed = time.perf_counter() - started
    assert log.lines() == []
    assert playbook is not None and playbook.glossary is not None
    assert len(playbook.glossary.model.terms) == len(entries)
    print(f"15 MB glossary: {len(entries)} terms in {elapsed:.1f} s")

"""How much safety costs: validate a 15 MB glossary, against a plain YAML load of it.

    .venv/bin/python benchmarks/large_glossary.py [--megabytes 15] [--repeat 3]

Writes a playbook whose `glossary.yml` has about 15 MB of terms, then times, in the same
run and on the same file:

- `validate`: `load_playbook`, everything `playbook-gen validate` does (read with the
  limits, parse with positions, schema, cross-file checks);
- `parse`: our reader alone (`read_source`: libyaml events → values + positions, alias
  and depth budgets);
- `baseline`: `YAML(typ="safe").load` — ruamel's C loader, no positions, no limits.

Prints the best of `--repeat` runs of each. A benchmark, not a test: absolute times vary
with the machine; the ratio to the baseline is the point (docs/limits.md quotes it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import MIB, Limits, SiteConfig
from playbook_gen.read.sources import read_source
from playbook_gen.resolve.load import load_playbook

DEFINITION = "Shared vocabulary for buyers, sellers and the 需求 behind every deal. " * 3


def write_playbook(folder: Path, megabytes: float) -> int:
    """A playbook with a glossary of about `megabytes` MB; returns the number of terms."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "playbook.yml").write_text("name: Large glossary\n", encoding="utf-8")
    lines = ["terms:\n"]
    size, count = 0, 0
    while size < megabytes * MIB:
        entry = f"  - term: term-{count}\n    definition: {DEFINITION}\n"
        lines.append(entry)
        size += len(entry.encode())
        count += 1
    (folder / "glossary.yml").write_text("".join(lines), encoding="utf-8")
    return count


def best_of(repeat: int, run: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        terms = write_playbook(content, args.megabytes)
        glossary = content / "glossary.yml"
        size = glossary.stat().st_size
        config = SiteConfig.default(Path(tmp)).with_content(str(content))

        def validate() -> None:
            log = DiagnosticLog()
            assert load_playbook(content, log, config) is not None, log.lines()

        def parse() -> None:
            log = DiagnosticLog()
            assert read_source(content, "glossary.yml", "content", log, Limits()) is not None

        def baseline() -> None:
            with glossary.open("rb") as stream:
                assert len(YAML(typ="safe").load(stream)["terms"]) == terms

        print(f"glossary.yml: {size / MIB:.1f} MiB, {terms} terms; best of {args.repeat}")
        reference = best_of(args.repeat, baseline)
        for name, run in (("validate", validate), ("parse", parse)):
            seconds = best_of(args.repeat, run)
            print(f"  {name:9s} {seconds:6.2f} s  ({seconds / reference:.2f}x the baseline)")
        print(f"  {'baseline':9s} {reference:6.2f} s  (YAML(typ='safe').load, C loader)")


if __name__ == "__main__":
    main()

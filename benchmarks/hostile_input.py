"""How long hostile input takes, against ordinary input of the same size, in one run.

    .venv/bin/python benchmarks/hostile_input.py [--repeat 3]

- `alias bomb`: reading a billion-laughs `playbook.yml` (9^9 strings if expanded), against
  reading a playbook.yml of the same size with no aliases.
- `markdown <shape>`: rendering a 64 KB Markdown field made of one pathological shape
  repeated (unmatched brackets, unclosed tags, deep nesting — Python-Markdown, used
  before, took over 30 s on several), against 64 KB of ordinary prose.

Prints the best of `--repeat` runs and the ratio to the baseline. A benchmark, not a test:
absolute times vary with the machine; tests check the outcomes (a diagnostic, a rendered
block) and the bounded memory, never the time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.i18n import Labels
from playbook_gen.read.config import Limits
from playbook_gen.read.sources import read_source
from playbook_gen.resolve.references import EntityIndex
from playbook_gen.site.links import Linker
from playbook_gen.site.markdown import MarkdownRenderer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_bounded_work import FIELD_CHARS, PATHOLOGICAL
from test_cli_hostile_input import BILLION_LAUGHS

PROSE = "Ask what the problem costs the customer, and who else feels it. "


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def report(name: str, seconds: float, baseline: float) -> None:
    print(f"{name:<28} {seconds * 1000:9.2f} ms   {seconds / baseline:7.1f}× baseline")


def bench_alias_bomb(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bomb, plain = root / "bomb", root / "plain"
        bomb.mkdir()
        plain.mkdir()
        (bomb / "playbook.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
        lines = ["name: Plain\n"]
        while sum(map(len, lines)) < len(BILLION_LAUGHS):
            lines.append(f"k{len(lines)}: [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
        (plain / "playbook.yml").write_text("".join(lines), encoding="utf-8")

        def read(folder: Path) -> Callable[[], object]:
            return lambda: read_source(folder, "playbook.yml", "x", DiagnosticLog(), Limits())

        baseline = best_of(repeat, read(plain))
        report("same-size plain file", baseline, baseline)
        report("alias bomb (rejected)", best_of(repeat, read(bomb)), baseline)


def bench_markdown(repeat: int) -> None:
    renderer = MarkdownRenderer(Linker(EntityIndex(), Labels("en")))

    def render(unit: str) -> Callable[[], object]:
        text = (unit * (FIELD_CHARS // len(unit) + 1))[:FIELD_CHARS]
        return lambda: renderer.render(text, "values.md")

    baseline = best_of(repeat, render(PROSE))
    report("markdown: 64 KB of prose", baseline, baseline)
    for unit in PATHOLOGICAL:
        report(f"markdown: {unit!r}", best_of(repeat, render(unit)), baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_alias_bomb(args.repeat)
    bench_markdown(args.repeat)


if __name__ == "__main__":
    main()

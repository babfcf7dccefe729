"""Scale: build time, memory and size from 500 to 4,000 skills against plain Material.

    .venv/bin/python benchmarks/scale.py [--sizes 500,1000,2000,4000] [--runs 3]
                                         [--json benchmarks/scale.json]
    .venv/bin/python benchmarks/scale.py --playbook DIR [--playbook DIR ...] [--runs 1]
                                         [--json benchmarks/scale-other.json]

For each size it writes a playbook (`scale_playbook.write_playbook`: stages, plays,
objections, 20 worksheets, a 500-term glossary, forms), then, alternating so that a
noisy machine slows both alike, `runs` times each:

- `build`: `python -m playbook_gen build` from scratch (no site, no build folder);
- `baseline`: `python -m mkdocs build` of the same pages as plain Markdown with the same
  short nav and Material's default search (`scale_playbook.write_baseline`);
- `validate`: `load_playbook` (what `validate` runs) against a bare C-loader parse of the
  same files (`ruamel.yaml` `YAML(typ="safe", pure=False)`, ruamel.yaml.clib), in one
  process, after a warm-up.

Each build runs in its own process: wall time, CPU time (user + system, steadier than
wall time when other work shares the machine) and peak memory (`os.wait4`'s `ru_maxrss`
of that process). It prints a table, the ratios of the targets (issue 11) and writes it
all as JSON. Medians of the runs; a benchmark, not a test.

`--playbook DIR` (repeatable) measures playbooks written elsewhere instead of generated
sizes — issue 11's check on playbooks "generated independently of your script", e.g. by
`benchmarks/other_playbook.py`. DIR is a content folder (it holds `playbook.yml`); it is
copied, so nothing is written into it, and measured as above. Sizes are then the number
of skill files, which are rarely 2,000 and 4,000, so the ratios are the same targets in a
form that holds at any size: per playbook build/baseline, site/baseline site and
validate/bare parse; between the smallest and the largest, build time and peak memory
growth divided by the growth in skills (≤ 1.1 is the 4,000/2,000 ≤ 2.2 target), and the
peak memory each extra skill adds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_playbook import write_baseline, write_playbook  # noqa: E402

VALIDATE_SNIPPET = """
import json, statistics, sys, time
from pathlib import Path
from ruamel.yaml import YAML
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import load_playbook
content, runs = Path(sys.argv[1]), int(sys.argv[2])
config = SiteConfig.default(content.parent).with_content(str(content))
files = sorted(content.rglob("*.yml"))
def validate():
    assert load_playbook(content, DiagnosticLog(), config) is not None
def bare():
    yaml = YAML(typ="safe", pure=False)
    for path in files:
        yaml.load(path.read_bytes())
times = {"validate": [], "bare_parse": []}
validate(); bare()  # warm-up: imports, caches
for _ in range(runs):
    for name, work in (("validate", validate), ("bare_parse", bare)):
        started = time.perf_counter(); work(); times[name].append(time.perf_counter() - started)
print(json.dumps({k: statistics.median(v) for k, v in times.items()} | {"files": len(files)}))
"""


def measured(command: list[str], cwd: Path) -> dict[str, float]:
    """Run `command`; its wall time, CPU time and peak memory (MB), from `os.wait4`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        message = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed:\n{message}")
    if process.stderr:
        process.stderr.close()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }


def site_facts(site: Path) -> dict[str, float]:
    """Total size, median page size (`index.html` files) and search index size."""
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    search = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
    return {
        "site_mb": total / 1e6,
        "html_pages": len(pages),
        "median_page_kb": statistics.median(pages) / 1e3,
        "search_mb": search / 1e6,
    }


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def bench_size(root: Path, skills: int, runs: int) -> dict[str, Any]:
    """Every figure for one generated size (see the module docstring)."""
    folder = root / f"skills-{skills}"
    write_playbook(folder / "content", skills)
    return bench_folder(folder, skills, runs)


def bench_playbook(root: Path, content: Path, runs: int) -> dict[str, Any]:
    """Every figure for the playbook in `content`, measured on a copy of it."""
    skills = len(list((content / "skills").glob("*.yml")))
    folder = Path(tempfile.mkdtemp(prefix="playbook-", dir=root))
    shutil.copytree(content, folder / "content")
    return bench_folder(folder, skills, runs) | {"playbook": str(content)}


def bench_folder(folder: Path, skills: int, runs: int) -> dict[str, Any]:
    """Build `folder/content` and its plain baseline `runs` times, alternating; validate."""
    content = folder / "content"
    python = sys.executable
    build_cmd = [python, "-m", "playbook_gen", "build", "-c", "content", "--site-dir", "site"]
    build_runs: list[dict[str, float]] = []
    baseline_runs: list[dict[str, float]] = []
    baseline_config: Path | None = None
    for _ in range(runs):
        for leftover in ("site", ".playbook-build"):
            shutil.rmtree(folder / leftover, ignore_errors=True)
        build_runs.append(measured(build_cmd, folder))
        if baseline_config is None:
            import yaml  # MkDocs' own dependency: the generated nav, read back

            nav = yaml.safe_load((folder / ".playbook-build" / "mkdocs.yml").read_text())["nav"]
            baseline_config = write_baseline(folder / ".playbook-build", folder / "baseline", nav)
        shutil.rmtree(folder / "baseline-site", ignore_errors=True)
        baseline_runs.append(
            measured(
                [python, "-m", "mkdocs", "build", "-q", "-f", str(baseline_config),
                 "-d", str(folder / "baseline-site")],
                folder,
            )
        )
    out = subprocess.run(
        [python, "-c", VALIDATE_SNIPPET, str(content), str(runs)],
        check=True, capture_output=True, text=True,
    )
    validate = json.loads(out.stdout)
    docs = folder / ".playbook-build" / "docs"
    return {
        "skills": skills,
        "pages": len(list(docs.rglob("*.md"))),
        "docs_mb": sum(p.stat().st_size for p in docs.rglob("*.md")) / 1e6,
        "build": median_of(build_runs) | site_facts(folder / "site"),
        "baseline": median_of(baseline_runs) | site_facts(folder / "baseline-site"),
        "validate": validate,
        "runs": {"build": build_runs, "baseline": baseline_runs},
    }


def ratios(results: list[dict[str, Any]]) -> dict[str, float]:
    """The targets of issue 11, each a ratio within this run."""
    by = {r["skills"]: r for r in results}
    found: dict[str, float] = {}
    if 2000 in by:
        b = by[2000]
        for unit in ("wall_s", "cpu_s"):
            found[f"build_2000/baseline_2000 ({unit})"] = b["build"][unit] / b["baseline"][unit]
        found["site_2000/baseline_site_2000"] = b["build"]["site_mb"] / b["baseline"]["site_mb"]
        if 4000 in by:
            for unit in ("wall_s", "cpu_s"):
                found[f"build_4000/build_2000 ({unit})"] = (
                    by[4000]["build"][unit] / b["build"][unit]
                )
            found["peak_4000/peak_2000"] = by[4000]["build"]["peak_mb"] / b["build"]["peak_mb"]
    for r in results:
        found[f"validate/bare_parse at {r['skills']}"] = (
            r["validate"]["validate"] / r["validate"]["bare_parse"]
        )
    return found


def growth_ratios(results: list[dict[str, Any]]) -> dict[str, float]:
    """Issue 11's targets at any sizes (see the module docstring), within this run."""
    found: dict[str, float] = {}
    for r in results:
        at = f"at {r['skills']}"
        for unit in ("wall_s", "cpu_s"):
            found[f"build/baseline {at} ({unit})"] = r["build"][unit] / r["baseline"][unit]
        found[f"site/baseline_site {at}"] = r["build"]["site_mb"] / r["baseline"]["site_mb"]
        found[f"validate/bare_parse {at}"] = r["validate"]["validate"] / r["validate"]["bare_parse"]
        found[f"peak MB per skill {at}"] = r["build"]["peak_mb"] / r["skills"]
    small, large = min(results, key=lambda r: r["skills"]), max(results, key=lambda r: r["skills"])
    if large["skills"] > small["skills"]:
        pair, more = f"{large['skills']}/{small['skills']}", large["skills"] / small["skills"]
        found[f"skills {pair}"] = more
        for unit in ("wall_s", "cpu_s"):
            grew = large["build"][unit] / small["build"][unit]
            found[f"build {pair} ({unit})"] = grew
            found[f"build {pair} per skill ({unit})"] = grew / more
        found[f"peak {pair}"] = large["build"]["peak_mb"] / small["build"]["peak_mb"]
        found[f"peak {pair} per skill"] = found[f"peak {pair}"] / more
        found[f"peak MB per extra skill {pair}"] = (
            (large["build"]["peak_mb"] - small["build"]["peak_mb"])
            / (large["skills"] - small["skills"])
        )
    return found


def print_table(results: list[dict[str, Any]]) -> None:
    head = (f"{'skills':>6} {'pages':>6} {'what':<9} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} "
            f"{'site MB':>8} {'page KB':>8} {'search MB':>9}")
    print(head)
    for r in results:
        for what in ("build", "baseline"):
            f = r[what]
            print(f"{r['skills']:>6} {r['pages']:>6} {what:<9} {f['wall_s']:>7.1f} "
                  f"{f['cpu_s']:>7.1f} {f['peak_mb']:>8.0f} {f['site_mb']:>8.1f} "
                  f"{f['median_page_kb']:>8.1f} {f['search_mb']:>9.1f}")
        v = r["validate"]
        print(f"{'':>6} {v['files']:>6} {'validate':<9} {v['validate']:>7.2f}   "
              f"bare C parse {v['bare_parse']:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--playbook", type=Path, action="append", default=[], metavar="DIR",
                        help="measure this content folder (it holds playbook.yml) instead "
                             "of generated sizes; repeatable")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None,
                        help="default: benchmarks/scale.json, or scale-other.json with "
                             "--playbook")
    args = parser.parse_args()
    for content in args.playbook:
        if not (content / "playbook.yml").is_file():
            parser.error(f"{content} holds no playbook.yml")
    output = args.json or HERE / ("scale-other.json" if args.playbook else "scale.json")
    jobs: list[tuple[str, Callable[..., dict[str, Any]]]] = (
        [(str(content), partial(bench_playbook, content=content)) for content in args.playbook]
        if args.playbook
        else [(f"{skills} skills", partial(bench_size, skills=int(skills)))
              for skills in args.sizes.split(",")]
    )
    find_ratios = growth_ratios if args.playbook else ratios
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="playbook-scale-") as tmp:
        for name, bench in jobs:
            results.append(bench(Path(tmp), runs=args.runs))
            document = {"sizes": results, "ratios": find_ratios(results), "runs": args.runs,
                        "cpus": os.cpu_count(), "load_average": os.getloadavg()}
            # written after each size, so a long run that is stopped keeps what it measured
            output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
            print(f"{name} done", file=sys.stderr)
    print_table(results)
    for name, value in find_ratios(results).items():
        print(f"{name:<40} {value:.2f}")
    print(f"written to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

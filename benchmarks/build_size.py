"""Why the nav is short: build one large generated playbook with three navs, same run.

    .venv/bin/python benchmarks/build_size.py [--skills 1000] [--language zh|en]
                                              [--variants short,full,full-unpruned]

Material copies the nav into every page, so a nav that lists every skill makes every page
carry a link to every other one. This writes a playbook of N skills (plus stages that use
them), generates its project once with `write_project`, and builds it with MkDocs:

- `short`: the nav playbook-gen writes (areas and collection indexes);
- `full`: every page in the nav (a section per folder), `navigation.prune` on (as in
  our theme settings);
- `full-unpruned`: every page in the nav without `navigation.prune` (Material's default).

It prints the build time, the site's size and the size of one skill page for each. A
benchmark, not a test: numbers vary with the machine; the ratios are the point.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.publish.build import run_mkdocs
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.mkdocs_yml import dump, settings_dict
from playbook_gen.site.project import bundled_assets, site_settings, write_project

TEXT = {
    "zh": (
        "需求挖掘技巧 {n}",
        "围绕客户的业务目标提问，把方案语言翻译成客户的痛点和可以量化的收益。",
        "先问现状，再问影响，最后问如果不解决会怎样。",
    ),
    "en": (
        "Discovery technique {n}",
        "Ask about the customer's business goals and turn solution talk into pains and "
        "measurable gains.",
        "Ask about the current state, then the impact, then the cost of doing nothing.",
    ),
}


def write_playbook(folder: Path, skills: int, language: str) -> None:
    """A valid playbook with `skills` skills and ten stages whose tasks use all of them."""
    title, summary, body = TEXT[language]
    (folder / "skills").mkdir(parents=True)
    (folder / "playbook.yml").write_text(
        f"name: Benchmark playbook\nlanguage: {language}\n", encoding="utf-8"
    )
    for n in range(skills):
        (folder / "skills" / f"skill-{n:05d}.yml").write_text(
            f"id: skill-{n:05d}\ntitle: {title.format(n=n)}\ncategory: C{n % 12}\n"
            f"summary: {summary}\nbody: |\n  {body}\n\n  ## {title.format(n=n)}\n\n  {body}\n"
            f"questions_to_ask:\n  - {body}\ncommon_mistakes:\n  - {summary}\n",
            encoding="utf-8",
        )
    lines = ["stages:"]
    per_stage = max(1, -(-skills // 10))
    for s in range(10):
        used = [f"skill-{n:05d}" for n in range(s * per_stage, min(skills, (s + 1) * per_stage))]
        lines += [
            f"  - id: stage-{s}",
            f"    title: Stage {s}",
            "    exit_criteria: [Done]",
            "    tasks:",
            f"      - title: Task {s}",
            f"        skills: [{', '.join(used)}]",
        ]
    (folder / "process.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def full_nav(pages: list[str]) -> list[object]:
    """Every page in the nav, as a naive author would list it: top-level pages, then one
    section per folder with its index first."""
    nav: list[object] = []
    sections: dict[str, list[str]] = {}
    for page in pages:
        folder, _, _ = page.rpartition("/")
        if folder:
            sections.setdefault(folder, []).append(page)
        else:
            nav.append(page)
    for folder, members in sections.items():
        members.sort(key=lambda p: not p.endswith("/index.md"))
        nav.append({folder: members})
    return nav


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--language", choices=("zh", "en"), default="zh")
    parser.add_argument("--variants", default="short,full,full-unpruned")
    args = parser.parse_args()
    variants = args.variants.split(",")

    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        root = Path(tmp)
        content = root / "content"
        write_playbook(content, args.skills, args.language)
        config = SiteConfig.default(root).with_content(str(content))
        log = DiagnosticLog()
        started = time.monotonic()
        playbook = load_playbook(content, log, config)
        if playbook is None:
            print("\n".join(log.lines()), file=sys.stderr)
            return 1
        loaded = time.monotonic() - started
        started = time.monotonic()
        project = write_project(playbook, config, root / "build")
        written = time.monotonic() - started
        print(
            f"{args.skills} skills, {len(project.pages)} pages ({args.language}): "
            f"load+check {loaded:.1f} s, render+write {written:.1f} s"
        )
        assets = [n for n, _ in bundled_assets()]
        base = site_settings(playbook.playbook, list(project.pages), assets)
        # Warm-up, not timed: jieba's dictionary and the theme's templates load once.
        run_mkdocs(project.config_file, root / "site-warm-up")
        print(f"{'variant':<14} {'nav':>6} {'build s':>8} {'site MB':>8} {'skill page KB':>14}")
        for variant in variants:
            folder = root / f"build-{variant}"
            shutil.copytree(project.root, folder)
            nav = base.nav if variant == "short" else full_nav(list(project.pages))
            settings = dataclasses.replace(base, nav=nav)
            config_dict = settings_dict(settings)
            if variant == "full-unpruned":
                features = config_dict["theme"]["features"]
                config_dict["theme"]["features"] = [f for f in features if f != "navigation.prune"]
            (folder / "mkdocs.yml").write_text(dump(config_dict), encoding="utf-8")
            nav_entries = len(base.nav) if variant == "short" else len(project.pages)
            site = root / f"site-{variant}"
            started = time.monotonic()
            run_mkdocs(folder / "mkdocs.yml", site)
            seconds = time.monotonic() - started
            page = site / "skills" / "skill-00000" / "index.html"
            print(
                f"{variant:<14} {nav_entries:>6} {seconds:>8.1f} {size_of(site) / 1e6:>8.1f} "
                f"{page.stat().st_size / 1e3:>14.1f}"
            )
            shutil.rmtree(site)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

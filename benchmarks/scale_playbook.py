"""A contract-conformant English playbook of any size, and plain pages of the same text.

`write_playbook(folder, skills)` starts from the English starter (`init`), so every area
is there, and adds to it what a large company keeps: `skills` skills in ten stages whose
tasks use all of them, a play and an objection per ten skills, 20 scored worksheets, a
500-term glossary and five deal forms. The text is varied (numbered words from a small
vocabulary) so search indexes and page sizes look like real prose, not one repeated line.

`write_baseline(build_folder, out)` turns the generated project into the fairest plain
site: the same pages with the same visible text as plain Markdown (tags stripped), the
same short nav, Material's default search — what MkDocs Material builds for a hand-written
site of equal size.
"""

from __future__ import annotations

import html
import re
import shutil
from importlib import resources
from pathlib import Path

WORDS = (
    "customer", "budget", "decision", "risk", "value", "pipeline", "forecast", "champion",
    "evidence", "meeting", "proposal", "pricing", "contract", "renewal", "adoption", "outcome",
    "timeline", "sponsor", "stakeholder", "discovery", "qualification", "negotiation",
    "procurement", "security", "integration", "rollout", "metric", "baseline", "revenue",
    "margin", "churn", "expansion", "onboarding", "training", "pilot",
)
STAGES = ("qualify", "discover", "shape", "propose", "validate", "negotiate", "approve",
          "close", "handover", "expand")
"""Ten stages; `qualify`, `propose` and `close` are the starter's (its files name them)."""
WORKSHEETS = 20
TERMS = 500
FORMS = 5


def sentence(n: int, length: int = 14) -> str:
    """A deterministic sentence that differs from number to number."""
    words = [WORDS[(n * 7 + i * 13 + (n >> i)) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skill_id(n: int) -> str:
    return f"skill-{n:05d}"


def write_skill(folder: Path, n: int) -> None:
    lines = [
        f"id: {skill_id(n)}",
        f"title: {q(f'Skill {n}: {WORDS[n % len(WORDS)]} {WORDS[(n // 3) % len(WORDS)]}')}",
        f"category: Category {n % 12}",
        f"summary: {q(sentence(n))}",
        "techniques:",
    ]
    for t in range(3):
        lines += [f"  - title: {q(f'Technique {t + 1}')}",
                  f"    body: {q(sentence(n + t, 30) + ' ' + sentence(n + t + 1, 25))}"]
    lines.append("questions_to_ask:")
    lines += [f"  - {q(sentence(n + 10 + i, 12)[:-1] + '?')}" for i in range(4)]
    lines.append("common_mistakes:")
    lines += [f"  - {q(sentence(n + 20 + i, 10))}" for i in range(3)]
    lines.append("practice:")
    lines += [f"  - {q(sentence(n + 30 + i, 10))}" for i in range(2)]
    (folder / f"{skill_id(n)}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def process_yml(skills: int) -> str:
    buying = ["recognize-need", "recognize-need", "evaluate-options", "evaluate-options",
              "evaluate-options", "decide", "decide", "decide", "decide", "decide"]
    lines = [
        "buying_process:",
        "  - id: recognize-need\n    title: Recognize the need",
        "  - id: evaluate-options\n    title: Evaluate options",
        "  - id: decide\n    title: Decide and buy",
        "stages:",
    ]
    per_stage = -(-skills // len(STAGES))
    for s, stage in enumerate(STAGES):
        used = [skill_id(n) for n in range(s * per_stage, min(skills, (s + 1) * per_stage))]
        if stage == "qualify":
            used.append("discovery-questions")
        if stage == "propose":
            used.append("handling-objections")
        lines += [
            f"  - id: {stage}",
            f"    title: {stage.capitalize()}",
            f"    goal: {q(sentence(s, 12))}",
            f"    buyer_step: {buying[s]}",
            "    exit_criteria:",
            f"      - {q(sentence(s + 1, 9))}",
            f"      - text: {q(sentence(s + 2, 9))}",
            f"        evidence: {q(sentence(s + 3, 6))}",
            "    key_behaviors:",
            f"      - {q(sentence(s + 4, 8))}",
            "    tasks:",
        ]
        for start in range(0, len(used), 20):  # a task per twenty skills
            lines += [
                f"      - title: {q(f'Task {start // 20 + 1} of {stage}')}",
                f"        skills: [{', '.join(used[start:start + 20])}]",
                "        tools: [crm]",
            ]
        if stage in ("propose", "close"):
            lines.append("        forms: [mutual-action-plan]")
    return "\n".join(lines) + "\n"


def write_playbook(folder: Path, skills: int) -> None:
    """The English starter grown to `skills` skills (see the module docstring)."""
    starter = resources.files("playbook_gen") / "starters" / "en"
    with resources.as_file(starter) as source:
        shutil.copytree(source, folder)
    (folder / "process.yml").write_text(process_yml(skills), encoding="utf-8")
    skill_dir = folder / "skills"
    for n in range(skills):
        write_skill(skill_dir, n)

    strategy = (folder / "strategy.yml").read_text(encoding="utf-8").rstrip("\n") + "\nplays:\n"
    for p in range(max(1, skills // 10)):
        strategy += (
            f"  - id: play-{p:04d}\n    title: {q(f'Play {p}: {WORDS[p % len(WORDS)]}')}\n"
            f"    when: {q(sentence(p, 12))}\n    steps:\n"
            + "".join(f"      - {q(sentence(p + i, 10))}\n" for i in range(4))
            + f"    stages: [{STAGES[p % len(STAGES)]}]\n"
        )
    (folder / "strategy.yml").write_text(strategy, encoding="utf-8")

    objections = (folder / "objections.yml").read_text(encoding="utf-8").rstrip("\n") + "\n"
    for o in range(max(1, skills // 10)):
        objections += (
            f"  - id: objection-{o:04d}\n    title: {q(f'We {WORDS[o % len(WORDS)]} it {o}.')}\n"
            f"    meaning: {q(sentence(o, 14))}\n"
            f"    response: |\n      {sentence(o + 1, 30)}\n\n      {sentence(o + 2, 30)}\n"
            f"    stages: [{STAGES[o % len(STAGES)]}]\n    stories: [first-customer]\n"
        )
    (folder / "objections.yml").write_text(objections, encoding="utf-8")

    glossary = "terms:\n"
    for t in range(TERMS):
        glossary += (f"  - term: {q(f'Term {t} {WORDS[t % len(WORDS)]}')}\n"
                     f"    definition: {q(sentence(t, 16))}\n")
    (folder / "glossary.yml").write_text(glossary, encoding="utf-8")

    for w in range(WORKSHEETS):
        write_worksheet(folder / "diagnostics", w)
    for f in range(FORMS):
        write_form(folder / "forms", f)


def write_worksheet(folder: Path, w: int) -> None:
    lines = [
        f"id: worksheet-{w:02d}",
        f"title: {q(f'Worksheet {w}')}",
        "audience: Sales managers",
        f"instructions: {q(sentence(w, 20))}",
        "scale: {min: 1, max: 5, labels: {1: Not true, 5: Fully true}}",
        f"stages: [{STAGES[w % len(STAGES)]}]",
        "sections:",
    ]
    for s in range(4):
        lines += [f"  - id: section-{s}", f"    title: Section {s}", "    questions:"]
        for k in range(5):
            lines += [f"      - id: q{s}-{k}", f"        text: {q(sentence(w + s + k, 10))}"]
            if k == 0:
                lines.append("        weight: 2")
    lines += [
        "bands:",
        "  - {min: 0, max: 50, label: Weak, advice: Start with the lowest section.}",
        "  - {min: 50, max: 80, label: Fair, advice: Work on the weakest questions.}",
        "  - {min: 80, max: 100, label: Strong, advice: Keep it current.}",
    ]
    (folder / f"worksheet-{w:02d}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_form(folder: Path, f: int) -> None:
    text = (
        f"id: form-{f}\ntitle: {q(f'Deal form {f}')}\npurpose: {q(sentence(f, 12))}\n"
        f"stages: [{STAGES[f * 2]}]\nsections:\n  - title: Deal\n    fields:\n"
        "      - {id: customer, label: Customer, kind: text, required: true}\n"
        "      - {id: close-date, label: Close date, kind: date}\n"
        "      - {id: amount, label: Amount, kind: number}\n"
        "      - {id: risk, label: Risk, kind: choice, options: [Low, Medium, High]}\n"
        "      - {id: notes, label: Notes, kind: long-text}\n"
        "      - {id: steps, label: Steps, kind: table, columns: [Step, Owner, Date], rows: 5}\n"
    )
    (folder / f"form-{f}.yml").write_text(text, encoding="utf-8")


TAG = re.compile(r"<[^>]+>")
BLANKS = re.compile(r"\n\s*\n(\s*\n)+")
HIDDEN = re.compile(r"<span class=\"pb-term__tip\"[^>]*>.*?</span>", re.DOTALL)
"""A glossary tooltip inlined in the page (hidden until hovered): not text a plain page has."""


def plain_page(markdown: str) -> str:
    """A generated page as plain Markdown: its visible text without the HTML around it."""
    text = html.unescape(TAG.sub("", HIDDEN.sub("", markdown)))
    text = "\n".join(line.strip() for line in text.splitlines())
    return BLANKS.sub("\n\n", text).strip() + "\n"


def write_baseline(build: Path, out: Path, nav: list[str]) -> Path:
    """Plain Material on the generated project's pages and nav; its `mkdocs.yml`."""
    docs = out / "docs"
    for page in sorted((build / "docs").rglob("*.md")):
        target = docs / page.relative_to(build / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = out / "mkdocs.yml"
    config.write_text(
        "site_name: Baseline\ntheme:\n  name: material\n  font: false\n  features:\n"
        "    - navigation.sections\n    - navigation.indexes\n    - navigation.prune\n"
        "plugins:\n  - search\nvalidation:\n  nav:\n    omitted_files: ignore\nnav:\n"
        + "".join(f"  - {q(p)}\n" for p in nav),
        encoding="utf-8",
    )
    return config

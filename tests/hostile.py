"""The hostile playbook: attack strings in every field a person can write, and its generator.

`tests/fixtures/playbooks/hostile/` is written by this module, so that every text field
of every kind holds the same payloads (a test checks none was missed) and the tests know
exactly what each field must show. Regenerate after changing it:

    .venv/bin/python tests/hostile.py

Every payload that would run sets `window.__pwned` (and most also call `alert`), so the
browser tests need only look at one variable and the dialog event. Ids, references and
numbers cannot hold payloads (validation refuses them), but the ids here are the
strangest valid ones: all digits, hyphens, 64 characters.
"""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

FIXTURE = Path(__file__).parent / "fixtures" / "playbooks" / "hostile"

MARKER = "PWN"
"""Starts every payload-bearing value, so a page's text can be searched for them."""

SEARCH_WORD = "zebracorn"
"""A word that appears only in payload text: what the browser test types into search."""

PLAIN_PAYLOADS = (
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    '"><svg onload=window.__pwned=1>',
    "'><svg onload=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    "</title><script>window.__pwned=1</script>",
    "</textarea></style><script>window.__pwned=1</script>",
    "[x](javascript:window.__pwned=1)",
    "javascript:window.__pwned=1",
    "{{ 7*7 }} {% raw %} {# c #}",
    "<!-- ]]> ${window.__pwned=1} `${1}`",
    '{: onclick="window.__pwned=1" } { #id .cls }',
    "*em* _u_ # h | t | ~~s~~ ^^i^^ ==m== \\",
    "&copy; &#60;b&#62;",
)
"""Plain-text payloads: each must show on the page exactly as written, and do nothing."""

PLAIN_TEXT = " ".join(PLAIN_PAYLOADS)

MARKDOWN_TEXT = """\
**bold** {word} [[values|<img src=x onerror=window.__pwned=1>]] and [[values]]

<script>window.__pwned=1;alert(1)</script>
<img src=x onerror="window.__pwned=1;alert(1)">
<a href="javascript:window.__pwned=1">a</a> [x](javascript:window.__pwned=1)
[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[v](JaVaScRiPt:window.__pwned=1) [e](jav&#x09;ascript:window.__pwned=1)
<javascript:window.__pwned=1> [r][bad]

[bad]: javascript:window.__pwned=1

<iframe src="javascript:window.__pwned=1"></iframe>
<object data="javascript:window.__pwned=1"></object><embed src="x">
<style>body {{ display: none }}</style>
<svg><script>window.__pwned=1</script></svg>
<math><mtext><script>window.__pwned=1</script></mtext></math>
<form action="javascript:window.__pwned=1"><button>go</button></form>
<div markdown="1" onclick="window.__pwned=1">{{: onclick="window.__pwned=1" }}</div>

![i](x" onerror="window.__pwned=1)

</div></div><script>window.__pwned=1</script>

{{{{ 7*7 }}}} {{% raw %}} <!-- ]]> ${{window.__pwned=1}}

--8<-- "/etc/passwd"

[a safe link](https://example.com/ok)
"""
"""A Markdown field's payload (`{word}` is the field's marker): sanitised, never run."""

SAFE_LINK = "https://example.com/ok"
"""Markdown links that must keep working after sanitising."""

HOSTILE_URL = 'https://example.com/?q="><svg/onload=window.__pwned=1>&x=</script>'
"""A tool `url` that validates (http, no space) yet tries to break out of `href`."""

LONG_ID = "a" + "-0" * 31 + "z"
"""A 64-character id: the longest valid one."""


def plain(where: str) -> str:
    return f"{MARKER}:{where} {SEARCH_WORD} {PLAIN_TEXT}"


def markdown(where: str) -> str:
    return MARKDOWN_TEXT.format(word=f"{MARKER}:{where} {SEARCH_WORD}")


def texts(where: str, count: int = 2) -> list[str]:
    return [plain(f"{where}.{i}") for i in range(count)]


def entity(ident: str, where: str, *, title_key: str = "title", **fields: Any) -> dict[str, Any]:
    """An entity with every common field filled: payloads in all the text. A field given
    as `None` is left out (an entity without `owner` shows the playbook's)."""
    data = {
        "id": ident,
        title_key: plain(f"{where}.{title_key}"),
        "summary": plain(f"{where}.summary"),
        "body": markdown(f"{where}.body"),
        "owner": plain(f"{where}.owner"),
        "last_reviewed": datetime.date(2026, 11, 1),
        "tags": texts(f"{where}.tags"),
        **fields,
    }
    return {key: value for key, value in data.items() if value is not None}


def playbook_files() -> dict[str, dict[str, Any]]:
    """Every file of the hostile playbook, as data."""
    return {
        "playbook.yml": {
            "name": plain("playbook.name"),
            "language": "en",
            "summary": plain("playbook.summary"),
            "company": plain("playbook.company"),
            "owner": plain("playbook.owner"),
            "review_every_days": 3650,
        },
        "values.yml": {
            "summary": markdown("values.summary"),
            "questions": [
                entity(
                    "0",
                    "question",
                    title_key="question",
                    answer=markdown("question.answer"),
                    implications=texts("question.implications"),
                )
            ],
            "principles": [entity("p-1", "values.principle", owner=None)],
            "anti_patterns": [
                {"title": plain("anti_pattern.title"), "why": plain("anti_pattern.why")}
            ],
        },
        "process.yml": {
            "summary": markdown("process.summary"),
            "buying_process": [entity("b--1", "step", buyer_actions=texts("step.buyer_actions"))],
            "stages": [
                entity(
                    stage,
                    f"stage-{n}",
                    goal=plain(f"stage-{n}.goal"),
                    buyer_step="b--1",
                    entry_criteria=texts(f"stage-{n}.entry_criteria"),
                    exit_criteria=[
                        {
                            "text": plain(f"stage-{n}.exit_criteria.0"),
                            "evidence": plain(f"stage-{n}.exit_criteria.0.evidence"),
                        },
                        # The plain form of a milestone: text only, no evidence.
                        plain(f"stage-{n}.exit_criteria.1"),
                    ],
                    key_behaviors=texts(f"stage-{n}.key_behaviors"),
                    tasks=[
                        {
                            "title": plain(f"stage-{n}.task.title"),
                            "skills": [LONG_ID],
                            "tools": ["t-1"],
                            "forms": ["f-1"],
                            "body": markdown(f"stage-{n}.task.body"),
                        }
                    ],
                    typical_days=7,
                    win_probability=50,
                    max_days=30,
                    forecast="fc-1",
                    crm_fields=texts(f"stage-{n}.crm_fields"),
                )
                for n, stage in enumerate(("s-1", "s-2"))
            ],
        },
        f"skills/{LONG_ID}.yml": entity(
            LONG_ID,
            "skill",
            category=plain("skill.category"),
            techniques=[
                {"title": plain("skill.technique.title"), "body": markdown("skill.technique")}
            ],
            questions_to_ask=texts("skill.questions_to_ask"),
            common_mistakes=texts("skill.common_mistakes"),
            practice=texts("skill.practice"),
        ),
        "tools.yml": {
            "summary": markdown("tools.summary"),
            "tools": [entity("t-1", "tool", purpose=plain("tool.purpose"), url=HOSTILE_URL)],
        },
        "strategy.yml": {
            "summary": markdown("strategy.summary"),
            "levers": [entity("l-1", "lever", tactics=texts("lever.tactics"), metrics=["m-1"])],
            "plays": [
                entity(
                    "y-1",
                    "play",
                    when=plain("play.when"),
                    steps=texts("play.steps"),
                    stages=["s-1"],
                )
            ],
        },
        "management.yml": {
            "summary": markdown("management.summary"),
            "principles": [entity("p-2", "management.principle")],
            "metrics": [
                entity(
                    "m-1",
                    "metric",
                    kind="core",
                    formula=plain("metric.formula"),
                    target=plain("metric.target"),
                    why=plain("metric.why"),
                )
            ],
            "forecast_categories": [
                entity("fc-1", "forecast", definition=plain("forecast.definition"))
            ],
            "approvals": [
                entity(
                    "a-1",
                    "approval",
                    rules=[
                        {
                            "when": plain(f"approval.rule-{n}.when"),
                            "approver": plain(f"approval.rule-{n}.approver"),
                        }
                        for n in range(2)
                    ],
                )
            ],
            "cadences": [
                entity(
                    "c-1",
                    "cadence",
                    frequency=plain("cadence.frequency"),
                    agenda=texts("cadence.agenda"),
                    metrics=["m-1"],
                )
            ],
        },
        "relationships.yml": {
            "summary": markdown("relationships.summary"),
            "principles": [entity("p-3", "relationships.principle")],
            "tiers": [
                entity(
                    "r-1",
                    "tier",
                    criteria=texts("tier.criteria"),
                    cadence=plain("tier.cadence"),
                    success_plan=texts("tier.success_plan"),
                )
            ],
            "health_signals": [
                {"title": plain("health_signal.title"), "kind": "negative"},
            ],
        },
        "diagnostics/w-1.yml": entity(
            "w-1",
            "worksheet",
            audience=plain("worksheet.audience"),
            instructions=markdown("worksheet.instructions"),
            scale={
                "min": 1,
                "max": 3,
                "labels": {value: plain(f"scale.label.{value}") for value in (1, 2, 3)},
            },
            sections=[
                entity(
                    section,
                    f"section-{n}",
                    questions=[
                        entity(
                            f"q-{n}",
                            f"section-{n}.question",
                            title_key="text",
                            weight=2,
                            see=["stage:s-1", "values", "fact:1-0", "fact:1-1"],
                            knockout=n == 0,
                        )
                    ],
                    advice=markdown(f"section-{n}.advice"),
                )
                for n, section in enumerate(("x-1", "x-2"))
            ],
            bands=[
                {"min": 0, "max": 50, "label": plain("band-0.label"), "advice": markdown("band-0")},
                {
                    "min": 50,
                    "max": 100,
                    "label": plain("band-1.label"),
                    "advice": markdown("band-1"),
                },
            ],
            stages=["s-1", "s-2"],
        ),
        "onboarding.yml": {
            "summary": markdown("onboarding.summary"),
            "paths": [
                entity(
                    "o-1",
                    "path",
                    steps=[
                        {
                            "title": plain("path.step.title"),
                            "week": 1,
                            "read": ["values", f"skill:{LONG_ID}", "diagnostic:w-1"],
                            "do": texts("path.step.do"),
                            "checkpoint": plain("path.step.checkpoint"),
                        }
                    ],
                )
            ],
        },
        "glossary.yml": {
            "summary": markdown("glossary.summary"),
            "terms": [
                {
                    "id": "g-1",
                    "term": plain("term.term"),
                    "definition": plain("term.definition"),
                    "aliases": texts("term.aliases"),
                    "owner": plain("term.owner"),
                    "tags": texts("term.tags"),
                },
                {
                    "term": plain("term-2.term"),
                    "definition": plain("term-2.definition"),
                    "aliases": texts("term-2.aliases", 1),
                    "owner": plain("term-2.owner"),
                    "tags": texts("term-2.tags", 1),
                },
            ],
        },
        **deal_files(),
    }


FIELD_KINDS = ("text", "long-text", "date", "number", "choice", "check", "table")
"""One form field of each kind; only a choice has options and only a table columns."""


def deal_files() -> dict[str, dict[str, Any]]:
    """The deal-execution files: roles, objections, stories, battlecards, a form, facts."""
    return {
        "buyers.yml": {
            "summary": markdown("buyers.summary"),
            "roles": [
                entity(
                    "r--1",
                    "role",
                    typical_titles=texts("role.typical_titles"),
                    cares_about=texts("role.cares_about"),
                    questions_to_ask=texts("role.questions_to_ask"),
                    win_with=texts("role.win_with"),
                    objections=["j-1"],
                )
            ],
        },
        "objections.yml": {
            "summary": markdown("objections.summary"),
            "objections": [
                entity(
                    "j-1",
                    "objection",
                    meaning=plain("objection.meaning"),
                    response=markdown("objection.response"),
                    stages=["s-1"],
                    stories=["9"],
                )
            ],
        },
        "proof.yml": {
            "summary": markdown("proof.summary"),
            "stories": [
                entity(
                    "9",
                    "story",
                    customer=plain("story.customer"),
                    industry=plain("story.industry"),
                    problem=plain("story.problem"),
                    results=[
                        {
                            "metric": plain("story.result.metric"),
                            "before": plain("story.result.before"),
                            "after": plain("story.result.after"),
                        }
                    ],
                    quote=plain("story.quote"),
                    public=True,
                )
            ],
        },
        "competition.yml": {
            "summary": markdown("competition.summary"),
            "competitors": [
                entity(
                    ident,
                    f"competitor-{n}",
                    kind=kind,
                    strengths=texts(f"competitor-{n}.strengths"),
                    weaknesses=texts(f"competitor-{n}.weaknesses"),
                    landmines=texts(f"competitor-{n}.landmines"),
                    how_we_win=markdown(f"competitor-{n}.how_we_win"),
                    stories=["9"],
                )
                for n, (ident, kind) in enumerate((("k-1", "vendor"), ("k-2", "status-quo")))
            ],
        },
        "forms/f-1.yml": entity(
            "f-1",
            "form",
            purpose=plain("form.purpose"),
            stages=["s-1"],
            sections=[
                {
                    "title": plain("form.section.title"),
                    "fields": [
                        {
                            "id": f"{kind}-0",
                            "label": plain(f"form.{kind}.label"),
                            "kind": kind,
                            "help": plain(f"form.{kind}.help"),
                            "required": kind == "text",
                            **(
                                {"options": texts(f"form.{kind}.options")}
                                if kind == "choice"
                                else {"columns": texts(f"form.{kind}.columns"), "rows": 2}
                                if kind == "table"
                                else {}
                            ),
                        }
                        for kind in FIELD_KINDS
                    ],
                }
            ],
        ),
        "facts.yml": {
            "summary": markdown("facts.summary"),
            "facts": [
                entity("1-0", "fact", value=plain("fact.value"), unit=plain("fact.unit")),
                entity("1-1", "fact-2", value=120, unit=plain("fact-2.unit")),
            ],
        },
    }


def _block_if_multiline(representer: Any, text: str) -> Any:
    style = "|" if "\n" in text else None
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def write(folder: Path = FIXTURE) -> None:
    """Write the hostile playbook into `folder` (replacing what is there)."""
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.add_representer(str, _block_if_multiline)
    if folder.exists():
        shutil.rmtree(folder)
    for rel, data in playbook_files().items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)

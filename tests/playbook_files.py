"""A small valid playbook written per test (Copier style), and a way to validate it.

`BASE` uses every kind of entity and every kind of reference once, and validates without
a diagnostic. A test replaces or removes the files it is about, so each test shows its
broken input next to the diagnostics it must produce.
"""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import Limits, SiteConfig
from playbook_gen.resolve.load import load_playbook
from playbook_gen.resolve.playbook import Playbook

TODAY = datetime.date(2026, 11, 26)

BASE: dict[str, str] = {
    "playbook.yml": """\
        name: Test Playbook
        language: en
        review_every_days: 180
        """,
    "values.yml": """\
        questions:
          - id: why-buy
            question: Why do customers buy?
            answer: Because [[skill:negotiation]] works.
        principles:
          - id: customer-first
            title: Customer first
        """,
    "process.yml": """\
        buying_process:
          - id: recognize
            title: Recognize the need
        stages:
          - id: discover
            title: Discover
            buyer_step: recognize
            exit_criteria:
              - Pain confirmed
            tasks:
              - title: Run the call
                skills: [negotiation]
                tools: [crm]
                body: |
                  Prepare with [[tool:crm]].
        """,
    "skills/negotiation.yml": """\
        id: negotiation
        title: Negotiation
        techniques:
          - title: Anchor
            body: See [[stage:discover]].
        """,
    "tools.yml": """\
        tools:
          - id: crm
            title: CRM
            url: https://crm.example.com
        """,
    "strategy.yml": """\
        levers:
          - id: win-rate-lever
            title: Raise the win rate
            metrics: [win-rate]
        plays:
          - id: displace
            title: Displace the incumbent
            stages: [discover]
        """,
    "management.yml": """\
        principles:
          - id: coach-dont-count
            title: Coach, don't count
        metrics:
          - id: win-rate
            title: Win rate
            kind: core
        cadences:
          - id: weekly-review
            title: Weekly review
            metrics: [win-rate]
        """,
    "relationships.yml": """\
        tiers:
          - id: strategic
            title: Strategic
        """,
    "diagnostics/deal-check.yml": """\
        id: deal-check
        title: Deal check
        instructions: Read [[values]] first.
        scale:
          min: 1
          max: 5
          labels:
            1: Never
            5: Always
        sections:
          - id: basics
            title: Basics
            questions:
              - id: pain
                text: The pain is confirmed.
                see: [stage:discover, values]
        bands:
          - {min: 0, max: 50, label: Weak}
          - {min: 50, max: 100, label: Strong}
        """,
    "onboarding.yml": """\
        paths:
          - id: new-ae
            title: New account executive
            steps:
              - title: Learn the values
                week: 1
                read: [values, question:why-buy, path:new-ae]
        """,
    "glossary.yml": """\
        terms:
          - term: ICP
            definition: Ideal customer profile.
        """,
}


DEAL: dict[str, str] = {
    "process.yml": """\
        buying_process:
          - id: recognize
            title: Recognize the need
        stages:
          - id: discover
            title: Discover
            buyer_step: recognize
            exit_criteria:
              - Pain confirmed
              - text: Customer agreed to a next meeting
                evidence: Calendar invite from the customer, within [[fact:cycle-days]]
            tasks:
              - title: Run the call
                skills: [negotiation]
                tools: [crm]
                forms: [mutual-plan]
                body: |
                  Prepare with [[tool:crm]].
            typical_days: 14
            max_days: 30
            forecast: pipeline
            crm_fields: [Next step, Close date]
        """,
    "management.yml": BASE["management.yml"].rstrip(" ")
    + """\
        forecast_categories:
          - id: pipeline
            title: Pipeline
            definition: Pain confirmed, no decision date.
        approvals:
          - id: discount
            title: Discounts
            rules:
              - {when: Up to 10 %, approver: Sales manager}
        """,
    "buyers.yml": """\
        roles:
          - id: economic-buyer
            title: Economic buyer
            cares_about: [Payback]
            objections: [too-expensive]
        """,
    "objections.yml": """\
        objections:
          - id: too-expensive
            title: It costs too much.
            response: Show the payback.
            stages: [discover]
            stories: [acme]
        """,
    "proof.yml": """\
        stories:
          - id: acme
            title: Acme halves its stock-outs
            results:
              - {metric: Stock-outs a month, before: '12', after: '6'}
        """,
    "competition.yml": """\
        competitors:
          - id: spreadsheets
            title: Spreadsheets
            kind: status-quo
            stories: [acme]
        """,
    "forms/mutual-plan.yml": """\
        id: mutual-plan
        title: Mutual plan
        stages: [discover]
        sections:
          - title: Steps
            fields:
              - {id: owner, label: Owner}
              - {id: steps, label: Steps, kind: table, columns: [Step, Date]}
        """,
    "facts.yml": """\
        facts:
          - id: cycle-days
            title: Target sales cycle
            value: 90
            unit: days
        """,
}
"""`BASE` plus every deal-execution part (forms, facts, roles, objections, stories,
battlecards, forecast categories, approvals), each reference used once: valid as it is."""


def write_playbook(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write `BASE` with `changes` (text is dedented; `None` removes a file) to root/content."""
    content = root / "content"
    files: dict[str, str | bytes | None] = {**BASE, **(changes or {})}
    for rel, text in files.items():
        if text is None:
            continue
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def load(
    root: Path, limits: Limits | None = None, today: datetime.date = TODAY
) -> tuple[Playbook | None, DiagnosticLog]:
    """Load root/content as `content` (paths in messages start with `content/`)."""
    config = SiteConfig.default(root)
    if limits is not None:
        config = SiteConfig(
            config.root,
            config.content_dir,
            config.site_dir,
            config.build_dir,
            None,
            limits,
            "content",
        )
    log = DiagnosticLog()
    checked = load_playbook(Path("content"), log, config, today=today)
    return (checked.playbook if checked else None), log


def diagnostics(
    root: Path,
    changes: dict[str, str | bytes | None] | None = None,
    limits: Limits | None = None,
) -> list[str]:
    """Every diagnostic line for `BASE` + `changes`, in sorted order.

    The caller must have changed the working directory to `root` (the `in_tmp` fixture).
    """
    write_playbook(root, changes)
    return load(root, limits)[1].lines()

"""`[[ref]]` in plain-text fields: a fact shows its value and unit, linked to the facts
page, and everything around the link and in its label stays literal text."""

from __future__ import annotations

from pathlib import Path

from playbook_files import DEAL, write_playbook

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import SiteConfig
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.render import render_site

EVIDENCE = "Calendar invite from the customer, within [[fact:cycle-days]]"


def _pages(root: Path, evidence: str) -> dict[str, str]:
    assert EVIDENCE in DEAL["process.yml"]
    process = DEAL["process.yml"].replace(EVIDENCE, evidence)
    write_playbook(root, {**DEAL, "process.yml": process})
    log = DiagnosticLog()
    checked = load_playbook(Path("content"), log, SiteConfig.default(root))
    assert checked is not None and log.lines() == []
    return dict(render_site(checked))


def test_a_fact_in_plain_text_shows_its_value_and_unit_linked_to_the_facts_page(
    root: Path,
) -> None:
    stage = _pages(root, EVIDENCE)["stages/discover.md"]
    assert (
        'Calendar invite from the customer, within <a href="../../facts/#fact-cycle-days">'
        "90 days</a>" in stage
    )
    assert "[[fact:" not in stage


def test_text_around_a_link_and_its_label_stay_escaped(root: Path) -> None:
    evidence = "'<script>alert(1)</script> & [[fact:cycle-days|<b>bold</b>]] <i>'"
    stage = _pages(root, evidence)["stages/discover.md"]
    assert (
        '&lt;script&gt;alert(1)&lt;/script&gt; &amp; <a href="../../facts/#fact-cycle-days">'
        "&lt;b&gt;bold&lt;/b&gt;</a> &lt;i&gt;" in stage
    )
    assert "<script>" not in stage and "<b>" not in stage and "<i>" not in stage

"""`playbook-gen audit`: the freshness audit (rows from `audit.py`) on the command line.

Output: text grouped by owner, the JSON list of rows, or GitHub workflow commands;
`--report FILE` also writes a Code Climate report for GitLab. Exit 0 — with `--strict`,
1 when anything is overdue or ownerless, so a team can gate CI on it. A playbook with
errors cannot be audited: its diagnostics are reported as `validate` would, exit 1.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from playbook_gen.ci_reports import workflow_commands, write_codeclimate
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, UsageError
from playbook_gen.read.config import SiteConfig
from playbook_gen.report import Reporter
from playbook_gen.resolve.audit import audit, failing, summary, text_lines
from playbook_gen.resolve.load import load_playbook

AuditForm = Literal["text", "json", "github"]


@dataclass(frozen=True)
class AuditOptions:
    form: AuditForm = "text"
    strict: bool = False
    today: datetime.date | None = None
    """The date reviews are due against; `None`: today."""
    report: Path | None = None
    """Where to write a Code Climate report, if anywhere."""


def parse_today(text: str) -> datetime.date:
    """`--today YYYY-MM-DD`; anything else is a usage error (exit 2)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise UsageError(f"--today must be a date written YYYY-MM-DD, not '{text}'")


def audit_command(
    config: SiteConfig, options: AuditOptions, log: DiagnosticLog, reporter: Reporter
) -> int:
    """Run the audit on the playbook of `config`; the exit status."""
    checked = load_playbook(config.content_dir, log, config, today=options.today)
    if checked is None:
        reporter.diagnostics(log, options.form)
        if options.report is not None:
            write_codeclimate(options.report, log)
        reporter.note("the playbook has errors, so it was not audited")
        return EXIT_ERRORS
    rows = audit(checked)
    if options.report is not None:
        write_codeclimate(options.report, [row.diagnostic() for row in rows])
    if options.form == "json":
        reporter.json([row.to_json() for row in rows])
    elif options.form == "github":
        for line in workflow_commands(row.diagnostic() for row in rows):
            reporter.result(line)
        reporter.result(summary(rows, checked.today))
    else:
        for line in text_lines(rows, checked.today):
            reporter.result(line)
    return EXIT_ERRORS if options.strict and failing(rows) else EXIT_OK

"""The one place every command's output is written, so all of them read alike.

`playbook-gen validate`, `build`, `serve`, `score`, `init` and the MkDocs plugin report
through a `Reporter`: diagnostics (one per line and the summary line, or one JSON list)
and results go to `out`, messages about the run (`playbook-gen: error: …`) to `err`.
The plugin passes MkDocs' logger as the sinks. Exit statuses are not decided here but in
`errors.py`; `failed()` only hands back the one a `PlaybookError` carries.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, Literal

from playbook_gen.ci_reports import workflow_commands
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import PlaybookError
from playbook_gen.messages import localize, say, summary

PROG = "playbook-gen"
Form = Literal["text", "json", "github"]
"""`github`: GitHub Actions workflow commands, which become annotations (`ci_reports`)."""
Sink = Callable[[str], None]
"""Takes one message (a line, or a JSON document) without its final newline."""


def _stdout(text: str) -> None:
    # sys.stdout looked up at each call: tests and `serve` may have replaced it
    print(text, file=sys.stdout)


def _stderr(text: str) -> None:
    print(text, file=sys.stderr)


class Reporter:
    """Writes results and diagnostics to `out`, messages about the run to `err`."""

    def __init__(self, out: Sink = _stdout, err: Sink = _stderr, language: str = "en") -> None:
        self.out = out
        self.err = err
        self.language = language
        """The playbook's language: diagnostics and the summary are written in it."""

    def diagnostics(self, log: DiagnosticLog, form: Form = "text") -> None:
        """Every diagnostic and the summary line, or the `--format json` list; with
        `github` each diagnostic as a workflow command, then the summary line."""
        if form == "json":
            self.json([localize(d, self.language).to_dict() for d in log])
            return
        if form == "github":
            local = [localize(d, self.language) for d in log]
            for line in [*workflow_commands(local), self._summary(log)]:
                self.out(line)
            return
        for line in diagnostic_lines(log, self.language):
            self.out(line)

    def result(self, text: str) -> None:
        """What the command was asked for (a score, next steps, `Built …`)."""
        self.out(text)

    def json(self, document: Any) -> None:
        """A JSON document, as every `--format json` writes it."""
        self.out(json.dumps(document, ensure_ascii=False, indent=2))

    def _summary(self, log: DiagnosticLog) -> str:
        return summary(log.errors, log.warnings, log.summary(), self.language)

    def note(self, message: str) -> None:
        """`playbook-gen: message`: what happened to the run, e.g. that nothing was built."""
        self.err(f"{PROG}: {message}")

    def error(self, message: str) -> None:
        """`playbook-gen: error: message`, the message in the playbook's language (the
        prefix stays: tools match it)."""
        self.err(f"{PROG}: error: {say(message, self.language)}")

    def failed(self, exc: PlaybookError) -> int:
        """Report a `PlaybookError` (and its details); its exit status."""
        self.error(str(exc))
        for line in exc.details:
            self.err(say(line, self.language))
        return exc.exit_code


def diagnostic_lines(log: DiagnosticLog, language: str = "en") -> list[str]:
    """The text report: each diagnostic on its line, then `N errors, M warnings`, in the
    playbook's `language` (codes unchanged)."""
    lines = [localize(d, language).format() for d in log]
    return [*lines, summary(log.errors, log.warnings, log.summary(), language)]

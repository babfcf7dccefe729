"""Diagnostics in the forms CI servers read natively, so a merge request shows each
problem at its line.

- GitLab reads a **Code Climate** JSON report (`artifacts:reports:codequality`) and shows
  it in the merge-request widget and the diff; it reads JUnit XML too, but only as test
  results without a place in a file, so Code Climate is the one that points at lines.
  `validate --report FILE` / `audit --report FILE` write it beside the normal output.
- GitHub Actions reads no report file: it turns **workflow commands** printed to stdout
  (`::error file=…,line=…,col=…::message`) into annotations on the diff. That is
  `--format github`.

Both take the same `Diagnostic`s that `validate` prints (the audit's rows become
`review.*` warnings), so the places are the ones of `path:line:column`.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from playbook_gen.diagnostics import Diagnostic
from playbook_gen.errors import PlaybookError

CODECLIMATE_SEVERITY = {"error": "major", "warning": "minor"}


def repo_path(path: str) -> str:
    """`path` relative to the working directory when it lies inside it (CI servers match
    report paths against the repository root, where the job runs), else unchanged."""
    if not os.path.isabs(path):
        return Path(path).as_posix()
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def _fingerprint(diagnostic: Diagnostic) -> str:
    """Stable across runs and line shifts, so GitLab tells new problems from old ones:
    the file, the code, the field and the message, not the line."""
    key = "\0".join(
        (repo_path(diagnostic.path), diagnostic.code, diagnostic.field, diagnostic.message)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def codeclimate(diagnostics: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    """The Code Climate issues GitLab's code-quality report reads (its required subset:
    description, check_name, fingerprint, severity, location.path, location.lines.begin)."""
    issues = []
    for d in diagnostics:
        where = f"{d.field}: " if d.field else ""
        issues.append(
            {
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.severity}[{d.code}]: {where}{d.message}",
                "categories": ["Bug Risk"] if d.severity == "error" else ["Style"],
                "severity": CODECLIMATE_SEVERITY[d.severity],
                "fingerprint": _fingerprint(d),
                "location": {"path": repo_path(d.path), "lines": {"begin": d.line}},
            }
        )
    return issues


def write_codeclimate(path: Path, diagnostics: Iterable[Diagnostic]) -> None:
    """Write the Code Climate report to `path` (an empty list when all is well, which
    GitLab reads as "no problems")."""
    text = json.dumps(codeclimate(diagnostics), ensure_ascii=False, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PlaybookError(f"cannot write the report '{path}': {exc.strerror or exc}") from None


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(diagnostic: Diagnostic) -> str:
    """`::error file=content/process.yml,line=14,col=5,title=schema.missing::message`."""
    d = diagnostic
    where = f"{d.field}: " if d.field else ""
    properties = ",".join(
        f"{name}={_property(str(value))}"
        for name, value in (
            ("file", repo_path(d.path)),
            ("line", d.line),
            ("col", d.column),
            ("title", d.code),
        )
    )
    return f"::{d.severity} {properties}::{_data(where + d.message)}"


def workflow_commands(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """One workflow command per diagnostic, for `--format github`."""
    return [workflow_command(d) for d in diagnostics]

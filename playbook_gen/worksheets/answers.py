"""A filled-in worksheet as a file: question id → answer, in YAML or JSON (JSON is YAML).

Read through `sources` like content, so a bad answer is reported at its own
`path:line:column` with the same diagnostics as `validate`; every problem in the file is
reported in one run. Unanswered questions are simply left out; an empty value (`q:`) is
an error rather than a silent skip, since it usually means an answer was forgotten.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read.config import Limits
from playbook_gen.read.source_file import SourceFile
from playbook_gen.read.sources import read_source
from playbook_gen.worksheets.scoring import Answers, Rubric


def read_answers(path: Path, rubric: Rubric, log: DiagnosticLog, limits: Limits) -> Answers | None:
    """The answers in the file at `path` (as the user typed it), or `None` when anything
    in it is wrong; every problem goes to `log`."""
    errors_before = log.errors
    folder = path.parent
    source = read_source(folder, path.name, "" if folder == Path() else str(folder), log, limits)
    if source is None:
        return None
    answers = check_answers(source, rubric, log)
    return answers if log.errors == errors_before else None


def check_answers(source: SourceFile, rubric: Rubric, log: DiagnosticLog) -> Answers:
    """The valid answers of a parsed file; each invalid one is logged at its position."""
    if not isinstance(source.data, dict):
        log.error(
            source,
            (),
            "answers.type",
            f"must be a mapping of question id to answer, not {_kind(source.data)}",
        )
        return {}
    known = rubric.question_ids()
    low, high = rubric.scale_min, rubric.scale_max
    answers: dict[str, int] = {}
    for key, value in source.data.items():
        loc = (key,)
        if not isinstance(key, str) or key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            log.error(
                source,
                loc,
                "answers.unknown",
                f"no question '{key}' in worksheet '{rubric.id}'{hint}",
                key=True,
            )
        elif value is None:
            log.error(
                source,
                loc,
                "answers.missing",
                f"no answer given; write a whole number from {low} to {high}, "
                "or leave the question out",
                key=True,
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            log.error(
                source,
                loc,
                "answers.type",
                f"answer must be a whole number from {low} to {high}, not {_kind(value)}",
            )
        elif not low <= value <= high:
            log.error(
                source,
                loc,
                "answers.range",
                f"answer {value} is off the scale; it must be from {low} to {high}",
            )
        else:
            answers[key] = value
    return answers


def _kind(value: object) -> str:
    """How a wrong value is named in a message: `'yes'`, `2.5`, `a list`."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__

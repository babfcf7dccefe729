"""`playbook-gen score WORKSHEET_ID ANSWERS [--format text|json]`: glue only.

Loads the playbook, finds the worksheet, reads the answers (`answers.py`) and scores them
with `scoring.py`, the arithmetic the worksheet page runs too (as `scoring.js`). JSON
carries the exact float scores, `{worksheet, score, band, sections: {id: score},
knockouts: [question ids]}` (`null` where nothing is answered); text shows them as the
page does (`format_score`) and names the knockouts that fired by their question.
Problems are reported like `validate` reports them (in JSON with `--format json`), with
exit status 1.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, PlaybookError
from playbook_gen.i18n import Labels
from playbook_gen.read.config import SiteConfig
from playbook_gen.read.models import Worksheet
from playbook_gen.report import Form, Reporter
from playbook_gen.resolve.load import CheckedPlaybook, load_playbook
from playbook_gen.resolve.playbook import Playbook
from playbook_gen.resolve.references import parse_ref
from playbook_gen.worksheets.answers import read_answers
from playbook_gen.worksheets.scoring import Result, format_score, rubric_of, score_answers


@dataclass(frozen=True)
class ScoreOptions:
    """`playbook-gen score WORKSHEET_ID ANSWERS [--format text|json]`."""

    worksheet: str
    answers: Path
    format: Form = "text"
    list_only: bool = False
    """`score --list`: the worksheets' ids and titles, nothing scored."""


def score_command(
    config: SiteConfig, options: ScoreOptions, log: DiagnosticLog, reporter: Reporter
) -> int:
    """Score the answers. The playbook's warnings are `validate`'s business, so the
    diagnostics are reported only when scoring cannot go on."""
    checked = load_playbook(config.content_dir, log, config)
    if checked is None:
        reporter.diagnostics(log, options.format)
        return EXIT_ERRORS
    if options.list_only:
        sheets = [loaded.model for loaded in checked.playbook.worksheets]
        if options.format == "json":
            reporter.json([{"id": sheet.id, "title": sheet.title} for sheet in sheets])
        else:
            reporter.result("\n".join(f"{sheet.id}\t{sheet.title}" for sheet in sheets))
        return EXIT_OK
    worksheet = find_worksheet(checked.playbook, options.worksheet)
    rubric = rubric_of(worksheet)
    answers_log = DiagnosticLog()  # the answers' problems, not the playbook's warnings
    answers = read_answers(options.answers, rubric, answers_log, config.limits)
    if answers is None:
        reporter.diagnostics(answers_log, options.format)
        return EXIT_ERRORS
    result = score_answers(rubric, answers)
    if options.format == "json":
        reporter.json(result.to_data())
    else:
        reporter.result(render_text(worksheet, result, checked))
    return EXIT_OK


def find_worksheet(playbook: Playbook, ident: str) -> Worksheet:
    """The worksheet with id `ident`; otherwise an error naming the closest or all ids."""
    sheets = {loaded.model.id: loaded.model for loaded in playbook.worksheets}
    if ident in sheets:
        return sheets[ident]
    close = difflib.get_close_matches(ident, list(sheets), n=1, cutoff=0.6)
    if close:
        hint = f"; did you mean '{close[0]}'?"
    elif sheets:
        hint = f"; the worksheets are: {', '.join(sorted(sheets))}"
    else:
        hint = "; this playbook has no diagnostics/*.yml"
    raise PlaybookError(f"no worksheet '{ident}'{hint}")


def render_text(worksheet: Worksheet, result: Result, checked: CheckedPlaybook) -> str:
    """The result for people, in the playbook's language: total and band, each section,
    and the titles of what to read for the weakest sections."""
    t = Labels(checked.playbook.language)
    band = f" — {result.band.label}" if result.band else ""
    answered = "" if result.score is not None else f" {t('score_nothing_answered')}"
    lines = [f"{worksheet.title} ({worksheet.id}): {_percent(result.score)}{band}{answered}"]
    for section in worksheet.sections:
        lines.append(f"  {section.title} ({section.id}): {_percent(result.sections[section.id])}")
    if result.knockouts:
        lines.append(t("score_knockouts"))
        texts = {q.id: q.text for section in worksheet.sections for q in section.questions}
        lines.extend(f"  {texts[ident]} ({ident})" for ident in result.knockouts)
    sections = {section.id: section for section in worksheet.sections}
    if result.weakest:
        lines.append(t("score_weakest_and_reading"))
    for ident in result.weakest:
        refs = dict.fromkeys(ref for q in sections[ident].questions for ref in q.see)
        titles = [_title(checked, ref) for ref in refs]
        read = f": {', '.join(titles)}" if titles else ""
        lines.append(f"  {sections[ident].title}{read}")
    return "\n".join(lines)


def _title(checked: CheckedPlaybook, ref: str) -> str:
    """What a reference is called on the site (the playbook is valid, so it resolves):
    an area by its page's title in the site map, an entity by the checked index."""
    parsed = parse_ref(ref)
    page = checked.site.page(parsed.id) if parsed.kind == "area" else None
    if page is not None:
        return page.title
    target = checked.index.resolve(parsed)
    return target.title if target else ref


def _percent(score: float | None) -> str:
    return f"{format_score(score)} %" if score is not None else format_score(score)

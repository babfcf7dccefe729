"""The diagnostic line format and the log that collects diagnostics."""

from __future__ import annotations

import pytest

from playbook_gen.diagnostics import Diagnostic, DiagnosticLog
from playbook_gen.read.source_file import SourceFile, Span


def test_format_with_and_without_a_field() -> None:
    with_field = Diagnostic(
        "content/process.yml", 14, 5, "error", "schema.missing", "stages.2", "m"
    )
    assert with_field.format() == "content/process.yml:14:5: error[schema.missing]: stages.2: m"
    without = Diagnostic("content/tools.yml", 1, 1, "warning", "file.unknown", "", "m")
    assert without.format() == "content/tools.yml:1:1: warning[file.unknown]: m"


def test_log_sorts_by_path_line_and_column_and_keeps_found_order_within() -> None:
    log = DiagnosticLog()
    for path, line, column, code in [
        ("b.yml", 1, 1, "x.first"),
        ("a.yml", 9, 1, "x.second"),
        ("a.yml", 2, 7, "x.third"),
        ("a.yml", 2, 7, "x.fourth"),
        ("a.yml", 10, 1, "x.fifth"),
    ]:
        log.add(Diagnostic(path, line, column, "error", code, "", "m"))
    assert log.codes() == ["x.third", "x.fourth", "x.second", "x.fifth", "x.first"]


def test_an_identical_diagnostic_counts_once() -> None:
    log = DiagnosticLog()
    diagnostic = Diagnostic("a.yml", 1, 1, "error", "x.y", "", "m")
    log.add(diagnostic)
    log.add(diagnostic)
    assert len(log) == 1 and log.errors == 1


def test_strict_mode_counts_warnings_as_failures() -> None:
    log = DiagnosticLog()
    assert not log.failed() and not log.failed(strict=True)
    log.add(Diagnostic("a.yml", 1, 1, "warning", "review.stale", "", "m"))
    assert not log.failed()
    assert log.failed(strict=True)
    log.add(Diagnostic("a.yml", 2, 1, "error", "ref.unknown", "", "m"))
    assert log.failed()
    assert log.summary() == "1 error, 1 warning"


def test_summary_plurals() -> None:
    log = DiagnosticLog()
    assert log.summary() == "0 errors, 0 warnings"
    for line in (1, 2):
        log.add(Diagnostic("a.yml", line, 1, "error", "x.y", "", "m"))
    assert log.summary() == "2 errors, 0 warnings"


def test_error_and_warning_look_up_the_position_in_the_source() -> None:
    source = SourceFile(
        "content/tools.yml",
        "tools.yml",
        {"tools": [{"id": "crm"}]},
        spans={("tools", 0, "id"): Span(2, 9, 15, 18)},
        key_spans={("tools", 0, "id"): Span(2, 5, 11, 13)},
    )
    log = DiagnosticLog()
    log.error(source, ("tools", 0, "id"), "id.duplicate", "value")
    log.warning(source, ("tools", 0, "id"), "id.filename", "key", key=True)
    log.error(source, ("tools", 0, "title"), "schema.missing", "nearest ancestor")
    assert log.lines() == [
        "content/tools.yml:1:1: error[schema.missing]: tools.0.title: nearest ancestor",
        "content/tools.yml:2:5: warning[id.filename]: tools.0.id: key",
        "content/tools.yml:2:9: error[id.duplicate]: tools.0.id: value",
    ]


def test_json_has_every_field() -> None:
    log = DiagnosticLog()
    log.add(Diagnostic("a.yml", 3, 4, "warning", "unused.skill", "id", "m"))
    assert log.to_json() == [
        {
            "path": "a.yml",
            "line": 3,
            "column": 4,
            "severity": "warning",
            "code": "unused.skill",
            "field": "id",
            "message": "m",
        }
    ]


def test_a_warning_code_must_be_declared_so_it_can_be_suppressed() -> None:
    with pytest.raises(ValueError, match=r"undeclared warning code 'review\.stael'"):
        DiagnosticLog().add(Diagnostic("a.yml", 1, 1, "warning", "review.stael", "", "m"))


def test_suppressed_warnings_are_dropped_but_errors_never() -> None:
    log = DiagnosticLog()
    log.suppress(("review.*", "unused.skill", "id"))
    for code in ("review.stale", "unused.skill", "id.filename", "file.unknown"):
        log.add(Diagnostic("a.yml", 1, 1, "warning", code, "", "m"))
    log.add(Diagnostic("a.yml", 1, 1, "error", "id.duplicate", "", "m"))
    assert log.codes() == ["file.unknown", "id.duplicate"]
    assert (log.errors, log.warnings) == (1, 1)

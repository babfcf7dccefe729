"""The freshness audit: `playbook-gen audit` rows, text by owner, `--strict`, `--today`,
the review page and the overdue notice, and the CI report formats of validate and audit."""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from pathlib import Path

import pytest

from playbook_gen.cli import main
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.render import render_site

TODAY = "2026-06-01"

FILES = {
    "playbook.yml": """\
        name: Audit test
        review_every_days: 30
        """,
    "tools.yml": """\
        tools:
          - id: fresh
            title: Fresh tool
            owner: Ann
            last_reviewed: 2026-05-20
          - id: stale
            title: Stale tool
            owner: Bob
            last_reviewed: 2026-01-01
          - id: unseen
            title: Unseen tool
            owner: Ann
          - id: orphan
            title: Orphan tool
            last_reviewed: 2026-05-25
        """,
    "objections.yml": """\
        objections:
          - id: too-pricey
            title: It costs too much
            owner: Bob
            last_reviewed: 2026-05-30
            response: Show the payback.
        """,
    "skills/listening.yml": """\
        id: listening
        title: Listening
        """,
    "glossary.yml": """\
        terms:
          - term: ARR
            definition: Annual recurring revenue.
        """,
}
"""Tools: one up to date, one overdue, one never reviewed, one ownerless; an up-to-date
objection (a deal-execution kind); a skill both never reviewed and ownerless (two rows);
a glossary term without an id (not an entity)."""

ROWS = [
    {
        "kind": "skill",
        "id": "listening",
        "title": "Listening",
        "owner": None,
        "last_reviewed": None,
        "due": None,
        "status": "never",
        "path": "content/skills/listening.yml",
        "line": 1,
    },
    {
        "kind": "skill",
        "id": "listening",
        "title": "Listening",
        "owner": None,
        "last_reviewed": None,
        "due": None,
        "status": "ownerless",
        "path": "content/skills/listening.yml",
        "line": 1,
    },
    {
        "kind": "tool",
        "id": "stale",
        "title": "Stale tool",
        "owner": "Bob",
        "last_reviewed": "2026-01-01",
        "due": "2026-01-31",
        "status": "overdue",
        "path": "content/tools.yml",
        "line": 6,
    },
    {
        "kind": "tool",
        "id": "unseen",
        "title": "Unseen tool",
        "owner": "Ann",
        "last_reviewed": None,
        "due": None,
        "status": "never",
        "path": "content/tools.yml",
        "line": 10,
    },
    {
        "kind": "tool",
        "id": "orphan",
        "title": "Orphan tool",
        "owner": None,
        "last_reviewed": "2026-05-25",
        "due": "2026-06-24",
        "status": "ownerless",
        "path": "content/tools.yml",
        "line": 13,
    },
]


def _write(root: Path, files: dict[str, str] = FILES) -> Path:
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_lists_each_problem_once_per_status(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root)
    status, out, _ = _run(capsys, "audit", "--format", "json", "--today", TODAY)
    assert status == 0
    assert json.loads(out) == ROWS


def test_an_entity_is_overdue_only_after_its_due_date(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root)
    _, out, _ = _run(capsys, "audit", "--format", "json", "--today", "2026-01-31")
    assert "overdue" not in [row["status"] for row in json.loads(out)]
    _, out, _ = _run(capsys, "audit", "--format", "json", "--today", "2026-02-01")
    assert [row["id"] for row in json.loads(out) if row["status"] == "overdue"] == ["stale"]


def test_text_gives_each_owner_one_list_the_ownerless_last(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root)
    status, out, _ = _run(capsys, "audit", "--today", TODAY)
    assert status == 0
    assert out.splitlines() == [
        "Ann: 1",
        '  content/tools.yml:10: tool:unseen "Unseen tool": never reviewed; '
        "set last_reviewed when it is",
        "Bob: 1",
        '  content/tools.yml:6: tool:stale "Stale tool": review overdue since 2026-01-31 '
        "(last reviewed 2026-01-01)",
        "(no owner): 3",
        '  content/skills/listening.yml:1: skill:listening "Listening": never reviewed; '
        "set last_reviewed when it is",
        '  content/skills/listening.yml:1: skill:listening "Listening": no owner; '
        "set owner on it or in playbook.yml",
        '  content/tools.yml:13: tool:orphan "Orphan tool": no owner; '
        "set owner on it or in playbook.yml",
        "1 overdue, 2 never reviewed, 2 without an owner as of 2026-06-01",
    ]


def test_the_playbook_owner_is_the_fallback(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {**FILES, "playbook.yml": "name: Audit test\nowner: Enablement\n"}
    _write(root, files)
    _, out, _ = _run(capsys, "audit", "--format", "json", "--today", TODAY)
    rows = json.loads(out)
    assert "ownerless" not in [row["status"] for row in rows]
    assert {row["owner"] for row in rows if row["id"] in ("orphan", "listening")} == {"Enablement"}


def test_strict_fails_on_overdue_or_ownerless_only(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _write(root)
    assert _run(capsys, "audit", "--strict", "--today", TODAY)[0] == 1
    # Only `never` left: reported, not failed.
    (content / "tools.yml").write_text(
        "tools:\n  - id: unseen\n    title: Unseen\n    owner: Ann\n", encoding="utf-8"
    )
    (content / "skills/listening.yml").unlink()
    status, out, _ = _run(capsys, "audit", "--strict", "--today", TODAY)
    assert status == 0 and "never reviewed" in out
    (content / "tools.yml").write_text(
        "tools:\n  - id: old\n    title: Old\n    owner: Ann\n    last_reviewed: 2020-01-01\n",
        encoding="utf-8",
    )
    assert _run(capsys, "audit", "--today", TODAY)[0] == 0
    assert _run(capsys, "audit", "--strict", "--today", TODAY)[0] == 1


@pytest.mark.parametrize("today", ["2026-13-01", "June 1", "2026-6-1", ""])
def test_a_bad_today_is_a_usage_error_on_one_line(
    root: Path, capsys: pytest.CaptureFixture[str], today: str
) -> None:
    _write(root)
    status, out, err = _run(capsys, "audit", "--today", today)
    assert status == 2 and out == ""
    assert err == f"playbook-gen: error: --today must be a date written YYYY-MM-DD, not '{today}'\n"


def test_a_playbook_with_errors_is_reported_not_audited(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root, {**FILES, "tools.yml": "tools:\n  - id: x\n"})
    status, out, err = _run(capsys, "audit", "--today", TODAY)
    assert status == 1
    assert "content/tools.yml:2:5: error[schema.missing]" in out
    assert "not audited" in err


# ---------------------------------------------------------------- the site


def _pages(content: Path) -> dict[str, str]:
    log = DiagnosticLog()
    checked = load_playbook(content, log, today=datetime.date.fromisoformat(TODAY))
    assert checked is not None, log.lines()
    return dict(render_site(checked))


def test_the_review_page_lists_the_rows_by_owner_with_links(root: Path) -> None:
    page = _pages(_write(root))["review.md"]
    assert "As of 2026-06-01" in page
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == ["Ann", "Bob", "No owner"]
    sections = dict(zip(headings, re.split(r"^## .+$", page, flags=re.MULTILINE)[1:], strict=True))
    assert '<a href="../tools/#tool-unseen">Unseen tool</a>' in sections["Ann"]
    assert '<a href="../tools/#tool-stale">Stale tool</a>' in sections["Bob"]
    assert "Review overdue" in sections["Bob"] and "2026-01-31" in sections["Bob"]
    owners = sections["No owner"]
    assert '<a href="../skills/listening/">Listening</a>' in owners
    assert '<a href="../tools/#tool-orphan">Orphan tool</a>' in owners
    assert "fresh" not in page and "too-pricey" not in page


def test_the_review_page_says_when_all_is_well(root: Path) -> None:
    files = {
        "playbook.yml": "name: Fine\nowner: Ann\n",
        "tools.yml": "tools:\n  - id: t\n    title: T\n    last_reviewed: 2026-05-01\n",
    }
    page = _pages(_write(root, files))["review.md"]
    assert "## " not in page and "Every entry has an owner" in page


def _section(page: str, anchor: str) -> str:
    start = page.index(f"{{ #{anchor} }}")
    end = page.find("\n## ", start)
    return page[start : end if end != -1 else None]


def test_an_overdue_entity_shows_the_notice_and_a_fresh_one_does_not(root: Path) -> None:
    tools = _pages(_write(root))["tools.md"]
    stale, fresh = _section(tools, "tool-stale"), _section(tools, "tool-fresh")
    assert "pb-review-overdue" in stale and "Review overdue" in stale
    assert "2026-01-31" in stale and "Bob" in stale
    assert "pb-review-overdue" not in fresh
    # Owner and review dates on the page itself.
    assert "Ann" in fresh and "2026-05-20" in fresh and "2026-06-19" in fresh


def test_zh_has_the_review_labels(root: Path) -> None:
    files = {**FILES, "playbook.yml": "name: 审阅\nlanguage: zh\nreview_every_days: 30\n"}
    pages = _pages(_write(root, files))
    assert "审阅状态" in pages["review.md"] and "无负责人" in pages["review.md"]
    assert "审阅逾期" in _section(pages["tools.md"], "tool-stale")


# ---------------------------------------------------------------- CI report formats


def test_validate_writes_a_code_climate_report(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root, {"playbook.yml": "name: Broken\n", "tools.yml": "tools:\n  - id: x\n"})
    status, out, _ = _run(capsys, "validate", "--report", "gl-code-quality.json")
    assert status == 1 and "error[schema.missing]" in out  # the text report stays
    issues = json.loads((root / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert len(issues) == 1
    issue = issues[0]
    assert issue["check_name"] == "schema.missing" and issue["severity"] == "major"
    assert issue["location"] == {"path": "content/tools.yml", "lines": {"begin": 2}}
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert "tools.0" in issue["description"]


def test_an_audit_report_has_one_stable_fingerprint_per_row(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root)
    _run(capsys, "audit", "--today", TODAY, "--report", "audit.json")
    issues = json.loads((root / "audit.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("review.never", 1),
        ("review.ownerless", 1),
        ("review.overdue", 6),
        ("review.never", 10),
        ("review.ownerless", 13),
    ]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    _run(capsys, "audit", "--today", TODAY, "--report", "again.json")
    again = json.loads((root / "again.json").read_text(encoding="utf-8"))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_a_clean_playbook_writes_an_empty_report(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root, {"playbook.yml": "name: Fine\n"})
    assert _run(capsys, "validate", "--report", "r.json")[0] == 0
    assert json.loads((root / "r.json").read_text(encoding="utf-8")) == []


def test_an_unwritable_report_is_one_error_line(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root, {"playbook.yml": "name: Fine\n"})
    status, _, err = _run(capsys, "validate", "--report", "no/such/folder/r.json")
    assert status == 1
    assert err.startswith("playbook-gen: error: cannot write the report 'no/such/folder/r.json'")
    assert len(err.splitlines()) == 1


WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning) file=([^,:]+),line=(\d+),col=(\d+),title=([\w.-]+)::(.+)$"
)


def test_validate_prints_github_workflow_commands(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tools = "tools:\n  - id: x\n    title: 'a, b: %c'\n    y: 1\n"
    _write(root, {"playbook.yml": "name: Broken\n", "tools.yml": tools})
    status, out, _ = _run(capsys, "validate", "--format", "github")
    lines = out.splitlines()
    assert status == 1 and lines[-1] == "1 error, 0 warnings"
    match = WORKFLOW_COMMAND.match(lines[0])
    assert match is not None, lines[0]
    assert match.groups()[:5] == ("error", "content/tools.yml", "4", "5", "schema.unknown")


def test_workflow_commands_escape_what_github_would_parse() -> None:
    from playbook_gen.ci_reports import workflow_command
    from playbook_gen.diagnostics import Diagnostic

    d = Diagnostic("a,b:c.yml", 3, 2, "warning", "x.y", "f", "100% sure\nnext")
    assert workflow_command(d) == (
        "::warning file=a%2Cb%3Ac.yml,line=3,col=2,title=x.y::f: 100%25 sure%0Anext"
    )


def test_audit_prints_github_workflow_commands(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(root)
    status, out, _ = _run(capsys, "audit", "--format", "github", "--today", TODAY)
    lines = out.splitlines()
    assert status == 0
    matches = [WORKFLOW_COMMAND.match(line) for line in lines[:-1]]
    assert all(matches), lines
    assert [(m.group(2), m.group(3), m.group(5)) for m in matches if m] == [
        ("content/skills/listening.yml", "1", "review.never"),
        ("content/skills/listening.yml", "1", "review.ownerless"),
        ("content/tools.yml", "6", "review.overdue"),
        ("content/tools.yml", "10", "review.never"),
        ("content/tools.yml", "13", "review.ownerless"),
    ]
    assert lines[-1].endswith("as of 2026-06-01")


# ---------------------------------------------------------------- the CI files a team copies

CI_DIR = Path(__file__).resolve().parent.parent / "docs" / "ci"


@pytest.mark.parametrize("name", ["gitlab-ci.yml", "github-actions.yml"])
def test_the_ci_files_run_validate_audit_and_build_with_real_options(name: str) -> None:
    import shlex

    import yaml

    from playbook_gen.cli import build_parser

    document = yaml.safe_load((CI_DIR / name).read_text(encoding="utf-8"))
    text = json.dumps(document)
    commands = re.findall(r"playbook-gen [^\"\\]+", text)
    assert [c.split()[1] for c in commands] == ["validate", "audit", "build"]
    assert "--strict" in commands[0]
    for command in commands:  # every option is one the command line accepts
        args = build_parser().parse_args(shlex.split(command)[1:])
        assert args.command in ("validate", "audit", "build")
    assert ("codequality" in text) == (name == "gitlab-ci.yml")
    assert ("upload-artifact" in text) == (name == "github-actions.yml")

"""`playbook-gen score`: text and JSON output, and every bad answer at its exact
`path:line:column`, against the Northwind fixture's `deal-health` worksheet (scale 1–5,
weights 2, 1.5, 1, 0.5; bands 0–40, 40–75, 75–100)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from playbook_gen.cli import main

NORTHWIND = Path(__file__).parent / "fixtures" / "playbooks" / "northwind"
KNOCKOUT = Path(__file__).parent / "fixtures" / "playbooks" / "knockout"


def score(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["score", *args, "-c", str(NORTHWIND)])
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


ALL_ANSWERED = "cost-agreed: 4\nsuccess-criteria: 2\neconomic-buyer-met: 3\nnext-step-dated: 5\n"


def test_json_has_exact_scores_in_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.yml", ALL_ANSWERED)
    status, out, err = score(capsys, "deal-health", str(answers), "--format", "json")
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "worksheet": "deal-health",
        "score": 57.5,
        "band": "Needs work",
        "sections": {"pain": 100 * 7.5 / 14, "access": 100 * 4 / 6},
        "knockouts": [],
    }


def test_text_shows_scores_as_the_page_does_and_what_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.yml", ALL_ANSWERED)
    status, out, err = score(capsys, "deal-health", str(answers))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Deal health check (deal-health): 57.5 % — Needs work",
        "  Pain and value (pain): 53.5 %",
        "  Access and plan (access): 66.6 %",
        "Weakest sections, and what to read:",
        "  Pain and value: Discover, Recognize the need, ROI calculator, Discovery questions, "
        "Win rate",
        "  Access and plan: Raise the win rate, Replace the spreadsheet, Qualify",
    ]


def test_json_answers_and_partial_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.json", '{"cost-agreed": 5, "next-step-dated": 1}')
    status, out, _ = score(capsys, "deal-health", str(answers), "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "worksheet": "deal-health",
        "score": 100 * 8 / 10,
        "band": "Healthy",
        "sections": {"pain": 100.0, "access": 0.0},
        "knockouts": [],
    }


def test_nothing_answered_has_no_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path, "a.json", "{}")
    status, out, _ = score(capsys, "deal-health", str(answers), "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "worksheet": "deal-health",
        "score": None,
        "band": None,
        "sections": {"pain": None, "access": None},
        "knockouts": [],
    }
    status, out, _ = score(capsys, "deal-health", str(answers))
    assert out.splitlines()[0] == "Deal health check (deal-health): — (nothing answered)"


def test_every_bad_answer_at_its_place_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        "bad.yml",
        "cost-agred: 4\n"
        "success-criteria: 9\n"
        "economic-buyer-met: yes\n"
        "next-step-dated: 2.5\n"
        "pain: 0\n",
    )
    monkeypatch.chdir(tmp_path)
    status, out, err = score(capsys, "deal-health", "bad.yml")
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "bad.yml:1:1: error[answers.unknown]: cost-agred: no question 'cost-agred' in "
        "worksheet 'deal-health'; did you mean 'cost-agreed'?",
        "bad.yml:2:19: error[answers.range]: success-criteria: answer 9 is off the scale; "
        "it must be from 1 to 5",
        "bad.yml:3:21: error[answers.type]: economic-buyer-met: answer must be a whole "
        "number from 1 to 5, not 'yes'",
        "bad.yml:4:18: error[answers.type]: next-step-dated: answer must be a whole number "
        "from 1 to 5, not 2.5",
        "bad.yml:5:1: error[answers.unknown]: pain: no question 'pain' in worksheet 'deal-health'",
        "5 errors, 0 warnings",
    ]


def test_json_file_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.json", '{\n  "cost-agreed": 0,\n  "next-step-dated": true\n}\n')
    status, out, _ = score(capsys, "deal-health", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:2:18: error[answers.range]: cost-agreed: answer 0 is off the scale; "
        "it must be from 1 to 5",
        f"{path}:3:22: error[answers.type]: next-step-dated: answer must be a whole number "
        "from 1 to 5, not true",
        "2 errors, 0 warnings",
    ]


def test_an_empty_answer_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.yml", "cost-agreed: 3\nnext-step-dated:\n")
    status, out, _ = score(capsys, "deal-health", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:2:1: error[answers.missing]: next-step-dated: no answer given; write a "
        "whole number from 1 to 5, or leave the question out",
        "1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- cost-agreed\n- 3\n", "a list"), ("just text\n", "'just text'"), ("3\n", "int")],
)
def test_not_a_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, kind: str
) -> None:
    path = write(tmp_path, "a.yml", text)
    status, out, _ = score(capsys, "deal-health", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:1:1: error[answers.type]: must be a mapping of question id to answer, not {kind}",
        "1 error, 0 warnings",
    ]


def test_yaml_problems_come_from_the_content_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.yml", "cost-agreed: 3\ncost-agreed: 4\n")
    status, out, _ = score(capsys, "deal-health", str(path))
    assert status == 1
    assert out.splitlines() == [
        f"{path}:2:1: error[yaml.duplicate]: cost-agreed: duplicate key 'cost-agreed' "
        "(first at line 1); each key may appear once",
        "1 error, 0 warnings",
    ]
    status, out, _ = score(capsys, "deal-health", str(tmp_path / "missing.yml"))
    assert status == 1
    assert out.startswith(f"{tmp_path / 'missing.yml'}:1:1: error[file.unreadable]: ")


def test_unknown_worksheet_suggests_the_closest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "a.yml", "{}\n")
    status, out, err = score(capsys, "deal-helth", str(path))
    assert (status, out) == (1, "")
    assert err == "playbook-gen: error: no worksheet 'deal-helth'; did you mean 'deal-health'?\n"
    status, _, err = score(capsys, "zzz", str(path))
    assert err == (
        "playbook-gen: error: no worksheet 'zzz'; the worksheets are: deal-health, rep-readiness\n"
    )


def test_text_is_in_the_playbook_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bundled playbook is Chinese: labels and what to read are shown in Chinese."""
    bundled = str(Path(__file__).parent.parent / "content")
    answers = write(tmp_path, "a.json", '{"values-known": 1}')
    assert main(["score", "house-health", str(answers), "-c", bundled]) == 0
    out = capsys.readouterr().out
    heading, reading = out.splitlines()[-2:]
    assert heading == "最需要加强的部分，以及该读什么："
    assert reading.startswith("  地基：销售价值观: 销售价值观, 客户为什么买我们的东西？, ")
    empty = write(tmp_path, "b.json", "{}")
    assert main(["score", "house-health", str(empty), "-c", bundled]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "销售体系健康检查 (house-health): — （尚未作答）"


# The knockout fixture's `deal-review`: scale 1–5; access = economic-buyer (weight 2,
# knockout), champion (knockout); plan = next-step, budget, timeline; fit = pain, use-case.
JSON_IN_KO = ("--format", "json", "-c", str(KNOCKOUT))
NO_BUYER = (
    "economic-buyer: 1\nchampion: 5\nnext-step: 5\nbudget: 5\ntimeline: 5\npain: 5\nuse-case: 5\n"
)


@pytest.mark.slow
def test_json_names_the_knockouts_that_fired_and_forces_the_lowest_band(tmp_path: Path) -> None:
    """Through the real command line: everything perfect but no economic buyer scores
    (0 + 6·4) / (8·4) = 75 %, which is "Healthy" by score; the knockout makes it "At risk"."""
    answers = write(tmp_path, "a.yml", NO_BUYER)
    done = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "score", "deal-review", str(answers), *JSON_IN_KO],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout) == {
        "worksheet": "deal-review",
        "score": 75.0,
        "band": "At risk",
        "sections": {"access": 100 * 4 / 12, "plan": 100.0, "fit": 100.0},
        "knockouts": ["economic-buyer"],
    }


def test_text_names_the_knockouts_by_their_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.yml", NO_BUYER.replace("champion: 5", "champion: 1"))
    status = main(["score", "deal-review", str(answers), "-c", str(KNOCKOUT)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    # (0 + 0 + 5·4) / 32 = 62.5 %: "Needs work" by score, "At risk" by knockout
    assert out.splitlines()[:7] == [
        "Deal review (deal-review): 62.5 % — At risk",
        "  Access (access): 0.0 %",
        "  Plan (plan): 100.0 %",
        "  Fit (fit): 100.0 %",
        "Knockouts that fired (the band is the lowest, whatever the score):",
        "  We have met the economic buyer. (economic-buyer)",
        "  A champion sells for us when we are not in the room. (champion)",
    ]


def test_a_knockout_above_the_min_fires_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path, "a.yml", NO_BUYER.replace("economic-buyer: 1", "economic-buyer: 2"))
    status = main(["score", "deal-review", str(answers), "--format", "json", "-c", str(KNOCKOUT)])
    out, _ = capsys.readouterr()
    assert status == 0
    result = json.loads(out)
    # (2·1 + 6·4) / 32 = 81.25 %
    assert (result["score"], result["band"], result["knockouts"]) == (81.25, "Healthy", [])


def test_json_problems_are_the_validate_json_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One report format for every command: `--format json` reports problems as
    `validate --format json` does, on the same stream."""
    path = write(tmp_path, "a.yml", "cost-agreed: 0\n")
    status, out, err = score(capsys, "deal-health", str(path), "--format", "json")
    assert (status, err) == (1, "")
    assert json.loads(out) == [
        {
            "path": str(path),
            "line": 1,
            "column": 14,
            "severity": "error",
            "code": "answers.range",
            "field": "cost-agreed",
            "message": "answer 0 is off the scale; it must be from 1 to 5",
        }
    ]

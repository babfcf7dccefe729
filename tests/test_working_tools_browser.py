"""The working tools in a real Chromium: checklists, worksheets, onboarding paths.

Sites are built once per session with the real pipeline (`build_site`) and served over
HTTP on 127.0.0.1. Each test gets a fresh browser context (fresh localStorage) and fails
on any console or page error. Printing is checked on PDFs made by Chromium itself and
read back with pypdf.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from browser_support import (
    A4_POINTS,
    NORTHWIND,
    REPO,
    ConsoleErrors,
    Site,
    build,
    copy_playbook,
    load,
    pdf_info,
    pdf_text,
)

from playbook_gen.cli import main
from playbook_gen.publish.build import run_mkdocs
from playbook_gen.read.config import SiteConfig
from playbook_gen.site.project import write_project
from playbook_gen.worksheets.scoring import Rubric, format_score, score_answers

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CASES: list[dict[str, Any]] = json.loads(
    (REPO / "tests" / "scoring_cases.json").read_text(encoding="utf-8")
)




def stage_ids(site: Site) -> list[str]:
    assert site.playbook.process is not None
    return [stage.id for stage in site.playbook.process.model.stages]


def ticked(page: Any, scope: str) -> list[bool]:
    return page.eval_on_selector_all(
        f'{scope} input[type="checkbox"]', "els => els.map(e => e.checked)"
    )


# ---------------------------------------------------------------- scoring twin


def test_shared_scoring_table_runs_identically_in_the_page(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    results = page.evaluate(
        """cases => cases.map(c => {
            const s = window.PlaybookScoring;
            const r = s.scoreAnswers(c.rubric, c.answers);
            const shown = {};
            for (const id of Object.keys(r.sections)) shown[id] = s.formatScore(r.sections[id]);
            return {worksheet: r.worksheet, score: r.score, band: r.band ? r.band.label : null,
                    sections: r.sections, weakest: r.weakest, knockouts: r.knockouts,
                    display: {score: s.formatScore(r.score), sections: shown}};
        })""",
        CASES,
    )
    for case, got in zip(CASES, results, strict=True):
        assert got == case["expected"], case["name"]


def random_cases(count: int) -> list[dict[str, Any]]:
    """Worksheets with awkward weights and scales, and random partial answers."""
    rng = random.Random(20261126)
    cases = []
    for _ in range(count):
        low = rng.randint(-3, 3)
        high = low + rng.randint(1, 9)
        sections = [
            {
                "id": f"s{i}",
                "questions": [
                    {
                        "id": f"q{i}-{j}",
                        "weight": rng.choice([0.1, 0.2, 0.3, 0.7, 1, 1.5, 2.5, 3]),
                        "knockout": rng.random() < 0.2,
                    }
                    for j in range(rng.randint(1, 5))
                ],
            }
            for i in range(rng.randint(1, 4))
        ]
        cut = round(rng.uniform(1, 99), rng.choice([0, 1, 2]))
        bands = [{"min": 0, "max": cut, "label": "low"}, {"min": cut, "max": 100, "label": "high"}]
        answers = {
            q["id"]: rng.randint(low, high)
            for section in sections
            for q in section["questions"]
            if rng.random() < 0.7
        }
        rubric = {"id": "r", "scale": {"min": low, "max": high}, "sections": sections}
        cases.append({"rubric": {**rubric, "bands": bands}, "answers": answers})
    return cases


def test_random_worksheets_score_to_the_same_bit(page: Any, northwind: Site) -> None:
    cases = random_cases(500)
    page.goto(northwind.url + "diagnostics/deal-health/")
    results = page.evaluate(
        """cases => cases.map(c => {
            const s = window.PlaybookScoring;
            const r = s.scoreAnswers(c.rubric, c.answers);
            return [r.score, r.band ? r.band.label : null, r.sections, r.weakest,
                    s.formatScore(r.score), r.knockouts];
        })""",
        cases,
    )
    for case, (score, band, sections, weakest, shown, fired) in zip(cases, results, strict=True):
        expected = score_answers(Rubric.from_data(case["rubric"]), case["answers"])
        assert score == expected.score and sections == expected.sections, case
        assert band == (expected.band.label if expected.band else None), case
        assert weakest == expected.weakest and shown == format_score(expected.score), case
        assert fired == expected.knockouts, case
    assert any(len(r[5]) > 0 for r in results)  # knockouts did fire in some cases


# ---------------------------------------------------------------- checklists


def test_every_stage_has_a_checklist_of_real_checkboxes(page: Any, bundled: Site) -> None:
    assert bundled.playbook.process is not None
    for stage in bundled.playbook.process.model.stages:
        page.goto(bundled.url + f"checklists/{stage.id}/")
        scope = f'[data-checklist="{stage.id}"]'
        items = len(stage.entry_criteria) + len(stage.exit_criteria)
        items += len(stage.key_behaviors) + len(stage.tasks)
        assert len(ticked(page, scope)) == items
        assert page.locator(f"{scope} [data-field]").count() == 3  # deal, owner, date
        for task in stage.tasks:
            for skill in task.skills:
                assert page.locator(f'{scope} a[href$="skills/{skill}/"]').count() >= 1


def test_a_tick_survives_a_reload_and_clear_empties_it(page: Any, bundled: Site) -> None:
    stage = stage_ids(bundled)[0]
    page.goto(bundled.url + f"checklists/{stage}/")
    scope = f'[data-checklist="{stage}"]'
    boxes = page.locator(f'{scope} input[type="checkbox"]')
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.locator(f'{scope} [data-field="deal"]').fill("Acme <b>rollout</b>")
    page.reload()
    state = ticked(page, scope)
    assert state[0] and state[2] and sum(state) == 2
    assert page.locator(f'{scope} [data-field="deal"]').input_value() == "Acme <b>rollout</b>"
    assert page.locator(f"{scope} [data-progress]").inner_text() == f"2 / {len(state)}"

    page.locator(f'{scope} [data-action="clear"]').click()
    assert sum(ticked(page, scope)) == 0
    page.reload()
    assert sum(ticked(page, scope)) == 0
    assert page.locator(f'{scope} [data-field="deal"]').input_value() == ""


def test_ticks_are_shared_between_the_stage_page_and_the_booklet(page: Any, bundled: Site) -> None:
    stage = stage_ids(bundled)[1]
    page.goto(bundled.url + f"checklists/{stage}/")
    page.locator(f'[data-checklist="{stage}"] input[type="checkbox"]').nth(1).check()
    page.goto(bundled.url + "checklists/")
    assert page.locator("[data-checklist]").count() == len(stage_ids(bundled))
    assert ticked(page, f'[data-checklist="{stage}"]')[1]


def test_changing_a_stage_drops_its_ticks_and_keeps_the_others(
    chromium: Any, tmp_path: Path
) -> None:
    content = copy_playbook(NORTHWIND, tmp_path / "content")
    site = build(content, tmp_path / "site")
    context = chromium.new_context()
    errors = ConsoleErrors()
    page = errors.watch(context.new_page())
    with serve(site) as url:
        for stage in ("qualify", "discover"):
            page.goto(url + f"checklists/{stage}/")
            page.locator(f'[data-checklist="{stage}"] input[type="checkbox"]').first.check()

        process = content / "process.yml"
        text = process.read_text(encoding="utf-8")
        anchor = "    exit_criteria:\n"
        assert text.count(anchor) >= 2  # qualify's comes first
        process.write_text(
            text.replace(anchor, anchor + "      - The chain runs its own warehouse.\n", 1),
            encoding="utf-8",
        )
        build(content, site)

        page.goto(url + "checklists/qualify/")
        assert sum(ticked(page, '[data-checklist="qualify"]')) == 0
        keys = page.evaluate("Object.keys(localStorage)")
        assert [k for k in keys if ":checklist:qualify:" in k] == []  # the stale key is gone
        page.goto(url + "checklists/discover/")
        assert ticked(page, '[data-checklist="discover"]')[0]
    context.close()
    assert errors.messages == []


# ---------------------------------------------------------------- worksheets


def cli_score(capsys: pytest.CaptureFixture[str], answers: dict[str, int], tmp: Path) -> Any:
    path = tmp / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    capsys.readouterr()
    status = main(["score", "deal-health", str(path), "--format", "json", "-c", str(NORTHWIND)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return json.loads(out)


def answer(page: Any, answers: dict[str, int]) -> None:
    page.locator('[data-worksheet] [data-action="reset"]').click()
    for question, value in answers.items():
        page.locator(f'[data-question="{question}"] input[value="{value}"]').check()


def shown_score(page: Any, slot: str) -> tuple[str, float | None]:
    element = page.locator(f'[data-worksheet] [data-score="{slot}"]').first
    value = element.get_attribute("data-value")
    return element.inner_text(), (float(value) if value is not None else None)


@pytest.mark.parametrize(
    "answers",
    [
        {"cost-agreed": 4, "success-criteria": 2, "economic-buyer-met": 3, "next-step-dated": 5},
        {"cost-agreed": 2, "next-step-dated": 4},
        {"success-criteria": 5},
        {"cost-agreed": 5, "success-criteria": 5, "economic-buyer-met": 5, "next-step-dated": 5},
        {"cost-agreed": 1, "success-criteria": 1, "economic-buyer-met": 1, "next-step-dated": 1},
    ],
)
def test_live_score_equals_the_cli(
    page: Any,
    northwind: Site,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    answers: dict[str, int],
) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    answer(page, answers)
    expected = cli_score(capsys, answers, tmp_path)

    assert shown_score(page, "total") == (format_score(expected["score"]), expected["score"])
    for section, score in expected["sections"].items():
        if score is None:
            assert shown_score(page, section) == ("", None)
        else:
            assert shown_score(page, section) == (format_score(score), score)
    band = page.locator("[data-worksheet] [data-band]").inner_text()
    advice = page.locator("[data-worksheet] [data-band-advice]:visible")
    if len(answers) >= 2 or expected["knockouts"]:  # half of deal-health's 4 questions
        assert band == expected["band"]
        assert advice.count() == 1
    else:  # no verdict after one answer of four
        assert band == "shown after 2 of 4 answers"
        assert advice.count() == 0


def test_nothing_answered_shows_no_score(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    assert shown_score(page, "total") == ("", None)
    assert page.locator("[data-worksheet] [data-band]").inner_text() == ""
    assert page.locator("[data-worksheet] [data-band-advice]:visible").count() == 0
    assert page.locator("[data-worksheet] [data-weakest]").is_hidden()


def test_every_question_has_a_labelled_control_per_scale_value(page: Any, northwind: Site) -> None:
    for loaded in northwind.playbook.worksheets:
        sheet = loaded.model
        page.goto(northwind.url + f"diagnostics/{sheet.id}/")
        scale = [str(v) for v in range(sheet.scale.min, sheet.scale.max + 1)]
        for section in sheet.sections:
            for question in section.questions:
                controls = page.locator(f'[data-question="{question.id}"] input[type="radio"]')
                assert controls.evaluate_all("els => els.map(e => e.value)") == scale
                labels = page.locator(f'[data-question="{question.id}"] label').all_inner_texts()
                for value, label in zip(scale, labels, strict=True):
                    assert label.startswith(value)
                    if int(value) in sheet.scale.labels:
                        assert sheet.scale.labels[int(value)] in label


def test_weakest_sections_point_to_their_reading(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    answer(page, {"cost-agreed": 1, "success-criteria": 2, "economic-buyer-met": 5})
    weakest = page.locator("[data-worksheet] [data-weak-section]:visible")
    assert weakest.evaluate_all("els => els.map(e => e.dataset.weakSection)") == ["pain"]
    links = weakest.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "#section-pain" in links
    assert "../../stages/discover/" in links and "../../skills/discovery-questions/" in links


def test_answers_survive_a_reload_and_reset_clears_them(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    answer(page, {"cost-agreed": 3, "next-step-dated": 2})
    before = shown_score(page, "total")
    page.reload()
    assert page.locator('[data-question="cost-agreed"] input[value="3"]').is_checked()
    assert shown_score(page, "total") == before
    page.locator('[data-worksheet] [data-action="reset"]').click()
    page.reload()
    assert page.locator("[data-worksheet] input:checked").count() == 0
    assert shown_score(page, "total") == ("", None)


def test_worksheet_prints_filled_in_or_blank(page: Any, northwind: Site, tmp_path: Path) -> None:
    page.goto(northwind.url + "diagnostics/deal-health/")
    answers = {"cost-agreed": 4, "success-criteria": 2, "economic-buyer-met": 3}
    answer(page, answers)
    page.locator('[data-worksheet] [data-field="name"]').fill("Pat Quinn")
    total, _ = shown_score(page, "total")
    band = page.locator("[data-worksheet] [data-band]").inner_text()

    filled = tmp_path / "filled.pdf"
    page.pdf(path=str(filled), format="A4", prefer_css_page_size=True)
    text = pdf_text(filled)
    assert total in text and band in text and "Pat Quinn" in text
    assert "Northwind Analytics Sales Playbook" in text
    assert "Scoring rule" in text and "Healthy" in text and "75–100 %" in text

    # The "blank" button prints with html.pb-print-blank set, and takes it off after.
    page.evaluate(
        "window.print = () => { window.__printedAs = document.documentElement.className; }"
    )
    page.locator('[data-worksheet] [data-action="print-blank"]').click()
    assert "pb-print-blank" in page.evaluate("window.__printedAs")
    assert "pb-print-blank" not in page.evaluate("document.documentElement.className")

    page.evaluate("document.documentElement.classList.add('pb-print-blank')")
    blank = tmp_path / "blank.pdf"
    page.pdf(path=str(blank), format="A4", prefer_css_page_size=True)
    text = pdf_text(blank)
    assert total not in text and "Pat Quinn" not in text
    result_line = next(line for line in text.splitlines() if "Total" in line)
    assert band not in result_line  # (band labels are still in the table of bands)
    assert "Scoring rule" in text and "At risk" in text
    page.emulate_media(media="print")
    checked = page.locator('[data-question="cost-agreed"] input:checked')
    assert checked.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"


# ---------------------------------------------------------------- printing checklists


def test_each_bundled_stage_checklist_prints_on_one_a4_page(
    page: Any, bundled: Site, tmp_path: Path
) -> None:
    assert bundled.playbook.process is not None
    for stage in bundled.playbook.process.model.stages:
        page.goto(bundled.url + f"checklists/{stage.id}/")
        pdf = tmp_path / f"{stage.id}.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        info = pdf_info(pdf)
        assert info.pages == 1, stage.id
        assert info.size == pytest.approx(A4_POINTS, abs=1)
        text = pdf_text(pdf)
        assert stage.title in text and bundled.playbook.name in text
        for chrome in ("搜索", "Material for MkDocs", "清除", "打印", "销售价值观"):
            assert chrome not in text, (stage.id, chrome)


def test_printed_boxes_are_empty_squares(page: Any, bundled: Site) -> None:
    page.goto(bundled.url + f"checklists/{stage_ids(bundled)[0]}/")
    page.emulate_media(media="print")
    box = page.locator('[data-checklist] input[type="checkbox"]').first
    style = box.evaluate(
        """e => { const s = getComputedStyle(e);
            return [s.appearance, s.borderTopStyle, s.backgroundColor, s.width === s.height]; }"""
    )
    assert style == ["none", "solid", "rgb(255, 255, 255)", True]
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.locator(chrome).first.is_hidden(), chrome


def test_booklet_prints_one_page_per_stage(page: Any, bundled: Site, tmp_path: Path) -> None:
    assert bundled.playbook.process is not None
    stages = bundled.playbook.process.model.stages
    page.goto(bundled.url + "checklists/")
    pdf = tmp_path / "booklet.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    assert pdf_info(pdf).pages == len(stages)
    for number, stage in enumerate(stages, start=1):
        text = pdf_text(pdf, number)
        assert stage.title in text and bundled.playbook.name in text


# ---------------------------------------------------------------- onboarding


def test_onboarding_ticks_survive_a_reload(page: Any, bundled: Site) -> None:
    assert bundled.playbook.onboarding is not None
    path = bundled.playbook.onboarding.model.paths[0]
    page.goto(bundled.url + f"onboarding/{path.id}/")
    scope = f'[data-onboarding="{path.id}"]'
    weeks = sorted({step.week for step in path.steps})
    assert (
        page.locator(f"{scope} [data-week]").evaluate_all(
            "els => els.map(e => Number(e.dataset.week))"
        )
        == weeks
    )
    boxes = page.locator(f'{scope} input[type="checkbox"]')
    boxes.nth(0).check()
    boxes.last.check()
    page.reload()
    state = ticked(page, scope)
    assert state[0] and state[-1] and sum(state) == 2
    page.locator(f'{scope} [data-action="clear"]').click()
    page.reload()
    assert sum(ticked(page, scope)) == 0


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("which", ["bundled", "northwind"])
def test_no_console_or_page_errors_and_no_outside_requests(
    chromium: Any, request: pytest.FixtureRequest, which: str
) -> None:
    site: Site = request.getfixturevalue(which)
    context = chromium.new_context()
    errors = ConsoleErrors()
    page = errors.watch(context.new_page())
    requested: list[str] = []
    page.on("request", lambda sent: requested.append(sent.url))
    pages = sorted(site.path.rglob("*.html"))
    assert len(pages) > 10
    for html in pages:
        page.goto(site.url + html.relative_to(site.path).as_posix(), wait_until="load")
    context.close()
    assert errors.messages == []
    assert [url for url in requested if not url.startswith((site.url, "data:"))] == []


# ---------------------------------------------------------------- instant navigation


def test_tools_start_after_instant_navigation(chromium: Any, tmp_path: Path) -> None:
    """With Material's `navigation.instant` on, pages are swapped without a reload; the
    tools must start on each new page (document$)."""
    config = SiteConfig.default(tmp_path).with_content(str(NORTHWIND))
    project = write_project(load(NORTHWIND), config, tmp_path / "project")
    site = tmp_path / "site"
    context = chromium.new_context()
    errors = ConsoleErrors()
    page = errors.watch(context.new_page())
    with serve(site) as url:
        # Material navigates instantly only to URLs under site_url (from its sitemap).
        text = project.config_file.read_text(encoding="utf-8")
        assert "- navigation.sections\n" in text
        text = text.replace(
            "- navigation.sections\n", "- navigation.instant\n  - navigation.sections\n"
        )
        project.config_file.write_text(f"site_url: {url}\n{text}", encoding="utf-8")
        run_mkdocs(project.config_file, site)
        page.goto(url + "diagnostics/")
        page.evaluate("window.__sameDocument = true")
        page.locator('.md-content a[href$="deal-health/"]').first.click()
        page.wait_for_selector('[data-worksheet="deal-health"][data-pb-ready]')
        assert page.evaluate("window.__sameDocument === true")  # no reload happened
        page.locator('[data-question="cost-agreed"] input[value="5"]').check()
        assert shown_score(page, "total")[0] == "100.0"

        page.locator('[data-question="cost-agreed"] a[href$="stages/discover/"]').click()
        page.locator('.md-content a[href$="checklists/discover/"]').first.click()
        page.wait_for_selector('[data-checklist="discover"][data-pb-ready]')
        page.locator('[data-checklist="discover"] input[type="checkbox"]').first.check()
        progress = page.locator('[data-checklist="discover"] [data-progress]').inner_text()
        assert progress.startswith("1 / ")
        assert page.evaluate("window.__sameDocument === true")
    context.close()
    assert errors.messages == []

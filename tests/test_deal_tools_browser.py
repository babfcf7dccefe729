"""Deal forms and battlecards in a real Chromium (axe-core on every page kind, these
included: test_axe_all_pages_browser.py).

Forms: fields remembered per form (stale versions dropped), a clear that asks first,
"copy as text" (clipboard, or the selected fallback text), printing filled or blank on A4.
Battlecards: one A4 sheet each. Both: keyboard, focus, labels, tap targets and no sideways
scroll on a 375 px phone. PDFs are made by Chromium and read back with pypdf, as in
test_working_tools_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import page_at
from browser_support import A4_POINTS, ConsoleErrors, Site, pdf_info, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HANDOVER = "forms/handover/"
PLAN = "forms/mutual-action-plan/"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def context(chromium: Any) -> Iterator[Any]:
    """A fresh context (fresh localStorage) that may use the clipboard."""
    ctx = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    """A page of `context`; the test fails if the page logs any error."""
    errors = ConsoleErrors()
    tab = errors.watch(context.new_page())
    yield tab
    assert errors.messages == []


def storage_key(page: Any) -> str:
    return str(page.get_attribute("form[data-form]", "data-storage-key"))


def stored(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("() => Object.assign({}, window.localStorage)"))


def fill_handover(page: Any) -> None:
    page.fill("#handover--signed-on", "2026-12-01")
    page.fill("#handover--yearly-value", "120000")
    page.check('[data-field="tier"] input[value="Growth accounts"]')
    page.check("#handover--success-plan-agreed")
    page.fill("#handover--sponsor", "Ana Ortiz")
    page.fill("#handover--promises", "Weekly call with the sponsor\nOne region to start")


def fill_plan(page: Any) -> None:
    page.fill("#mutual-action-plan--customer", "Greenway Markets")
    cell = '[data-field="steps"] input[data-row="{}"][data-column="{}"]'
    for row, cells in enumerate([["Start", "Ana", "Bo", "2026-12-01", ""], ["", "", "", "", ""],
                                 ["Pilot review", "Ana", "", "2027-01-15", "yes"]]):
        for column, text in enumerate(cells):
            if text:
                page.fill(cell.format(row, column), text)


def handover_values(page: Any) -> dict[str, Any]:
    return {
        "date": page.input_value("#handover--signed-on"),
        "number": page.input_value("#handover--yearly-value"),
        "choice": page.eval_on_selector(
            '[data-field="tier"]', 'f => (f.querySelector("input:checked") || {}).value || null'
        ),
        "check": page.is_checked("#handover--success-plan-agreed"),
        "text": page.input_value("#handover--sponsor"),
        "long": page.input_value("#handover--promises"),
        "mirror": page.text_content('[data-field="promises"] [data-mirror]'),
    }


FILLED = {
    "date": "2026-12-01",
    "number": "120000",
    "choice": "Growth accounts",
    "check": True,
    "text": "Ana Ortiz",
    "long": "Weekly call with the sponsor\nOne region to start",
    "mirror": "Weekly call with the sponsor\nOne region to start",
}
EMPTY = dict.fromkeys(FILLED, "") | {"choice": None, "check": False}


# ---------------------------------------------------------------- remembered per form


def test_form_fields_come_back_after_a_reload_and_stay_with_their_form(
    page: Any, northwind: Site
) -> None:
    page.goto(northwind.url + HANDOVER)
    key = storage_key(page)
    stale = key.rsplit(":", 1)[0] + ":0000000000000000"
    page.evaluate("k => localStorage.setItem(k, '{\"fields\": {\"sponsor\": \"old\"}}')", stale)
    fill_handover(page)
    page.reload()
    assert handover_values(page) == FILLED
    assert stale not in stored(page), "a changed form definition starts clean"
    assert set(stored(page)[key].split('"')) >= {"sponsor", "Ana Ortiz"}

    page.goto(northwind.url + PLAN)
    assert storage_key(page) != key
    assert page.input_value("#mutual-action-plan--customer") == ""
    fill_plan(page)
    page.reload()
    assert page.input_value("#mutual-action-plan--customer") == "Greenway Markets"
    cells = page.eval_on_selector_all(
        '[data-field="steps"] tbody tr', "rows => rows.map(r => [...r.querySelectorAll('input')]"
        ".map(i => i.value).join('|'))"
    )
    assert cells[:3] == ["Start|Ana|Bo|2026-12-01|", "||||", "Pilot review|Ana||2027-01-15|yes"]

    page.goto(northwind.url + HANDOVER)
    assert handover_values(page) == FILLED


def test_clear_asks_first_and_forgets_the_form(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + HANDOVER)
    fill_handover(page)
    key = storage_key(page)
    question = page.get_attribute("form[data-form]", "data-confirm-clear")
    asked: list[str] = []

    def answer(accept: bool) -> None:
        def handle(dialog: Any) -> None:
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", handle)
        page.click('form[data-form] [data-action="clear"]')

    answer(False)
    assert handover_values(page) == FILLED and key in stored(page)
    answer(True)
    assert asked == [question, question]
    assert handover_values(page) == EMPTY
    assert key not in stored(page)
    page.reload()
    assert handover_values(page) == EMPTY


# ---------------------------------------------------------------- copy as text

PLAN_TEXT = """Mutual action plan

The deal
Customer: Greenway Markets
Operations sponsor: —
Target signature date: —

Steps to the signature
Steps:
Step | Customer owner | Northwind owner | Due date | Done
Start | Ana | Bo | 2026-12-01 |
Pilot review | Ana |  | 2027-01-15 | yes
"""

HANDOVER_TEXT = """Handover to customer success

Contract
Contract signed on: 2026-12-01
Yearly contract value (EUR): 120000
Account tier: Growth accounts
Success plan agreed with the customer: Yes

People and promises
Executive sponsor: Ana Ortiz
What we promised in the sale: Weekly call with the sponsor
One region to start
Risks customer success should know about: —
"""


def test_copy_as_text_writes_the_plain_text_to_the_clipboard(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + PLAN)
    fill_plan(page)
    page.click('[data-action="copy-text"]')
    status = page.get_attribute("form[data-form]", "data-copied")
    page.wait_for_function(
        "s => document.querySelector('[data-form-status]').textContent === s", arg=status
    )
    assert page.evaluate("() => navigator.clipboard.readText()") == PLAN_TEXT
    assert page.input_value("[data-form-text]") == PLAN_TEXT
    assert page.is_hidden("[data-form-text]")

    page.goto(northwind.url + HANDOVER)
    fill_handover(page)
    page.click('[data-action="copy-text"]')
    page.wait_for_function("() => document.querySelector('[data-form-status]').textContent")
    assert page.evaluate("() => navigator.clipboard.readText()") == HANDOVER_TEXT


def test_copy_as_text_falls_back_to_selected_text_without_a_clipboard(
    chromium: Any, northwind: Site
) -> None:
    ctx = chromium.new_context()
    try:
        ctx.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page = ctx.new_page()
        page.goto(northwind.url + HANDOVER)
        fill_handover(page)
        page.click('[data-action="copy-text"]')
        box = page.locator("[data-form-text]")
        assert box.is_visible()
        assert box.input_value() == HANDOVER_TEXT
        assert page.evaluate("() => document.activeElement.hasAttribute('data-form-text')")
        selected = page.evaluate(
            "() => { const t = document.activeElement; return t.value.slice(t.selectionStart,"
            " t.selectionEnd); }"
        )
        assert selected == HANDOVER_TEXT
        failed = page.get_attribute("form[data-form]", "data-copy-failed")
        assert page.text_content("[data-form-status]") == failed
    finally:
        ctx.close()


# ---------------------------------------------------------------- print


def print_pdf(page: Any, path: Path, blank: bool = False) -> str:
    page.emulate_media(media="print")
    page.evaluate(
        "blank => document.documentElement.classList.toggle('pb-print-blank', blank)", blank
    )
    page.pdf(path=str(path), format="A4", prefer_css_page_size=True)
    return pdf_text(path)


def test_a_form_prints_filled_or_blank_on_a4(page: Any, northwind: Site, tmp_path: Path) -> None:
    page.goto(northwind.url + HANDOVER)
    fill_handover(page)
    filled = print_pdf(page, tmp_path / "filled.pdf")
    blank = print_pdf(page, tmp_path / "blank.pdf", blank=True)
    for typed in ["Ana Ortiz", "120000", "One region to start", "Weekly call with the sponsor"]:
        assert typed in filled
        assert typed not in blank
    for pdf in ["filled.pdf", "blank.pdf"]:
        info = pdf_info(tmp_path / pdf)
        assert info.pages <= 2
        assert info.size == pytest.approx(A4_POINTS, abs=2)
    assert "Risks customer success should know about" in blank
    assert "Print blank" not in filled, "buttons do not print"

    page.goto(northwind.url + PLAN)
    fill_plan(page)
    table = print_pdf(page, tmp_path / "plan.pdf")
    assert "Pilot review" in table and "Start" in table
    assert "Pilot review" not in print_pdf(page, tmp_path / "plan-blank.pdf", blank=True)


def test_print_buttons_print_filled_or_blank(page: Any, northwind: Site) -> None:
    page.goto(northwind.url + HANDOVER)
    page.evaluate(
        "() => { window.printed = []; window.print = () => window.printed.push("
        "document.documentElement.classList.contains('pb-print-blank')); }"
    )
    page.click('form[data-form] [data-action="print"]')
    page.click('form[data-form] [data-action="print-blank"]')
    assert page.evaluate("() => window.printed") == [False, True]
    assert not page.evaluate("() => document.documentElement.classList.contains('pb-print-blank')")


def competitor_ids(site: Site) -> list[str]:
    assert site.playbook.competition is not None
    return [competitor.id for competitor in site.playbook.competition.model.competitors]


@pytest.mark.parametrize("site_name", ["bundled", "northwind"])
def test_every_battlecard_prints_on_one_a4_page(
    page: Any, site_name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    site: Site = request.getfixturevalue(site_name)
    ids = competitor_ids(site)
    assert len(ids) >= 3
    for competitor in ids:
        page.goto(f"{site.url}competitors/{competitor}/")
        assert page.locator(f'[data-battlecard="{competitor}"]').count() == 1
        text = print_pdf(page, tmp_path / f"{competitor}.pdf")
        info = pdf_info(tmp_path / f"{competitor}.pdf")
        assert info.pages == 1, f"{site_name} {competitor} prints on {info.pages} pages"
        assert info.size == pytest.approx(A4_POINTS, abs=2)
        last = page.eval_on_selector("[data-battlecard] li:last-of-type", "e => e.textContent")
        if site.playbook.language == "en":  # poppler reads CJK as compatibility forms
            assert last.strip()[:12] in text.replace("\n", "")


# ---------------------------------------------------------------- keyboard and phone

TARGETS = "input, textarea, button, .md-button"
"""What must be at least 24 px square on a phone; links in running text are exempt (WCAG
2.5.8 "inline"), and so is Material's own heading permalink."""


def test_every_form_control_is_reachable_by_keyboard_with_a_visible_focus(
    page: Any, northwind: Site
) -> None:
    page.goto(northwind.url + PLAN)
    page.click("h1")
    wanted = page.eval_on_selector_all(
        "form[data-form] input:not([type=radio]), form[data-form] textarea:not([hidden]),"
        " form[data-form] button, form[data-form] a[href]",  # a glossary term's link too
        "els => els.filter(e => e.offsetParent !== null).length",
    )
    inside = False
    for _ in range(400):
        page.keyboard.press("Tab")
        seen = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e.closest('form[data-form]')) return null;
              e.setAttribute('data-reached', '');
              const s = getComputedStyle(e);
              return {visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                      what: e.outerHTML.slice(0, 80)};
            }"""
        )
        if seen is None:
            if inside:
                break
            continue
        assert seen["visible"], f"no visible focus on {seen['what']}"
        inside = True
    assert page.locator("form[data-form] [data-reached]").count() == wanted


def test_form_controls_have_labels(page: Any, northwind: Site) -> None:
    for form in [HANDOVER, PLAN]:
        page.goto(northwind.url + form)
        unlabelled = page.eval_on_selector_all(
            "form[data-form] input, form[data-form] textarea",
            "els => els.filter(e => !(e.labels && e.labels.length)"
            " && !e.getAttribute('aria-label')).map(e => e.outerHTML)",
        )
        assert unlabelled == []
        bound = page.eval_on_selector_all(
            "form[data-form] label[for]",
            "els => els.every(l => l.control && l.control.id === l.htmlFor)",
        )
        assert bound


@pytest.mark.parametrize(
    "path", [HANDOVER, PLAN, "competitors/shelfsense/", "competitors/spreadsheets/"]
)
def test_phone_width_has_big_enough_targets_and_no_sideways_scroll(
    chromium: Any, northwind: Site, path: str
) -> None:
    with page_at(chromium, PHONE) as page:
        page.goto(northwind.url + path)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        small = page.eval_on_selector_all(
            "article " + TARGETS.replace(", ", ", article "),
            """els => els.filter(e => e.offsetParent !== null)
              .map(e => {
                const target = e.closest('label') || e;
                const r = target.getBoundingClientRect();
                return r.width >= 24 && r.height >= 24 ? null
                  : `${e.outerHTML.slice(0, 60)} ${r.width}x${r.height}`;
              }).filter(Boolean)""",
        )
        assert small == []


def test_copied_text_leaves_out_the_glossary_tooltips(chromium: Any, bundled: Site) -> None:
    """A column named after a glossary term (买方角色) is not marked, and a definition's
    tooltip is outside the form: the text a rep pastes into the CRM reads the column's
    name only, also while a definition is shown."""
    ctx = chromium.new_context()
    try:
        ctx.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page = ctx.new_page()
        page.goto(bundled.url + "forms/discovery-record/")
        assert page.locator('[data-field="interviewees"] th .pb-term').count() == 0
        page.fill('[data-field="interviewees"] input[data-row="0"][data-column="0"]', "王工")
        page.locator("article a.pb-term").first.focus()  # a definition shows while copying
        assert page.locator("#pb-term-tip").is_visible()
        page.click('[data-action="copy-text"]')
        text = page.locator("[data-form-text]").input_value()
        assert "姓名 | 职务 | 买方角色 | 访谈时长\n王工" in text
        assert 'class="pb-term' not in text and "在一次采购决定里" not in text
    finally:
        ctx.close()

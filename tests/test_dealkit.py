"""An unseen playbook written only from the contract (`CONTENT_MODEL.md`), using every
deal-execution part: it validates with nothing to report, builds with MkDocs, shows each
part through the contract's hooks, and `score` applies its knockout.

`tests/fixtures/playbooks/dealkit/` is not derived from the bundled playbook or Northwind,
so this is the check that the contract alone is enough to write a playbook.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import build

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.resolve.load import load_playbook

DEALKIT = Path(__file__).parent / "fixtures" / "playbooks" / "dealkit"

pytestmark = pytest.mark.slow

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})


class _Hooked(HTMLParser):
    """The text inside every element carrying `attribute` (its value → texts)."""

    def __init__(self, attribute: str) -> None:
        super().__init__()
        self.attribute = attribute
        self.found: list[tuple[str, str]] = []
        self.open: list[tuple[str, int, list[str]]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.depth += 1
        for name, value in attrs:
            if name == self.attribute:
                self.open.append((value or "", self.depth, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.open and self.open[-1][1] == self.depth:
            value, _, parts = self.open.pop()
            self.found.append((value, " ".join(" ".join(parts).split())))
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        for _, _, parts in self.open:
            parts.append(data)


def hooked(html: str, attribute: str) -> dict[str, list[str]]:
    """`{value of the hook: [text of each element carrying it]}` in a page."""
    parser = _Hooked(attribute)
    parser.feed(html)
    found: dict[str, list[str]] = {}
    for value, text in parser.found:
        found.setdefault(value, []).append(text)
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(DEALKIT, tmp_path_factory.mktemp("dealkit") / "site")


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_it_validates_with_no_error_and_no_warning() -> None:
    log = DiagnosticLog()
    assert load_playbook(DEALKIT, log) is not None
    assert log.lines() == []
    done = subprocess.run(
        [sys.executable, "-m", "playbook_gen", "validate", "--strict", "-c", str(DEALKIT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "0 errors, 0 warnings\n")


def test_a_form_page_has_its_container_and_a_control_for_every_field(site: Path) -> None:
    html = page(site, "forms/deal-plan")
    assert list(hooked(html, "data-form")) == ["deal-plan"]
    checked = load_playbook(DEALKIT, DiagnosticLog())
    assert checked is not None
    (loaded,) = checked.playbook.forms
    fields = {field.id: field for section in loaded.model.sections for field in section.fields}
    assert {field.kind for field in fields.values()} == {
        "text",
        "long-text",
        "date",
        "number",
        "choice",
        "check",
        "table",
    }
    controls = hooked(html, "data-field")
    for ident, field in fields.items():
        assert ident in controls, ident
        text = " ".join(controls[ident])
        assert field.label in text
        for shown in (*field.options, *field.columns):
            assert shown in text, (ident, shown)
    assert re.search(r'<select[^>]*>|type="radio"', html)


def test_each_competitor_has_a_battlecard_page(site: Path) -> None:
    for ident, landmine in (
        ("spreadsheets", "How long does re-planning take when a driver calls in sick?"),
        ("routemax", "When would your dispatchers plan their first live week?"),
    ):
        cards = hooked(page(site, f"competitors/{ident}"), "data-battlecard")
        assert list(cards) == [ident]
        assert landmine in cards[ident][0]


def test_a_fact_shows_its_value_and_unit_where_it_is_cited(site: Path) -> None:
    cited = {
        # A milestone's text (plain text), an approval rule (plain text), an answer and a
        # battlecard's how-we-win (Markdown).
        "stages/qualify": ("fit-threshold", "60 points"),
        "management": ("rep-discount", "10 %"),
        "values": ("mileage-saved", "20 %"),
        "competitors/routemax": ("go-live-days", "14 days"),
    }
    for path, (fact, shown) in cited.items():
        html = page(site, path)
        links = re.findall(rf'<a href="[^"]*facts/#fact-{fact}"[^>]*>([^<]*)</a>', html)
        assert links and set(links) == {shown}, path
        assert f"[[fact:{fact}]]" not in html
    facts = hooked(page(site, "facts"), "data-fact")
    assert set(facts) == {"fit-threshold", "mileage-saved", "rep-discount", "go-live-days"}
    assert "60 points" in facts["fit-threshold"][0]


def test_a_stage_shows_its_evidence_and_crm_fields(site: Path) -> None:
    html = page(site, "stages/qualify")
    evidence = hooked(html, "data-evidence")[""]
    assert len(evidence) == 2
    assert "An email from the fleet manager with the date" in evidence[0]
    assert "The scored qualification form, signed off by the sales manager" in evidence[1]
    crm = hooked(html, "data-crm-fields")
    assert list(crm) == ["qualify"]
    for name in ("Fleet size", "Decision date", "Fit score"):
        assert name in crm["qualify"][0]
    assert "deal-plan" in html  # the task links the form it fills in


def test_management_shows_forecast_categories_and_approvals(site: Path) -> None:
    html = page(site, "management")
    forecast = hooked(html, "data-forecast")
    assert forecast == {
        "pipeline": ["The carrier shared route data; no decision date yet."],
        "commit": ["The fleet manager named the decision date and the mutual plan is agreed."],
    }
    (table,) = hooked(html, "data-approval")["discounts"]
    for text in ("Up to 10 % The account executive", "Above 20 % The head of sales"):
        assert text in table


def test_score_applies_the_knockout_and_names_it(tmp_path: Path) -> None:
    """No economic buyer, everything else perfect: (0·2 + 3 + 3 + 3) / (3·5) = 60 %,
    "Needs work" by score; the knockout makes the band the lowest one, "At risk"."""
    answers = tmp_path / "answers.yml"
    answers.write_text(
        "economic-buyer: 1\nchampion: 4\nmutual-plan: 4\nnext-step: 4\n", encoding="utf-8"
    )
    script = shutil.which("playbook-gen", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "playbook_gen"]
    done = subprocess.run(
        [*command, "score", "deal-review", str(answers), "--format", "json", "-c", str(DEALKIT)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    result = json.loads(done.stdout)
    assert result == {
        "worksheet": "deal-review",
        "score": pytest.approx(60.0),
        "band": "At risk",
        "sections": {"access": pytest.approx(100 * 3 / 9), "plan": 100.0},
        "knockouts": ["economic-buyer"],
    }

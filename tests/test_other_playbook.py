"""The independent benchmark playbook (`benchmarks/other_playbook.py`) is a valid playbook
of the shape it promises, and `benchmarks/scale.py --playbook` measures a given folder:
the check of issue 11 on playbooks the main benchmark was not tuned on."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.resolve.load import load_playbook

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def benchmark(name: str) -> ModuleType:
    """A benchmark script as a module (they live outside the package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_other_playbook_validates_with_no_diagnostic(tmp_path: Path) -> None:
    content = tmp_path / "content"
    benchmark("other_playbook").write(content, 20)
    log = DiagnosticLog()
    checked = load_playbook(content, log)
    assert log.lines() == []
    assert checked is not None
    playbook = checked.playbook
    assert playbook.language == "zh"
    assert len(playbook.skills) == 20
    assert playbook.process and len(playbook.process.model.stages) == 9
    assert playbook.glossary and len(playbook.glossary.model.terms) >= 600
    # the glossary's terms occur in the text, and the text cites facts and links entities
    text = "".join(
        path.read_text(encoding="utf-8")
        for path in content.rglob("*.yml")
        if path.name != "glossary.yml"
    )
    found = sum(term.term in text for term in playbook.glossary.model.terms)
    assert found >= 500
    assert "[[fact:" in text and "[[skill:" in text and "**" in text


def test_other_playbook_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    other = benchmark("other_playbook")
    other.write(tmp_path / "a", 5, seed=3)
    other.write(tmp_path / "b", 5, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    assert files
    for path in files:
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def fake(skills: int, build_s: float, peak_mb: float) -> dict[str, object]:
    run = {"wall_s": build_s, "cpu_s": build_s, "peak_mb": peak_mb, "site_mb": 30.0}
    return {
        "skills": skills,
        "build": run,
        "baseline": run | {"wall_s": build_s / 2, "cpu_s": build_s / 4, "site_mb": 20.0},
        "validate": {"validate": 3.0, "bare_parse": 1.0},
    }


def test_growth_ratios_hold_at_any_two_sizes() -> None:
    ratios = benchmark("scale").growth_ratios([fake(2700, 60.0, 500.0), fake(1300, 25.0, 240.0)])
    assert ratios["build/baseline at 1300 (wall_s)"] == 2.0
    assert ratios["build/baseline at 1300 (cpu_s)"] == 4.0
    assert ratios["site/baseline_site at 2700"] == 1.5
    assert ratios["validate/bare_parse at 1300"] == 3.0
    assert ratios["build 2700/1300 (cpu_s)"] == pytest.approx(2.4)
    assert ratios["build 2700/1300 per skill (cpu_s)"] == pytest.approx(2.4 * 1300 / 2700)
    assert ratios["peak MB per extra skill 2700/1300"] == pytest.approx(260 / 1400)


@pytest.mark.slow
def test_scale_measures_a_given_playbook_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    benchmark("other_playbook").write(content, 20)
    before = sorted(tmp_path.rglob("*"))
    output = tmp_path / "other.json"
    command = [sys.executable, str(BENCHMARKS / "scale.py"), "--playbook", str(content),
               "--runs", "1", "--json", str(output)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, text=True)
    result = json.loads(output.read_text(encoding="utf-8"))
    (size,) = result["sizes"]
    assert size["skills"] == 20 and size["playbook"] == str(content)
    assert size["build"]["html_pages"] > 20 and size["baseline"]["html_pages"] > 20
    assert "build/baseline at 20 (cpu_s)" in result["ratios"]
    assert sorted(tmp_path.rglob("*")) == sorted([*before, output])  # built on a copy


def test_scale_refuses_a_folder_without_a_playbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scale = benchmark("scale")
    monkeypatch.setattr(sys, "argv", ["scale.py", "--playbook", str(tmp_path)])
    with pytest.raises(SystemExit) as stopped:
        scale.main()
    assert stopped.value.code == 2

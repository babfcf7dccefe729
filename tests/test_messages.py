"""Diagnostics and the summary in the playbook's language, looked up by code; English is
never changed (the other tests pin it) and codes are never translated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playbook_files import load, write_playbook

from playbook_gen.cli import main
from playbook_gen.diagnostics import Diagnostic
from playbook_gen.messages import MESSAGES, language_of, localize, translate

ZH_META = "name: 测试手册\nlanguage: zh\n"
BROKEN: dict[str, str | bytes | None] = {
    "playbook.yml": ZH_META + "sumary: x\n",  # schema.unknown
    "tools.yml": "tools:\n  - id: crm\n    title: CRM\n    category： Closing\n",
    "glossary.yml": "terms:\n  - id: arr\n    definition: 年度经常性收入\n",  # schema.missing
    "values.yml": None,
}


def test_a_zh_playbook_gets_chinese_messages_and_summary(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root, BROKEN)
    assert main(["validate"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        "content/playbook.yml:3:1: error[schema.unknown]: sumary: "
        "未知字段 'sumary'；是否应为 'summary'？" in lines
    )
    assert (
        "content/tools.yml:4:13: error[yaml.fullwidth]: "
        "把全角冒号 '：' 换成半角 ':' 并在后面加一个空格"
    ) in lines
    assert any(re.search(r"error\[schema.missing\]: .*缺少必填字段 'term'", line) for line in lines)
    assert re.fullmatch(r"\d+ 个错误，\d+ 个警告", lines[-1])


def test_json_keeps_the_codes_and_translates_the_messages(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root, BROKEN)
    assert main(["validate", "--format", "json"]) == 1
    found = {d["code"]: d["message"] for d in json.loads(capsys.readouterr().out)}
    assert found["schema.unknown"] == "未知字段 'sumary'；是否应为 'summary'？"
    assert found["yaml.fullwidth"].startswith("把全角冒号")


def test_an_english_playbook_is_unchanged(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root, {**BROKEN, "playbook.yml": "name: P\nlanguage: en\nsumary: x\n"})
    main(["validate"])
    out = capsys.readouterr().out
    assert "unknown field 'sumary'; did you mean 'summary'?" in out
    assert re.search(r"^\d+ errors?, \d+ warnings?$", out, re.MULTILINE)


def test_the_english_templates_match_what_the_checks_write(root: Path) -> None:
    """Each code's messages as real checks write them are translated: the table's English
    templates have not drifted from the finders'."""
    write_playbook(
        root,
        {
            **BROKEN,
            "values.yml": "principles:\n  - id: a\n    title: A\n\tbody: b\n",  # yaml.tab
            "management.yml": "metrics:\n  - id: m\n      title: M\n",  # yaml.indent
            "strategy.yml": "levers:\n  - id: l\n    title: L\n    title: L2\n",  # duplicate
            "onboarding.yml": "paths:\n  - id: p\n    title: P\n    role: rep\n"
            "    steps:\n      - week: 1\n        read: [skill:nope, stage:nope]\n",
        },
    )
    _, log = load(root)
    untranslated = [d.format() for d in log if d.code in MESSAGES and localize(d, "zh") == d]
    assert untranslated == []
    assert {"yaml.tab", "yaml.indent", "yaml.duplicate", "yaml.fullwidth"} <= set(log.codes())
    assert {"schema.unknown", "schema.missing"} <= set(log.codes())


def test_missing_playbook_yml_and_kinds_are_translated() -> None:
    message = "every playbook needs playbook.yml with at least a name"
    assert translate("file.missing", message, "zh") == "每个手册都需要 playbook.yml，至少写上 name"
    assert translate("ref.unknown", "unknown stage 'x'; did you mean 'y'?", "zh") == (
        "未知阶段 'x'；是否应为 'y'？"
    )
    # a shape the table does not know stays English rather than half-translated
    assert translate("ref.unknown", "something new", "zh") == "something new"
    assert translate("schema.unknown", "unknown field 'a'", "en") == "unknown field 'a'"


def test_every_translation_keeps_the_placeholders() -> None:
    for code, pairs in MESSAGES.items():
        for english, translated in pairs:
            names = set(re.findall(r"\{(\w+)\}", english))
            assert names == set(re.findall(r"\{(\w+)\}", translated)), (code, english)


def test_localize_changes_only_the_message() -> None:
    english = Diagnostic(
        "p.yml", 3, 1, "error", "schema.missing", "x", "required field 'a' is missing"
    )
    local = localize(english, "zh")
    assert (local.path, local.line, local.column, local.code, local.field) == (
        "p.yml",
        3,
        1,
        "schema.missing",
        "x",
    )
    assert local.message == "缺少必填字段 'a'"


def test_language_of_reads_even_a_broken_playbook_yml(tmp_path: Path) -> None:
    (tmp_path / "playbook.yml").write_text("name: [x\nlanguage: zh  # 中文\n", encoding="utf-8")
    assert language_of(tmp_path) == "zh"
    (tmp_path / "playbook.yml").write_text("name: x\nlanguage: fr\n", encoding="utf-8")
    assert language_of(tmp_path) == "en"
    assert language_of(tmp_path / "absent") == "en"

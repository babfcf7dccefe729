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
from playbook_gen.messages import language_of, localize, messages, translate

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
    untranslated = [d.format() for d in log if d.code in messages() and localize(d, "zh") == d]
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
    for code, pairs in messages().items():
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


# ---------------------------------------------------------------- every code, real messages

PACKAGE = Path(__file__).resolve().parents[1] / "playbook_gen"
CODE = re.compile(r"[a-z]+\.[a-z][a-z-]*")
NOT_CODES = {
    "navigation.indexes",
    "navigation.prune",
    "navigation.sections",
    "navigation.top",
    "search.highlight",
    "search.suggest",
    "theme.name",
    "yaml.schemas",
}
"""Dotted strings in the package that are not diagnostic codes (MkDocs settings)."""
FILE_SUFFIXES = (".md", ".yml", ".yaml", ".json", ".js", ".css", ".html", ".txt", ".xml", ".j2")


def package_codes() -> set[str]:
    """Every diagnostic code the package writes: each dotted string literal (grep-like),
    the declared warning codes, and the audit's `review.<status>`."""
    import ast

    from playbook_gen.diagnostics import WARNING_CODES
    from playbook_gen.resolve.audit import STATUSES

    found = set(WARNING_CODES) | {f"review.{status}" for status in STATUSES}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if CODE.fullmatch(text) and not text.endswith(FILE_SUFFIXES):
                    found.add(text)
    return found - NOT_CODES


def test_every_code_of_the_package_has_a_chinese_translation() -> None:
    codes = package_codes()
    assert {"yaml.tab", "answers.range", "config.url", "bands.gap", "unused.fact"} <= codes
    missing = sorted(code for code in codes if not messages("zh").get(code))
    assert missing == [], "add these codes to playbook_gen/translations/zh.yml"
    assert set(messages("zh")) <= codes, "the table translates a code nothing writes"


WORKSHEET = """\
id: deal-check
title: Deal check
scale: {min: 1, max: 5, labels: {7: Seven}}
sections:
  - id: basics
    title: Basics
    questions:
      - id: pain
        text: The pain is confirmed.
        see: [stag:discover, skill:negotiaton]
  - id: basics
    title: Again
    questions:
      - id: pain2
        text: x
bands:
  - {min: 0, max: 60, label: Weak}
  - {min: 50, max: 90, label: Strong}
"""
SHEET = "content/diagnostics/deal-check.yml"
CHECKS = {
    "zh": [
        f"{SHEET}:3:34: error[scale.label]: scale.labels.7: "
        "为 7 设了标签，但它不在评分刻度 1 到 5 之内",
        f"{SHEET}:10:15: error[ref.kind]: sections.0.questions.0.see.0: "
        "引用 'stag:discover' 用了未知的类型 'stag'；是否应为 'stage'？",
        f"{SHEET}:10:30: error[ref.unknown]: sections.0.questions.0.see.1: "
        "未知技能 'negotiaton'；是否应为 'negotiation'？",
        f"{SHEET}:11:9: error[id.duplicate]: sections.1.id: "
        "本工作表中的部分 id 'basics' 重复（第一次出现在第 5 行）",
        f"{SHEET}:18:11: error[bands.overlap]: bands.1.min: "
        "分段 'Strong' 与分段 'Weak' 在 50 到 60 之间重叠",
        f"{SHEET}:18:20: error[bands.gap]: bands.1.max: 90 到 100 之间没有任何分段覆盖",
        "6 个错误，0 个警告",
    ],
    "en": [
        f"{SHEET}:3:34: error[scale.label]: scale.labels.7: a label for 7, outside the scale "
        "1 to 5",
        f"{SHEET}:10:15: error[ref.kind]: sections.0.questions.0.see.0: unknown kind 'stag' in "
        "reference 'stag:discover'; did you mean 'stage'?",
        f"{SHEET}:10:30: error[ref.unknown]: sections.0.questions.0.see.1: unknown skill "
        "'negotiaton'; did you mean 'negotiation'?",
        f"{SHEET}:11:9: error[id.duplicate]: sections.1.id: duplicate section id 'basics' in "
        "this worksheet (first at line 5)",
        f"{SHEET}:18:11: error[bands.overlap]: bands.1.min: band 'Strong' overlaps band 'Weak' "
        "from 50 to 60",
        f"{SHEET}:18:20: error[bands.gap]: bands.1.max: no band covers 90 to 100",
        "6 errors, 0 warnings",
    ],
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_cross_file_checks_in_the_playbooks_language(
    root: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    meta = f"name: 测试\nlanguage: {language}\n"
    write_playbook(root, {"playbook.yml": meta, "diagnostics/deal-check.yml": WORKSHEET})
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == CHECKS[language]


def test_schema_and_syntax_messages_in_chinese(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(
        root,
        {
            "playbook.yml": ZH_META,
            "onboarding.yml": "paths:\n  - id: Bad Id\n    title: P\n    steps:\n"
            "      - title: x\n        week: abc\n",
            "glossary.yml": "terms:\n  - term: ICP\n    definition: a\n"
            "  - term: icp\n    definition: b\n",
            "tools.yml": 'tools:\n  - id: crm\n    title: "CRM\n',
        },
    )
    main(["validate"])
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "content/glossary.yml:4:11: error[term.duplicate]: terms.1.term: "
        "术语 'icp' 定义了两次（第一次在第 2 行）",
        "content/onboarding.yml:2:9: error[schema.value]: paths.0.id: 'Bad Id' 不是有效的 id："
        "只能用小写字母、数字和连字符，以字母或数字开头，最多 64 个字符",
        "content/onboarding.yml:6:15: error[schema.type]: paths.0.steps.0.week: "
        "应为整数，实际是 'abc'",
        "content/tools.yml:4:1: error[yaml.syntax]: "
        "文件意外结束（读取带引号的值时，从第 3 行第 12 列开始）",
        "4 个错误，0 个警告",
    ]


def test_answers_problems_in_chinese(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_playbook(root, {"playbook.yml": ZH_META})
    (root / "a.yml").write_text("pian: 3\npain: 7\n", encoding="utf-8")
    assert main(["score", "deal-check", "a.yml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "a.yml:1:1: error[answers.unknown]: pian: "
        "工作表 'deal-check' 中没有题目 'pian'；是否应为 'pain'？",
        "a.yml:2:7: error[answers.range]: pain: 答案 7 超出评分范围；必须在 1 到 5 之间",
        "2 个错误，0 个警告",
    ]


def test_placeholder_values_are_translated_only_where_they_are_words() -> None:
    # `{value}` is a described value: translated; `{name}` is a field name: kept
    assert translate("schema.type", "expected a list, got the number 3", "zh") == (
        "应为列表，实际是 数字 3"
    )
    assert translate("schema.unknown", "unknown field 'text'", "zh") == "未知字段 'text'"
    # literal braces in a message survive the translation
    message = "Single '}' encountered in format string; write a literal brace as {{ or }}"
    assert translate("config.placeholder", message, "zh") == (
        "出现了单独的 '}'；要写花括号本身，请写成 {{ 或 }}"
    )


def test_github_annotations_and_errors_in_chinese(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root, {"playbook.yml": ZH_META + "sumary: x\n"})
    assert main(["validate", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "未知字段 'sumary'" in out[0] and "title=schema.unknown" in out[0]
    assert out[-1] == "1 个错误，0 个警告"

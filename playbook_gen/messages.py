"""The command line's words in the playbook's language: diagnostics by code, the summary.

Diagnostics are made in English where they are found (tests and tools pin those strings);
for a playbook in another language the `Reporter` looks each one up here *by its code*:
every entry pairs the English template the finder writes with its translation, and the
values in the `{placeholders}` are carried over. A message whose code or shape has no
entry stays in English, so a new check can never print a broken translation. Codes are
never translated: tools match them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from playbook_gen.diagnostics import Diagnostic
from playbook_gen.kind_labels import KIND_LABELS

LANGUAGES = ("en", "zh")

MESSAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "schema.missing": (("required field '{name}' is missing", "缺少必填字段 '{name}'"),),
    "schema.unknown": (
        (
            "unknown field '{name}'; did you mean '{close}'?",
            "未知字段 '{name}'；是否应为 '{close}'？",
        ),
        ("unknown field '{name}'", "未知字段 '{name}'"),
    ),
    "ref.unknown": (
        (
            "unknown {kind} '{id}'; did you mean '{close}'?",
            "未知{kind} '{id}'；是否应为 '{close}'？",
        ),
        (
            "unknown {kind} '{id}' (the playbook has no {kind2} yet)",
            "未知{kind} '{id}'（本手册还没有{kind2}）",
        ),
        (
            "unknown {kind} '{id}' in {link}; did you mean '{close}'?",
            "{link} 中的{kind} '{id}' 不存在；是否应为 '{close}'？",
        ),
        ("unknown {kind} '{id}' in {link}", "{link} 中的{kind} '{id}' 不存在"),
        ("unknown {kind} '{id}'", "未知{kind} '{id}'"),
        (
            "the playbook has no {file}.yml, so no '{area}' page",
            "手册没有 {file}.yml，所以没有 '{area}' 页面",
        ),
    ),
    "schema.type": (
        (
            "expected a mapping of 'key: value' lines, got {value}",
            "这里应是若干行 'key: value'（映射），实际是 {value}",
        ),
    ),
    "unused.skill": (
        ("skill '{id}' is needed by no task of any stage", "没有任何阶段的任务需要技能 '{id}'"),
    ),
    "file.missing": (
        (
            "every playbook needs playbook.yml with at least a name",
            "每个手册都需要 playbook.yml，至少写上 name",
        ),
    ),
    "file.empty": (("file is empty", "文件是空的"),),
    "yaml.tab": (
        ("tab character in indentation; indent with spaces", "缩进里有制表符（Tab）；请用空格缩进"),
    ),
    "yaml.fullwidth": (
        (
            "replace the full-width colon '：' with ':' followed by a space",
            "把全角冒号 '：' 换成半角 ':' 并在后面加一个空格",
        ),
        (
            "replace the full-width space after ':' with an ordinary space",
            "把 ':' 后面的全角空格换成普通（半角）空格",
        ),
        (
            "replace the full-width comma '，' with ',' followed by a space",
            "把全角逗号 '，' 换成半角 ',' 并在后面加一个空格",
        ),
    ),
    "yaml.indent": (
        (
            "key '{key}' is indented more than the key '{above}' on line {line}; "
            "align it with its siblings",
            "键 '{key}' 比第 {line} 行的键 '{above}' 缩进得多；请与同级的键对齐",
        ),
        (
            "key '{key}' is indented less than the key '{above}' on line {line}; "
            "align it with its siblings",
            "键 '{key}' 比第 {line} 行的键 '{above}' 缩进得少；请与同级的键对齐",
        ),
    ),
    "yaml.duplicate": (
        (
            "duplicate key '{key}' (first at line {line}); each key may appear once",
            "重复的键 '{key}'（第一次出现在第 {line} 行）；每个键只能出现一次",
        ),
    ),
    "yaml.syntax": (
        (
            "{problem}; is there a ': ' inside a value? put the value in quotes",
            "{problem}；值里是否有 ': '？请给这个值加上引号",
        ),
        (
            "{problem}; a value starting with '@', '`' or '%' must be put in quotes",
            "{problem}；以 '@'、'`' 或 '%' 开头的值必须加引号",
        ),
    ),
}
"""Per code, (English template, translation) pairs, tried in order."""

SERVE_BANNER = {
    "en": "The playbook has errors; this is the last good build. Fix them and save: "
    "the page reloads.",
    "zh": "手册有错误；下面是上一次成功构建的页面。改正并保存后，页面会自动刷新。",
}
"""The title of the diagnostics `serve` shows on every page while the playbook is broken."""

SUMMARY = {
    "en": None,  # the English summary is `DiagnosticLog.summary()`, unchanged
    "zh": "{errors} 个错误，{warnings} 个警告",
}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The English template as a regular expression with a group per placeholder."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex)


def _kind(name: str, language: str) -> str:
    labels = KIND_LABELS.get(name)
    return labels[LANGUAGES.index(language)] if labels else name


def translate(code: str, message: str, language: str) -> str:
    """`message` (as the finder wrote it, in English) in `language`; unchanged when the
    table has no entry for its code and shape."""
    if language == "en" or language not in LANGUAGES:
        return message
    for english, translated in MESSAGES.get(code, ()):
        match = _pattern(english).fullmatch(message)
        if match:
            values = dict(match.groupdict())
            for key in ("kind", "kind2"):
                if key in values:
                    values[key] = _kind(values[key], language)
            return translated.format(**values)
    return message


def localize(diagnostic: Diagnostic, language: str) -> Diagnostic:
    """The diagnostic with its message in `language`; path, place and code unchanged."""
    message = translate(diagnostic.code, diagnostic.message, language)
    return diagnostic if message == diagnostic.message else replace(diagnostic, message=message)


def summary(errors: int, warnings: int, english: str, language: str) -> str:
    """`N errors, M warnings` in `language` (`english` is the English line)."""
    template = SUMMARY.get(language)
    return template.format(errors=errors, warnings=warnings) if template else english


_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*["']?(\w+)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


def language_of(content_dir: Path) -> str:
    """The `language:` of `content_dir/playbook.yml`, read without parsing the file, so a
    playbook whose YAML is broken still gets its messages in its language; else `en`."""
    try:
        text = (content_dir / "playbook.yml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "en"
    match = _LANGUAGE_LINE.search(text[:100_000])
    return match.group(1) if match and match.group(1) in LANGUAGES else "en"

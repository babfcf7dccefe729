"""The command line's words in the playbook's language: diagnostics by code, the summary,
errors, `init`'s next steps and `--help`.

Everything is written in English where it is said (tests and tools pin those strings);
for a playbook in another language the text is looked up in `translations/<language>.yml`
*by shape*: every entry pairs an English template with its translation, and the values
in the `{placeholders}` are carried over. Text whose shape has no entry stays in English,
so a new message can never print a broken translation. Codes are never translated:
tools match them.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from playbook_gen.diagnostics import Diagnostic
from playbook_gen.kind_labels import KIND_LABELS

LANGUAGES = ("en", "zh")

Pairs = tuple[tuple[str, str], ...]
"""(English template, translation) pairs, tried in order."""

PHRASED = frozenset({"expected", "value", "where", "scope", "reason", "problem", "context"})
"""Placeholders whose value is itself English words (a value described, libyaml's
problem): looked up in the `phrases` table. Others (ids, paths, numbers) are kept."""
KINDS = frozenset({"kind", "kind2"})
"""Placeholders holding a kind of entity, named by `KIND_LABELS` (else a phrase)."""


@cache
def _tables(language: str) -> dict[str, Any]:
    """The language's translation file, read once and only when it is needed."""
    text = resources.files("playbook_gen").joinpath("translations", f"{language}.yml")
    data: dict[str, Any] = YAML(typ="safe").load(text.read_text(encoding="utf-8"))
    return data


def _pairs(rows: Sequence[Sequence[str]]) -> Pairs:
    return tuple((english, translated) for english, translated in rows)


def messages(language: str = "zh") -> dict[str, Pairs]:
    """Per diagnostic code, its shapes in `language`."""
    return {code: _pairs(rows) for code, rows in _tables(language)["diagnostics"].items()}


def _table(name: str, language: str) -> Pairs:
    return _pairs(_tables(language)[name])


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The English template as a regular expression with a group per placeholder."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """`template` with each `{name}` replaced; other braces are kept as they are."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _value(name: str, value: str, language: str) -> str:
    """A placeholder's value in `language`: kinds by their label, phrases by shape."""
    if name in KINDS and value in KIND_LABELS:
        return KIND_LABELS[value][LANGUAGES.index(language)]
    if name in PHRASED or name in KINDS:
        return _by_shape(_table("phrases", language), value, language, phrases=False)
    return value


def _by_shape(pairs: Pairs, text: str, language: str, *, phrases: bool = True) -> str:
    """`text` translated by the first pair whose English shape it has; else unchanged.
    With `phrases`, placeholder values listed in `PHRASED` are translated too."""
    for english, translated in pairs:
        match = _pattern(english).fullmatch(text)
        if match:
            found = match.groupdict()
            if phrases:
                found = {name: _value(name, value, language) for name, value in found.items()}
            return _fill(translated, found)
    return text


def _known(language: str) -> bool:
    return language != "en" and language in LANGUAGES


def translate(code: str, message: str, language: str) -> str:
    """`message` (as the finder wrote it, in English) in `language`; unchanged when the
    table has no entry for its code and shape."""
    if not _known(language):
        return message
    return _by_shape(messages(language).get(code, ()), message, language)


def localize(diagnostic: Diagnostic, language: str) -> Diagnostic:
    """The diagnostic with its message in `language`; path, place and code unchanged."""
    message = translate(diagnostic.code, diagnostic.message, language)
    return diagnostic if message == diagnostic.message else replace(diagnostic, message=message)


def say(text: str, language: str) -> str:
    """A message about the run (an error, a detail line, a next step) in `language`."""
    return _by_shape(_table("texts", language), text, language) if _known(language) else text


def summary(errors: int, warnings: int, english: str, language: str) -> str:
    """`N errors, M warnings` in `language` (`english` is the English line)."""
    if not _known(language):
        return english
    return _fill(_tables(language)["summary"], {"errors": str(errors), "warnings": str(warnings)})


SERVE_BANNER = {
    "en": "The playbook has errors; this is the last good build. Fix them and save: "
    "the page reloads.",
    "zh": "手册有错误；下面是上一次成功构建的页面。改正并保存后，页面会自动刷新。",
}
"""The title of the diagnostics `serve` shows on every page while the playbook is broken."""


# ---------------------------------------------------------------- --help


def help_text(text: str, language: str) -> str:
    """One of our help, description or epilog strings in `language`: the `help` table is
    keyed by the English, which may hold `{placeholders}` for values put in by code;
    argparse's own help ("show this help message and exit") is in the `argparse` table."""
    if not _known(language):
        return text
    table: dict[str, str] = {**_tables(language)["argparse"], **_tables(language)["help"]}
    if text in table:
        return table[text]
    return _by_shape(tuple((k, v) for k, v in table.items() if "{" in k), text, language)


def translate_parser(parser: argparse.ArgumentParser, language: str) -> None:
    """Every help, description and epilog of `parser` and its subcommands in `language`."""
    if not _known(language):
        return
    for attribute in ("description", "epilog"):
        value = getattr(parser, attribute)
        if value:
            setattr(parser, attribute, help_text(value, language))
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = help_text(action.help, language)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = help_text(choice.help or "", language)
            for sub in action.choices.values():
                translate_parser(sub, language)


@contextmanager
def argparse_language(language: str) -> Iterator[None]:
    """argparse's own words ("usage:", "options", its errors) in `language` while a
    parser is built and used: argparse looks them up through its module's `_`."""
    if not _known(language):
        yield
        return
    words: dict[str, str] = _tables(language)["argparse"]
    english = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: words.get(text, english(text))  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = english  # type: ignore[attr-defined]


# ---------------------------------------------------------------- which language


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

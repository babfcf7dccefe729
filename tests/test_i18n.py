"""Labels exist in every language, with the same placeholders."""

import string

import pytest

from playbook_gen.i18n import LABELS, Labels


def _placeholders(label: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(label) if name}


def test_every_language_has_the_same_keys() -> None:
    english = set(LABELS["en"])
    for language, table in LABELS.items():
        assert set(table) == english, language


def test_placeholders_match_across_languages() -> None:
    for key, label in LABELS["en"].items():
        for language, table in LABELS.items():
            assert _placeholders(table[key]) == _placeholders(label), (language, key)


def test_labels_format_placeholders() -> None:
    assert Labels("en")("week_n", n=3) == "Week 3"
    assert Labels("zh")("week_n", n=3) == "第 3 周"


def test_unknown_label_fails() -> None:
    with pytest.raises(KeyError):
        Labels("en")("no_such_label")

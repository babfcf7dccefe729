"""UI labels of the generated site, per content language.

Templates never hard-code a label: they call `t("key")` (or `t("week_n", n=3)` for a label
with a placeholder), which reads the table of the playbook's language. The tables are
data, one file per language shipped with the package (`labels/en.yml`, `labels/zh.yml`),
so that adding a label is a line of YAML rather than code. Both tables have the same keys
(a test checks it), so a label added for one language must be added for the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

from ruamel.yaml import YAML

from playbook_gen.kind_labels import KIND_LABELS

LANGUAGES = ("en", "zh")
"""The languages a playbook can be written in, each with its labels file."""


def _read_table(language: str) -> dict[str, str]:
    """One language's labels file, as read: key → label (every value a string)."""
    text = resources.files("playbook_gen").joinpath("labels", f"{language}.yml").read_text(
        encoding="utf-8"
    )
    table = YAML(typ="safe", pure=True).load(text) or {}
    return {str(key): str(value) for key, value in table.items()}


LABELS: dict[str, dict[str, str]] = {language: _read_table(language) for language in LANGUAGES}
"""Every label, by language then key (read once, when the module is imported)."""
for _kind, (_en, _zh) in KIND_LABELS.items():
    LABELS["en"][f"kind_{_kind}"], LABELS["zh"][f"kind_{_kind}"] = _en, _zh


class Labels:
    """The labels of one language, called from templates as `t("key", **values)`.

    An unknown key raises `KeyError`, so a typo in a template fails the build instead of
    showing an empty label.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.table: Mapping[str, str] = LABELS[language]

    def __call__(self, key: str, **values: object) -> str:
        label = self.table[key]
        return label.format(**values) if values else label

"""How a page writes a number: one formatter for percent, days, weeks, weights, band
bounds and the values of facts, so the same number never reads two ways."""

from __future__ import annotations

from markupsafe import Markup, escape

from playbook_gen.i18n import Labels


def numeral(value: float) -> str:
    """A number as people write it: `2` rather than `2.0` (YAML's `2` may load as a
    float), `1.5` as is. Digits, `.`, `e` and `-` only: inert in Markdown mid-line."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def format_number(
    labels: Labels, value: float, label: str | None = None, to: float | None = None
) -> Markup:
    """The one way a page prints a number (percent, days, weeks, weights, band bounds).

    `label` names a label of the playbook's language with an `{n}` placeholder
    (`percent_value` is `{n} %` in English, `{n}%` in Chinese), so where the unit goes
    is the language's; `to` makes a range (`0–50 %`).
    """
    text = numeral(value) if to is None else f"{numeral(value)}–{numeral(to)}"
    return escape(labels(label, n=text)) if label is not None else Markup(text)


def with_unit(labels: Labels, value: object, unit: str | None) -> str:
    """A fact's value and unit as the pages write numbers: a space before a unit
    (`112 天`, `20 stores`), and a percentage as the language writes it (`10%`, `10 %`)."""
    text = numeral(value) if isinstance(value, int | float) else str(value)
    if not unit:
        return text
    if unit.strip() == "%":
        return labels("percent_value", n=text)
    return f"{text} {unit}"

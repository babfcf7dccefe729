"""Reading YAML into plain values with positions (`playbook_gen.read.sources`)."""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.read import yaml_tree
from playbook_gen.read.config import Limits
from playbook_gen.read.source_file import SourceFile
from playbook_gen.read.sources import read_source
from playbook_gen.read.yaml_tree import parse_yaml, resolve_plain


def parse(text: str, limits: Limits | None = None) -> tuple[SourceFile | None, list[str]]:
    log = DiagnosticLog()
    source = parse_yaml(text, "x.yml", "x.yml", log, limits or Limits())
    return source, log.lines()


def test_every_key_and_item_has_a_position() -> None:
    source, problems = parse("a: 1\nb:\n  - x\n  - {c: d}\n")
    assert problems == []
    assert source is not None
    assert source.data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert source.position(()) == (1, 1)
    assert source.position(("a",)) == (1, 4)
    assert source.position(("b", 0)) == (3, 5)
    assert source.position(("b", 1, "c")) == (4, 9)
    assert source.key_position(("b", 1, "c")) == (4, 6)
    assert source.key_position(("b",)) == (2, 1)


def test_position_falls_back_to_the_nearest_ancestor() -> None:
    source, _ = parse("stages:\n  - id: a\n    title: A\n")
    assert source is not None
    assert source.position(("stages", 0, "exit_criteria")) == (2, 5)
    assert source.position(("stages", 5, "id")) == (2, 3)
    assert source.key_position(("stages", 0, "missing")) == (2, 5)


def test_columns_count_characters_not_bytes() -> None:
    source, _ = parse("名称: 值\n")
    assert source is not None
    assert source.position(("名称",)) == (1, 5)


def test_text_position_inside_block_and_quoted_scalars() -> None:
    text = 'a: |\n  first line\n  see [[skill:x]] and [[skill:x]]\nb: "quoted [[tool:y]]"\n'
    source, _ = parse(text)
    assert source is not None
    assert source.text_position(("a",), "[[skill:x]]") == (3, 7)
    assert source.text_position(("a",), "[[skill:x]]", occurrence=1) == (3, 23)
    assert source.text_position(("b",), "[[tool:y]]") == (4, 12)
    assert source.text_position(("b",), "[[not:there]]") == (4, 4)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("on", "on"),
        ("~", None),
        ("null", None),
        ("", None),
        ("true", True),
        ("False", False),
        ("12", 12),
        ("-3", -3),
        ("012", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("2026-11-26", datetime.date(2026, 11, 26)),
        ("2026-02-30", "2026-02-30"),
        ("2026-11-26T10:00:00", "2026-11-26T10:00:00"),
        ("1:20", "1:20"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


def test_nan() -> None:
    assert math.isnan(resolve_plain(".nan"))


def test_quoted_scalars_stay_text() -> None:
    source, _ = parse("a: '12'\nb: \"true\"\nc: !!str 2026-11-26\nd: !!float 3\n")
    assert source is not None
    assert source.data == {"a": "12", "b": "true", "c": "2026-11-26", "d": 3.0}


def test_integer_keys_stay_integers() -> None:
    source, _ = parse("labels: {1: Never, 5: Always}\n")
    assert source is not None
    assert source.data == {"labels": {1: "Never", 5: "Always"}}
    assert source.key_position(("labels", 5)) == (1, 20)


def test_other_scalar_keys_become_their_text() -> None:
    source, _ = parse("true: a\nnull: b\n2026-01-01: c\n")
    assert source is not None
    assert source.data == {"true": "a", "null": "b", "2026-01-01": "c"}


def test_alias_is_charged_by_its_expanded_size() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    source, problems = parse(text, Limits(max_alias_expansion=8))
    assert problems == [] and source is not None
    assert source.data["b"] == [[1, 2, 3], [1, 2, 3]]
    source, problems = parse(text, Limits(max_alias_expansion=7))
    assert source is None
    assert problems == [
        "x.yml:2:9: error[yaml.alias]: b.1: aliases expand to more than 7 values "
        "(an alias bomb?); write the values out instead",
    ]


def test_recursive_alias_is_refused() -> None:
    source, problems = parse("a: &a [1, *a]\n")
    assert source is None
    assert problems == [
        "x.yml:1:11: error[yaml.alias]: a.1: alias *a refers to a value that holds it"
    ]


def test_merge_keys_are_not_yaml_1_2() -> None:
    source, _ = parse("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert source is not None
    assert source.data["other"] == {"<<": {"x": 1}}


def test_depth_limit_counts_collections() -> None:
    assert parse("a: [[1]]\n", Limits(max_depth=3))[1] == []
    assert parse("a: [[[1]]]\n", Limits(max_depth=3))[1] == [
        "x.yml:1:6: error[yaml.depth]: nested deeper than 3 levels",
    ]


def test_read_source_strips_the_bom_and_keeps_the_display_path(tmp_path: Path) -> None:
    (tmp_path / "skills").mkdir()
    (tmp_path / "skills" / "a.yml").write_bytes(b"\xef\xbb\xbfid: a\n")
    log = DiagnosticLog()
    source = read_source(tmp_path, "skills/a.yml", "my-playbook/", log, Limits())
    assert log.lines() == []
    assert source is not None
    assert (source.path, source.rel, source.data) == (
        "my-playbook/skills/a.yml",
        "skills/a.yml",
        {"id": "a"},
    )
    assert source.position(("id",)) == (1, 5)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \t\n\r\x85\u2028é中0"))))
def test_any_text_gives_values_or_diagnostics_never_an_exception(text: str) -> None:
    log = DiagnosticLog()
    source = parse_yaml(text, "x.yml", "x.yml", log, Limits(max_depth=8, max_alias_expansion=50))
    assert source is not None or len(log) > 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`,? \t\n\r\x85\u2028é中0\x07"))))
def test_libyaml_called_directly_reads_as_through_ruamel(text: str) -> None:
    """libyaml's events are read straight from its parser (a `YAML()` per file was a fifth
    of `validate`); the values, positions and diagnostics are those of `YAML().parse`,
    which is also what is used without libyaml."""

    def parsed() -> tuple[object, ...]:
        log = DiagnosticLog()
        source = parse_yaml(text, "x.yml", "x.yml", log, Limits(max_depth=8))
        found = source and (source.data, source.spans, source.key_spans)
        return found, log.lines()

    direct = parsed()
    with mock.patch.object(yaml_tree, "CParser", None):
        assert parsed() == direct


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_values_or_diagnostics_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "f.yml").write_bytes(data)
    log = DiagnosticLog()
    source = read_source(folder, "f.yml", "", log, Limits())
    assert source is not None or len(log) > 0

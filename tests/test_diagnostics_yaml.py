"""Broken YAML, each paired with the exact diagnostics it must produce."""

from __future__ import annotations

from pathlib import Path

from playbook_files import diagnostics

from playbook_gen.read.config import Limits


def test_the_base_playbook_is_valid(root: Path) -> None:
    assert diagnostics(root) == []


def test_syntax_error_at_the_problem_mark(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: [CRM
            url: https://crm.example.com
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:4:8: error[yaml.syntax]: did not find expected ',' or ']' "
        "(while parsing a flow sequence started at line 3, column 12)",
    ]


def test_colon_in_a_value_gets_a_hint(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: Sales: the playbook\n"}) == [
        "content/playbook.yml:1:12: error[yaml.syntax]: mapping values are not allowed in "
        "this context; is there a ': ' inside a value? put the value in quotes",
    ]


def test_tab_in_indentation(root: Path) -> None:
    tools = "tools:\n  - id: crm\n\ttitle: CRM\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:3:1: error[yaml.tab]: tab character in indentation; indent with spaces",
    ]


def test_duplicate_key_is_reported_at_the_second(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: CRM
            title: The CRM
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:4:5: error[yaml.duplicate]: tools.0.title: duplicate key 'title' "
        "(first at line 3); each key may appear once",
    ]


def test_bad_utf8_names_line_and_column_of_the_byte(root: Path) -> None:
    tools = "tools:\n  - id: crm\n    title: caf\xe9 CRM\n".encode("latin-1")
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:3:15: error[file.encoding]: not valid UTF-8 (byte 0xe9); "
        "save the file as UTF-8",
    ]


def test_bad_utf8_column_counts_characters(root: Path) -> None:
    text = "name: 销售".encode() + b"\xff\n"
    assert diagnostics(root, {"playbook.yml": text}) == [
        "content/playbook.yml:1:9: error[file.encoding]: not valid UTF-8 (byte 0xff); "
        "save the file as UTF-8",
    ]


def test_utf8_bom_is_accepted(root: Path) -> None:
    text = "\ufeffname: Test Playbook\n".encode()
    assert diagnostics(root, {"playbook.yml": text}) == []


def test_utf16_is_refused_with_a_clear_message(root: Path) -> None:
    text = "name: Test\n".encode("utf-16")
    assert diagnostics(root, {"playbook.yml": text}) == [
        "content/playbook.yml:1:1: error[file.encoding]: file is UTF-16; save it as UTF-8",
    ]


def test_empty_file(root: Path) -> None:
    assert diagnostics(root, {"glossary.yml": "# nothing yet\n"}) == [
        "content/glossary.yml:1:1: error[file.empty]: file is empty",
    ]


def test_unknown_tags_are_errors_and_never_construct_objects(root: Path) -> None:
    tools = """\
        tools:
          - id: crm
            title: !!python/object/apply:os.system ["echo hacked"]
            purpose: !secret CRM
        """
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:3:12: error[yaml.tag]: tools.0.title: unsupported tag "
        "'!!python/object/apply:os.system'; content files hold plain values, remove the tag",
        "content/tools.yml:3:12: error[schema.type]: tools.0.title: expected text, got a list",
        "content/tools.yml:4:14: error[yaml.tag]: tools.0.purpose: unsupported tag '!secret'; "
        "content files hold plain values, remove the tag",
    ]


def test_alias_bomb_is_stopped_by_the_expansion_budget(root: Path) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    bomb = "\n".join(lines) + "\n"
    # The expansion is counted, never performed: the file is refused at the first alias
    # that takes the count over the budget, which is how it stays fast.
    assert diagnostics(root, {"glossary.yml": bomb}) == [
        "content/glossary.yml:5:36: error[yaml.alias]: e.7: aliases expand to more than "
        "100000 values (an alias bomb?); write the values out instead",
    ]


def test_alias_budget_is_a_limit(root: Path) -> None:
    glossary = """\
        terms:
          - &icp {term: ICP, definition: Ideal customer profile.}
          - *icp
        """
    assert diagnostics(root, {"glossary.yml": glossary}, Limits(max_alias_expansion=4)) == [
        "content/glossary.yml:3:5: error[yaml.alias]: terms.1: aliases expand to more than "
        "4 values (an alias bomb?); write the values out instead",
    ]


def test_aliases_within_budget_are_values(root: Path) -> None:
    glossary = """\
        terms:
          - term: ICP
            definition: &def Ideal customer profile.
          - term: Ideal customer
            definition: *def
        """
    assert diagnostics(root, {"glossary.yml": glossary}) == []


def test_alias_without_anchor(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: *title\n"}) == [
        "content/playbook.yml:1:7: error[yaml.alias]: name: alias *title names no anchor "
        "(&title) above it",
    ]


def test_nesting_deeper_than_the_limit(root: Path) -> None:
    deep = "name: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert diagnostics(root, {"playbook.yml": deep}) == [
        "content/playbook.yml:1:70: error[yaml.depth]: nested deeper than 64 levels",
    ]


def test_two_documents_in_one_file(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: A\n---\nname: B\n"}) == [
        "content/playbook.yml:2:1: error[yaml.documents]: a content file holds one YAML "
        "document; remove the second '---'",
    ]


def test_control_character(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: Bell\x07\n"}) == [
        "content/playbook.yml:1:11: error[yaml.char]: U+0007 is not allowed in YAML text",
    ]


def test_collection_as_a_key(root: Path) -> None:
    assert diagnostics(root, {"playbook.yml": "name: A\n? [a, b]\n: c\n"}) == [
        "content/playbook.yml:2:3: error[yaml.key]: a mapping key must be text, not a collection",
    ]


def test_kind_id_references_in_flow_lists_are_yaml_1_2(root: Path) -> None:
    # libyaml refuses `[skill:a]` ("found unexpected ':'"); YAML 1.2 allows it.
    onboarding = """\
        paths:
          - id: new-ae
            title: New AE
            steps:
              - {title: Learn, week: 1, read: [question:why-buy, skill:negotiation]}
        """
    assert diagnostics(root, {"onboarding.yml": onboarding}) == []


def test_full_width_colon_after_a_key_is_reported_on_its_line(root: Path) -> None:
    tools = "tools:\n  - id: crm\n    title: CRM\n    category： Closing\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:4:13: error[yaml.fullwidth]: replace the full-width colon '：' "
        "with ':' followed by a space",
    ]


def test_full_width_colon_after_id_is_not_a_quoting_problem(root: Path) -> None:
    tools = "tools:\n  - id： crm\n    title: CRM\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:2:7: error[yaml.fullwidth]: replace the full-width colon '：' "
        "with ':' followed by a space",
    ]


def test_full_width_space_and_comma(root: Path) -> None:
    space = "tools:\n  - id:\u3000crm\n    title: CRM\n"
    assert diagnostics(root, {"tools.yml": space}) == [
        "content/tools.yml:2:8: error[yaml.fullwidth]: replace the full-width space after ':' "
        "with an ordinary space",
    ]
    comma = "tools:\n  - {id: crm， title: CRM}\n"
    assert diagnostics(root, {"tools.yml": comma}) == [
        "content/tools.yml:2:13: error[yaml.fullwidth]: replace the full-width comma '，' "
        "with ',' followed by a space",
    ]


def test_a_full_width_colon_inside_a_value_is_fine(root: Path) -> None:
    tools = "tools:\n  - id: crm\n    title: 价格：便宜\n"
    assert diagnostics(root, {"tools.yml": tools}) == []


def test_over_indented_key(root: Path) -> None:
    tools = "tools:\n  - id: crm\n      title: CRM\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:3:7: error[yaml.indent]: key 'title' is indented more than the key "
        "'id' on line 2; align it with its siblings",
    ]


def test_dedented_key(root: Path) -> None:
    for indent, column in (("   ", 4), ("  ", 3)):
        tools = f"tools:\n  - id: crm\n    title: CRM\n{indent}url: https://x.example\n"
        assert diagnostics(root, {"tools.yml": tools}) == [
            f"content/tools.yml:4:{column}: error[yaml.indent]: key 'url' is indented less "
            "than the key 'title' on line 3; align it with its siblings",
        ]


def test_tab_deeper_in_the_file_names_its_line(root: Path) -> None:
    tools = "tools:\n  - id: crm\n    title: CRM\n  - id: mail\n\t  title: Mail\n"
    assert diagnostics(root, {"tools.yml": tools}) == [
        "content/tools.yml:5:1: error[yaml.tab]: tab character in indentation; indent with spaces",
    ]

"""`--help`, usage errors, `playbook-gen: error: …` and `init`'s next steps in the language
of the playbook the command would read (English unchanged); the prefix stays for tools."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import pytest

from playbook_gen.cli import argv_language, build_parser, main
from playbook_gen.messages import help_text

ZH = "name: 手册\nlanguage: zh\n"


def _playbook(folder: Path, meta: str = ZH) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "playbook.yml").write_text(meta, encoding="utf-8")


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 0
    return capsys.readouterr().out


def test_help_is_chinese_for_a_zh_playbook(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _playbook(root / "content")
    top = _help(["--help"], capsys)
    assert top.startswith("用法：playbook-gen")
    assert "把用 YAML 写成的销售手册生成 MkDocs Material 站点。" in top
    assert "选项:" in top and "显示本帮助并退出" in top and "显示版本号并退出" in top
    assert "检查手册的每个文件" in top
    validate = _help(["validate", "--help"], capsys)
    assert validate.startswith("用法：playbook-gen validate")
    assert "有警告也算失败" in validate and "手册所在的文件夹" in validate
    assert "options" not in validate and "usage" not in validate
    score = _help(["score", "--help"], capsys)
    assert "位置参数:" in score and "ANSWERS 是一个 YAML 或 JSON 文件" in score


def test_help_is_english_for_an_english_playbook(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _playbook(root / "content", "name: P\nlanguage: en\n")
    top = _help(["--help"], capsys)
    assert top.startswith("usage: playbook-gen")
    assert "options:" in top and "check every file of the playbook" in top
    assert "warnings fail too" in _help(["validate", "--help"], capsys)


def test_the_language_comes_from_c_then_site_config_then_content(root: Path) -> None:
    _playbook(root / "zh-book")
    _playbook(root / "content", "name: P\n")
    assert argv_language(["validate"]) == "en"
    assert argv_language(["validate", "-c", "zh-book"]) == "zh"
    assert argv_language(["validate", "--content=zh-book"]) == "zh"
    assert argv_language(["validate", "-c", "zh-book/playbook.yml"]) == "zh"
    (root / "site_config.yml").write_text("content_dir: zh-book\n", encoding="utf-8")
    assert argv_language(["build"]) == "zh"


def test_every_help_string_has_a_translation() -> None:
    """A new option's help must be added to translations/zh.yml (English is the source)."""
    untranslated: list[str] = []

    def walk(parser: argparse.ArgumentParser) -> None:
        texts = [parser.description, parser.epilog, *(a.help for a in parser._actions)]
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                texts += [choice.help for choice in action._choices_actions]
                for sub in action.choices.values():
                    walk(sub)
        untranslated.extend(t for t in texts if t and help_text(t, "zh") == t)

    walk(build_parser())
    assert untranslated == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "-c", "absent"], "-c absent：不存在；请指定手册所在的文件夹"),
        (["validate", "-c", "content/playbook.yml"], "-c content/playbook.yml：不是文件夹；"),
        (["score", "nope", "a.yml"], "没有工作表 'nope'；本手册没有 diagnostics/*.yml"),
        (["validate", "--bogus"], "无法识别的参数：--bogus（参见 'playbook-gen --help'）"),
        (["build", "--site-dir", "content"], "站点文件夹 "),
    ],
)
def test_errors_for_a_zh_playbook_keep_the_prefix(
    root: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    _playbook(root / "content")
    with contextlib.suppress(SystemExit):  # argparse's errors exit from parse_args
        main(argv)
    err = capsys.readouterr().err
    assert err.startswith(f"playbook-gen: error: {message}"), err


def test_no_content_folder_inside_a_zh_content_folder(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _playbook(root)  # run inside the content folder itself: ./content does not exist
    assert main(["validate"]) == 1
    assert capsys.readouterr().err == (
        "playbook-gen: error: 'content' 处没有内容文件夹"
        "（用 -c DIR 指定手册文件夹，或在 site_config.yml 中设置 content_dir）\n"
    )


def test_errors_for_an_english_playbook_are_unchanged(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _playbook(root / "content", "name: P\n")
    assert main(["validate", "-c", "absent"]) == 2
    assert capsys.readouterr().err == (
        "playbook-gen: error: -c absent: does not exist; pass the playbook's folder\n"
    )


def test_init_in_chinese_says_its_next_steps_in_chinese(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "pb", "--language", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已把入门手册（zh，")
    assert "接下来：\n  cd pb\n  playbook-gen validate   # 检查手册的每个文件\n" in out
    assert main(["init", "en-pb"]) == 0
    assert "Next steps:" in capsys.readouterr().out

"""The generated mkdocs.yml: short nav, search language, slugify, quoting of user text."""

from __future__ import annotations

import functools
import html

import yaml
from markupsafe import Markup
from mkdocs.utils.yaml import get_yaml_loader

from playbook_gen.publish.config_hook import finish_config
from playbook_gen.site.mkdocs_yml import SLUGIFY, SiteSettings, dump, nav_paths, settings_dict

PAGES = [
    "index.md",
    "values.md",
    "process.md",
    "stages/discover.md",
    "skills/index.md",
    "skills/negotiation.md",
    "checklists/index.md",
    "checklists/discover.md",
    "glossary.md",
]


def _load(text: str) -> dict:
    return yaml.load(text, Loader=get_yaml_loader())


def test_nav_keeps_areas_and_collection_indexes_only() -> None:
    assert nav_paths(PAGES) == [
        "index.md",
        "values.md",
        "process.md",
        "skills/index.md",
        "checklists/index.md",
        "glossary.md",
    ]


def test_site_name_is_quoted_by_the_yaml_library() -> None:
    name = 'Acme: "sales" # playbook\n- [x] {y} &z *w !tag'
    loaded = _load(dump(settings_dict(SiteSettings(name, "en", ["index.md"]))))
    assert loaded["site_name"] == name


def test_the_generated_file_is_plain_yaml_a_safe_loader_reads() -> None:
    settings = SiteSettings("A <b>&</b>", "zh", ["index.md"], site_description="x < y")
    text = dump(settings_dict(settings))
    assert "!!" not in text
    loaded = yaml.safe_load(text)
    assert loaded["site_name"] == "A <b>&</b>"
    assert any(hook.endswith("config_hook.py") for hook in loaded["hooks"])


def test_the_hook_makes_the_site_name_markup_and_the_slugify_a_function() -> None:
    """What MkDocs gets once the config hook (or the plugin) has run."""
    config = finish_config(
        {
            "site_name": "A <b>&</b>",
            "site_description": "x < y",
            "mdx_configs": {"toc": {"slugify": dict(SLUGIFY)}},
        }
    )
    assert isinstance(config["site_name"], Markup)
    assert config["site_name"] == html.escape("A <b>&</b>")
    assert config["site_description"] == "x &lt; y"
    assert finish_config(config)["site_name"] == html.escape("A <b>&</b>")  # escaped once


def test_toc_slugify_loads_as_the_pymdownx_function() -> None:
    loaded = _load(dump(settings_dict(SiteSettings("x", "zh", ["index.md"]))))
    toc = next(e["toc"] for e in loaded["markdown_extensions"] if isinstance(e, dict))
    slugify = finish_config({"mdx_configs": {"toc": toc}})["mdx_configs"]["toc"]["slugify"]
    assert isinstance(slugify, functools.partial)
    assert slugify.keywords["case"] == "lower"
    assert slugify("需求挖掘 Skills", "-") == "需求挖掘-skills"
    assert toc["permalink"] is True


def test_language_drives_theme_and_search_and_nothing_comes_from_outside() -> None:
    for language in ("zh", "en"):
        config = settings_dict(SiteSettings("x", language, ["index.md"]))
        assert config["theme"]["language"] == language
        assert config["theme"]["font"] is False
        assert config["plugins"] == [{"search": {"lang": language}}]
        assert "navigation.instant" not in config["theme"]["features"]
        assert "http" not in dump(config)


def test_assets_are_listed_in_the_order_given() -> None:
    """Neither sorted nor reversed: the order given (out of alphabetical order here) is the
    order MkDocs loads them in."""
    css = ["assets/b.css", "assets/a.css", "assets/c.css"]
    javascript = ["assets/tools.js", "assets/scoring.js", "assets/working-tools.js"]
    loaded = _load(dump(settings_dict(SiteSettings("x", "en", ["index.md"], css, javascript))))
    assert loaded["extra_css"] == css
    assert loaded["extra_javascript"] == javascript


def test_no_english_furniture_in_a_chinese_site() -> None:
    """A reader of a Chinese playbook found 'Permanent link' on every heading and 'Made with
    Material for MkDocs' in every footer: the ¶ title is the playbook's language, the
    generator notice is off."""
    from playbook_gen.site.mkdocs_yml import SiteSettings, settings_dict

    config = settings_dict(SiteSettings("手册", "zh", ["index.md"], permalink_label="本节链接"))
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict))
    assert toc["permalink_title"] == "本节链接"
    assert config["extra"]["generator"] is False

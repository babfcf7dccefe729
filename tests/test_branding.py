"""Branding in site_config.yml (logo, favicon, colours, site_url), and the mkdocs.yml
settings the generator replaces, which are reported instead of silently dropped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playbook_files import write_playbook

from playbook_gen.cli import main
from playbook_gen.publish.plugin import overridden_settings
from playbook_gen.read.branding import Branding
from playbook_gen.read.config import SiteConfig, SiteConfigFile
from playbook_gen.site.mkdocs_yml import SiteSettings, settings_dict

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
BRANDED = """\
site_url: https://playbook.example.com/sales
branding:
  logo: brand/logo.png
  favicon: brand/icon.svg
  primary_color: teal
  accent_color: deep orange
"""


def _brand_files(root: Path) -> None:
    (root / "brand").mkdir()
    (root / "brand" / "logo.png").write_bytes(PNG)
    (root / "brand" / "icon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")


def test_branding_reaches_the_generated_config(tmp_path: Path) -> None:
    from playbook_gen.site.project import _image

    _brand_files(tmp_path)
    settings = SiteConfigFile(
        site_url="https://playbook.example.com/sales",
        branding=Branding(
            logo="brand/logo.png",
            favicon="brand/icon.svg",
            primary_color="teal",
            accent_color="deep orange",
        ),
    )
    config = SiteConfig.from_file_model(tmp_path, settings)
    assert _image(config, "logo") == "assets/brand/logo.png"
    generated = settings_dict(
        SiteSettings(
            "x",
            "en",
            ["index.md"],
            site_url=config.links.site_url,
            logo=_image(config, "logo"),
            favicon=_image(config, "favicon"),
            primary_color="teal",
            accent_color="deep orange",
        )
    )
    assert generated["site_url"] == "https://playbook.example.com/sales/"
    assert generated["theme"]["logo"] == "assets/brand/logo.png"
    assert generated["theme"]["favicon"] == "assets/brand/favicon.svg"
    for scheme in generated["theme"]["palette"]:
        assert (scheme["primary"], scheme["accent"]) == ("teal", "deep orange")


def test_no_branding_leaves_the_theme_as_it_was() -> None:
    generated = settings_dict(SiteSettings("x", "en", ["index.md"]))
    assert "site_url" not in generated
    assert not {"logo", "favicon"} & set(generated["theme"])
    assert all("primary" not in scheme for scheme in generated["theme"]["palette"])


def test_bad_branding_is_reported_at_its_line(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_playbook(root)
    (root / "site_config.yml").write_text(
        "branding:\n  logo: brand/missing.png\n  favicon: notes.txt\n  primary_color: teel\n",
        encoding="utf-8",
    )
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("site_config.yml:4:18: error[schema.value]: branding.primary_color:")
    assert "'teal'" in out[0]
    (root / "site_config.yml").write_text(
        "branding:\n  logo: brand/missing.png\n  favicon: notes.txt\n", encoding="utf-8"
    )
    assert main(["validate"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "site_config.yml:2:9: error[config.file]: branding.logo: no file 'brand/missing.png' "
        "beside site_config.yml",
        "site_config.yml:3:12: error[config.file]: branding.favicon: 'notes.txt' is not an "
        "image file (.png, .svg, .jpg, .jpeg, .gif, .webp, .ico)",
        "2 errors, 0 warnings",
    ]


def test_overridden_mkdocs_settings_are_named() -> None:
    raw = {
        "site_name": "x",
        "docs_dir": "content",
        "theme": {"name": "material", "palette": {"primary": "red"}, "logo": "x.png"},
        "extra_css": ["mine.css"],
        "plugins": ["playbook-gen"],
        "site_url": "https://x.example",
    }
    assert overridden_settings(raw) == ["theme.palette", "theme.logo", "extra_css"]
    assert overridden_settings({"site_name": "x", "theme": "material"}) == []
    assert overridden_settings({"theme": "readthedocs"}) == ["theme"]


@pytest.mark.slow
def test_a_branded_build_and_a_warning_for_mkdocs_settings(tmp_path: Path) -> None:
    project = tmp_path / "pb"
    assert main(["init", str(project)]) == 0
    _brand_files(project)
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + BRANDED, encoding="utf-8")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(
        mkdocs_yml.read_text(encoding="utf-8") + "theme:\n  name: material\n  palette:\n"
        "    primary: red\nextra_css: [mine.css]\n",
        encoding="utf-8",
    )
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        [str(bin_dir / "mkdocs"), "build"], cwd=project, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for key in ("theme.palette", "extra_css"):
        assert f"mkdocs.yml: '{key}' has no effect" in done.stderr
    site = project / "site"
    assert (site / "assets" / "brand" / "logo.png").read_bytes() == PNG
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/brand/logo.png"' in index
    assert 'href="assets/brand/favicon.svg"' in index
    assert 'data-md-color-primary="teal"' in index
    assert 'data-md-color-accent="deep-orange"' in index
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://playbook.example.com/sales/</loc>" in sitemap

"""The build folder and the lock files go beside the site, never into the folder the
command was started from (unless the site goes there too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playbook_files import write_playbook

from playbook_gen.cli import main
from playbook_gen.read.config import SiteConfig, SiteConfigFile


def test_the_build_folder_follows_the_site_folder(tmp_path: Path) -> None:
    config = SiteConfig.from_file_model(tmp_path, SiteConfigFile(site_dir="out/site"))
    assert config.build_dir == tmp_path / "out" / ".playbook-build"
    moved = config.with_site(tmp_path / "elsewhere" / "site")
    assert moved.build_dir == tmp_path / "elsewhere" / ".playbook-build"
    assert SiteConfig.default().build_dir == Path(".playbook-build")


def test_a_build_folder_written_in_site_config_stays(tmp_path: Path) -> None:
    config = SiteConfig.from_file_model(tmp_path, SiteConfigFile(build_dir="gen"))
    assert config.with_site(tmp_path / "x" / "site").build_dir == tmp_path / "gen"


@pytest.mark.slow
def test_a_build_leaves_nothing_in_the_current_folder(
    root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    content = write_playbook(tmp_path_factory.mktemp("playbook"))
    out = tmp_path_factory.mktemp("out")
    before = sorted(root.iterdir())
    assert main(["build", "-c", str(content), "--site-dir", str(out / "site")]) == 0
    assert sorted(root.iterdir()) == before
    assert (out / "site" / "index.html").is_file()
    assert (out / ".playbook-build" / "mkdocs.yml").is_file()
    assert sorted(p.name for p in out.iterdir()) == [
        ".playbook-build",
        ".playbook-build.lock",
        ".site.lock",
        "site",
    ]

"""MkDocs hook named in the generated `mkdocs.yml` (`hooks:`): index the site for search
once MkDocs has written it, so `playbook-gen build` (into its staged folder, before the
swap) and a plain `mkdocs build` of the build folder both get the index; and make the 404
page work under a sub-path (`publish/not_found.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playbook_gen.publish.not_found import write_portable_404
from playbook_gen.publish.search_index import write_index


def on_post_build(config: Any, **kwargs: Any) -> None:
    write_index(Path(config["site_dir"]))
    write_portable_404(Path(config["site_dir"]), config.get("site_url"))

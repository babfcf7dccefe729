"""`playbook-gen serve`: MkDocs' own live-reload server, driven by the plugin.

The server runs on a small `mkdocs.yml` written to a temporary folder that only turns on
the `playbook-gen` plugin, pointed at this folder's `site_config.yml` and the content
folder; the plugin regenerates the project on every rebuild and watches the content, so
saving a YAML file reloads the page (about 0.6 s for a small playbook). The content is
checked once before the server starts, so a broken playbook is reported like `validate`
reports it instead of as a MkDocs traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, PlaybookError, UsageError
from playbook_gen.publish.build import mkdocs_messages
from playbook_gen.read.config import SiteConfig
from playbook_gen.report import Reporter
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.mkdocs_yml import dump

DEFAULT_ADDRESS = "127.0.0.1:8000"
TEMP_PREFIX = "playbook-serve-"
OWNER_FILE = "pid"
"""In each serve folder: the id of the process that uses it, so the next `serve` can tell
the folder of a killed server (its process gone) from one still running."""


@dataclass(frozen=True)
class ServeOptions:
    """`playbook-gen serve [-c DIR] [-a IP:PORT]`."""

    content_dir: Path | None = None
    """The folder given by `-c`, handed to the plugin (else site_config.yml decides)."""
    address: str = DEFAULT_ADDRESS


def parse_address(text: str) -> str:
    """`IP:PORT` checked before anything starts: a port out of range is a usage error
    (exit 2), not an `OverflowError` from the socket deep inside MkDocs."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise UsageError(
            f"-a {text}: expected IP:PORT with a port from 0 to 65535, e.g. {DEFAULT_ADDRESS}"
        )
    return text


def serve_config(root: Path, content_dir: Path | None) -> str:
    """The `mkdocs.yml` that serves the playbook of `root` through the plugin."""
    options: dict[str, str] = {"root": str(root.resolve())}
    if content_dir is not None:
        options["content_dir"] = str(content_dir.resolve())
    # MkDocs checks that docs_dir exists before any plugin runs; the plugin replaces it.
    # Not the playbook's folder: MkDocs refuses a docs_dir that holds its temporary site
    # (the case when the playbook is in the temp folder, or is the temp folder).
    return dump(
        {
            "site_name": "playbook",
            "docs_dir": "docs",
            "plugins": [{"playbook-gen": options}],
        }
    )


def sweep_stale_folders(temp: Path) -> list[Path]:
    """Remove the serve folders of servers that were killed (their process is gone, or the
    folder never got an owner), if they are ours; return what was removed."""
    removed: list[Path] = []
    for folder in temp.glob(f"{TEMP_PREFIX}*"):
        try:
            if folder.is_symlink() or folder.lstat().st_uid != os.getuid():
                continue
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii").strip() or "0")
        except (OSError, ValueError):
            owner = 0  # no owner file: killed before it was written
        if owner and _alive(owner):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process with that id: not ours to judge
        return True
    return True


@contextmanager
def serve_folder() -> Iterator[Path]:
    """A temporary folder for the server, marked with this process's id, holding MkDocs'
    own temporary site too (`tempfile.tempdir` points here while serving), so a killed
    server leaves one folder that the next `serve` sweeps away."""
    temp = Path(tempfile.gettempdir())
    sweep_stale_folders(temp)
    saved = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as name:
        folder = Path(name)
        (folder / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        tempfile.tempdir = name
        try:
            yield folder
        finally:
            tempfile.tempdir = saved


def serve_command(
    config: SiteConfig, options: ServeOptions, log: DiagnosticLog, reporter: Reporter
) -> int:
    """`playbook-gen serve`: check the content once, then run MkDocs' server on it."""
    from mkdocs.commands.serve import serve

    playbook = load_playbook(config.content_dir, log, config)
    if len(log):
        reporter.diagnostics(log)
    if playbook is None:
        return EXIT_ERRORS

    with serve_folder() as tmp:
        config_file = tmp / "mkdocs.yml"
        (tmp / "docs").mkdir()
        config_file.write_text(serve_config(config.root, options.content_dir), encoding="utf-8")
        address = options.address
        with mkdocs_messages(info=True):
            try:
                # dirty: a rebuild renders only the pages whose Markdown the plugin
                # rewrote (unchanged files keep their mtimes; see the plugin's on_pre_build)
                serve(
                    config_file=str(config_file), dev_addr=address, livereload=True,
                    build_type="dirty",
                )
            # the port is taken, the address is not this machine's, the port is too large
            except (OSError, OverflowError) as exc:
                reason = getattr(exc, "strerror", None) or exc
                raise PlaybookError(f"cannot serve on {address}: {reason}") from exc
    return EXIT_OK

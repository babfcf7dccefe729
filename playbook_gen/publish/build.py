"""`playbook-gen build`: check the content, write the project, let MkDocs build it.

The order is the safety: nothing is written while the content has errors, MkDocs builds
into a fresh folder beside the site, and only a finished build replaces the site
(`publish.staged_site`). So a broken playbook, a MkDocs error, Ctrl-C or SIGTERM leaves
the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import FrameType

from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, PlaybookError
from playbook_gen.processes import can_fork
from playbook_gen.publish.page_shares import SHARES_PLUGIN, PageShares, default_jobs
from playbook_gen.publish.progress import PROGRESS_PLUGIN, PageProgress, ProgressPlugin
from playbook_gen.publish.swap import check_replaceable, lock_path, locked, staged_site
from playbook_gen.publish.zensical import run_zensical
from playbook_gen.read.config import SiteConfig
from playbook_gen.read.parse_cache import ParseCache
from playbook_gen.report import Reporter
from playbook_gen.resolve.load import load_playbook
from playbook_gen.site.changes import read_manifest, write_manifest
from playbook_gen.site.page_cache import PageCache
from playbook_gen.site.project import Project, write_project

ENGINES = ("mkdocs", "zensical")
"""The site engines that build the generated project; MkDocs is the default."""


@dataclass(frozen=True)
class BuildOptions:
    """`playbook-gen build [--site-dir DIR] [--strict] [--engine mkdocs|zensical] [--quiet]
    [--jobs N]`;
    `site_dir` None: the configured one."""

    site_dir: Path | None = None
    strict: bool = False
    engine: str = "mkdocs"
    quiet: bool = False
    """`--quiet`: no progress, no warnings, no `Built …` line; errors only."""
    jobs: int | None = None
    """`--jobs N`: processes the pages are rendered and built over (None: as many as the
    CPUs and the number of pages make worth it)."""


class MkDocsFailed(PlaybookError):
    """MkDocs could not build the generated project (its messages were printed)."""


DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs' warning on each `serve` rebuild, which renders only the pages whose Markdown
changed, and on each build shared over processes (`page_shares`): the nav is short and read
in full, so the warning does not apply."""


class _NotDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


@contextmanager
def mkdocs_messages(*, info: bool = False, quiet: bool = False) -> Iterator[None]:
    """Show MkDocs' warnings and errors (and with `info` its progress) while it runs.

    Called as a library MkDocs has no log handler (its CLI installs one): one is set up
    here and removed after. (jieba, which Material's search imports, never loads its
    dictionary now: Material indexes no page, see `site.project.OUT_OF_MATERIAL_INDEX`.)
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.INFO if info else logging.ERROR if quiet else logging.WARNING)
    handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s - %(message)s"))
    # On the logger, not the handler: `--strict` counts warnings with a handler of its own.
    not_dirty = _NotDirtyWarning()
    build_log = logging.getLogger("mkdocs.commands.build")
    build_log.addFilter(not_dirty)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_level = mkdocs_log.level
    mkdocs_log.addHandler(handler)
    if info:
        mkdocs_log.setLevel(logging.INFO)
    try:
        yield
    finally:
        mkdocs_log.removeHandler(handler)
        mkdocs_log.setLevel(mkdocs_level)
        build_log.removeFilter(not_dirty)


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    strict: bool = False,
    *,
    progress: PageProgress | None = None,
    pages: int = 0,
    quiet: bool = False,
    jobs: int | None = None,
) -> None:
    """Build the project of `config_file` into `site_dir` with MkDocs, in this process
    and, with `jobs` > 1 (default: `default_jobs(pages)`), in forked ones sharing the pages.

    Any MkDocs failure (a bad config, a warning in strict mode, a theme error) becomes
    `MkDocsFailed` with a one-line reason, never a traceback. `progress` counts the
    `pages` as MkDocs writes them; `quiet` shows MkDocs' errors only.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    jobs = default_jobs(pages) if jobs is None else max(1, jobs)
    shares: PageShares | None = None
    with mkdocs_messages(quiet=quiet):
        try:
            config = load_config(
                config_file=str(config_file), site_dir=str(site_dir), strict=strict
            )
            counter = None
            if progress is not None and progress.enabled:
                counter = config.plugins[PROGRESS_PLUGIN] = ProgressPlugin(progress, pages)
            if jobs > 1 and can_fork():
                shares = PageShares(jobs, progress.count_to if counter and progress else None)
                if counter is not None:
                    counter.counted_elsewhere = True
                config.plugins[SHARES_PLUGIN] = shares
                shares.start(partial(build, config, dirty=True))
            build(config, dirty=shares is not None)
        except MkDocsException as exc:
            raise MkDocsFailed(f"MkDocs could not build the site: {exc}") from exc
        finally:
            if shares is not None:
                shares.stop()


@contextmanager
def _build_folder(config: SiteConfig, use_config: bool) -> Iterator[Path]:
    """The configured build folder (kept, under its lock), or a throw-away one."""
    if not use_config:
        with tempfile.TemporaryDirectory(prefix="playbook-build-") as tmp:
            yield Path(tmp)
        return
    folder = config.build_dir
    folder.parent.mkdir(parents=True, exist_ok=True)
    with locked(lock_path(folder), f"the build folder {folder}"):
        yield folder


def build_site(
    content_dir: Path,
    site_dir: Path,
    config: SiteConfig,
    strict: bool = False,
    *,
    keep_build_dir: bool = True,
    log: DiagnosticLog | None = None,
    reporter: Reporter | None = None,
    engine: str = "mkdocs",
    quiet: bool = False,
    progress: PageProgress | None = None,
    jobs: int | None = None,
) -> int:
    """Validate, write the project and build the site into `site_dir`; the exit status.

    Diagnostics (added to `log`, which may hold those of site_config.yml) are reported
    like `validate` reports them. With errors (or warnings under `strict`) nothing is
    written and 1 is returned. Other failures raise `PlaybookError`.
    `keep_build_dir=False` writes the project into a temporary folder instead of
    `config.build_dir`. The manifest of the site being replaced is read before anything
    is rendered (the `changes` page), and the new one goes into the staged site, so it is
    published with the site it describes. `quiet`: only a failed build's diagnostics and
    errors are written; `progress` shows the phases and the page count (on a terminal).
    `jobs`: processes sharing the pages (`render_shares`, `page_shares`; None: as many
    as pay).
    """
    started = time.monotonic()
    log = log if log is not None else DiagnosticLog()
    reporter = reporter or Reporter()
    progress = progress or PageProgress(enabled=False if quiet else None)
    progress.phase("Checking the content")
    playbook = load_playbook(content_dir, log, config)
    progress.close()
    failed = playbook is None or log.failed(strict)
    if (len(log) and not quiet) or failed:
        reporter.diagnostics(log)
    if failed:
        reporter.note(f"the site was not built; {site_dir} is unchanged")
        return EXIT_ERRORS
    assert playbook is not None

    protected = [content_dir] + ([config.build_dir] if keep_build_dir else [])
    check_replaceable(site_dir, protected)
    previous = read_manifest(site_dir)
    try:
        with _build_folder(config, keep_build_dir) as folder:
            progress.phase("Writing the pages")
            project = write_project(playbook, config, folder, previous, jobs=jobs)
            with staged_site(site_dir) as staging:
                if engine == "zensical":
                    progress.phase("Building with Zensical")
                    run_zensical(project.config_file, staging, strict)
                else:
                    run_mkdocs(
                        project.config_file, staging, strict,
                        progress=progress, pages=len(project.pages), quiet=quiet, jobs=jobs,
                    )
                write_manifest(staging, project.manifest)
    except OSError as exc:  # a full disk, a read-only folder: the user's to fix
        raise PlaybookError(f"could not write the site: {exc}") from exc
    finally:
        progress.close()
    seconds = time.monotonic() - started
    if not quiet:
        reporter.result(f"Built {len(project.pages)} pages into {site_dir} in {seconds:.1f} s")
    return EXIT_OK


def built_project(
    config: SiteConfig,
    log: DiagnosticLog,
    *,
    parse_cache: ParseCache | None = None,
    page_cache: PageCache | None = None,
) -> Project | None:
    """Load the content and regenerate the build folder; `None` if the content has errors.

    Shared by `serve` and the MkDocs plugin, which build from the folder themselves;
    `serve` keeps the caches between rebuilds, so only changed files are parsed and only
    pages whose inputs changed are rendered again.
    """
    playbook = load_playbook(config.content_dir, log, config, cache=parse_cache)
    if playbook is None:
        return None
    with _build_folder(config, use_config=True) as folder:
        previous = read_manifest(config.site_dir)
        return write_project(playbook, config, folder, previous, cache=page_cache)


@contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit so the staged site is cleaned up and the old one kept."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def build_command(
    config: SiteConfig, options: BuildOptions, log: DiagnosticLog, reporter: Reporter
) -> int:
    """`playbook-gen build`: `build_site` into the chosen site folder, SIGTERM-safe."""
    if options.site_dir is not None:
        config = config.with_site(options.site_dir)
    site_dir = config.site_dir
    with _sigterm_as_exit():
        return build_site(
            config.content_dir,
            site_dir,
            config,
            options.strict,
            log=log,
            reporter=reporter,
            engine=options.engine,
            quiet=options.quiet,
            jobs=options.jobs,
        )

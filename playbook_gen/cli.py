"""The `playbook-gen` command: argument parsing and glue, nothing else.

argparse's `Namespace` stops here: each command gets `SiteConfig` (with `-c` applied) and
a frozen options object of its own, a `DiagnosticLog` that already holds site_config.yml's
diagnostics, and the one `Reporter`. Exit statuses come from `errors.py`; a
`PlaybookError` from any command is reported here, once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, Protocol, TypeVar

from playbook_gen import __version__
from playbook_gen.ci_reports import write_codeclimate
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, PlaybookError, UsageError
from playbook_gen.messages import argparse_language, language_of, say, translate_parser
from playbook_gen.publish.build import ENGINES, BuildOptions, build_command
from playbook_gen.publish.serve import (
    DEFAULT_ADDRESS,
    ServeOptions,
    parse_address,
    serve_command,
)
from playbook_gen.publish.starter import LANGUAGES, InitOptions, init_command
from playbook_gen.read.config import SiteConfig, load_site_config
from playbook_gen.read.schema import file_schema
from playbook_gen.read.schema_files import dispatching_bundle, editor_settings, write_schemas
from playbook_gen.report import PROG, Reporter
from playbook_gen.resolve.audit_command import AuditOptions, audit_command, parse_today
from playbook_gen.resolve.load import load_playbook
from playbook_gen.worksheets.score_command import ScoreOptions, score_command

Options = TypeVar("Options", contravariant=True)


class Command(Protocol[Options]):
    def __call__(
        self, config: SiteConfig, options: Options, log: DiagnosticLog, reporter: Reporter, /
    ) -> int: ...


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    # Help and errors in the language of the playbook the command would read.
    language = argv_language(sys.argv[1:] if argv is None else argv)
    with argparse_language(language):
        parser = build_parser(language)
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    # `init` and `schema` read no playbook (they have no `-c`): their messages stay English.
    reporter = Reporter(language=language if hasattr(args, "content") else "en")
    try:
        status: int = args.run(args, reporter)
        return status
    except PlaybookError as exc:
        return reporter.failed(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `playbook-gen schema | head`: the reader has gone, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def run() -> NoReturn:
    """The `playbook-gen` command (and `python -m playbook_gen`): `main`, then exit
    without tearing the interpreter down. A large build leaves hundreds of megabytes of
    objects that Python would free one by one on the way out — half a second at 2,000
    skills, after the work is done. Every file is written and closed by then; only the
    standard streams may hold output, and they are flushed first. Under a profiler or a
    coverage tracer, which write their results on the way out, the exit is the usual one."""
    status = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(status)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # reader gone, stream closed
            stream.flush()
    os._exit(status)


Run = Callable[[argparse.Namespace, Reporter], int]

SCORE_EPILOG = """\
ANSWERS is a YAML or JSON file mapping each question id of the worksheet to an answer,
e.g. `economic-buyer-met: 4` (a whole number on the worksheet's scale); questions left
out count as unanswered. An unknown WORKSHEET_ID is reported with the closest id, or
with every worksheet id of the playbook. More: docs/working-tools.md.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with the one-line usage error every other error has:
    `playbook-gen: error: …` and exit status 2, never the usage block."""

    def __init__(self, *args: Any, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        """The language of `error`'s message (argparse's words: `argparse_language`)."""

    def error(self, message: str) -> NoReturn:
        text = say(f"{message} (see '{self.prog} --help')", self.language)
        self.exit(EXIT_USAGE, f"{PROG}: error: {text}\n")


def argv_language(argv: Sequence[str]) -> str:
    """The language of the playbook a command line would read, before it is parsed: the
    folder `-c` names (its folder, if it names a file), else `content_dir` of
    ./site_config.yml, else ./content, else the current folder (someone who runs a command
    inside the content folder): the first of them that holds a playbook.yml decides."""
    folders: list[Path] = []
    for i, arg in enumerate(argv):
        value = None
        if arg in ("-c", "--content") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--content="):
            value = arg.partition("=")[2]
        elif arg.startswith("-c") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value:
            path = Path(value)
            if path.is_dir():
                return language_of(path)
            folders.append(path.parent)
    config = load_site_config(Path(), DiagnosticLog())
    folders += [config.content_dir if config is not None else Path("content"), Path()]
    found = next((f for f in folders if (f / "playbook.yml").is_file()), None)
    return language_of(found) if found is not None else "en"


def build_parser(language: str = "en") -> argparse.ArgumentParser:
    """The parser, its help in `language` (argparse's own words: `argparse_language`)."""
    common = _Parser(add_help=False, language=language)
    common.add_argument(
        "-c",
        "--content",
        metavar="DIR",
        help="the playbook folder (default: content_dir in ./site_config.yml, else ./content)",
    )
    parser = _Parser(
        language=language,
        prog=PROG,
        description="Turn a sales playbook written as YAML into a MkDocs Material site.",
    )
    parser.add_argument("--version", action="version", version=f"playbook-gen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, run: Run, content: bool = True, **extra: Any) -> Any:
        parents = [common] if content else []  # `init` and `schema` read no playbook
        sub = commands.add_parser(
            name, parents=parents, help=help, description=help, language=language, **extra
        )
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", "check every file of the playbook", _validate)
    validate.add_argument("--format", choices=CI_FORMATS, default="text", help=CI_FORMAT_HELP)
    validate.add_argument("--strict", action="store_true", help="warnings fail too")
    _report_option(validate)

    audit = command(
        "audit",
        "list entities whose review is overdue, never happened, or that have no owner",
        _audit,
    )
    audit.add_argument("--format", choices=CI_FORMATS, default="text", help=CI_FORMAT_HELP)
    audit.add_argument(
        "--strict", action="store_true", help="exit 1 when anything is overdue or ownerless"
    )
    audit.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the date reviews are due against (default: today)"
    )
    _report_option(audit)

    schema = command("schema", "print the JSON Schema of the content files", _schema, False)
    schema.add_argument(
        "--file",
        metavar="PATTERN",
        help="only the schema of one file pattern, e.g. process.yml or skills/*.yml",
    )
    schema.add_argument(
        "--out-dir",
        metavar="DIR",
        help="write one schema per file pattern into DIR (for editors and check-jsonschema) "
        "and print VS Code's yaml.schemas setting for them; see docs/editors.md",
    )

    build = command(
        "build",
        "validate, render and build the site",
        _with_config(
            build_command,
            lambda a: BuildOptions(_path(a.site_dir), a.strict, a.engine, a.quiet, a.jobs),
        ),
    )
    build.add_argument("--site-dir", metavar="DIR", help="where the site goes (default: site)")
    build.add_argument("--strict", action="store_true", help="warnings fail too")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help="the site engine (zensical: pip install 'playbook-gen[zensical]')",
    )
    build.add_argument(
        "-q", "--quiet", action="store_true", help="no progress and no summary; errors only"
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="processes that share MkDocs' pages (default: one per CPU for a large site)",
    )

    serve = command(
        "serve",
        "live preview that rebuilds on change",
        _with_config(
            serve_command,
            lambda a: ServeOptions(_path(a.content), parse_address(a.dev_addr or DEFAULT_ADDRESS)),
        ),
    )
    serve.add_argument(
        "-a", "--dev-addr", metavar="IP:PORT", help=f"address to serve on ({DEFAULT_ADDRESS})"
    )

    init = command("init", "write a starter playbook (never overwrites)", _init, False)
    init.add_argument("dir", metavar="DIR", help="the folder to write the playbook to")
    init.add_argument(
        "--language",
        choices=LANGUAGES,
        default="en",
        help="the language of the starter and its site (default: en)",
    )

    score = command(
        "score",
        "score a filled-in worksheet",
        _with_config(score_command, _score_options),
        epilog=SCORE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    score.add_argument(
        "worksheet",
        metavar="WORKSHEET_ID",
        nargs="?",
        help="the id of a worksheet in diagnostics/*.yml (see --list)",
    )
    score.add_argument(
        "answers", metavar="ANSWERS", nargs="?", help="YAML or JSON: question id → value"
    )
    score.add_argument(
        "--list", action="store_true", help="list the playbook's worksheets and their ids"
    )
    score.add_argument("--format", choices=("text", "json"), default="text", help=FORMAT_HELP)
    translate_parser(parser, language)
    return parser


def _score_options(args: argparse.Namespace) -> ScoreOptions:
    """`score --list`, or `score WORKSHEET_ID ANSWERS`: both ids are needed to score."""
    if args.list:
        return ScoreOptions("", Path(), args.format, list_only=True)
    if args.worksheet is None or args.answers is None:
        raise UsageError("score needs WORKSHEET_ID and ANSWERS (or --list to see the ids)")
    return ScoreOptions(args.worksheet, Path(args.answers), args.format)


FORMAT_HELP = "text for people (default), json for tools"


def _content_option(value: str | None) -> str | None:
    """`-c DIR` must name a folder: anything else is a usage error (exit 2)."""
    if value is not None and not Path(value).is_dir():
        what = "is not a folder" if Path(value).exists() else "does not exist"
        raise UsageError(f"-c {value}: {what}; pass the playbook's folder")
    return value


def _jobs(value: str) -> int:
    """`--jobs N`: a whole number, 1 or more (a usage error otherwise, exit 2)."""
    if not value.isdigit() or int(value) < 1:
        message = f"give a whole number of processes, 1 or more, not {value}"
        raise argparse.ArgumentTypeError(message)
    return int(value)


CI_FORMATS = ("text", "json", "github")
CI_FORMAT_HELP = "text for people (default), json for tools, github for GitHub Actions annotations"


def _report_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--report",
        metavar="FILE",
        help="also write a Code Climate report (GitLab's code-quality widget) to FILE",
    )


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _with_config(run: Command[Options], options: Callable[[argparse.Namespace], Options]) -> Run:
    """Glue for a command that reads the playbook: site_config.yml (with `-c`) is read
    the same way for all of them, and a broken one is reported like the content."""

    def glue(args: argparse.Namespace, reporter: Reporter) -> int:
        log = DiagnosticLog()
        config = load_site_config(Path(), log, _content_option(args.content))
        if config is None:
            reporter.diagnostics(log, getattr(args, "format", "text"))
            return EXIT_ERRORS
        return run(config, options(args), log, reporter)

    return glue


def _validate(args: argparse.Namespace, reporter: Reporter) -> int:
    log = DiagnosticLog()
    config = load_site_config(Path(), log, _content_option(args.content))
    if config is not None:
        load_playbook(config.content_dir, log, config)
    reporter.diagnostics(log, args.format)
    if args.report:
        write_codeclimate(Path(args.report), log)
    return EXIT_ERRORS if log.failed(args.strict) else EXIT_OK


def _audit(args: argparse.Namespace, reporter: Reporter) -> int:
    # The date first: a usage error is reported before anything is read.
    today = parse_today(args.today) if args.today is not None else None
    options = AuditOptions(args.format, args.strict, today, _path(args.report))
    return _with_config(audit_command, lambda _: options)(args, reporter)


def _init(args: argparse.Namespace, reporter: Reporter) -> int:
    return init_command(InitOptions(Path(args.dir), args.language), reporter)


def _schema(args: argparse.Namespace, reporter: Reporter) -> int:
    if args.out_dir:
        try:
            written = write_schemas(Path(args.out_dir))
        except OSError as exc:
            raise PlaybookError(f"cannot write {args.out_dir}: {exc.strerror or exc}") from exc
        reporter.json(editor_settings(written))
        return EXIT_OK
    if args.file:
        try:
            document = file_schema(args.file)
        except KeyError:
            raise UsageError(f"no content file pattern '{args.file}'") from None
    else:
        document = dispatching_bundle()
    reporter.json(document)
    return EXIT_OK

"""The `playbook-gen` command: argument parsing and glue, nothing else.

Exit status: 0 success, 1 the playbook has errors (or a `PlaybookError`), 2 a usage
error. Commands other helpers own (`build`, `serve`, `init`, `score`) are imported only
when run, so a missing one is a clear message rather than a broken `validate`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from playbook_gen import __version__
from playbook_gen.diagnostics import DiagnosticLog
from playbook_gen.errors import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, PlaybookError, UsageError
from playbook_gen.read.config import SiteConfig, load_site_config


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status: int = args.run(args)
        return status
    except PlaybookError as exc:
        print(f"playbook-gen: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `playbook-gen schema | head`: the reader has gone, that is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-c",
        "--content",
        metavar="DIR",
        help="the playbook folder (default: content_dir in ./site_config.yml, else ./content)",
    )
    parser = argparse.ArgumentParser(
        prog="playbook-gen",
        description="Turn a sales playbook written as YAML into a MkDocs Material site.",
    )
    parser.add_argument("--version", action="version", version=f"playbook-gen {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, run: Callable[[argparse.Namespace], int]) -> Any:
        sub = commands.add_parser(name, parents=[common], help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    validate = command("validate", "check every file of the playbook", validate_command)
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings fail too")

    schema = command("schema", "print the JSON Schema of the content files", schema_command)
    schema.add_argument(
        "--file",
        metavar="PATTERN",
        help="only the schema of one file pattern, e.g. process.yml or skills/*.yml",
    )

    build = command(
        "build", "validate, render and build the site", _later("publish.build", "build")
    )
    build.add_argument("--site-dir", metavar="DIR", help="where the site goes (default: site)")
    build.add_argument("--strict", action="store_true", help="warnings fail too")

    serve = command(
        "serve", "live preview that rebuilds on change", _later("publish.serve", "serve")
    )
    serve.add_argument(
        "-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (127.0.0.1:8000)"
    )

    init = command(
        "init", "write a starter playbook (never overwrites)", _later("publish.starter", "init")
    )
    init.add_argument("dir", metavar="DIR", help="the folder to write the playbook to")
    init.add_argument("--language", choices=("zh", "en"), default="en")

    score = command(
        "score", "score a filled-in worksheet", _later("worksheets.score_command", "score")
    )
    score.add_argument("worksheet", metavar="WORKSHEET_ID")
    score.add_argument("answers", metavar="ANSWERS", help="YAML or JSON: question id → value")
    score.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _later(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A command implemented in `playbook_gen.<module>.<name>_command`, imported when run."""

    def run(args: argparse.Namespace) -> int:
        qualified = f"playbook_gen.{module}"
        try:
            implementation = importlib.import_module(qualified)
        except ModuleNotFoundError as exc:
            if exc.name != qualified:
                raise
            raise UsageError(f"the '{name}' command is not available yet") from exc
        function = getattr(implementation, f"{name}_command", None)
        if function is None:
            raise UsageError(f"the '{name}' command is not available yet")
        status: int = function(args)
        return status

    return run


def site_config(args: argparse.Namespace, log: DiagnosticLog) -> SiteConfig | None:
    """The settings of `./site_config.yml`, reading the folder given by `-c` if any.

    `None` when site_config.yml has errors (they are in `log`). Commands share this so
    `-c` and the default content folder mean the same everywhere.
    """
    config = load_site_config(Path(), log)
    if config is not None and getattr(args, "content", None):
        config = config.with_content(args.content)
    return config


def validate_command(args: argparse.Namespace) -> int:
    from playbook_gen.resolve.playbook import load_playbook

    log = DiagnosticLog()
    config = site_config(args, log)
    if config is not None:
        load_playbook(config.content_dir, log, config)
    print_diagnostics(log, args.format)
    return EXIT_ERRORS if log.failed(args.strict) else EXIT_OK


def print_diagnostics(log: DiagnosticLog, form: str = "text") -> None:
    """Diagnostics to stdout: one per line and a summary, or one JSON list."""
    if form == "json":
        print(json.dumps(log.to_json(), ensure_ascii=False, indent=2))
        return
    for line in log.lines():
        print(line)
    print(log.summary())


def schema_command(args: argparse.Namespace) -> int:
    from playbook_gen.read.schema import content_schema, file_schema

    if args.file:
        try:
            document = file_schema(args.file)
        except KeyError:
            raise UsageError(f"no content file pattern '{args.file}'") from None
    else:
        document = content_schema()
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return EXIT_OK

"""The one user-facing exception root.

Anything raised as a `PlaybookError` is a problem the user can fix (a locked build folder,
a missing starter, files in the way of `init`); the CLI reports it (`Reporter.failed`) and
exits with `exit_code`. The exit statuses are defined here and nowhere else. Any other
exception is a bug in playbook-gen and may show a traceback.
Problems *in the content* are not exceptions: they are diagnostics (see `diagnostics.py`),
so that one run reports all of them.
"""

from __future__ import annotations

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
"""The exit statuses of the contract: success, the playbook has errors, a usage error."""


class PlaybookError(Exception):
    """A problem the user can fix; the CLI shows the message and exits with `exit_code`.

    `details` are lines shown after the message (e.g. each file in the way of `init`).
    """

    exit_code = EXIT_ERRORS

    def __init__(self, message: str, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.details = details


class UsageError(PlaybookError):
    """The command line asks for something that cannot be done (exit status 2)."""

    exit_code = EXIT_USAGE

"""Errors a user can cause, each with the exit code the CLI returns for it."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CompareError(Exception):
    """A problem the user can fix; the CLI prints its message on one line, no traceback."""

    exit_code = EXIT_USAGE


class UsageError(CompareError):
    """Bad option, bad setting or bad config file."""


class InputError(CompareError):
    """The input folder is missing, empty or holds no readable text."""


class OutputError(CompareError):
    """The output folder cannot be created or written."""

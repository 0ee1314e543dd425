"""Errors a command reports as one line on stderr, never as a traceback."""

from __future__ import annotations


class CliError(Exception):
    """A failure the user can act on; ``exit_code`` 2 means bad input, 1 anything else."""

    exit_code = 1


class UsageError(CliError):
    """Bad input: an unknown food, a broken date, a negative amount. Nothing was written."""

    exit_code = 2

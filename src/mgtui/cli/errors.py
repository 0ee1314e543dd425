"""Errors a command reports as one line on stderr, never as a traceback."""

from __future__ import annotations

from mgtui.errors import BadInputError, MgtuiError


class CliError(MgtuiError):
    """A failure the user can act on; ``exit_code`` 2 means bad input, 1 anything else."""

    exit_code = 1


class UsageError(CliError, BadInputError):
    """Bad input: an unknown food, a broken date, a negative amount. Nothing was written."""

    exit_code = 2


def translate(error: BaseException) -> CliError | None:
    """The ``CliError`` for a failure of any layer (an ``MgtuiError``); None for a bug.

    The exit status comes from the error's class (mgtui.errors): bad input is 2, any
    other failure (a read-only folder, a file from a newer mgtui, a refused folder) 1.
    """
    if isinstance(error, CliError):
        return error
    if isinstance(error, MgtuiError):
        return UsageError(str(error)) if error.exit_code == 2 else CliError(str(error))
    return None

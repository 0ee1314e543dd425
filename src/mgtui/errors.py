"""One hierarchy for the failures a person is told about, each with its exit status.

Every layer raises a subclass of ``MgtuiError`` whose message is written for the
person; the CLI shows ``str(error)`` as one line and exits with ``exit_code``, the app
shows the same line. Nothing here imports anything, so every layer may import it.

- ``BadInputError`` (exit 2): a value the person typed or a file they gave cannot be
  used (an unknown food, ``-5g``, an unknown id, a broken import file); nothing was
  written. It is a ``ValueError`` too, as the domain's checks always were.
- ``RefusedError`` (exit 1): mgtui will not go on as things are (a data folder that
  belongs to someone else); the message says how to fix it.
- Any other ``MgtuiError`` (exit 1): the machine failed (a full disk, a lock held too
  long, a file written by a newer mgtui).
"""

from __future__ import annotations


class MgtuiError(Exception):
    """A failure the person can act on; the message says what happened and what to do."""

    exit_code = 1


class BadInputError(MgtuiError, ValueError):
    """A value or file the person gave cannot be used; nothing was written."""

    exit_code = 2


class RefusedError(MgtuiError):
    """mgtui refuses to use something as it is (the message says how to fix it)."""

    exit_code = 1

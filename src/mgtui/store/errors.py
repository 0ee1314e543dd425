"""What can go wrong in the store, each with a message a person can act on.

Every error here is a ``StoreError``, so the CLI and the app can catch one class and
show ``str(error)`` as is. Messages name the file and say whether data changed. The
ones caused by what the person gave are also ``BadInputError`` (exit status 2), and a
refusal to use a folder or file as it is is also ``RefusedError`` (see mgtui.errors).
"""

from __future__ import annotations

from pathlib import Path

from mgtui import locations
from mgtui.errors import BadInputError, MgtuiError


class StoreError(MgtuiError):
    """The log could not be read or saved; the message is written for the user."""


class StoreWriteError(StoreError):
    """Saving failed (full disk, read-only folder, ...); the file on disk is unchanged."""

    def __init__(self, path: Path, error: OSError, *, changed: bool = False) -> None:
        self.path = path
        self.errno = error.errno
        self.reason = reason = error.strerror or str(error)
        if changed:
            message = (
                f"saved to {path}, but could not make the save durable: {reason} "
                "(a power cut now might lose the last change)"
            )
        else:
            message = f"cannot save to {path}: {reason} — your data is unchanged"
        super().__init__(message)


class StoreLockedError(StoreError):
    """Another running copy of mgtui held the log for too long."""


class NewerSchemaError(StoreError):
    """The file was written by a newer mgtui; it is left exactly as it is."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path} was written by a newer version of mgtui (data format {found}; "
            f"this version understands up to {supported}). Please upgrade mgtui; "
            "the file was not changed"
        )


class DamagedFileError(StoreError):
    """The file is not a log mgtui can read (empty, truncated, garbage, wrong shape)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path} is damaged: {reason}")


class NotFoundError(StoreError, BadInputError):
    """No entry, product or custom food with that id or name."""


class DuplicateNameError(StoreError, BadInputError):
    """Another product or custom food already has that name."""


class InvalidRecordError(StoreError, BadInputError):
    """A value handed to the store cannot be saved (negative, not finite, wrong type)."""


class ImportFileError(StoreError, BadInputError):
    """An import file was rejected as a whole; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"cannot import: {shown}{more} — nothing was imported")


class UndoConflictError(StoreError):
    """The change to undo was changed again elsewhere (another window or the CLI)."""


class UntrustedPathError(StoreError, locations.UntrustedPathError):
    """The data folder or file is not the person's own, or is shared by design (/tmp);
    nothing was read or written. A ``RefusedError``: exit status 1."""

"""Errors a command reports as one line on stderr, never as a traceback."""

from __future__ import annotations

import sys
from collections.abc import Mapping


class CliError(Exception):
    """A failure the user can act on; ``exit_code`` 2 means bad input, 1 anything else."""

    exit_code = 1


class UsageError(CliError):
    """Bad input: an unknown food, a broken date, a negative amount. Nothing was written."""

    exit_code = 2


# Errors of the layers below whose message is written for the person who typed the
# value: bad input, exit status 2. Any other StoreError (a read-only folder, a file
# from a newer mgtui, a lock held too long) is a failure of the machine: status 1.
_BAD_INPUT = {
    "mgtui.logbook.drafts": ("AmountError",),
    "mgtui.domain.targets": ("ProfileError",),
    "mgtui.domain.supplements": ("SupplementError",),
    "mgtui.foods.portions": ("PortionError",),
    "mgtui.store.errors": (
        "NotFoundError",
        "DuplicateNameError",
        "InvalidRecordError",
        "ImportFileError",
    ),
}
_OTHER_FAILURES = {
    "mgtui.store.errors": ("StoreError",),
    "mgtui.foods.table": ("FoodTableError",),
}


def _classes(table: Mapping[str, tuple[str, ...]]) -> tuple[type[BaseException], ...]:
    # Only modules already loaded can have raised: looking them up in sys.modules
    # instead of importing them keeps the error path from loading (or failing to
    # load) TinyDB just to compare classes.
    found: list[type[BaseException]] = []
    for module_name, names in table.items():
        module = sys.modules.get(module_name)
        if module is not None:
            found.extend(getattr(module, name) for name in names)
    return tuple(found)


def translate(error: BaseException) -> CliError | None:
    """The ``CliError`` for an error of the domain, foods or store; None for a bug."""
    if isinstance(error, CliError):
        return error
    if isinstance(error, _classes(_BAD_INPUT)):
        return UsageError(str(error))
    if isinstance(error, _classes(_OTHER_FAILURES)):
        return CliError(str(error))
    return None

"""mgtui's storage: the only package that imports TinyDB (and it never imports Textual).

Open the log with ``Repository.open(data_dir)``; every error is a ``StoreError``
whose message is written for the user.
"""

from typing import TYPE_CHECKING, Any

from mgtui.store.errors import (
    DamagedFileError,
    DuplicateNameError,
    ImportFileError,
    InvalidRecordError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
    StoreLockedError,
    StoreWriteError,
    UndoConflictError,
    UntrustedPathError,
)
from mgtui.store.layout import SCHEMA_VERSION
from mgtui.store.repository import Repository, StoreSignature

if TYPE_CHECKING:
    from mgtui.store.damage import SetAsideRecord
    from mgtui.store.exchange import EXPORT_FORMAT, EXPORT_VERSION, ImportResult

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "SCHEMA_VERSION",
    "DamagedFileError",
    "DuplicateNameError",
    "ImportFileError",
    "ImportResult",
    "InvalidRecordError",
    "NewerSchemaError",
    "NotFoundError",
    "Repository",
    "SetAsideRecord",
    "StoreError",
    "StoreLockedError",
    "StoreSignature",
    "StoreWriteError",
    "UndoConflictError",
    "UntrustedPathError",
]


def __getattr__(name: str) -> Any:
    """The names whose modules a read never loads (exports and imports, damage), each
    imported on first use."""
    if name == "SetAsideRecord":
        from mgtui.store import damage

        return damage.SetAsideRecord
    if name in ("EXPORT_FORMAT", "EXPORT_VERSION", "ImportResult"):
        from mgtui.store import exchange

        return getattr(exchange, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

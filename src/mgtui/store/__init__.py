"""mgtui's storage: the only package that imports TinyDB (and it never imports Textual).

Open the log with ``Repository.open(data_dir)``; every error is a ``StoreError``
whose message is written for the user.
"""

from mgtui.store.damage import SetAsideRecord
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
from mgtui.store.exchange import EXPORT_FORMAT, EXPORT_VERSION, ImportResult
from mgtui.store.layout import SCHEMA_VERSION
from mgtui.store.repository import Repository, StoreSignature

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

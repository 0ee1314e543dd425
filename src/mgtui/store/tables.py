"""TinyDB's view of the log: its tables over the storage, loaded by the first write.

Reads look at the loaded tables (plain dictionaries) directly; writes go through
these tables, so TinyDB is imported only by a process that changes something.
"""

from __future__ import annotations

from collections.abc import Iterable

from tinydb import TinyDB
from tinydb.table import Table

from mgtui.store.storage import AtomicJSONStorage


class StoreTable(Table):
    """A TinyDB table that keeps no state a sibling process could make stale.

    Tables are opened with ``cache_size=0`` (no query cache). What remains is the
    next-id counter, reset by ``forget_process_state`` at the start of every
    transaction.
    """

    def forget_process_state(self) -> None:
        self.clear_cache()
        # The one use of a TinyDB private attribute, on purpose. ``Table.insert``
        # takes a new document's id from ``_next_id``, counted in this process and set
        # before the write; if another process inserted in between, that id is taken
        # and TinyDB raises "Document with ID ... already exists". Resetting it under
        # the lock makes TinyDB derive the id from the table as it is on disk now.
        # (Tested in tests/test_store_repository.py::test_auto_ids_after_another_process.)
        self._next_id = None


class _Database(TinyDB):
    table_class = StoreTable


def open_tables(storage: AtomicJSONStorage, names: Iterable[str]) -> dict[str, StoreTable]:
    """The named tables of a TinyDB over ``storage``, without a query cache."""
    database = _Database(storage=lambda: storage)
    tables: dict[str, StoreTable] = {}
    for name in names:
        table = database.table(name, cache_size=0)
        assert isinstance(table, StoreTable)
        tables[name] = table
    return tables

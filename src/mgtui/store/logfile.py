"""The log file: its locks, transactions, and bringing it back into shape.

Several processes may open the same folder at once (the app, ``mgtui add`` from a
script, one app per browser tab under ``mgtui serve``): every change is a transaction
under an inter-process lock that starts from the file's current content and ends with
one atomic save (storage.py). Reads take no lock: saves replace the file atomically,
so a reader always sees a whole version.

Repair happens under the lock: a missing file is created, an older format is backed
up and upgraded, a file that does not parse is copied aside and replaced by a new log
that remembers the copy (damage.py), so no run ever starts an empty log silently.
"""

from __future__ import annotations

import _thread
import datetime as dt
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Final

from mgtui.locations import PRIVATE_FILE_MODE, ensure_private_file
from mgtui.store import layout, records
from mgtui.store.errors import (
    DamagedFileError,
    StoreError,
    StoreLockedError,
    StoreWriteError,
)
from mgtui.store.layout import OutdatedSchemaError
from mgtui.store.storage import (
    TEMP_SUFFIX,
    AtomicJSONStorage,
    FileMissingError,
    Tables,
    fsync_folder,
    leftover_temp_files,
    parse_json,
    temp_file_prefix,
)

# Repairs, upgrades and damage reports import what they need (damage, migrations,
# tempfile) when they happen: a read of a sound log, such as `mgtui status`, never does.
if TYPE_CHECKING:
    from filelock import FileLock

    from mgtui.store.damage import SetAsideRecord
    from mgtui.store.tables import StoreTable

DEFAULT_LOCK_TIMEOUT: Final = 10.0
LOCK_POLL_INTERVAL: Final = 0.002
# Problems that mean "bring the file back into shape" rather than "report and stop".
REPAIRABLE = (DamagedFileError, FileMissingError, OutdatedSchemaError)


def utc_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _file_stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


class LogFile:
    """``mgtui.json`` as TinyDB tables, with the locks that make sharing it safe."""

    def __init__(self, path: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = path
        #: Where a damaged log was moved (``mgtui.json.corrupt-<timestamp>``), if it was.
        self.recovered_from: Path | None = None
        #: Called after a repair replaced the tables (the day index must be rebuilt).
        self.on_repair: Callable[[], None] = lambda: None
        self.notices: list[str] = []
        self.unread_notices = 0
        # threading.RLock is this same lock (_thread's, in C); taken from _thread, a
        # read does not import threading (~1 ms of `mgtui status`; the app loads it anyway).
        self.thread_lock = _thread.RLock()
        self._lock_timeout = lock_timeout
        self._file_lock: FileLock | None = None  # made by the first locked()
        self._lock_checked = False
        # The days digest's records, shared by loads and saves (layout.days_digest).
        self._day_digests: layout.DigestMemo = {}
        self.storage = AtomicJSONStorage(self.path, self._load, self._dump)
        self._tables: dict[str, StoreTable] | None = None
        self._in_transaction = False
        # The set-aside records last told about, so a reload tells only what is new.
        self._reported_aside: frozenset[str] = frozenset()

    def notice(self, text: str) -> None:
        self.notices.append(text)
        self.unread_notices += 1

    def open(self) -> None:
        """Read the file, repairing it (under the lock) when it needs it."""
        try:
            with self.thread_lock:
                self.storage.read()
            if not leftover_temp_files(self.path):
                self._tighten_file_mode()
                return
        except REPAIRABLE:
            pass
        with self.thread_lock, self.locked():
            self._repair_locked(after_open=False)
        self._tighten_file_mode()

    @property
    def tables(self) -> dict[str, StoreTable]:
        """TinyDB's tables over the storage, made on first use: writes change documents
        through them, while the reads `mgtui status` and the app's start make (the day,
        the profile, the meta document) look at the loaded tables directly and never
        import TinyDB (~3.5 ms)."""
        if self._tables is None:
            from mgtui.store.tables import open_tables

            self._tables = open_tables(self.storage, layout.TABLES)
        return self._tables

    def close(self) -> None:
        with self.thread_lock:
            self.storage.close()  # all that TinyDB's close does

    # -- transactions and reading -----------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The inter-process lock (callers hold the thread lock)."""
        # filelock, and the logging and inspect modules it loads, are imported by the
        # first write: reads take no lock, and `mgtui status` starts ~20 ms sooner.
        from filelock import FileLock, Timeout

        if self._file_lock is None:
            self._file_lock = FileLock(
                str(self.path) + ".lock", timeout=self._lock_timeout, mode=PRIVATE_FILE_MODE
            )
        file_lock = self._file_lock
        try:
            # filelock retries a held lock every 50 ms by default: with a few writers
            # that idle time, not the saves, would dominate (a save takes ~20 ms).
            file_lock.acquire(poll_interval=LOCK_POLL_INTERVAL)
        except Timeout:
            raise StoreLockedError(
                f"another copy of mgtui kept {self.path} locked for "
                f"{self._lock_timeout:g} seconds; nothing was changed, try again"
            ) from None
        except OSError as error:
            raise StoreWriteError(self.path, error) from error
        try:
            if not self._lock_checked:
                # filelock's mode applies only when it creates the file: a lock file
                # left 0666 by something else is tightened like the log.
                self._lock_checked = True
                notice = ensure_private_file(Path(file_lock.lock_file))
                if notice:
                    self.notice(notice)
            yield
        finally:
            file_lock.release()

    @contextmanager
    def transaction(self, on_saved: Callable[[], None]) -> Iterator[Tables]:
        """Lock, load the file's current content, run the block, save once; then
        call ``on_saved`` (not when the block or the save failed)."""
        with self.thread_lock:
            if self._in_transaction:
                raise RuntimeError("repository transactions do not nest")
            with self.locked():
                self.ensure_loaded_locked()
                for table in self.tables.values():
                    table.forget_process_state()
                self._in_transaction = True
                try:
                    with self.storage.batch() as tables:
                        yield tables
                finally:
                    self._in_transaction = False
                on_saved()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the thread lock, with the file loaded (repairing it if needed)."""
        with self.thread_lock:
            try:
                self.storage.read()
            except REPAIRABLE:
                with self.locked():
                    self.ensure_loaded_locked()
            yield

    def ensure_loaded_locked(self) -> None:
        """Load the file, repairing it first if needed (caller holds both locks)."""
        try:
            self.storage.read()
        except REPAIRABLE:
            self._repair_locked(after_open=True)

    # -- repair -----------------------------------------------------------------------

    def _repair_locked(self, *, after_open: bool) -> None:
        """Bring the file into a readable, current state (caller holds both locks).

        Missing: create it. Older format: back it up, migrate, save. Damaged: move it
        aside and start again, from this session's last good copy when there is one.
        Newer format: raise and touch nothing.
        """
        for leftover in leftover_temp_files(self.path):
            # Under the lock no save is running, so any temp file is a killed writer's.
            try:
                leftover.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                self.notice(f"could not remove the leftover file {leftover}: {error.strerror}")
        from mgtui.store import damage

        fallback = self.storage.last_good()
        payload = self.storage.read_bytes()
        if payload is None:
            tables = layout.new_tables(utc_stamp())
            # A repair killed between copying a damaged file aside and saving the new
            # log (by an older mgtui, which moved the file), or a log deleted by hand
            # next to such copies: the new log reminds of every copy until doctor.
            for kept in sorted(self.path.parent.glob(f"{self.path.name}.corrupt-*")):
                damage.file_reminder(tables, kept, "moved aside by an earlier run")
            self.storage.commit(tables)
            if after_open:
                self.notice(f"{self.path} had disappeared; a new, empty log was started")
            self._report_set_aside(tables)
            self.on_repair()
            return
        try:
            parsed = parse_json(payload, self.path)
            version = layout.schema_version_of(parsed, self.path)
            if version < layout.SCHEMA_VERSION:
                self._migrate_locked(parsed, version, payload)
            else:
                self.storage.read()
        except DamagedFileError as damaged:
            self._move_aside_locked(damaged, payload, fallback)
        self.on_repair()

    def _migrate_locked(self, parsed: object, version: int, payload: bytes) -> None:
        from mgtui.store import migrations

        assert isinstance(parsed, dict)
        try:
            upgraded = migrations.migrate(parsed, version)
        except layout.LayoutError as error:
            raise DamagedFileError(self.path, f"it cannot be upgraded: {error}") from None
        layout.load_tables(upgraded, None, self.path)
        backup = self._copy_aside(f"format-{version}", payload)
        self.storage.commit(upgraded)
        self.notice(
            f"{self.path.name} was upgraded from data format {version} to "
            f"{layout.SCHEMA_VERSION}; the original is kept as {backup}"
        )

    def _move_aside_locked(
        self, damaged: DamagedFileError, payload: bytes, fallback: Tables | None
    ) -> None:
        """Copy the damaged file aside, then replace it with a new log (or this
        session's last good copy) that remembers the copy.

        Copying rather than renaming leaves no moment without a log: a run killed in
        between finds the damaged file again and repairs it again, reusing the copy.
        """
        from mgtui.store import damage

        try:
            target = self._copy_aside("corrupt", payload)
        except StoreWriteError as error:
            raise StoreError(
                f"{damaged}, and it could not be copied aside ({error.reason}); "
                f"nothing was changed: free some space or fix the folder, then run mgtui again"
            ) from error
        self.recovered_from = target
        tables = fallback if fallback is not None else layout.new_tables(utc_stamp())
        damage.file_reminder(tables, target, damaged.reason)
        try:
            self.storage.commit(tables)
        except StoreWriteError as error:
            raise StoreError(
                f"{damaged}; it was copied to {target}, but a new log could not be saved "
                f"({error.reason}), so mgtui stopped: free some space or fix the folder, "
                "then run mgtui again"
            ) from error
        what = (
            "the log was restored from this session's copy"
            if fallback is not None
            else "a new, empty log was started"
        )
        self.notice(
            f"{self.path.name} could not be read ({damaged.reason}); it was moved to "
            f"{target} and {what}; 'mgtui doctor --recover {target}' brings back its "
            "valid records"
        )
        self._report_set_aside(tables, told=True)

    def _copy_aside(self, kind: str, payload: bytes) -> Path:
        """``mgtui.json.<kind>-<time>`` holding ``payload``, written whole or not at all;
        an earlier copy with the same bytes (a repair or upgrade that was interrupted
        and is now done again) is reused, so copies do not pile up.

        Raises ``StoreWriteError``.
        """
        for earlier in sorted(self.path.parent.glob(f"{self.path.name}.{kind}-*")):
            try:
                if earlier.stat().st_size == len(payload) and earlier.read_bytes() == payload:
                    return earlier
            except OSError:
                continue
        target = self._unique_sibling(f"{kind}-{_file_stamp()}")
        try:
            write_file_atomically(target, payload)
        except OSError as error:
            raise StoreWriteError(target, error) from error
        return target

    def _unique_sibling(self, suffix: str) -> Path:
        candidate = self.path.with_name(f"{self.path.name}.{suffix}")
        counter = 1
        while candidate.exists():
            candidate = self.path.with_name(f"{self.path.name}.{suffix}-{counter}")
            counter += 1
        return candidate

    # -- helpers ----------------------------------------------------------------------

    def _tighten_file_mode(self) -> None:
        notice = ensure_private_file(self.path)
        if notice:
            self.notice(notice)

    def _load(self, parsed: object, previous: Tables | None) -> Tables:
        # The memo (~0.7 MB for ten years) is started by the first save: a process
        # that only reads (status, an app that is only looked at) never needs it.
        memo = self._day_digests if self._day_digests else None
        tables = layout.load_tables(parsed, previous, self.path, digests=memo)
        records.set_aside_unusable(tables)
        self._report_set_aside(tables)
        return tables

    def _report_set_aside(self, tables: Tables, *, told: bool = False) -> None:
        """Tell what is set aside on the first load of each run, and again whenever
        that changes (another process set something aside, or doctor dealt with it);
        ``told``: the caller's own notice just said it."""
        if not tables.get(layout.SET_ASIDE) and not self._reported_aside:
            return  # nothing set aside, now or before: the usual case
        from mgtui.store import damage

        found = damage.records_in(tables)
        ids = frozenset(record.id for record in found)
        if ids and ids != self._reported_aside and not told:
            text = damage.notice_for(self.path, found)
            if text:
                self.notice(text)
        self._reported_aside = ids

    def set_aside_records(self) -> list[SetAsideRecord]:
        """What the loaded tables hold set aside (caller holds the thread lock)."""
        from mgtui.store import damage

        return damage.records_in(self.storage.read())

    def _dump(self, tables: Tables) -> list[bytes]:
        return layout.dump_tables(tables, digests=self._day_digests)


def write_file_atomically(path: Path, payload: bytes) -> None:
    """A new 0600 file ``path`` holding ``payload``, complete or absent: it is written
    under a temporary name (cleaned up on the next repair if this process is killed),
    flushed to disk, then renamed. Raises ``OSError``."""
    import tempfile

    fd, temp_name = tempfile.mkstemp(
        prefix=temp_file_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.link(temp_name, path)  # never replaces an existing file
    finally:
        if fd >= 0:
            os.close(fd)
        with suppress(FileNotFoundError):
            os.unlink(temp_name)
    fsync_folder(path.parent)

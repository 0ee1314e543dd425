"""A TinyDB storage that several processes can share safely.

TinyDB 4.9's ``JSONStorage`` keeps one handle open and rewrites the file in place:
a crash mid-write leaves half a file, and a second process reading at that moment
sees garbage. ``CachingMiddleware`` keeps up to 1,000 writes only in memory. This
storage instead:

- writes atomically: a temporary file in the same folder, ``fsync``, ``os.replace``,
  then ``fsync`` of the folder, so the file on disk is always either the old or the
  new version, and a change that was acknowledged survives a crash or power cut;
- serves reads from memory while the file is unchanged (one ``os.stat``: inode,
  size, mtime) and re-reads it when another process replaced it;
- defers writes inside a ``batch()`` (one transaction of the repository, taken under
  the inter-process lock) so a change that touches several tables is one atomic
  file replacement, and a failed one leaves nothing behind.

It never writes outside a batch: every write must happen under the lock held by the
repository (``write`` outside a batch is a programming error).
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import orjson

from mgtui import locations
from mgtui.frozen import frozen
from mgtui.store.errors import DamagedFileError, StoreError, StoreWriteError, UntrustedPathError

# TinyDB's raw shape: table name -> document id (a string in JSON) -> document.
Tables = dict[str, dict[str, Any]]
# Turns freshly parsed JSON into validated tables; may reuse parts of the previous
# (already validated) tables for documents that did not change.
Loader = Callable[[object, "Tables | None"], Tables]
# Turns tables into the file's bytes, in pieces written one after the other (so a
# large part already serialised on its own need not be copied into one buffer).
Dumper = Callable[[Tables], Sequence[bytes]]

TEMP_SUFFIX = ".tmp"
_BOM = b"\xef\xbb\xbf"


class FileMissingError(StoreError):
    """The log file is not there (deleted while running, or never created)."""


@frozen
class FileSignature:
    """What identifies one version of the file without reading it.

    Every save replaces the file, so a new version is a new inode. The storage keeps
    the inode it read open, so that number cannot be reused by another file while it
    is cached; size and mtime catch an editor that rewrites the file in place.
    """

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileSignature:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def temp_file_prefix(path: Path) -> str:
    """Temporary files are ``.mgtui.json.<random>.tmp`` next to the log: hidden, and
    on the same file system, which ``os.replace`` needs to be atomic."""
    return f".{path.name}."


def leftover_temp_files(path: Path) -> list[Path]:
    """Temporary files a killed writer left behind (only safe to delete under the lock)."""
    prefix = temp_file_prefix(path)
    try:
        with os.scandir(path.parent) as entries:
            return [
                Path(entry.path)
                for entry in entries
                if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)
            ]
    except FileNotFoundError:
        return []


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large tree of JSON objects.

    Parsing ten years of entries allocates about half a million lists, strings and
    floats, none of which can form a cycle; without the pause the collector runs over
    them again and again, which triples the parse time (40 ms -> 120 ms measured).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_json(payload: bytes, path: Path) -> object:
    """Parse the file's bytes; an empty, truncated or garbage file is ``DamagedFileError``."""
    if payload.startswith(_BOM):
        # An editor that saved the log with a byte-order mark changed nothing else.
        payload = payload[len(_BOM) :]
    if not payload.strip():
        raise DamagedFileError(path, "the file is empty")
    try:
        with _gc_paused():
            return orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise DamagedFileError(path, f"it is not valid JSON ({error})") from error


def dump_json(data: Tables) -> bytes:
    # orjson is ~10x faster than json.dumps here (11 ms instead of 108 ms for ten
    # years of entries), which is what keeps a durable add under 50 ms.
    return orjson.dumps(data)


def _dump_whole(data: Tables) -> Sequence[bytes]:
    return (dump_json(data),)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as error:
        # Some file systems cannot fsync a folder at all (EINVAL); the rename is then
        # as durable as that file system makes it, and there is nothing more to do.
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


class AtomicJSONStorage:
    """TinyDB storage: atomic durable saves, reads from memory while the file is unchanged.

    It has the methods TinyDB calls (``read``, ``write``, ``close``) without deriving
    from ``tinydb.storages.Storage``, so that reading imports no TinyDB (tables.py).
    """

    def __init__(self, path: Path, loader: Loader, dumper: Dumper = _dump_whole) -> None:
        self.path = path
        self._loader = loader
        self._dumper = dumper
        self._data: Tables | None = None
        self._signature: FileSignature | None = None
        # The open descriptor of the version in ``_data``: it pins the inode (see
        # FileSignature) and is never used to read or write.
        self._pinned_fd: int | None = None
        self._in_batch = False
        self._dirty = False
        #: Increases whenever the data in memory is replaced (a reload or a save), so
        #: the repository knows when its indexes are out of date.
        self.generation = 0

    # -- TinyDB's interface ---------------------------------------------------------

    def read(self) -> Tables:
        """The file's current content, from memory unless another process replaced it.

        Raises ``FileMissingError``, ``DamagedFileError``, the loader's errors, or
        ``StoreError`` when the file cannot be read at all.
        """
        if self._in_batch and self._data is not None:
            # Inside a batch we hold the inter-process lock: nobody else can write.
            return self._data
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            raise FileMissingError(f"{self.path} does not exist") from None
        except OSError as error:
            raise StoreError(f"cannot read {self.path}: {error.strerror or error}") from error
        if self._data is not None and FileSignature.of(info) == self._signature:
            return self._data
        return self._reload()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._in_batch:
            raise RuntimeError("the store writes only inside a transaction (batch)")
        self._data = data
        self._dirty = True

    def close(self) -> None:
        self._unpin()
        self._data = None
        self._signature = None

    # -- transactions ---------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[Tables]:
        """Collect the writes of one transaction and save them as one atomic replacement.

        Call it only while holding the inter-process lock. It starts from the file's
        current content; if the block raises after changing anything, the changes are
        dropped (TinyDB changes documents in place, so memory is reloaded from disk).
        """
        if self._in_batch:
            raise RuntimeError("transactions do not nest")
        data = self.read()
        self._in_batch = True
        self._dirty = False
        try:
            yield data
        except BaseException:
            if self._dirty:
                self.invalidate()
            raise
        else:
            if self._dirty and self._data is not None:
                self.commit(self._data)
        finally:
            self._in_batch = False
            self._dirty = False

    def invalidate(self) -> None:
        """Forget the data in memory; the next read loads the file again."""
        self._unpin()
        self._data = None
        self._signature = None
        self.generation += 1

    def commit(self, data: Tables) -> None:
        """Save ``data`` now, atomically and durably (caller holds the lock).

        Raises ``StoreWriteError`` (file unchanged) when the save fails.
        """
        payload = self._dumper(data)
        try:
            fd = self._write_atomically(payload)
        except _ReplacedButNotDurable as partial:
            self._adopt(data, partial.fd)
            raise StoreWriteError(self.path, partial.error, changed=True) from partial.error
        except OSError as error:
            self.invalidate()
            raise StoreWriteError(self.path, error) from error
        self._adopt(data, fd)

    # -- helpers for the repository's open and repair path ---------------------------

    def read_bytes(self) -> bytes | None:
        """The file's raw bytes, or None when there is no file."""
        try:
            fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise _read_error(self.path, error) from error
        try:
            info = os.fstat(fd)
            _check_owner(self.path, info)
            return _read_all(fd, info.st_size)
        finally:
            os.close(fd)

    def last_good(self) -> Tables | None:
        """The last content that loaded or saved without error (None after a failed save)."""
        return self._data

    def signature(self) -> FileSignature | None:
        try:
            return FileSignature.of(os.stat(self.path))
        except FileNotFoundError:
            return None

    # -- internals ------------------------------------------------------------------

    def _reload(self) -> Tables:
        try:
            # The path is resolved already: a symbolic link found here now was planted
            # since, and is never followed (ELOOP).
            fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW)
        except FileNotFoundError:
            raise FileMissingError(f"{self.path} does not exist") from None
        except OSError as error:
            raise _read_error(self.path, error) from error
        try:
            # fstat and read through the same descriptor, so the signature we keep
            # belongs to exactly the bytes we parsed, whatever is renamed meanwhile.
            info = os.fstat(fd)
            _check_owner(self.path, info)
            payload = _read_all(fd, info.st_size)
            parsed = parse_json(payload, self.path)
            with _gc_paused():
                data = self._loader(parsed, self._data)
        except BaseException:
            os.close(fd)
            raise
        self._unpin()
        self._pinned_fd = fd
        self._signature = FileSignature.of(info)
        self._data = data
        self.generation += 1
        return data

    def _adopt(self, data: Tables, fd: int) -> None:
        self._unpin()
        self._pinned_fd = fd
        self._signature = FileSignature.of(os.fstat(fd))
        self._data = data
        self.generation += 1

    def _unpin(self) -> None:
        if self._pinned_fd is not None:
            fd, self._pinned_fd = self._pinned_fd, None
            os.close(fd)

    def _write_atomically(self, payload: Sequence[bytes]) -> int:
        """Write a temp file, fsync, rename over the log, fsync the folder.

        Returns the open descriptor of the new file. On failure before the rename the
        temp file is removed and the old file is untouched.
        """
        folder = self.path.parent
        current = self._current_file_info()
        if current is not None and not current.st_mode & stat.S_IWUSR:
            # Replacing needs only a writable folder, so without this check a file its
            # owner made read-only would be silently overwritten.
            raise OSError(errno.EACCES, "the file is read-only", str(self.path))
        # Imported by the first save (with random and shutil): a read never needs it.
        import tempfile

        # mkstemp creates the file 0600 with O_EXCL: private from its first byte.
        fd, temp_name = tempfile.mkstemp(
            prefix=temp_file_prefix(self.path), suffix=TEMP_SUFFIX, dir=folder
        )
        try:
            self._keep_owner(fd, current)
            for piece in payload:
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            os.replace(temp_name, self.path)
        except BaseException:
            os.close(fd)
            # FileNotFoundError: the rename happened just before the interruption.
            with suppress(FileNotFoundError):
                os.unlink(temp_name)
            raise
        try:
            fsync_folder(folder)
        except OSError as error:
            raise _ReplacedButNotDurable(fd, error) from error
        return fd

    def _current_file_info(self) -> os.stat_result | None:
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(info.st_mode):
            # Planted since the path was resolved: never replaced, never followed.
            raise OSError(errno.ELOOP, "the file was replaced by a symbolic link", str(self.path))
        _check_owner(self.path, info)
        return info

    @staticmethod
    def _keep_owner(fd: int, current: os.stat_result | None) -> None:
        """When root saves someone else's log (``sudo mgtui add``), keep it theirs.

        The new file would otherwise belong to root and its 0600 mode would lock the
        owner out of their own history.
        """
        if os.geteuid() != 0 or current is None:
            return
        if (current.st_uid, current.st_gid) != (0, 0):
            os.fchown(fd, current.st_uid, current.st_gid)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _read_error(path: Path, error: OSError) -> StoreError:
    if error.errno == errno.ELOOP:
        return UntrustedPathError(
            f"{path} was replaced by a symbolic link while mgtui ran; it is not followed: "
            "remove the link, or run mgtui again to use a link of your own"
        )
    return StoreError(f"cannot read {path}: {error.strerror or error}")


def _check_owner(path: Path, info: os.stat_result) -> None:
    try:
        locations.check_owner(path, info, "the log")
    except locations.UntrustedPathError as refused:
        raise UntrustedPathError(str(refused)) from None


class _ReplacedButNotDurable(Exception):
    """The rename happened but the folder's fsync failed: the new data is in place."""

    def __init__(self, fd: int, error: OSError) -> None:
        super().__init__(str(error))
        self.fd = fd
        self.error = error


def _read_all(fd: int, size_hint: int) -> bytes:
    chunks: list[bytes] = []
    remaining = max(size_hint, 0) + 1  # one more byte tells us we reached the end
    while True:
        chunk = os.read(fd, max(remaining, 1 << 16))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        remaining = 1 << 16

"""Where mgtui keeps its data, and keeping that place private.

The log is health data, so the folder is 0700 and the file 0600. The folder comes
from, in order of precedence: the ``--data-dir`` option, the ``MGTUI_DATA_DIR``
environment variable, ``platformdirs.user_data_dir("mgtui")``.

The folder is trusted the way OpenSSH trusts ``~/.ssh``: a folder or file that
belongs to another user, a symbolic link another user made, or a folder shared by
design (sticky and writable by all, like ``/tmp`` itself) is refused with one line
saying how to fix it (``UntrustedPathError``), because whoever owns it could swap the
log or read it. The person's own folder with loose modes is tightened.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from mgtui.errors import RefusedError

APP_NAME = "mgtui"
DATA_FILE_NAME = "mgtui.json"
DATA_DIR_ENV = "MGTUI_DATA_DIR"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Bits that let anyone but the owner read, write or enter: these are what we remove.
_GROUP_OTHER_BITS = 0o077
_GROUP_OTHER_WRITE = 0o022


class UntrustedPathError(RefusedError):
    """A data folder or file mgtui will not use as it is; the message says how to fix it."""


def trusted_owners() -> frozenset[int]:
    """Who may own the data folder and file: this user; under ``sudo``, also the user
    who ran it (``sudo mgtui add`` keeps working on that person's own log)."""
    uid = os.geteuid()
    owners = {uid}
    sudo_uid = os.environ.get("SUDO_UID", "")
    if uid == 0 and sudo_uid.isdigit():
        owners.add(int(sudo_uid))
    return frozenset(owners)


def check_owner(path: Path, info: os.stat_result, what: str) -> None:
    """Refuse ``path`` (described as ``what``) unless it belongs to a trusted owner."""
    if not hasattr(os, "geteuid"):
        return  # Windows: no POSIX owners to compare; folder ACLs decide there
    if info.st_uid not in trusted_owners():
        raise UntrustedPathError(
            f"{what} {path} belongs to another user (uid {info.st_uid}), who could read or "
            "change your log: use a folder of your own (--data-dir DIR), or make it yours "
            f"(sudo chown -R {os.geteuid()} {path})"
        )


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Path:
    """The data folder: ``--data-dir`` wins, then ``MGTUI_DATA_DIR``, then the user data folder.

    An empty value counts as unset (``MGTUI_DATA_DIR= mgtui`` must not mean the
    current folder). ``~`` is expanded and a relative path is made absolute, so a
    later ``chdir`` cannot move the log.
    """
    env = os.environ if environ is None else environ
    chosen: str | os.PathLike[str] | None = None
    if cli_value is not None and os.fspath(cli_value) != "":
        chosen = cli_value
    elif env.get(DATA_DIR_ENV, ""):
        chosen = env[DATA_DIR_ENV]
    if chosen is None:
        # Imported only here: a command given its folder (scripts, MGTUI_DATA_DIR) skips
        # platformdirs' ~8 ms of imports.
        import platformdirs

        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Path(chosen).expanduser().absolute()


def data_file(data_dir: Path) -> Path:
    """The log file inside a data folder."""
    return data_dir / DATA_FILE_NAME


def ensure_private_dir(path: Path) -> str | None:
    """Create ``path`` (0700) or check and tighten an existing one; a notice when the
    folder could not be made private.

    Missing parents are created 0700 too, whatever the umask. An existing folder (or a
    symbolic link to one) must belong to this user, and must not be a shared folder by
    design (sticky and writable by others, like ``/tmp``): otherwise
    ``UntrustedPathError``. Loose modes are tightened, except on the home or root
    folder, where the file's own 0600 mode keeps the log private and a notice says so.

    Raises ``OSError`` when the folder cannot be created.
    """
    if _make_private_dirs(path):
        return None
    link = os.lstat(path)
    if stat.S_ISLNK(link.st_mode):
        check_owner(path, link, "the link")
    info = path.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    check_folder(path, info)
    if not info.st_mode & _GROUP_OTHER_BITS:
        return None
    resolved = path.resolve()
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        return (
            f"{path} can be read by other users; mgtui.json itself is private (mode 0600), "
            "but a folder of its own is safer"
        )
    return _tighten(path, info.st_mode, "folder")


def check_folder(path: Path, info: os.stat_result) -> None:
    """Refuse a folder of another user, or one shared by design (``/tmp`` itself)."""
    check_owner(path, info, "the data folder")
    if info.st_mode & stat.S_ISVTX and info.st_mode & _GROUP_OTHER_WRITE:
        raise UntrustedPathError(
            f"the data folder {path} is shared by all users (like /tmp), who could plant "
            f"files in it: use a folder of your own (--data-dir {path / APP_NAME})"
        )


def _make_private_dirs(path: Path) -> bool:
    """Create ``path`` and any missing parent, each exactly 0700 (mkdir's mode is
    filtered through the umask; under umask 000 parents would otherwise be 0777).
    Returns whether ``path`` itself was created."""
    missing: list[Path] = []
    folder = path
    while not os.path.lexists(folder):
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            if folder == path:
                return False
            continue
        os.chmod(folder, PRIVATE_DIR_MODE)
    return bool(missing)


def trusted_file(path: Path) -> Path:
    """The file to read and replace for ``path``: itself, or the target of a symbolic
    link of the person's own (kept in a synced folder, say), resolved.

    Raises ``UntrustedPathError`` for a link, file or target folder of another user.
    """
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return path.resolve()
    if stat.S_ISLNK(link.st_mode):
        check_owner(path, link, "the link")
        target = path.resolve()
        check_folder(target.parent, target.parent.stat())
        try:
            info = os.stat(target)
        except FileNotFoundError:
            return target
    else:
        target, info = path.resolve(), link
    check_owner(target, info, "the log")
    return target


def ensure_private_file(path: Path) -> str | None:
    """Remove group and other permissions from an existing file; a notice if that failed.

    Only bits are removed, never added: a file its owner made read-only stays so. A
    symbolic link is never followed here (the log's path is already resolved).
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode) or not info.st_mode & _GROUP_OTHER_BITS:
        return None
    return _tighten(path, info.st_mode, "file")


def _tighten(path: Path, mode: int, what: str) -> str | None:
    try:
        os.chmod(path, stat.S_IMODE(mode) & ~_GROUP_OTHER_BITS)
    except OSError as error:
        return f"could not make the {what} {path} private: {error.strerror or error}"
    return None

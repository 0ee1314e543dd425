"""Where mgtui keeps its data, and keeping that place private.

The log is health data, so the folder is 0700 and the file 0600. The folder comes
from, in order of precedence: the ``--data-dir`` option, the ``MGTUI_DATA_DIR``
environment variable, ``platformdirs.user_data_dir("mgtui")``.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "mgtui"
DATA_FILE_NAME = "mgtui.json"
DATA_DIR_ENV = "MGTUI_DATA_DIR"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# Bits that let anyone but the owner read, write or enter: these are what we remove.
_GROUP_OTHER_BITS = 0o077


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
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Path(chosen).expanduser().absolute()


def data_file(data_dir: Path) -> Path:
    """The log file inside a data folder."""
    return data_dir / DATA_FILE_NAME


def ensure_private_dir(path: Path) -> str | None:
    """Create ``path`` (0700) or tighten an existing one; return a notice when it could not be.

    Parents are created with the default mode: they are ordinary folders such as
    ``~/.local/share``. An existing folder is tightened only when it belongs to this
    user and is not a shared folder by design (sticky bit, like ``/tmp``), nor the
    home or root folder: pointing ``--data-dir`` at ``/tmp`` must never lock other
    users out of it. In those cases the file's own 0600 mode still keeps the log
    private, and the notice says so.

    Raises ``OSError`` when the folder cannot be created.
    """
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=False)
    except FileExistsError:
        pass
    else:
        # mkdir's mode is filtered through the umask; a umask never adds bits, but set it
        # exactly anyway so a strange umask cannot leave the folder unusable or open.
        os.chmod(path, PRIVATE_DIR_MODE)
        return None
    info = path.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    if not info.st_mode & _GROUP_OTHER_BITS:
        return None
    resolved = path.resolve()
    shared = (
        info.st_mode & stat.S_ISVTX
        or info.st_uid != os.geteuid()
        or resolved == Path(resolved.anchor)
        or resolved == Path.home().resolve()
    )
    if shared:
        return (
            f"{path} can be read by other users; mgtui.json itself is private (mode 0600), "
            "but a folder of its own is safer"
        )
    return _tighten(path, info.st_mode, "folder")


def ensure_private_file(path: Path) -> str | None:
    """Remove group and other permissions from an existing file; a notice if that failed.

    Only bits are removed, never added: a file its owner made read-only stays so.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    if not info.st_mode & _GROUP_OTHER_BITS:
        return None
    return _tighten(path, info.st_mode, "file")


def _tighten(path: Path, mode: int, what: str) -> str | None:
    try:
        os.chmod(path, stat.S_IMODE(mode) & ~_GROUP_OTHER_BITS)
    except OSError as error:
        return f"could not make the {what} {path} private: {error.strerror or error}"
    return None

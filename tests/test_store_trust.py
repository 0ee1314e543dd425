"""The data folder is trusted the way OpenSSH trusts ~/.ssh (issue 14, item 3).

The tests run as root: "another user" is simulated by giving files to uid 65534
(nobody) with os.chown / os.lchown, which is exactly what mgtui checks."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import Cli
from mgtui.store import Repository
from mgtui.store.errors import UntrustedPathError

OTHER = 65534

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown to another user")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    monkeypatch.delenv("SUDO_UID", raising=False)
    return Cli(tmp_path / "data", monkeypatch, capsys)


@pytest.fixture(autouse=True)
def no_sudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUDO_UID", raising=False)


def test_a_folder_of_another_user_is_refused_with_how_to_fix(cli: Cli) -> None:
    cli.data_dir.mkdir(mode=0o777)
    os.chmod(cli.data_dir, 0o777)
    os.chown(cli.data_dir, OTHER, OTHER)
    result = cli("add", "almonds")
    assert result.code == 1
    [line] = result.err_lines
    assert f"belongs to another user (uid {OTHER})" in line
    assert "--data-dir" in line and "chown" in line
    assert list(cli.data_dir.iterdir()) == []  # nothing written
    assert mode(cli.data_dir) == 0o777  # and not someone else's folder changed


def test_a_log_of_another_user_is_refused(cli: Cli) -> None:
    cli.ok("add", "almonds")
    os.chown(cli.data_file, OTHER, OTHER)
    before = cli.data_file.read_bytes()
    result = cli("log")
    assert result.code == 1 and "belongs to another user" in result.err
    assert cli.data_file.read_bytes() == before


def test_a_shared_sticky_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    result = cli("--data-dir", str(shared), "log")
    assert result.code == 1
    assert result.err_lines == [
        f"mgtui: the data folder {shared} is shared by all users (like /tmp), who could "
        f"plant files in it: use a folder of your own (--data-dir {shared / 'mgtui'})"
    ]
    assert list(shared.iterdir()) == []
    cli.ok("--data-dir", str(shared / "mgtui"), "add", "almonds")  # the advice works
    assert mode(shared / "mgtui") == 0o700


def test_a_planted_symlink_is_never_followed(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    cli.data_dir.mkdir(mode=0o700)
    os.symlink(notes, cli.data_file)
    os.lchown(cli.data_file, OTHER, OTHER)  # the link was made by someone else
    for command in (("log",), ("add", "almonds")):
        result = cli(*command)
        assert result.code == 1 and "the link" in result.err
    assert notes.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "notes.txt"]  # not renamed
    assert cli.data_file.is_symlink()


def test_an_attackers_open_folder_with_a_planted_link_is_refused(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    cli.data_dir.mkdir()
    os.chmod(cli.data_dir, 0o777)
    os.symlink(notes, cli.data_file)
    for path in (cli.data_dir, cli.data_file):
        os.lchown(path, OTHER, OTHER)
    assert cli("status").code == 1
    assert notes.read_text() == "my notes\n"
    assert list(tmp_path.glob("notes.txt.*")) == []


def test_own_symlinked_folder_and_file_keep_working(cli: Cli, tmp_path: Path) -> None:
    real = tmp_path / "synced"
    cli.ok("--data-dir", str(real), "add", "almonds")
    linked_folder = tmp_path / "linked-folder"
    linked_folder.symlink_to(real)
    assert cli.ok("--data-dir", str(linked_folder), "add", "spinach").out
    linked_file = tmp_path / "linked-file"
    linked_file.mkdir(mode=0o700)
    (linked_file / "mgtui.json").symlink_to(real / "mgtui.json")
    cli.ok("--data-dir", str(linked_file), "add", "oats")
    assert (linked_file / "mgtui.json").is_symlink()
    assert len(cli.json("--data-dir", str(real), "log")) == 3


def test_a_symlink_swapped_in_while_running_is_never_written_through(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.toggle_favourite("12014")
        (folder / "mgtui.json").unlink()
        (folder / "mgtui.json").symlink_to(notes)
        with pytest.raises(UntrustedPathError, match="replaced by a symbolic link"):
            repo.toggle_favourite("11458")
    assert notes.read_text() == "my notes\n"


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_parent_folders_are_created_0700_under_any_umask(tmp_path: Path) -> None:
    folder = tmp_path / "home" / ".local" / "share" / "mgtui"
    Repository.open(folder).close()
    for path in (tmp_path / "home", tmp_path / "home" / ".local", folder.parent, folder):
        assert mode(path) == 0o700, path
    assert mode(folder / "mgtui.json") == 0o600


def test_a_loose_lock_file_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Repository.open(folder).close()
    lock = folder / "mgtui.json.lock"
    lock.touch()
    os.chmod(lock, 0o666)
    with Repository.open(folder) as repo:
        repo.toggle_favourite("12014")
    assert mode(lock) == 0o600


def test_export_writes_through_a_link_of_ones_own(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "almonds")
    target = tmp_path / "backups" / "latest.json"
    target.parent.mkdir()
    target.write_text("old backup")
    link = tmp_path / "backup.json"
    link.symlink_to(target)
    cli.ok("export", "--output", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)  # the link stays
    assert '"mgtui-export"' in target.read_text()
    assert mode(target) == 0o600


def test_export_never_follows_a_link_of_another_user(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "almonds")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    link = tmp_path / "backup.json"
    link.symlink_to(notes)
    os.lchown(link, OTHER, OTHER)
    result = cli("export", "--output", str(link))
    assert result.code == 1 and "belongs to another user" in result.err
    assert notes.read_text() == "my notes\n" and link.is_symlink()


def test_sudo_keeps_working_on_the_persons_own_log(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", "almonds")
    for path in (cli.data_dir, *cli.data_dir.iterdir()):
        os.chown(path, OTHER, OTHER)
    monkeypatch.setenv("SUDO_UID", str(OTHER))
    cli.ok("add", "spinach")
    assert os.stat(cli.data_file).st_uid == OTHER  # still the person's own file

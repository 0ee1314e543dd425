"""The file itself: damage, newer and older formats, modes, failing disks, locations."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import mgtui
from mgtui import locations
from mgtui.domain.entries import Entry
from mgtui.store import (
    NewerSchemaError,
    Repository,
    StoreError,
    StoreWriteError,
    layout,
    migrations,
)
from mgtui.store.errors import UntrustedPathError
from mgtui.store.layout import LayoutError

DAY = dt.date(2025, 5, 1)


def add(repo: Repository, name: str = "Nuts, almonds", day: dt.date = DAY) -> str:
    return repo.log(
        Entry(
            id="",
            date=day,
            time=dt.time(8, 30),
            kind="food",
            name=name,
            amount="1 oz",
            magnesium_mg=76.0,
            calcium_mg=75.0,
            food_id="12061",
            grams=28.35,
        )
    ).id


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def siblings(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern))


# -- damaged files ---------------------------------------------------------------------


def _valid_file_bytes(tmp_path: Path) -> bytes:
    scratch = tmp_path / "scratch"
    with Repository.open(scratch) as repo:
        for offset in range(5):
            add(repo, day=DAY + dt.timedelta(days=offset))
    return (scratch / "mgtui.json").read_bytes()


def _day_doc() -> dict[str, str]:
    return {"d": DAY.isoformat(), "e": "[]"}


def _current(tables: str) -> bytes:
    """A file in the current format with the given tables after ``meta``."""
    return b'{"meta": {"1": {"schema": %d}}, %s}' % (layout.SCHEMA_VERSION, tables.encode())


def _first_day_as(valid: bytes, stored: object) -> bytes:
    """The valid file with its first day's rows replaced by ``stored``, the stamp kept."""
    data = orjson.loads(valid)
    data["days"][next(iter(data["days"]))]["e"] = stored
    return orjson.dumps(data)


# Damage that leaves no mgtui log to read: the file is moved aside as a whole.
DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda valid: b"",
    "blank": lambda valid: b"  \n",
    "truncated": lambda valid: valid[: len(valid) // 2],
    "garbage": lambda valid: bytes(range(256)) * 4,
    "not utf-8 text": lambda valid: valid.replace(b"almonds", b"alm\xffnds"),
    "a list": lambda valid: b"[1, 2, 3]",
    "a number": lambda valid: b"42",
    "another app's json": lambda valid: b'{"settings": {"theme": "dark"}}',
    "meta malformed": lambda valid: b'{"meta": {"1": {"schema": "one"}}}',
}
# Damage to some records of a readable log: those are set aside, the rest stay in use.
# Rows are stored inside a JSON string, where their quotes are escaped (\").
RECORD_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "days not an object": lambda valid: _current('"days": []'),
    "day under the wrong date": lambda valid: _current(
        '"days": ' + orjson.dumps({"1": _day_doc()}).decode()
    ),
    "entry with text for magnesium": lambda valid: valid.replace(b"76.0", b'\\"lots\\"', 1),
    "entry with a bad time": lambda valid: valid.replace(b'\\"08:30\\"', b'\\"8.30\\"', 1),
    "entry too short": lambda valid: valid.replace(b',\\"1 oz\\",76.0,75.0', b"", 1),
    "entries not valid JSON": lambda valid: valid.replace(b'\\"08:30\\"', b'\\"08:30', 1),
    "entries as nested arrays": lambda valid: _first_day_as(
        valid, orjson.loads(orjson.loads(valid)["days"][str(DAY.toordinal())]["e"])
    ),
    "entries not a list": lambda valid: _first_day_as(valid, '{"a": 1}'),
    "entries missing": lambda valid: _first_day_as(valid, None),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_file_is_moved_aside_and_a_new_log_started(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    valid = _valid_file_bytes(tmp_path)
    damaged = DAMAGE[kind](valid)
    assert damaged != valid  # the damage applies to the current format
    (folder / "mgtui.json").write_bytes(damaged)

    with Repository.open(folder) as repo:
        assert repo.recovered_from is not None
        assert re.fullmatch(r"mgtui\.json\.corrupt-\d{8}T\d{12}Z", repo.recovered_from.name)
        assert repo.recovered_from.read_bytes() == damaged  # kept exactly as it was
        assert mode(repo.recovered_from) == 0o600
        assert repo.all_entries() == []
        assert any(str(repo.recovered_from) in notice for notice in repo.notices)
        assert repo.pop_notices() and repo.pop_notices() == []
        add(repo)  # the new log works
    reopened = Repository.open(folder)
    assert reopened.recovered_from is None and len(reopened.all_entries()) == 1
    # Every later run still says where the damaged file is, until doctor deals with it.
    assert any("mgtui doctor --recover" in notice for notice in reopened.notices)


@pytest.mark.parametrize("kind", sorted(RECORD_DAMAGE))
def test_damaged_records_are_set_aside_and_the_rest_kept(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    valid = _valid_file_bytes(tmp_path)
    damaged = RECORD_DAMAGE[kind](valid)
    assert damaged != valid  # the damage applies to the current format
    (folder / "mgtui.json").write_bytes(damaged)
    whole_file = kind in ("days not an object", "day under the wrong date")

    with Repository.open(folder) as repo:
        assert repo.recovered_from is None
        aside = repo.set_aside_records()
        assert aside and all(record.reason for record in aside)
        # The first day's entry is the damaged one; the other four days are in use.
        assert len(repo.all_entries()) == (0 if whole_file else 4)
        assert any("mgtui doctor" in notice for notice in repo.notices)
    assert (folder / "mgtui.json").read_bytes() == damaged  # reading changes nothing
    with Repository.open(folder) as repo:
        assert any("mgtui doctor" in notice for notice in repo.notices)  # every run
        add(repo, day=DAY + dt.timedelta(days=9))  # a save keeps the damaged record aside
    stored = orjson.loads((folder / "mgtui.json").read_bytes())
    assert [doc["id"] for doc in stored["set_aside"].values()] == [r.id for r in aside]
    with Repository.open(folder) as repo:
        assert len(repo.all_entries()) == (1 if whole_file else 5)
        assert [record.id for record in repo.set_aside_records()] == [r.id for r in aside]


def test_rows_mgtui_saved_are_not_checked_again_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        ids = [add(repo, day=DAY + dt.timedelta(days=offset)) for offset in range(3)]
    stored = orjson.loads((folder / "mgtui.json").read_bytes())
    assert layout.days_digest_matches(stored)
    checked: list[str] = []
    real_check = layout._check_day

    def counting_check(doc_id: str, document: dict[str, object]) -> None:
        checked.append(doc_id)
        real_check(doc_id, document)

    monkeypatch.setattr(layout, "_check_day", counting_check)
    with Repository.open(folder) as repo:
        assert sorted(e.id for e in repo.all_entries()) == sorted(ids)
    assert checked == []

    # One changed byte in a row: the stamp no longer matches, so every day is checked.
    edited = (folder / "mgtui.json").read_bytes().replace(b"76.0", b"77.0", 1)
    (folder / "mgtui.json").write_bytes(edited)
    with Repository.open(folder) as repo:
        assert repo.recovered_from is None
        assert sorted(e.magnesium_mg or 0.0 for e in repo.all_entries()) == [76.0, 76.0, 77.0]
    assert len(checked) == 3


def test_a_stamp_left_by_an_older_save_does_not_hide_damage(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        add(repo)
    data = orjson.loads((folder / "mgtui.json").read_bytes())
    day = data["days"][str(DAY.toordinal())]
    rows = orjson.loads(day["e"])
    rows[0][1] = "8.30"
    day["e"] = orjson.dumps(rows).decode()  # edited, the stamp kept
    (folder / "mgtui.json").write_bytes(orjson.dumps(data))
    with Repository.open(folder) as repo:
        assert repo.recovered_from is None
        assert repo.all_entries() == []
        assert [r.what for r in repo.set_aside_records()] == ["entry"]
        assert "'8.30' is not HH:MM" in repo.set_aside_records()[0].reason


def test_two_recoveries_keep_both_damaged_files(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for garbage in (b"first", b"second"):
        (folder / "mgtui.json").write_bytes(garbage)
        Repository.open(folder).close()
    kept = sorted(p.read_bytes() for p in siblings(folder, "mgtui.json.corrupt-*"))
    assert kept == [b"first", b"second"]


def test_damage_while_running_restores_this_sessions_copy(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path)
    entry_id = add(repo)
    repo.path.write_bytes(b'{"meta": {"1": {"schema": 1}}, "days": {"x": 1}')  # edited badly
    assert repo.get_entry(entry_id).name == "Nuts, almonds"
    assert repo.recovered_from is not None
    assert repo.recovered_from.read_bytes().startswith(b'{"meta"')
    assert "restored from this session's copy" in repo.notices[-1]
    assert [e.id for e in Repository.open(tmp_path).all_entries()] == [entry_id]


def test_a_deleted_file_starts_a_new_log(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path)
    add(repo)
    repo.path.unlink()
    assert repo.all_entries() == []
    assert "disappeared" in repo.notices[-1]
    assert repo.path.exists()


BAD_ROWS = [
    "not a list",
    ["abc", "08:30", "f", "name", "1 oz", 1.0],  # too short
    ["abc", "08:30", "f", "name", "1 oz", 1.0, 2.0, None, None, None, None, None, None, None],
    ["", "08:30", "f", "name", "1 oz", 1.0, 2.0],
    [12, "08:30", "f", "name", "1 oz", 1.0, 2.0],
    ["x" * 65, "08:30", "f", "name", "1 oz", 1.0, 2.0],
    ["abc", "8:30", "f", "name", "1 oz", 1.0, 2.0],
    ["abc", "24:00", "f", "name", "1 oz", 1.0, 2.0],
    ["abc", "08:30", "food", "name", "1 oz", 1.0, 2.0],
    ["abc", "08:30", "f", None, "1 oz", 1.0, 2.0],
    ["abc", "08:30", "f", "name", 1, 1.0, 2.0],
    ["abc", "08:30", "f", "name", "1 oz", -1.0, 2.0],
    ["abc", "08:30", "f", "name", "1 oz", True, 2.0],
    ["abc", "08:30", "f", "name", "1 oz", 1.0, "2"],
    ["abc", "08:30", "f", "name", "1 oz", 1.0, 2.0, 12014],
    ["abc", "08:30", "f", "name", "1 oz", 1.0, 2.0, "12014", "28 g"],
    ["abc", "08:30", "s", "name", "1 oz", 1.0, 2.0, None, None, 7],
    ["abc", "08:30", "s", "name", "1 oz", 1.0, 2.0, None, None, "citrate", []],
    ["abc", "08:30", "s", "name", "1 oz", 1.0, 2.0, None, None, "citrate", "Mag", -2],
    ["abc", "08:30", "s", "name", "1 oz", 1.0, 2.0, None, None, "citrate", "Mag", 1, "400"],
    ["abc", "08:30", "f", "name", "1 oz", 1.0, 2.0, None, None, None, None, None, -1],
]
GOOD_ROWS = [
    ["abc", "08:30", "f", "name", "1 oz", 1.0, 2.0],
    ["abc", "08:30:59", "f", "", "", None, None, None],
    ["abc", "23:59", "f", "name", "1 oz", 0, 2, "12014", 28.35],
    ["abc", "00:00", "s", "name", "1", 120.0, None, None, None, "citrate", "Mag", 2],
    ["abc", "07:00", "s", "D3", "1", 0, 0, None, None, None, "D3", 1, 1000],
]


@pytest.mark.parametrize("row", BAD_ROWS, ids=range(len(BAD_ROWS)))
def test_every_bad_row_is_caught_by_both_checks(row: object) -> None:
    layout.parse_time("08:30")  # a warm time cache must not let anything through
    assert layout.row_problem(row) is not None
    assert not layout._row_looks_valid(row)


@pytest.mark.parametrize("row", GOOD_ROWS, ids=range(len(GOOD_ROWS)))
def test_good_rows_pass(row: list[object]) -> None:
    assert layout.row_problem(row) is None
    assert layout._row_looks_valid(row)  # the time is cached by now


# -- newer and older formats -----------------------------------------------------------


def _newer_file(folder: Path) -> bytes:
    newer = layout.SCHEMA_VERSION + 1
    payload = orjson.dumps(
        {"meta": {"1": {"schema": newer, "app": "mgtui"}}, "days": {}, "journal": {"1": {"x": 1}}}
    )
    (folder / "mgtui.json").write_bytes(payload)
    return payload


def test_a_newer_format_is_refused_and_left_byte_for_byte(tmp_path: Path) -> None:
    payload = _newer_file(tmp_path)
    with pytest.raises(NewerSchemaError, match=r"newer version of mgtui.*not changed"):
        Repository.open(tmp_path)
    assert (tmp_path / "mgtui.json").read_bytes() == payload
    assert siblings(tmp_path, "mgtui.json.*[!k]") == []  # no backup, no corrupt copy


def test_a_newer_format_written_while_running_is_never_overwritten(tmp_path: Path) -> None:
    repo = Repository.open(tmp_path)
    add(repo)
    replacement = tmp_path / "upgrade"
    replacement.mkdir()
    payload = _newer_file(replacement)
    os.replace(replacement / "mgtui.json", repo.path)  # a newer mgtui upgraded the file
    with pytest.raises(NewerSchemaError):
        add(repo)
    with pytest.raises(NewerSchemaError):
        repo.entries_on(DAY)
    assert repo.path.read_bytes() == payload


LEGACY = {
    "_default": {},
    "entries": {
        "1": {
            "date": "2024-05-01",
            "time": "20:00",
            "kind": "food",
            "name": "Spinach, cooked, boiled, drained, without salt",
            "amount": "1 cup",
            "magnesium_mg": 156.6,
            "calcium_mg": 244.8,
            "food_id": "11458",
            "grams": 180,
        },
        "2": {
            "date": "2024-05-01",
            "time": "07:30",
            "kind": "supplement",
            "name": "Magnesium citrate",
            "amount": "1 tablet",
            "magnesium_mg": 100,
            "calcium_mg": None,
            "form": "citrate",
        },
        "3": {
            "date": "2024-04-30",
            "time": "12:00",
            "kind": "food",
            "name": "Milk, whole",
            "amount": "1 cup",
            "magnesium_mg": 24.4,
            "calcium_mg": 276,
        },
    },
    "profile": {
        "1": {
            "sex": "female",
            "age": 58,
            "pregnant": False,
            "lactating": False,
            "kidney_disease": False,
            "ratio_band": [2.2, 3.2],
        }
    },
    "supplements": {"1": {"name": "Citrate 100", "form": "citrate", "magnesium_mg": 100}},
}


def test_the_legacy_format_is_upgraded_with_a_backup(tmp_path: Path) -> None:
    payload = orjson.dumps(LEGACY)
    (tmp_path / "mgtui.json").write_bytes(payload)
    with Repository.open(tmp_path) as repo:
        day = repo.entries_on(dt.date(2024, 5, 1))
        assert [(e.name, e.kind, e.time) for e in day] == [
            ("Magnesium citrate", "supplement", dt.time(7, 30)),
            ("Spinach, cooked, boiled, drained, without salt", "food", dt.time(20, 0)),
        ]
        assert all(re.fullmatch(r"[0-9a-f]{12}", e.id) for e in day)
        assert day[0].form == "citrate" and day[1].grams == 180
        assert repo.entries_on(dt.date(2024, 4, 30))[0].calcium_mg == 276
        assert repo.profile().age == 58 and not repo.profile().is_default
        assert repo.supplement_product("citrate 100") is not None
        assert "upgraded from data format 0 to 4" in repo.notices[0]
    (backup,) = siblings(tmp_path, "mgtui.json.format-0-*")
    assert backup.read_bytes() == payload and mode(backup) == 0o600
    upgraded = orjson.loads((tmp_path / "mgtui.json").read_bytes())
    assert upgraded["meta"]["1"]["schema"] == layout.SCHEMA_VERSION
    assert Repository.open(tmp_path).notices == ()  # upgraded once


@pytest.mark.parametrize("payload", [b"{}", b'{"_default": {}}'])
def test_an_empty_tinydb_file_is_upgraded_to_an_empty_log(tmp_path: Path, payload: bytes) -> None:
    (tmp_path / "mgtui.json").write_bytes(payload)
    with Repository.open(tmp_path) as repo:
        assert repo.all_entries() == [] and repo.recovered_from is None


def test_a_legacy_file_that_cannot_be_upgraded_is_moved_aside(tmp_path: Path) -> None:
    broken = {"entries": {"1": {"date": "2024-13-01", "time": "07:00", "name": "x"}}}
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(broken))
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is not None
        assert "cannot be upgraded" in repo.notices[-1]


def test_migrations_run_in_order_and_check_each_step() -> None:
    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data, meta={"1": {"schema": 2}})
        data["steps"] = [*data.get("steps", []), "1->2"]
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        return dict(data, meta={"1": {"schema": 3}}, steps=[*data.get("steps", []), "2->3"])

    steps: dict[int, migrations.Migration] = {1: one_to_two, 2: two_to_three}
    start = {"meta": {"1": {"schema": 1}}}
    assert migrations.migrate(start, 1, target=3, migrations=steps)["steps"] == ["1->2", "2->3"]
    assert migrations.migrate(start, 2, target=3, migrations=steps)["steps"] == ["2->3"]
    with pytest.raises(LayoutError, match="no upgrade from data format 0"):
        migrations.migrate(start, 0, target=3, migrations=steps)
    with pytest.raises(LayoutError, match="did not reach 2"):
        migrations.migrate(start, 1, target=2, migrations={1: lambda data: data})
    assert set(migrations.MIGRATIONS) == set(range(layout.SCHEMA_VERSION))


# -- modes -----------------------------------------------------------------------------


def test_a_new_folder_and_file_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "deeper" / "data"
    with Repository.open(folder) as repo:
        add(repo)
        assert mode(folder) == 0o700
        assert mode(repo.path) == 0o600
        assert mode(folder / "mgtui.json.lock") == 0o600


def test_loose_modes_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder):
        pass
    os.chmod(folder, 0o755)
    os.chmod(folder / "mgtui.json", 0o644)
    with Repository.open(folder) as repo:
        assert mode(folder) == 0o700
        assert mode(repo.path) == 0o600
        add(repo)
        assert mode(repo.path) == 0o600  # every save writes a 0600 file


def test_a_read_only_file_is_not_made_writable_nor_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        add(repo)
    os.chmod(folder / "mgtui.json", 0o444)
    before = (folder / "mgtui.json").read_bytes()
    with Repository.open(folder) as repo:
        assert mode(folder / "mgtui.json") == 0o400
        assert len(repo.all_entries()) == 1
        with pytest.raises(StoreWriteError, match="the file is read-only — your data is unch"):
            add(repo, "Spinach")
        assert len(repo.all_entries()) == 1
    assert (folder / "mgtui.json").read_bytes() == before
    assert mode(folder / "mgtui.json") == 0o400


def test_a_symlinked_log_is_saved_through_the_link(tmp_path: Path) -> None:
    real_folder = tmp_path / "synced"
    with Repository.open(real_folder) as repo:
        first = add(repo)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "mgtui.json").symlink_to(real_folder / "mgtui.json")
    with Repository.open(folder) as repo:
        assert [e.id for e in repo.all_entries()] == [first]
        add(repo, "Spinach")
    assert (folder / "mgtui.json").is_symlink()
    with Repository.open(real_folder) as repo:
        assert len(repo.all_entries()) == 2


def test_a_shared_folder_like_tmp_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    with pytest.raises(UntrustedPathError, match=r"shared by all users \(like /tmp\)"):
        Repository.open(shared)
    assert mode(shared) == 0o1777
    assert list(shared.iterdir()) == []


# -- failing disks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("function", "code", "message"),
    [
        ("replace", errno.EROFS, "Read-only file system"),
        ("fsync", errno.ENOSPC, "No space left on device"),
        ("write", errno.EIO, "Input/output error"),
    ],
)
def test_a_failing_save_says_so_and_leaves_the_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, function: str, code: int, message: str
) -> None:
    repo = Repository.open(tmp_path)
    kept = add(repo)
    before = repo.path.read_bytes()
    real = getattr(os, function)

    def failing(*args: object, **kwargs: object) -> object:
        if function == "write" and args and args[0] in (1, 2):
            return real(*args, **kwargs)  # let the terminal through
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, function, failing)
    with pytest.raises(StoreWriteError) as caught:
        add(repo, "Spinach")
    monkeypatch.undo()
    assert str(caught.value) == (f"cannot save to {repo.path}: {message} — your data is unchanged")
    assert isinstance(caught.value, StoreError) and isinstance(caught.value, Exception)
    assert repo.path.read_bytes() == before
    assert siblings(tmp_path, ".mgtui.json.*") == []  # no temp file left
    assert [e.id for e in repo.all_entries()] == [kept]  # memory matches the disk
    add(repo, "Spinach")  # and the next save works
    assert len(Repository.open(tmp_path).all_entries()) == 2


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs); skipped where mounting is not allowed."""
    mount_point = Path(tempfile.mkdtemp(prefix="mgtui-tiny-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        mount_point.rmdir()
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)]).returncode != 0:
            subprocess.run(["umount", "--lazy", str(mount_point)], check=True)
        mount_point.rmdir()


def test_a_really_full_disk(tiny_disk: Path) -> None:
    long_name = "Seeds, pumpkin and squash seed kernels, dried " * 20
    saved = 0
    with Repository.open(tiny_disk / "data") as repo:
        with pytest.raises(StoreWriteError, match="No space left on device — your data is unch"):
            while True:
                before = repo.path.read_bytes()
                add(repo, f"{saved} {long_name}")
                saved += 1
        assert saved > 10
        assert repo.path.read_bytes() == before
        assert siblings(tiny_disk / "data", ".mgtui.json.*") == []
        assert len(repo.all_entries()) == saved
    with Repository.open(tiny_disk / "data") as reopened:
        assert len(reopened.all_entries()) == saved


def _interpreter_for(user: int) -> tuple[list[str], dict[str, str]] | None:
    """A Python the given user can run with this project importable, or None."""
    if shutil.which("setpriv") is None:
        return None
    paths = {str(Path(mgtui.__file__).parents[1])}
    for module in ("tinydb", "filelock", "orjson", "platformdirs"):
        file = __import__(module).__file__
        assert file is not None
        paths.add(str(Path(file).parents[1]))
    env = {"PYTHONPATH": os.pathsep.join(sorted(paths)), "PATH": "/usr/bin:/bin"}
    wrap = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, f"/usr/bin/python{version}", "/usr/bin/python3"):
        check = f"import sys, orjson, tinydb; assert sys.version[:4] == {version!r}"
        probe = subprocess.run(
            [*wrap, python, "-c", check],
            env=env,
            capture_output=True,
        )
        if probe.returncode == 0:
            return [*wrap, python], env
    return None


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to another user")
def test_a_read_only_folder_for_a_real_user() -> None:
    nobody = 65534
    command = _interpreter_for(nobody)
    if command is None:
        pytest.skip("no Python the 'nobody' user can run")
    base = Path(tempfile.mkdtemp(prefix="mgtui-ro-"))
    try:
        os.chmod(base, 0o755)
        folder = base / "data"
        with Repository.open(folder) as repo:
            add(repo)
        # A second folder holding only a copied log: not even the lock file can be made.
        copied = base / "copied"
        copied.mkdir()
        shutil.copy2(folder / "mgtui.json", copied / "mgtui.json")
        for path in (folder, *folder.iterdir(), copied, *copied.iterdir()):
            os.chown(path, nobody, nobody)
        for path in (folder, copied):
            os.chmod(path, 0o500)  # the owner may read and list, not create files
        before = (folder / "mgtui.json").read_bytes()
        script = textwrap.dedent(
            f"""
            import datetime as dt, os, sys
            from mgtui.store import Repository, StoreWriteError
            assert os.geteuid() == {nobody}
            for folder in sys.argv[1:]:
                repo = Repository.open(folder)
                print(len(repo.all_entries()))
                try:
                    repo.toggle_favourite("12014")
                except StoreWriteError as error:
                    print(error)
            """
        )
        argv, env = command
        result = subprocess.run(
            [*argv, "-c", script, str(folder), str(copied)], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines() == [
            "1",
            f"cannot save to {folder / 'mgtui.json'}: Permission denied — your data is unchanged",
            "1",
            f"cannot save to {copied / 'mgtui.json'}: Permission denied — your data is unchanged",
        ]
        assert (folder / "mgtui.json").read_bytes() == before
        assert (copied / "mgtui.json").read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["mgtui.json", "mgtui.json.lock"]
        assert sorted(p.name for p in copied.iterdir()) == ["mgtui.json"]
    finally:
        for path in (base / "data", base / "copied"):
            if path.exists():
                os.chmod(path, 0o700)
        shutil.rmtree(base)


def test_leftover_temp_files_are_removed_on_open(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        add(repo)
    leftover = tmp_path / ".mgtui.json.abc123.tmp"
    leftover.write_bytes(b'{"half a')
    unrelated = tmp_path / "notes.tmp"
    unrelated.write_bytes(b"mine")
    with Repository.open(tmp_path) as repo:
        assert len(repo.all_entries()) == 1
    assert not leftover.exists() and unrelated.exists()


# -- locations -------------------------------------------------------------------------


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"MGTUI_DATA_DIR": str(tmp_path / "from-env")}
    assert locations.resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert locations.resolve_data_dir(None, env) == tmp_path / "from-env"
    assert locations.resolve_data_dir("", env) == tmp_path / "from-env"
    default = locations.resolve_data_dir(None, {})
    assert default.name == "mgtui" and default.is_absolute()
    assert locations.resolve_data_dir(None, {"MGTUI_DATA_DIR": ""}) == default
    monkeypatch.setenv("HOME", str(tmp_path))
    assert locations.resolve_data_dir("~/logs", {}) == tmp_path / "logs"
    monkeypatch.chdir(tmp_path)
    assert locations.resolve_data_dir("relative", {}) == tmp_path / "relative"
    assert locations.data_file(tmp_path) == tmp_path / "mgtui.json"


def test_a_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot create the data folder"):
        Repository.open(tmp_path / "file")


# -- import hygiene --------------------------------------------------------------------


def test_store_never_imports_textual() -> None:
    code = "import sys, mgtui.store; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_only_the_store_imports_tinydb() -> None:
    package = Path(mgtui.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "store" not in path.relative_to(package).parts
        and re.search(r"^\s*(import|from)\s+tinydb", path.read_text(), re.MULTILINE)
    ]
    assert offenders == []

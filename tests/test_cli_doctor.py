"""Damage handled record by record (issue 14): a hand-edited log keeps every valid
record in use, says so on every run, and ``mgtui doctor`` deals with the rest."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from cli_support import Cli
from mgtui.cli import common
from mgtui.domain.entries import Entry
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import Profile
from mgtui.foods.model import Food, Portion
from mgtui.store import Repository, StoreError, StoreWriteError, storage

FIRST_DAY = dt.date(2026, 11, 13)  # ten days ending on the test clock's today
ENTRIES = 50


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A log of 50 entries on 10 days, a profile, two products, a custom food, a favourite."""
    folder = tmp_path_factory.mktemp("seeded")
    with Repository.open(folder) as repo:
        drafts = []
        for number in range(ENTRIES):
            supplement = number % 5 == 4
            drafts.append(
                Entry(
                    id="",
                    date=FIRST_DAY + dt.timedelta(days=number // 5),
                    time=dt.time(7 + number % 5, 0),
                    kind="supplement" if supplement else "food",
                    name="Mag Glycinate" if supplement else f"Food {number}",
                    amount="1 serving" if supplement else "1 oz",
                    magnesium_mg=120.0 if supplement else 40.0,
                    calcium_mg=None if supplement else 20.0,
                    food_id=None if supplement else "12014",
                    grams=None if supplement else 28.35,
                    servings=1 if supplement else None,
                )
            )
        repo.log_many(drafts)
        repo.save_profile(Profile(sex="female", age=63))
        repo.save_supplement_product(SupplementProduct("Mag Glycinate", "glycinate", 120.0))
        repo.save_supplement_product(SupplementProduct("Calcium", None, 0.0, calcium_mg=500.0))
        repo.save_custom_food(
            Food("custom-water", "Water", "Custom foods", 10.0, 30.0, None, None,
                 (Portion("glass", 250.0, 1.0),), custom=True)
        )  # fmt: skip
        repo.toggle_favourite("12014")
    return (folder / "mgtui.json").read_bytes()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def _write(cli: Cli, payload: bytes) -> None:
    cli.data_dir.mkdir(mode=0o700, exist_ok=True)
    cli.data_file.write_bytes(payload)


def _rows(data: dict[str, Any], day_index: int) -> list[list[Any]]:
    return cast(list[list[Any]], orjson.loads(_day(data, day_index)["e"]))


def _day(data: dict[str, Any], day_index: int) -> dict[str, Any]:
    return cast(
        dict[str, Any], data["days"][str((FIRST_DAY + dt.timedelta(days=day_index)).toordinal())]
    )


def _edit_row(
    day_index: int, row_index: int, change: Callable[[list[Any]], Any]
) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        rows = _rows(data, day_index)
        replaced = change(rows[row_index])
        if replaced is not None:
            rows[row_index] = replaced
        _day(data, day_index)["e"] = orjson.dumps(rows).decode()

    return edit


def _set(index: int, value: object) -> Callable[[list[Any]], None]:
    return lambda row: row.__setitem__(index, value)


def _twice_huge(data: dict[str, Any]) -> None:
    for row_index in (0, 1):
        _edit_row(9, row_index, _set(5, 1e308))(data)


def _doc(table: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda data: next(iter(data[table].values())).__setitem__(key, value)


# One field edited by hand, and how many entries that takes out of use.
HAND_EDITS: dict[str, tuple[Callable[[dict[str, Any]], None], int]] = {
    "magnesium abc": (_edit_row(0, 0, _set(5, "abc")), 1),
    "magnesium -50": (_edit_row(1, 0, _set(5, -50)), 1),
    "time 830": (_edit_row(2, 1, _set(1, "830")), 1),
    "negative supplement": (_edit_row(3, 4, _set(5, -120.0)), 1),
    "1e308 twice": (_twice_huge, 2),
    "calcium true": (_edit_row(4, 0, _set(6, True)), 1),
    "name a number": (_edit_row(5, 0, _set(3, 42)), 1),
    "kind x": (_edit_row(6, 0, _set(2, "x")), 1),
    "row cut short": (_edit_row(7, 0, lambda row: row[:5]), 1),
    "a day's string cut short": (lambda d: _day(d, 8).__setitem__("e", _day(d, 8)["e"][:-1]), 5),
    "profile age 500": (_doc("profile", "age", 500), 0),
    "profile age as text": (_doc("profile", "age", "63"), 0),
    "profile sex other": (_doc("profile", "sex", "other"), 0),
    "product negative": (_doc("supplements", "magnesium_mg", -5), 0),
    "custom food portion of 0 g": (_doc("custom_foods", "portions", [["glass", 0, 1]]), 0),
    "favourite without id": (_doc("favourites", "food_id", None), 0),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITS))
def test_a_hand_edit_sets_aside_one_record_and_keeps_the_rest(
    cli: Cli, seeded: bytes, edit: str
) -> None:
    change, entries_lost = HAND_EDITS[edit]
    data = orjson.loads(seeded)
    change(data)
    _write(cli, orjson.dumps(data))
    for command in (("history", "--json"), ("status", "--json"), ("log", "--json")):
        result = cli(*command)
        assert result.code == 0, result.err
        json.loads(result.out, parse_constant=pytest.fail)  # standard JSON
        assert "mgtui doctor" in result.err  # on every run
    exported = cli("export")
    assert len(json.loads(exported.out)["entries"]) == ENTRIES - entries_lost
    assert cli("log", "--date", str(FIRST_DAY)).code == 0
    assert list(cli.data_dir.glob("mgtui.json.corrupt-*")) == []  # nothing moved aside
    listed = cli.json("doctor")
    assert listed and all(record["reason"] for record in listed)


def test_a_byte_order_mark_is_not_damage(cli: Cli, seeded: bytes) -> None:
    _write(cli, b"\xef\xbb\xbf" + seeded)
    result = cli.ok("history", "--json")
    assert len(result.json()) == 10
    assert cli.json("doctor") == []


def test_absurd_values_never_crash_and_json_stays_standard(cli: Cli, seeded: bytes) -> None:
    data = orjson.loads(seeded)
    _twice_huge(data)  # today's first two rows: 1e308 mg each
    _write(cli, orjson.dumps(data))
    for command in ("status", "history"):
        result = cli(command, "--json")
        assert result.code == 0 and "Infinity" not in result.out and "NaN" not in result.out
    today = cli("status", "--date", "2026-11-22", "--json")
    assert today.json()["magnesium"]["food_mg"] == 80.0  # two of today's 1 oz foods
    assert "set aside" in today.err


def test_print_json_writes_null_for_numbers_json_cannot_hold(
    capsys: pytest.CaptureFixture[str],
) -> None:
    common.print_json({"a": float("nan"), "b": [float("inf"), 1.5], "c": (float("-inf"),)})
    assert json.loads(capsys.readouterr().out) == {"a": None, "b": [None, 1.5], "c": [None]}


def test_doctor_drops_a_record_and_the_reminder_stops(cli: Cli, seeded: bytes) -> None:
    data = orjson.loads(seeded)
    HAND_EDITS["magnesium abc"][0](data)
    _write(cli, orjson.dumps(data))
    result = cli("doctor")
    assert result.code == 0 and result.err == ""
    record_id, rest = result.out.splitlines()[0].split("  ", 1)
    assert rest.startswith("entry 2026-11-13: entry ") and "magnesium" in rest
    assert '"abc"' in result.out.splitlines()[1]  # the record as it was
    bad = cli("doctor", "--drop", "nosuchid")
    assert bad.code == 2 and bad.err_lines == ["mgtui: nothing set aside has the id 'nosuchid'"]
    assert cli("doctor", "--drop", record_id).out == f"dropped {record_id} (entry 2026-11-13)\n"
    cli.ok("log")  # no reminder any more
    assert '\\"abc\\"' not in cli.data_file.read_text()
    assert cli.ok("doctor").out.startswith("nothing is set aside")


def test_doctor_recovers_every_complete_day_of_a_truncated_file(cli: Cli, seeded: bytes) -> None:
    cut = seeded[: seeded.index(b'"profile"') - 200]  # part of the last day is lost
    _write(cli, cut)
    result = cli("log")
    assert result.code == 0 and "moved to" in result.err and "--recover" in result.err
    [kept] = cli.data_dir.glob("mgtui.json.corrupt-*")
    assert kept.read_bytes() == cut
    assert "--recover" in cli("log").err  # the next run says so again
    recovered = cli.json("doctor", "--recover", str(kept))
    assert recovered["entries_added"] == 45  # nine whole days
    assert cli.json("history") and len(cli.json("history")) == 9
    cli.ok("log")  # dealt with: no reminder any more
    assert cli.json("doctor", "--recover", str(kept))["entries_added"] == 0  # twice is once


def test_recover_a_file_that_is_not_there_is_bad_input(cli: Cli) -> None:
    result = cli("doctor", "--recover", str(cli.data_dir / "nothing"))
    assert result.code == 2 and len(result.err_lines) == 1


def test_an_interrupted_repair_is_reported_never_an_empty_log_silently(
    cli: Cli, seeded: bytes
) -> None:
    # An earlier run moved the damaged log aside and was killed before the new write.
    cli.data_dir.mkdir(mode=0o700)
    kept = cli.data_dir / "mgtui.json.corrupt-20261122T081500000000Z"
    kept.write_bytes(seeded[:-300])
    result = cli("log", "--json")
    assert result.code == 0
    assert str(kept) in result.err and "mgtui doctor --recover" in result.err
    assert str(kept) in cli("history").err  # every run, until it is dealt with
    cli.ok("doctor", "--recover", str(kept))
    assert len(cli.json("history")) == 10


def test_a_full_disk_during_repair_never_says_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mgtui.json").write_bytes(b"not a log")

    def full_disk(self: storage.AtomicJSONStorage, data: storage.Tables) -> None:
        raise StoreWriteError(self.path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(storage.AtomicJSONStorage, "commit", full_disk)
    with pytest.raises(StoreError) as raised:
        Repository.open(tmp_path)
    message = str(raised.value)
    [kept] = tmp_path.glob("mgtui.json.corrupt-*")
    assert "unchanged" not in message
    assert str(kept) in message and "No space left on device" in message
    assert kept.read_bytes() == b"not a log"


def test_a_killed_migration_leaves_no_backup_that_looks_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = {"entries": {"1": {"date": "2024-05-01", "time": "08:30", "kind": "food",
              "name": "Nuts, almonds", "amount": "1 oz", "magnesium_mg": 76.0,
              "calcium_mg": 75.0}}}  # fmt: skip
    payload = orjson.dumps(legacy)
    (tmp_path / "mgtui.json").write_bytes(payload)
    real_fsync = os.fsync

    def killed(fd: int) -> None:
        raise KeyboardInterrupt  # as if killed while the backup was being written

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(KeyboardInterrupt):
        Repository.open(tmp_path)
    assert list(tmp_path.glob("mgtui.json.format-*")) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    with Repository.open(tmp_path) as repo:
        assert len(repo.all_entries()) == 1
    [backup] = tmp_path.glob("mgtui.json.format-0-*")
    assert backup.read_bytes() == payload


def test_backups_of_an_upgrade_done_twice_do_not_pile_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    payload = orjson.dumps({"entries": {}})
    (tmp_path / "mgtui.json").write_bytes(payload)
    real_commit = storage.AtomicJSONStorage.commit

    def failing(self: storage.AtomicJSONStorage, data: storage.Tables) -> None:
        raise StoreWriteError(self.path, OSError(errno.EIO, "Input/output error"))

    monkeypatch.setattr(storage.AtomicJSONStorage, "commit", failing)
    for _ in range(3):
        with pytest.raises(StoreWriteError):
            Repository.open(tmp_path)
    monkeypatch.setattr(storage.AtomicJSONStorage, "commit", real_commit)
    Repository.open(tmp_path).close()
    assert len(list(tmp_path.glob("mgtui.json.format-*"))) == 1
    shutil.rmtree(tmp_path)


def test_a_deeply_nested_import_file_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    cli.ok("log")
    before = cli.data_file.read_bytes()
    for nested in ("[" * 100_000 + "]" * 100_000, '{"format": ' + "[" * 100_000):
        path = tmp_path / "nested.json"
        path.write_text(nested)
        result = cli("import", str(path))
        assert result.code == 2 and len(result.err_lines) == 1, result
        assert "nothing was imported" in result.err
    assert cli.data_file.read_bytes() == before


def test_rm_of_an_unknown_id_on_a_read_only_mount_is_bad_input(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock

    cli.ok("take", "Magnesium", "--mg", "100")

    def read_only(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    result = cli("rm", "nosuchid0000")
    assert result.code == 2
    assert result.err_lines == ["mgtui: no entry with id 'nosuchid0000'"]
    [entry] = cli.json("log")
    failed = cli("rm", entry["id"])  # a real id: the machine's failure, exit 1
    assert failed.code == 1 and "Read-only file system" in failed.err


def test_doctor_restores_a_corrected_record(cli: Cli, seeded: bytes) -> None:
    data = orjson.loads(seeded)
    HAND_EDITS["time 830"][0](data)
    HAND_EDITS["profile age 500"][0](data)
    _write(cli, orjson.dumps(data))
    entry_record, profile_record = cli("doctor", "--json").json()
    row = entry_record["record"]
    assert row[1] == "830"
    still_bad = cli("doctor", "--restore", entry_record["id"], json.dumps(row))
    assert still_bad.code == 2 and "'830' is not HH:MM" in still_bad.err
    row[1] = "08:30"
    restored = cli("doctor", "--restore", entry_record["id"], json.dumps(row))
    assert restored.code == 0 and restored.out.startswith(f"restored {entry_record['id']}")
    assert len(json.loads(cli("export").out)["entries"]) == ENTRIES
    fixed_profile = dict(profile_record["record"], age=63)
    cli("doctor", "--restore", profile_record["id"], json.dumps(fixed_profile))
    assert cli.ok("profile", "--json").json()["age"] == 63  # nothing set aside any more
    assert cli.json("doctor") == []


def test_the_reminder_never_prints_what_the_file_holds_raw(cli: Cli, seeded: bytes) -> None:
    data = orjson.loads(seeded)
    _edit_row(0, 0, lambda row: ["id\x1b]2;owned\x07", *row[1:5], "abc", *row[6:]])(data)
    _write(cli, orjson.dumps(data))
    result = cli("log")
    assert "mgtui doctor" in result.err
    assert "\x1b" not in result.err and "\x07" not in result.err
    listed = cli("doctor")
    assert "\x1b" not in listed.out and "\\x1b]2;owned" in listed.out

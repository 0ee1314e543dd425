"""Data format 2: each day's rows stored as one JSON string and decoded only when that
day is read; the stamp that lets an open skip them; the upgrade from format 1."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from mgtui.domain.entries import Entry
from mgtui.frozen import replace
from mgtui.store import Repository, layout, migrations

DAY = dt.date(2025, 1, 30)
NEXT_DAY = DAY + dt.timedelta(days=1)


def add(repo: Repository, day: dt.date = DAY, name: str = "Nuts, almonds") -> Entry:
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
    )


def stored(folder: Path) -> dict[str, Any]:
    return cast(dict[str, Any], orjson.loads((folder / "mgtui.json").read_bytes()))


class Decodes:
    """Counts the days whose rows are decoded (by date), through ``layout.decode_rows``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.days: list[str] = []
        real = layout.decode_rows

        def counting(text: str) -> list[layout.Row]:
            rows = real(text)
            self.days.append(rows[0][0] if rows else "")
            return rows

        monkeypatch.setattr(layout, "decode_rows", counting)

    def take(self) -> list[str]:
        """The first entry id of each day decoded since the last call."""
        taken, self.days = self.days, []
        return taken


# -- the layout ----------------------------------------------------------------------


def test_a_days_rows_are_stored_as_one_compact_json_string(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        entry = add(repo)
    document = stored(tmp_path)["days"][str(DAY.toordinal())]
    assert document == {
        "d": "2025-01-30",
        "e": f'[["{entry.id}","08:30","f","Nuts, almonds","1 oz",76.0,75.0,"12061",28.35]]',
    }
    meta = stored(tmp_path)["meta"]["1"]
    assert meta["schema"] == layout.SCHEMA_VERSION == 4
    assert meta[layout.DAYS_DIGEST] == layout.days_digest(stored(tmp_path)["days"])


def test_the_days_digest_covers_ids_dates_and_rows() -> None:
    days = {"739281": {"d": "2025-01-30", "e": "[]"}}
    digest = layout.days_digest(days)
    assert digest is not None and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert layout.days_digest({"739282": {"d": "2025-01-30", "e": "[]"}}) != digest
    assert layout.days_digest({"739281": {"d": "2025-01-31", "e": "[]"}}) != digest
    assert layout.days_digest({"739281": {"d": "2025-01-30", "e": "[ ]"}}) != digest
    # Where one field ends and the next begins is part of the digest.
    assert layout.days_digest({"1": {"d": "23", "e": "[]"}}) != layout.days_digest(
        {"12": {"d": "3", "e": "[]"}}
    )
    assert layout.days_digest({"739281": {"d": "2025-01-30", "e": [[]]}}) is None


def test_the_digest_memo_gives_the_digest_of_hashing_everything() -> None:
    def day(ordinal: int, rows: str) -> dict[str, str]:
        return {"d": dt.date.fromordinal(ordinal).isoformat(), "e": rows}

    days = {
        str(o): day(o, layout.encode_rows([[f"{o:012x}", "08:00", "f", "x", "1"]]))
        for o in range(739000, 739010)
    }
    memo: layout.DigestMemo = {}
    assert layout.days_digest(days, memo) == layout.days_digest(days)
    assert set(memo) == set(days)
    days["739003"] = day(739003, layout.NO_ROWS)
    del days["739005"]
    days["739100"] = day(739100, days["739001"]["e"])
    days["739004"] = {"d": "1999-01-01", "e": days["739004"]["e"]}  # the same string
    assert layout.days_digest(days, memo) == layout.days_digest(days)
    assert set(memo) == set(days)


def test_a_save_hashes_only_the_days_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(tmp_path) as repo:
        for offset in range(5):
            add(repo, DAY + dt.timedelta(days=offset))
        hashed: list[int] = []
        real = hashlib.sha256
        monkeypatch.setattr(hashlib, "sha256", lambda data: hashed.append(1) or real(data))  # type: ignore[func-returns-value]
        add(repo, NEXT_DAY)
        assert len(hashed) == 2  # the changed day, then the records of all days
    with Repository.open(tmp_path) as repo:
        assert len(repo.all_entries()) == 6


def test_an_entrys_row_is_found_by_how_it_starts() -> None:
    odd = 'imported"id\\1'
    rows = [["abc", "08:30", "f", '["x",', "1"], [odd, "09:00", "f", "abc", "1"]]
    text = layout.encode_rows(rows)
    assert layout.row_start("abc") in text
    assert layout.row_start(odd) in text
    assert layout.row_start("x") not in text  # inside a name, its quotes are escaped
    assert layout.row_start("1") not in text


# -- decoded only when read ------------------------------------------------------------


def test_opening_decodes_no_day_and_reading_decodes_only_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(tmp_path) as repo:
        first = add(repo, DAY)
        second = add(repo, NEXT_DAY)
    decodes = Decodes(monkeypatch)
    checked: list[str] = []
    real_check = layout._check_day
    monkeypatch.setattr(
        layout,
        "_check_day",
        lambda *args: checked.append(args[0]) or real_check(*args),  # type: ignore[func-returns-value]
    )
    with Repository.open(tmp_path) as repo:
        assert decodes.take() == [] and checked == []
        assert repo.logged_days() == [DAY, NEXT_DAY]
        assert decodes.take() == []
        assert repo.entries_on(NEXT_DAY) == [second]
        assert decodes.take() == [second.id]
        assert repo.entries_on(NEXT_DAY) == [second]  # cached
        assert repo.get_entry(second.id) == second
        assert decodes.take() == [second.id]  # the id search confirms its hit
        totals = repo.day_totals(newest_first=False)
        assert [t.magnesium_mg for t in totals] == [76.0, 76.0]
        assert sorted(decodes.take()) == sorted([first.id, second.id])
        repo.day_totals()
        assert decodes.take() == []  # totals are cached, rows are not kept


def test_a_write_encodes_only_the_days_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(tmp_path) as repo:
        for offset in range(5):
            add(repo, DAY + dt.timedelta(days=offset))
        before = stored(tmp_path)["days"]
        encoded: list[int] = []
        real = layout.encode_rows
        monkeypatch.setattr(layout, "encode_rows", lambda rows: encoded.append(1) or real(rows))  # type: ignore[func-returns-value]
        entry = add(repo, NEXT_DAY, "Spinach")
        assert len(encoded) == 1
        repo.log_many([entry, replace(entry, date=DAY)])
        assert len(encoded) == 3
        repo.delete_entry(entry.id)
        assert len(encoded) == 4
    after = stored(tmp_path)["days"]
    changed = {doc_id for doc_id in before if before[doc_id] != after[doc_id]}
    assert changed == {str(DAY.toordinal()), str(NEXT_DAY.toordinal())}


def test_entries_are_found_by_id_without_decoding_every_day(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        entries = [add(repo, DAY + dt.timedelta(days=offset)) for offset in range(4)]
        decoy = add(repo, DAY, name=f'["{"f" * 12}",')  # looks like a row inside a name
        imported = replace(entries[0], id='imported"id\\1')  # ids from an import may be odd
    with Repository.open(tmp_path) as repo:
        assert [repo.get_entry(e.id) for e in entries] == entries
        assert repo.find_entry("f" * 12) is None
        assert repo.find_entry(decoy.id) == decoy
        assert repo.find_entry(entries[0].id[:6]) is None
        result = repo.import_data(
            {
                "format": "mgtui-export",
                "version": 1,
                "entries": [
                    {
                        "id": imported.id,
                        "date": imported.date.isoformat(),
                        "time": "08:30",
                        "kind": "food",
                        "name": imported.name,
                        "amount": imported.amount,
                        "magnesium_mg": imported.magnesium_mg,
                        "calcium_mg": imported.calcium_mg,
                        "food_id": imported.food_id,
                        "grams": imported.grams,
                    }
                ],
            }
        )
        assert result.entries_added == 1
    with Repository.open(tmp_path) as repo:
        assert repo.get_entry(imported.id) == imported
        edited = repo.edit_entry(imported.id, amount="2 oz", magnesium_mg=152.0, calcium_mg=None)
        assert repo.get_entry(imported.id) == edited
        assert repo.delete_entry(imported.id) == edited
        assert repo.find_entry(imported.id) is None


# -- the stamp -------------------------------------------------------------------------


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    checked: list[str] = []
    real_check = layout._check_day

    def counting(doc_id: str, document: dict[str, object]) -> None:
        checked.append(doc_id)
        real_check(doc_id, document)

    monkeypatch.setattr(layout, "_check_day", counting)
    return checked


def test_a_file_without_a_stamp_is_checked_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(tmp_path) as repo:
        ids = [add(repo, DAY + dt.timedelta(days=offset)).id for offset in range(3)]
    data = stored(tmp_path)
    del data["meta"]["1"][layout.DAYS_DIGEST]
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(data))
    checked = _count_checks(monkeypatch)
    with Repository.open(tmp_path) as repo:
        assert len(checked) == 3
        assert [e.id for e in repo.all_entries()] == ids


def test_a_hand_edited_day_string_is_checked_and_kept_in_mgtuis_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(tmp_path) as repo:
        first = add(repo)
        second = add(repo, NEXT_DAY)
    data = stored(tmp_path)
    day = data["days"][str(DAY.toordinal())]
    day["e"] = json.dumps(json.loads(day["e"]), indent=1)  # the same rows, spaced out
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(data))
    checked = _count_checks(monkeypatch)
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        assert len(checked) == 2  # the stamp is stale: every day
        assert repo.get_entry(first.id) == first  # the id search needs mgtui's form
        assert repo.all_entries() == [first, second]
        repo.toggle_favourite("12061")  # any save
    resaved = stored(tmp_path)["days"][str(DAY.toordinal())]["e"]
    assert resaved == layout.encode_rows([layout.encode_entry(first)])
    checked.clear()
    with Repository.open(tmp_path):
        assert checked == []  # stamped again


# -- format 1 -> 2 ---------------------------------------------------------------------

FORMAT_1_ROWS: dict[dt.date, list[list[Any]]] = {
    DAY: [
        [
            *["0123456789ab", "07:30", "s", "Magnesium citrate", "1 tablet", 100.0, None],
            *[None, None, "citrate", "Citrate 100", 1.0],
        ],
        ["a1b2c3d4e5f6", "08:30", "f", "Nuts, almonds", "1 oz", 76.0, 75.0, "12061", 28.35],
        ['imported"id\\1', "08:30", "f", "Crème fraîche", "2 tbsp", 2.1, 30.0],
        ["ffffffffffff", "20:00", "f", "Water", "1 glass", None, None],
    ],
    NEXT_DAY: [["0000000000aa", "12:00:30", "f", "Milk, whole", "1 cup", 24.4, 276]],
}


def format_1_file(rows_by_day: dict[dt.date, list[list[Any]]] = FORMAT_1_ROWS) -> dict[str, Any]:
    days = {
        str(day.toordinal()): {"d": day.isoformat(), "e": rows} for day, rows in rows_by_day.items()
    }
    return {
        "meta": {
            "1": {
                "schema": 1,
                "app": "mgtui",
                "created_at": "2025-01-01T08:00:00Z",
                "profile_asked": True,
                # Format 1's stamp: the SHA-256 of the dumped days table.
                layout.DAYS_DIGEST: hashlib.sha256(orjson.dumps(days)).hexdigest(),
            }
        },
        "days": days,
        "profile": {
            "1": {
                "sex": "female",
                "age": 63,
                "pregnant": False,
                "lactating": False,
                "kidney_disease": False,
                "ratio_band": [2.2, 3.2],
                "custom": {},
            }
        },
        "supplements": {
            "1": {"name": "Citrate 100", "form": "citrate", "magnesium_mg": 100, "calcium_mg": 0}
        },
        "custom_foods": {
            "1": {
                "id": "custom-spring-water",
                "name": "Spring water",
                "group": "Custom foods",
                "magnesium_mg_per_100g": 0.26,
                "calcium_mg_per_100g": 0.8,
                "portions": [["litre", 1000, 1]],
            }
        },
        "favourites": {"1": {"food_id": "12061"}},
    }


def test_a_format_1_file_is_upgraded_once_and_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = format_1_file()
    payload = orjson.dumps(original)
    (tmp_path / "mgtui.json").write_bytes(payload)
    expected = [
        layout.decode_entry(row, day) for day, rows in FORMAT_1_ROWS.items() for row in rows
    ]
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        (notice,) = repo.notices
        assert "upgraded from data format 1 to 4" in notice
        assert repo.all_entries() == expected  # every entry, in order
        assert repo.get_entry('imported"id\\1') == expected[2]
        assert repo.profile().age == 63 and repo.profile_asked()
        assert repo.supplement_product("citrate 100") is not None
        assert [food.id for food in repo.custom_foods()] == ["custom-spring-water"]
        assert repo.favourite_food_ids() == ["12061"]

    (backup,) = sorted(tmp_path.glob("mgtui.json.format-1-*"))
    assert re.fullmatch(r"mgtui\.json\.format-1-\d{8}T\d{12}Z", backup.name)
    assert backup.read_bytes() == payload
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert str(backup) in notice

    upgraded = stored(tmp_path)
    meta = upgraded["meta"]["1"]
    assert meta["schema"] == layout.SCHEMA_VERSION and meta["profile_asked"] is True
    assert meta[layout.DAYS_DIGEST] == layout.days_digest(upgraded["days"])
    assert meta[layout.DAYS_DIGEST] != original["meta"]["1"][layout.DAYS_DIGEST]
    for doc_id, day in original["days"].items():
        assert upgraded["days"][doc_id] == {"d": day["d"], "e": layout.encode_rows(day["e"])}
    for table in ("profile", "supplements", "custom_foods", "favourites"):
        assert upgraded[table] == original[table]

    checked = _count_checks(monkeypatch)
    with Repository.open(tmp_path) as repo:
        assert repo.notices == ()  # upgraded once
        assert repo.all_entries() == expected
    assert checked == []  # and stamped: not checked again
    assert len(list(tmp_path.glob("mgtui.json.format-*"))) == 1


def test_a_large_format_1_log_reads_the_same_after_the_upgrade(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "scratch") as repo:
        drafts = [
            Entry(
                id="",
                date=DAY - dt.timedelta(days=index % 97),
                time=dt.time(index % 24, (index * 7) % 60),
                kind="supplement" if index % 5 == 0 else "food",
                name=f"item {index}",
                amount=f"{index % 3 + 1} oz",
                magnesium_mg=None if index % 11 == 0 else index * 0.5,
                calcium_mg=float(index % 13),
                food_id=None if index % 5 == 0 else f"{index:05d}",
                grams=None if index % 5 == 0 else 28.35,
                servings=1.0 if index % 5 == 0 else None,
            )
            for index in range(1500)
        ]
        repo.log_many(drafts)
        expected = repo.all_entries()
        rows_by_day = {
            dt.date.fromisoformat(document["d"]): layout.decode_rows(document["e"])
            for document in stored(tmp_path / "scratch")["days"].values()
        }
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(format_1_file(rows_by_day)))
    with Repository.open(tmp_path) as repo:
        assert "upgraded from data format 1 to 4" in repo.notices[0]
        assert repo.all_entries() == expected


def _bad_time(day: dict[str, Any]) -> None:
    day["e"][1][1] = "8.30"


def _rows_as_a_string(day: dict[str, Any]) -> None:
    day["e"] = layout.encode_rows(day["e"])


def _no_rows(day: dict[str, Any]) -> None:
    del day["e"]


def test_a_bad_row_of_a_format_1_file_is_set_aside_and_the_rest_upgraded(tmp_path: Path) -> None:
    data = format_1_file()
    _bad_time(data["days"][str(DAY.toordinal())])
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(data))
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is None
        assert len(repo.all_entries()) == 4  # every other row of that day and the next
        [record] = repo.set_aside_records()
        assert (
            record.what == "entry"
            and isinstance(record.record, list)
            and record.record[1] == "8.30"
        )
    assert len(list(tmp_path.glob("mgtui.json.format-1-*"))) == 1


@pytest.mark.parametrize(
    ("damage", "upgradable"),
    # Rows that are not format 1's arrays stop the upgrade itself.
    [(_rows_as_a_string, False), (_no_rows, False)],
    ids=["rows already a string", "no rows"],
)
def test_a_damaged_format_1_file_is_moved_aside_not_upgraded(
    tmp_path: Path, damage: Callable[[dict[str, Any]], None], upgradable: bool
) -> None:
    data = format_1_file()
    damage(data["days"][str(DAY.toordinal())])
    payload = orjson.dumps(data)
    (tmp_path / "mgtui.json").write_bytes(payload)
    with Repository.open(tmp_path) as repo:
        assert repo.recovered_from is not None
        assert repo.recovered_from.read_bytes() == payload
        assert repo.all_entries() == []
        assert ("cannot be upgraded" in repo.notices[-1]) is not upgradable
    assert list(tmp_path.glob("mgtui.json.format-*")) == []


def test_the_upgrade_step_leaves_its_input_as_it_was() -> None:
    original = format_1_file()
    before = orjson.dumps(original)
    upgraded = migrations.migrate(original, 1)
    assert orjson.dumps(original) == before
    assert upgraded["meta"]["1"]["schema"] == layout.SCHEMA_VERSION
    assert layout.DAYS_DIGEST not in upgraded["meta"]["1"]  # stamped by the save that follows
    assert all(type(day["e"]) is str for day in upgraded["days"].values())


def test_a_legacy_file_goes_through_format_1(tmp_path: Path) -> None:
    legacy = {
        "entries": {
            "1": {"date": "2024-05-01", "time": "20:00", "name": "Spinach", "amount": "1 cup"},
            "2": {"date": "2024-05-01", "time": "07:30", "name": "Oats", "amount": "1/2 cup"},
        }
    }
    format_1 = migrations.MIGRATIONS[0](legacy)
    assert format_1["meta"]["1"]["schema"] == 1
    (day,) = format_1["days"].values()
    assert [row[3] for row in day["e"]] == ["Oats", "Spinach"]  # format 1's nested arrays
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(legacy))
    with Repository.open(tmp_path) as repo:
        assert [e.name for e in repo.entries_on(dt.date(2024, 5, 1))] == ["Oats", "Spinach"]
        assert "upgraded from data format 0 to 4" in repo.notices[0]


def test_a_mangled_set_aside_table_is_kept_and_never_a_crash(tmp_path: Path) -> None:
    with Repository.open(tmp_path) as repo:
        add(repo)
    for mangled in ([1, 2], {"x": 1, "1": "text", "2": {"id": 5}}):
        data = stored(tmp_path)
        data["set_aside"] = mangled
        (tmp_path / "mgtui.json").write_bytes(orjson.dumps(data))
        with Repository.open(tmp_path) as repo:
            assert len(repo.all_entries()) == 1
            records = repo.set_aside_records()
            assert records and all(record.reason for record in records)
            kept = [record.record for record in records]
            assert mangled in kept or (
                isinstance(mangled, dict) and all(value in kept for value in mangled.values())
            )


def test_a_format_2_file_is_upgraded_and_an_older_mgtui_would_refuse_it(
    tmp_path: Path,
) -> None:
    """Format 3's rows may carry vitamin D: a format-2 mgtui must refuse such a file
    untouched rather than take its rows for damage and set them aside."""
    with Repository.open(tmp_path) as repo:
        entry = add(repo)
    data = stored(tmp_path)
    data["meta"]["1"]["schema"] = 2
    (tmp_path / "mgtui.json").write_bytes(orjson.dumps(data))
    with Repository.open(tmp_path) as repo:
        assert "upgraded from data format 2 to 4" in repo.notices[0]
        assert [e.id for e in repo.all_entries()] == [entry.id]
    assert stored(tmp_path)["meta"]["1"]["schema"] == 4
    assert list(tmp_path.glob("mgtui.json.format-2-*"))

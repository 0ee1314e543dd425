"""``mgtui medication``, ``take`` for a medicine, and the conflicts in ``status``,
``history``, ``log``, the report, the profile, exports and a format-3 log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import orjson
import pytest

from cli_support import Cli
from mgtui.store import Repository, layout

INTERACTION_FIELDS = {
    "medicine", "medicine_time", "supplement", "supplement_time", "minutes_apart",
    "minutes_needed",
}  # fmt: skip
MONDAYS = ("2026-11-09", "2026-11-16")
WEEKS = [(dt.date(2026, 11, 9) + dt.timedelta(days=n)).isoformat() for n in range(14)]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def two_weeks(cli: Cli) -> dict[str, str]:
    """Alendronate on Mondays at 07:00, calcium citrate at breakfast (09:30) and magnesium
    at night (21:00) every day; the calcium entries' ids by date."""
    cli.ok("medication", "add", "Alendronate")
    cli.ok("supplement", "add", "Calcium citrate", "--ca", "315", "--vitamin-d-iu", "400")
    cli.ok("supplement", "add", "Mag Glycinate", "--mg", "120", "--form", "glycinate")
    calcium: dict[str, str] = {}
    for date in WEEKS:
        if date in MONDAYS:
            cli.ok("take", "Alendronate", "--date", date, "--time", "07:00")
        calcium[date] = cli.json("take", "Calcium citrate", "--date", date, "--time", "09:30")["id"]
        cli.ok("take", "Mag Glycinate", "--date", date, "--time", "21:00")
    return calcium


def test_two_weeks_show_exactly_the_day_calcium_moved_too_close(cli: Cli) -> None:
    calcium = two_weeks(cli)
    assert all(cli.json("status", "--date", date)["interactions"] == [] for date in WEEKS)

    moved = cli("edit", calcium["2026-11-16"], "--time", "08:00")
    assert moved.code == 0
    assert "Alendronate at 07:00: calcium should wait until 09:00." in moved.err
    assert "Ask your clinician or pharmacist." in moved.err
    cli.ok("edit", calcium["2026-11-11"], "--time", "08:00")  # a Wednesday: no medicine

    conflicts = {date: cli.json("status", "--date", date)["interactions"] for date in WEEKS}
    assert [date for date, found in conflicts.items() if found] == ["2026-11-16"]
    (found,) = conflicts["2026-11-16"]
    assert set(found) >= INTERACTION_FIELDS
    assert {key: found[key] for key in INTERACTION_FIELDS} == {
        "medicine": "Alendronate",
        "medicine_time": "07:00",
        "supplement": "Calcium citrate",
        "supplement_time": "08:00",
        "minutes_apart": 60,
        "minutes_needed": 120,
    }
    text = cli.ok("status", "--date", "2026-11-16").out
    assert "! Alendronate at 07:00: calcium should wait until 09:00." in text

    history = cli.json("history")
    assert [row["date"] for row in history if row["interaction_count"]] == ["2026-11-16"]
    table = cli.ok("history").out.splitlines()
    assert table[0].split()[-1] == "RX"
    marked = [line.split()[0] for line in table if line.rstrip().endswith(" Rx")]
    assert marked == ["2026-11-16"]
    assert table[-1] == "Rx = a medicine and a supplement too close together."

    report = cli.ok("report", "--days", "14").out
    section = report.split("## Medicines and supplement timing")[1].split("\n## ")[0]
    assert "too close together on 1 day:" in section
    assert (
        "- Mon 16 Nov: Alendronate 07:00 and Calcium citrate 08:00, 1 h apart (at least 2 h)"
        in (section)
    )
    assert "Mon 09 Nov" not in section and "Wed 11 Nov" not in section


def test_a_supplement_logged_inside_the_window_warns_and_the_medicine_after_it_too(
    cli: Cli,
) -> None:
    cli.ok("medication", "add", "Doxycycline")
    cli.ok("take", "Doxycycline", "--time", "07:00")
    inside = cli("take", "Mag", "--mg", "200", "--time", "08:59")
    assert inside.code == 0
    assert "Doxycycline at 07:00: magnesium should wait until 09:00." in inside.err
    outside = cli("take", "Mag", "--mg", "200", "--time", "09:00")
    assert "Doxycycline" not in outside.err

    cli.ok("medication", "add", "Thyroid", "--class", "levothyroxine")
    later = cli("take", "Thyroid", "--time", "12:00", "--json")
    assert later.code == 0
    shown = later.json()
    assert (shown["kind"], shown["magnesium_mg"], shown["medicine_class"]) == (
        "medicine", None, "levothyroxine",
    )  # fmt: skip
    assert "Magnesium at 09:00 (Mag): Thyroid at 12:00 should wait until 13:00." in later.err
    assert [
        (f["medicine"], f["supplement_time"], f["minutes_apart"], f["minutes_needed"])
        for f in shown["interactions"]
    ] == [
        ("Doxycycline", "08:59", 119, 120),
        ("Thyroid", "08:59", 181, 240),
        ("Thyroid", "09:00", 180, 240),
    ]
    assert "Magnesium at 08:59 (Mag): Thyroid at 12:00 should wait until 12:59." in later.err
    assert later.err.count("Doxycycline") == 0  # said when it was logged, not again


def test_medication_add_list_rm_and_their_messages(cli: Cli) -> None:
    saved = cli.json("medication", "add", "Fosamax", "--class", "alendronate")
    assert (saved["name"], saved["class"], saved["supplement_wait_minutes"]) == (
        "Fosamax", "bisphosphonate", 120,
    )  # fmt: skip
    assert "NIH ODS" in saved["source"]
    text = cli.ok("medication", "add", "Omeprazole").out
    assert "saved Omeprazole (proton-pump inhibitor)" in text and "more than a year" in text

    unknown = cli("medication", "add", "Thyroid")
    assert unknown.code == 2 and "which class is 'Thyroid'? Give --class" in unknown.err
    assert "levothyroxine" in unknown.err
    bad = cli("medication", "add", "X", "--class", "vitamins")
    assert bad.code == 2 and "'vitamins' is not a medicine class" in bad.err
    hostile = cli("medication", "add", "\x1b]52;c;aGk=\x07pill", "--class", "ppi")
    assert hostile.code == 2 and "\x1b" not in hostile.err
    cli.ok("supplement", "add", "Calcium", "--ca", "500")
    clash = cli("medication", "add", "calcium", "--class", "ppi")
    assert clash.code == 2 and "a saved product is already named" in clash.err

    listed = cli.json("medication", "list")
    assert [(m["name"], m["class"]) for m in listed] == [
        ("Fosamax", "bisphosphonate"),
        ("Omeprazole", "ppi"),
    ]
    profile = cli.ok("profile").out
    assert profile.count("Medicines: Proton-pump inhibitors taken for more than a year") == 1
    assert cli.json("profile")["medicine_notes"][0].startswith("Proton-pump inhibitors")

    with_dose = cli("take", "Fosamax", "--mg", "10")
    assert with_dose.code == 2 and "is a saved medicine" in with_dose.err
    cli.ok("take", "Fosamax", "--time", "07:00")
    assert "deleted Fosamax" in cli.ok("medication", "rm", "fosamax").out
    assert [e["name"] for e in cli.json("log")] == ["Fosamax"]  # the dose stays
    gone = cli("take", "Fosamax")
    assert gone.code == 2 and "'Fosamax' is not a saved supplement" in gone.err
    assert cli("medication", "rm", "Fosamax").code == 2


def test_log_shows_a_medicine_without_milligrams_and_its_amount_cannot_change(cli: Cli) -> None:
    cli.ok("medication", "add", "Alendronate")
    entry = cli.json("take", "Alendronate", "--time", "07:00")
    rows = cli.ok("log").out.splitlines()
    row = next(line for line in rows if entry["id"] in line)
    assert row.split()[1:5] == ["07:00", "med", "Alendronate", "(oral"]
    assert row.rstrip().endswith("1 dose")
    changed = cli("edit", entry["id"], "2")
    assert changed.code == 2 and "a medicine's entry has no amount to change" in changed.err
    assert cli.json("edit", entry["id"], "--time", "06:30")["time"] == "06:30"
    assert cli.json("status")["entry_count"] == 0
    assert cli.json("history") == []


def test_medicines_travel_through_exports_and_imports(cli: Cli, tmp_path: Path) -> None:
    cli.ok("medication", "add", "Alendronate")
    cli.ok("take", "Alendronate", "--time", "07:00")
    for fmt in ("json", "csv"):
        out = tmp_path / f"all.{fmt}"
        cli.ok("export", "--format", fmt, "--output", str(out))
        other = Cli(tmp_path / f"other-{fmt}", pytest.MonkeyPatch(), cli._capsys)
        assert "1 medicines added" in other.ok("import", str(out)).out
        with Repository.open(other.data_dir) as repo:
            assert [m.medicine_class for m in repo.medications()] == ["bisphosphonate"]
            (entry,) = repo.all_entries()
            assert (entry.kind, entry.form, entry.magnesium_mg) == (
                "medicine", "bisphosphonate", None,
            )  # fmt: skip
    exported = json.loads((tmp_path / "all.json").read_text())
    assert exported["medications"] == [{"name": "Alendronate", "class": "bisphosphonate"}]


def test_a_format_3_log_is_upgraded_and_a_bad_medicine_record_is_set_aside(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("take", "Mag", "--mg", "100", "--time", "07:00")
    data = json.loads(cli.data_file.read_text())
    data["meta"]["1"]["schema"] = 3
    del data["medications"]
    cli.data_file.write_bytes(orjson.dumps(data))
    upgraded = cli("status")
    assert "upgraded from data format 3 to 4" in upgraded.err
    stored = json.loads(cli.data_file.read_text())
    assert stored["meta"]["1"]["schema"] == layout.SCHEMA_VERSION == 4
    assert stored["medications"] == {}
    assert list(cli.data_dir.glob("mgtui.json.format-3-*"))

    stored["medications"] = {
        "1": {"name": "Pill", "class": "vitamins"},
        "2": {"name": "Ok", "class": "ppi"},
    }
    cli.data_file.write_bytes(orjson.dumps(stored))
    damaged = cli("medication", "list", "--json")
    assert damaged.code == 0 and "set aside" in damaged.err
    assert [m["name"] for m in damaged.json()] == ["Ok"]
    doctor = cli("doctor")
    assert "saved medicine 'Pill': class 'vitamins' is unknown" in doctor.out
    (record,) = cli("doctor", "--json").json()
    fixed = json.dumps({"name": "Pill", "class": "ppi"})
    restored = cli("doctor", "--restore", record["id"], fixed)
    assert restored.code == 0, restored.err
    assert [m["name"] for m in cli.json("medication", "list")] == ["Ok", "Pill"]


def test_a_pair_across_midnight_is_asked_about_and_shown_on_the_later_day(cli: Cli) -> None:
    cli.ok("medication", "add", "Doxycycline")
    cli.ok("take", "Doxycycline", "--date", "2026-11-20", "--time", "23:00")
    night = cli("take", "Mag", "--mg", "100", "--date", "2026-11-21", "--time", "00:30")
    assert (
        "Doxycycline at 23:00 on Fri 20 Nov: magnesium should wait until 01:00 on Sat 21 Nov."
    ) in night.err
    (found,) = cli.json("status", "--date", "2026-11-21")["interactions"]
    assert (found["medicine_date"], found["medicine_time"], found["minutes_apart"]) == (
        "2026-11-20", "23:00", 90,
    )  # fmt: skip
    assert cli.json("status", "--date", "2026-11-20")["interactions"] == []
    history = {row["date"]: row["interaction_count"] for row in cli.json("history")}
    assert history == {"2026-11-21": 1}  # the medicine-only day is not a logged day

    # The other way round: the medicine logged last, on the evening before a dose.
    cli.ok("take", "Mag", "--mg", "100", "--time", "01:00")
    late = cli("take", "Doxycycline", "--date", "2026-11-21", "--time", "23:30")
    assert (
        "Doxycycline at 23:30 on Sat 21 Nov: magnesium should wait until 01:30 on Sun 22 Nov."
    ) in late.err
    report = cli.ok("report", "--days", "2").out
    assert (
        "- Sun 22 Nov: Doxycycline 23:30 on Sat 21 Nov and Mag 01:00 on Sun 22 Nov, 1 h 30 min "
        "apart (at least 2 h)"
    ) in report
    assert "- Sat 21 Nov:" in report  # 00:30 after Friday's 23:00, inside the window


def test_a_medicine_row_must_name_a_known_class_and_carry_no_nutrients(
    cli: Cli, tmp_path: Path
) -> None:
    cli.ok("medication", "add", "Alendronate")
    dose = cli.json("take", "Alendronate", "--time", "07:00")
    calcium = cli("take", "Calcium", "--ca", "500", "--time", "08:00", "--json").json()
    data = json.loads(cli.data_file.read_text())
    day = data["days"][next(iter(data["days"]))]
    day["e"] = day["e"].replace('"bisphosphonate"', '"bisfosfonate"')
    cli.data_file.write_text(json.dumps(data))
    damaged = cli("status", "--json")
    assert "medicine class 'bisfosfonate' is unknown" in damaged.err
    assert [e["id"] for e in cli("log", "--json").json()] == [calcium["id"]]
    assert dose["id"] in cli("doctor").out

    export = {
        "format": "mgtui-export",
        "version": 1,
        "entries": [
            {key: dose[key] for key in ("date", "time", "kind", "name", "amount")}
            | {"id": "aaaaaaaaaaaa", "form": "bisphosphonate", "magnesium_mg": 500},
        ],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(export))
    refused = cli("import", str(path))
    assert refused.code == 2 and "a medicine taken has no milligrams" in refused.err


def test_what_take_and_edit_say_for_medicines(cli: Cli) -> None:
    cli.ok("medication", "add", "Omeprazole")
    taken = cli.ok("take", "Omeprazole", "--time", "07:00").out
    assert "Proton-pump inhibitors taken for more than a year can lower blood magnesium" in taken
    entry_id = cli.json("log")[0]["id"]
    assert cli.json("edit", entry_id, "1 dose", "--time", "06:45")["time"] == "06:45"
    unknown = cli("take", "Omeprazol")
    assert unknown.code == 2 and "saved medicines (taken without amounts): Omeprazole" in (
        unknown.err
    )


def test_recovery_and_import_keep_medicines_apart_from_products(cli: Cli, tmp_path: Path) -> None:
    cli.ok("medication", "add", "Fosamax", "--class", "bisphosphonate")
    cli.ok("export", "--output", str(tmp_path / "mine.json"))
    other = Cli(tmp_path / "other", pytest.MonkeyPatch(), cli._capsys)
    other.ok("supplement", "add", "Fosamax", "--mg", "10")
    merged = other.ok("import", str(tmp_path / "mine.json")).out
    assert "not added, as a saved product and a saved medicine share the name: 'Fosamax'" in merged
    assert other.json("medication", "list") == []

    copy = tmp_path / "copy.json"
    copy.write_bytes(cli.data_file.read_bytes())
    fresh = Cli(tmp_path / "fresh", pytest.MonkeyPatch(), cli._capsys)
    assert fresh("doctor", "--recover", str(copy)).code == 0
    assert [m["name"] for m in fresh.json("medication", "list")] == ["Fosamax"]

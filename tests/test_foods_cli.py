"""``mgtui search`` as scripts call it: a separate process, JSON out, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def mgtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mgtui", *args], capture_output=True, text=True, timeout=60
    )


def test_search_json_puts_pumpkin_seed_kernels_first() -> None:
    result = mgtui("search", "pumpkin seeds", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    foods = json.loads(result.stdout)
    assert len(foods) == 3
    first = foods[0]
    assert first["id"] == "12014"
    assert first["name"] == "Seeds, pumpkin and squash seed kernels, dried"
    assert first["magnesium_mg_per_100g"] == 592
    assert first["calcium_mg_per_100g"] == 46
    assert {"name": "oz", "grams": 28.35, "amount": 1.0} in first["portions"]
    for food in foods:
        assert set(food) >= {
            "id",
            "name",
            "magnesium_mg_per_100g",
            "calcium_mg_per_100g",
            "portions",
        }
        assert all(set(portion) >= {"name", "grams"} for portion in food["portions"])


def test_search_json_keeps_leading_zero_and_nulls() -> None:
    milk = json.loads(mgtui("search", "whole milk", "--json", "--limit", "1").stdout)[0]
    assert milk["id"] == "01077"
    soup = json.loads(
        mgtui("search", "chicken corn chowder single brand", "--json", "--limit", "1").stdout
    )[0]
    assert soup["id"] == "06725"
    assert soup["magnesium_mg_per_100g"] is None  # not measured is not zero


def test_search_table() -> None:
    result = mgtui("search", "pumpkin", "seeds", "--limit", "2")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "FOOD", "MG/100G"]
    assert lines[1].startswith("12014  Seeds, pumpkin")
    assert "592" in lines[1] and "764 in 1 cup (129 g)" in lines[1]
    assert len(lines) == 3


def test_no_match_is_not_an_error() -> None:
    result = mgtui("search", "xyzzy")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "no foods match 'xyzzy'\n",
        "",
    )
    result = mgtui("search", "xyzzy", "--json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", ""), "the query is empty"),
        (("search", "   "), "the query is empty"),
        (("search", "milk", "--limit", "0"), "--limit must be 1 to 100, not 0"),
        (("search", "milk", "--limit", "-3"), "--limit must be 1 to 100, not -3"),
        (("search", "milk", "--limit", "100000"), "--limit must be 1 to 100"),
        (("search", "milk", "--limit", "ten"), "invalid int value"),
        (("search",), "the following arguments are required: QUERY"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    result = mgtui(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_does_not_import_textual(tmp_path: Path) -> None:
    # The store (TinyDB) is read for the person's custom foods; Textual never loads.
    probe = (
        "import sys; from mgtui.cli import main; main(['search', 'milk', '--json']);"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "MGTUI_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert result.stderr.strip() == "False"

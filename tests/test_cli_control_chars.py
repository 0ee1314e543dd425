"""Names with control characters are refused at entry (issue 14, item 4): C0 such as
ESC, DEL and C1 would drive the terminal when printed. Printable Unicode is welcome,
and a file that already holds such a name is still read."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from cli_support import Cli
from mgtui.store import Repository

OSC_52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes the clipboard
HOSTILE = {
    "ESC clear screen": "Mag\x1b[2J",
    "OSC 52": f"Mag{OSC_52}",
    "OSC 2 title": "Mag\x1b]2;owned\x07",
    "C1 CSI": "Mag\x9b2J",
    "DEL": "Mag\x7f",
    "NUL": "Mag\x00",
}


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


def _refused(cli: Cli, *args: str) -> str:
    cli.ok("log")  # the (empty) log exists
    before = cli.data_file.read_bytes()
    result = cli(*args)
    assert result.code == 2, result
    [line] = result.err_lines
    assert "control character" in line
    assert all(ord(char) >= 32 and not 0x7F <= ord(char) <= 0x9F for char in line)
    assert cli.data_file.read_bytes() == before  # nothing written
    return line


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_take_refuses_a_name_with_control_characters(cli: Cli, name: str) -> None:
    line = _refused(cli, "take", HOSTILE[name], "--mg", "100")
    assert "the name" in line


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_saved_supplements_and_custom_foods_refuse_them(cli: Cli, name: str) -> None:
    assert "supplement's name" in _refused(cli, "supplement", "add", HOSTILE[name], "--mg", "100")
    assert "food's name" in _refused(
        cli, "food", "add", HOSTILE[name], "--per", "l", "--grams", "1000", "--mg", "120"
    )


def test_import_refuses_them_and_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok("take", "Magnesium glycinate", "--mg", "100")
    export = json.loads(cli.ok("export").out)
    export["entries"][0]["id"] = "fresh0000001"
    export["entries"][0]["name"] = HOSTILE["OSC 52"]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(export))
    line = _refused(cli, "import", str(path))
    assert "nothing was imported" in line


def test_printable_unicode_is_welcome(cli: Cli) -> None:
    for name in ("Crème fraîche", "Магний цитрат", "マグネシウム", "Mag 🌿 (tablet)"):
        entry = cli.json("take", name, "--mg", "50")
        assert entry["name"] == name


def test_a_file_that_already_holds_such_a_name_is_still_read_and_edited(cli: Cli) -> None:
    entry = cli.json("take", "Magnesium", "--mg", "100")
    data = orjson.loads(cli.data_file.read_bytes())
    day = next(iter(data["days"].values()))
    day["e"] = day["e"].replace("Magnesium", "Magnesium\\u001b[2J")
    cli.data_file.write_bytes(orjson.dumps(data))
    [logged] = cli.json("log")
    assert logged["name"] == "Magnesium\x1b[2J"  # read as stored (JSON escapes it)
    with Repository.open(cli.data_dir) as repo:
        edited = repo.edit_entry(entry["id"], amount="2 servings", magnesium_mg=200.0,
                                 calcium_mg=None, servings=2)  # fmt: skip
    assert edited.name == "Magnesium\x1b[2J"
    assert cli("log").code == 0  # (escaping it on output is cli/render.py's part)

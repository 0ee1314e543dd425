"""The USDA SR28 food table: found in the package or the source tree, loaded on first use.

Nothing is read at import time. The first call of ``load_table()`` reads
``data/foods.json`` and its term index and keeps them for the life of the process.
It does not parse the 8,789 foods: the build script writes one food a line, so the
load only splits the lines and notes each line's NDB number (the first field, at a
fixed place); a row is parsed, and its ``Food`` made, the first time it is asked for.
That keeps the load to a few milliseconds where parsing everything takes 15 to 30.
A file laid out otherwise (say, reformatted by hand) is parsed whole: slower, same result.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mgtui.errors import MgtuiError
from mgtui.foods.index import TermIndex, build_index, parse_index
from mgtui.foods.model import Food, Portion

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

TABLE_FILE: Final = "foods.json"
INDEX_FILE: Final = "foods-index.json"
TABLE_SCHEMA: Final = 1

# Column positions in a row of foods.json (its "fields" header says the same).
ID, NAME, GROUP, MAGNESIUM, CALCIUM, VITAMIN_D, ENERGY, PORTIONS = range(8)

# How the build script lays out the rows: after this line, one food a line, each
# starting ["NNNNN", and a last line that closes the list and the document.
_ROWS_START: Final = b'\n"foods":[\n'
_ROWS_END: Final = b"\n]}"
_ID_SLICE: Final = slice(2, 7)  # the NDB number inside ["01001",...
_NDB_LENGTH: Final = 5


class FoodTableError(MgtuiError, RuntimeError):
    """The food table is missing or unreadable: the installation is broken."""


def data_dir() -> Traversable:
    """Where foods.json is: inside the installed package, else the source tree's data/."""
    from importlib import resources  # imported here: it pulls in zipfile, needed only now

    packaged = resources.files("mgtui") / "data"
    if packaged.joinpath(TABLE_FILE).is_file():
        return packaged
    # An editable install or a plain checkout: src/mgtui/foods/table.py -> repo/data.
    source = Path(__file__).resolve().parents[3] / "data"
    if (source / TABLE_FILE).is_file():
        return source
    raise FoodTableError(
        f"the food table {TABLE_FILE} is missing (looked in {packaged} and {source}); "
        "reinstall mgtui"
    )


class FoodTable:
    """All USDA foods, by row in NDB order; ``index`` finds rows by the words of names."""

    def __init__(self, groups: dict[str, str], index: TermIndex | None, lines: list[bytes]) -> None:
        """``lines`` are the table's rows as JSON text, parsed when first needed."""
        self.groups = groups
        self._lines = lines
        self._rows: dict[int, list[Any]] = {}
        self._foods: dict[int, Food] = {}
        self._row_of = {line[_ID_SLICE]: number for number, line in enumerate(lines)}
        if len(self._row_of) != len(lines):
            raise FoodTableError(f"{TABLE_FILE} lists an NDB number twice")
        self.index = index or build_index(
            [self.name(row) for row in range(len(lines))],
            [self.group_code(row) for row in range(len(lines))],
        )

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[Food]:
        return (self.food(row) for row in range(len(self._lines)))

    def row(self, number: int) -> list[Any]:
        """One row of foods.json: [id, name, group, magnesium, ..., portions]."""
        row = self._rows.get(number)
        if row is None:
            line = self._lines[number]
            row = json.loads(line[:-1] if line.endswith(b",") else line)
            if not isinstance(row, list) or row[ID].encode() != line[_ID_SLICE]:
                raise FoodTableError(f"{TABLE_FILE}: row {number} is malformed")
            self._rows[number] = row
        return row

    def row_of(self, ndb_id: str) -> int | None:
        if len(ndb_id) != _NDB_LENGTH or not ndb_id.isascii():
            return None
        return self._row_of.get(ndb_id.encode("ascii"))

    def name(self, row: int) -> str:
        name: str = self.row(row)[NAME]
        return name

    def group_code(self, row: int) -> str:
        code: str = self.row(row)[GROUP]
        return code

    def food(self, row: int) -> Food:
        food = self._foods.get(row)
        if food is None:
            food = self._foods[row] = self._make_food(self.row(row))
        return food

    def get(self, ndb_id: str) -> Food | None:
        row = self.row_of(ndb_id)
        return None if row is None else self.food(row)

    def _make_food(self, row: list[Any]) -> Food:
        return Food(
            id=row[ID],
            name=row[NAME],
            group=self.groups[row[GROUP]],
            magnesium_mg_per_100g=_optional_float(row[MAGNESIUM]),
            calcium_mg_per_100g=_optional_float(row[CALCIUM]),
            vitamin_d_iu_per_100g=_optional_float(row[VITAMIN_D]),
            energy_kcal_per_100g=_optional_float(row[ENERGY]),
            portions=tuple(
                Portion(name=name, grams=float(grams), amount=float(amount))
                for amount, name, grams in row[PORTIONS]
            ),
        )


def _optional_float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _split_rows(table_bytes: bytes) -> tuple[dict[str, Any], list[bytes]] | None:
    """The header and the row lines, if the file has the build script's layout."""
    start = table_bytes.find(_ROWS_START)
    end = table_bytes.rfind(_ROWS_END)
    if start < 0 or end < start:
        return None
    header = json.loads(table_bytes[: start + 1] + b'"foods":[]}')
    lines = table_bytes[start + len(_ROWS_START) : end].split(b"\n")
    expected = header.get("counts", {}).get("foods")
    if expected != len(lines) or not all(line.startswith(b'["') for line in lines):
        return None
    return header, lines


def _rows_as_lines(table_bytes: bytes) -> tuple[dict[str, Any], list[bytes]]:
    """Any valid layout: parse the whole document and write each row back as a line."""
    document = json.loads(table_bytes)
    lines = [
        json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode()
        for row in document.pop("foods")
    ]
    return document, lines


def read_table(directory: Traversable | None = None) -> FoodTable:
    """Read the table and its index from ``directory`` (default: ``data_dir()``)."""
    directory = directory or data_dir()
    try:
        table_bytes = directory.joinpath(TABLE_FILE).read_bytes()
        header, lines = _split_rows(table_bytes) or _rows_as_lines(table_bytes)
        if header.get("schema") != TABLE_SCHEMA:
            raise FoodTableError(
                f"{TABLE_FILE} has schema {header.get('schema')!r}, this mgtui reads "
                f"{TABLE_SCHEMA}; reinstall mgtui"
            )
        index = None
        index_file = directory.joinpath(INDEX_FILE)
        if index_file.is_file():
            # None when stale (built for another table or normalizer): rebuilt below.
            index = parse_index(json.loads(index_file.read_bytes()), table_bytes)
        return FoodTable(groups=header["groups"], index=index, lines=lines)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FoodTableError(f"cannot read the food table: {error}") from error


_lock = threading.Lock()
_table: FoodTable | None = None


def load_table() -> FoodTable:
    """The food table, read on the first call and kept for the life of the process."""
    global _table
    if _table is None:
        with _lock:  # the app searches from worker threads: read the files once
            if _table is None:
                _table = read_table()
    return _table


def is_loaded() -> bool:
    """Whether the table has been read (for tests of the lazy load)."""
    return _table is not None

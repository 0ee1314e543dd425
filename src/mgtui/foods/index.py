"""The term index over the food names, built once by ``scripts/build_foods.py``.

Tokenizing 8,789 names takes longer in Python than the whole load budget, so the
build script writes the index beside the table (``data/foods-index.json``) and a
load only parses it. Each term's postings are kept as one delta-coded string and
decoded the first time a query needs that term: most terms are never asked for.
The index records the normalizer version and a checksum of the table it was built
from; if either is stale, the loader rebuilds it in memory.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from itertools import accumulate
from typing import Any, Final

from mgtui.foods.text import ASIDE, HEAD, NORMALIZER_VERSION, REST, SECOND, name_terms

INDEX_SCHEMA: Final = 1
GROUP_CODE_WIDTH: Final = 2  # SR food group codes are "01" to "36"
POSTINGS_BASE: Final = 36  # int(text, 36) reads it back; digits and letters only

# A posting packs (food row, place of the term in the name) into one int.
PLACE_BITS: Final = 3
PLACE_MASK: Final = (1 << PLACE_BITS) - 1

# A food's shape packs how many terms it has in each counted place; 5 bits each, since
# no USDA name has 32 terms in one place (the longest name has 24 words).
SHAPE_BITS: Final = 5
SHAPE_MAX: Final = (1 << SHAPE_BITS) - 1
SHAPE_PLACES: Final = (HEAD, SECOND, REST, ASIDE)  # CATEGORY words are not counted

# Capitalized words USDA uses that are not brands.
_NOT_BRANDS: Final = frozenset({"USDA", "DHA", "ARA", "NFS", "NLEA", "UHT", "BBQ", "TV"})
_CAPITAL_WORD = re.compile(r"[A-Za-z][A-Za-z'&.-]*")


def is_branded(name: str) -> bool:
    """USDA writes brands in capitals: "Cereals ready-to-eat, KELLOGG, KELLOGG'S ALL-BRAN"."""
    for word in _CAPITAL_WORD.findall(name):
        letters = "".join(char for char in word if char.isalpha())
        if len(letters) >= 2 and letters.isupper() and letters not in _NOT_BRANDS:
            return True
    return "single brand" in name or "store brand" in name


def pack_shape(places: Sequence[int]) -> int:
    shape = 0
    for slot, place in enumerate(SHAPE_PLACES):
        count = min(sum(1 for p in places if p == place), SHAPE_MAX)
        shape |= count << (slot * SHAPE_BITS)
    return shape


def shape_count(shape: int, place: int) -> int:
    """How many terms of one place (HEAD, SECOND, REST or ASIDE) a packed shape holds."""
    return (shape >> (SHAPE_PLACES.index(place) * SHAPE_BITS)) & SHAPE_MAX


class TermIndex:
    """Sorted terms, each with the foods whose names hold it, and per-food name shapes."""

    __slots__ = ("_decoded", "branded", "coded", "groups", "shapes", "term_ids", "terms")

    def __init__(
        self,
        terms: list[str],
        coded_postings: list[str],
        shapes: list[int],
        branded: frozenset[int],
        groups: str,
    ) -> None:
        self.terms = terms  # sorted, so a prefix is a range found by bisection
        self.term_ids = {term: number for number, term in enumerate(terms)}
        self.shapes = shapes  # per row: pack_shape of its name's places
        self.branded = branded  # rows whose name carries a brand
        # Per row, its 2-digit food group code, all in one string: search needs a
        # candidate's group without parsing the candidate's row of the table.
        self.groups = groups
        self.coded = coded_postings  # per term: encode_postings of its codes
        self._decoded: dict[int, list[int]] = {}

    def group_code(self, row: int) -> str:
        return self.groups[row * GROUP_CODE_WIDTH : (row + 1) * GROUP_CODE_WIDTH]

    def postings(self, term_id: int) -> list[int]:
        """The (row << PLACE_BITS | place) codes of one term, rows ascending."""
        decoded = self._decoded.get(term_id)
        if decoded is None:
            decoded = self._decoded[term_id] = decode_postings(self.coded[term_id])
        return decoded


def encode_postings(codes: Sequence[int]) -> str:
    """Ascending ints as base-36 gaps: [122, 506, 594] -> "3e an 2g"."""
    gaps = (code - previous for previous, code in zip([0, *codes], codes, strict=False))
    return " ".join(_base36(gap) for gap in gaps)


def decode_postings(text: str) -> list[int]:
    return list(accumulate(int(gap, POSTINGS_BASE) for gap in text.split()))


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, POSTINGS_BASE)
        text = digits[digit] + text
        if number == 0:
            return text


def build_index(names: Sequence[str], group_codes: Sequence[str]) -> TermIndex:
    """Index the names of a table's rows; ``group_codes`` are the rows' food groups."""
    if any(len(code) != GROUP_CODE_WIDTH for code in group_codes):
        raise ValueError(f"food group codes must have {GROUP_CODE_WIDTH} digits")
    postings_by_term: dict[str, list[int]] = {}
    shapes: list[int] = []
    branded: set[int] = set()
    for row, name in enumerate(names):
        placed = name_terms(name)
        shapes.append(pack_shape([place for _, place in placed]))
        for term, place in placed:
            postings_by_term.setdefault(term, []).append(row << PLACE_BITS | place)
        if is_branded(name):
            branded.add(row)
    terms = sorted(postings_by_term)
    return TermIndex(
        terms=terms,
        coded_postings=[encode_postings(postings_by_term[term]) for term in terms],
        shapes=shapes,
        branded=frozenset(branded),
        groups="".join(group_codes),
    )


def table_checksum(table_bytes: bytes) -> str:
    """Which table an index belongs to; CRC-32, since this guards against staleness only."""
    return f"{len(table_bytes)}:{zlib.crc32(table_bytes):08x}"


def render_index(index: TermIndex, table_bytes: bytes) -> bytes:
    """The index as JSON, one term a line, the same bytes for the same table."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = [
        "{",
        f'"schema":{INDEX_SCHEMA},',
        f'"normalizer":{NORMALIZER_VERSION},',
        f'"table":{dump(table_checksum(table_bytes))},',
        f'"shapes":{dump(index.shapes)},',
        f'"branded":{dump(sorted(index.branded))},',
        f'"groups":{dump(index.groups)},',
        '"terms":[',
        ",\n".join(
            dump([term, coded]) for term, coded in zip(index.terms, index.coded, strict=True)
        ),
        "]}",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def parse_index(document: dict[str, Any], table_bytes: bytes) -> TermIndex | None:
    """The index from its JSON document, or None if it was built for another table or code."""
    if (
        document.get("schema") != INDEX_SCHEMA
        or document.get("normalizer") != NORMALIZER_VERSION
        or document.get("table") != table_checksum(table_bytes)
    ):
        return None
    pairs: list[list[str]] = document["terms"]
    return TermIndex(
        terms=[pair[0] for pair in pairs],
        coded_postings=[pair[1] for pair in pairs],
        shapes=document["shapes"],
        branded=frozenset(document["branded"]),
        groups=document["groups"],
    )

"""A name from data is printed with its control characters escaped, never raw.

An old or hand-edited file may hold a name with ESC, OSC or C1 sequences: printed
raw, ``ESC[2J`` blanks the screen, OSC 2 sets the terminal's title and OSC 52 writes
its clipboard. Every way mgtui prints a name shows them as ``\\x1b`` instead.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mgtui.cli.entries import entries_table
from mgtui.domain.entries import Entry
from mgtui.domain.insights import compute_insights
from mgtui.domain.summary import summarize_day
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import DEFAULT_PROFILE, resolve_targets
from mgtui.domain.text import has_control, safe
from mgtui.present.insights import source_cells
from mgtui.present.report import build_report
from mgtui.present.text import describe_entry, describe_product

DAY = dt.date(2026, 11, 22)
HOSTILE = [
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]2;owned\x07",  # set the window title
    "\x1b]52;c;ZWNobyBoaQ==\x07",  # write the clipboard
    "\x9b31m",  # C1 CSI
    "tab\there",
    "new\nline",
    "del\x7f",
]


def entry(name: str, kind: str = "food") -> Entry:
    return Entry(
        id="a1",
        date=DAY,
        time=dt.time(8, 0),
        kind=kind,  # type: ignore[arg-type]
        name=f"Almonds {name}",
        amount="1 oz" if kind == "food" else "1 serving",
        magnesium_mg=76.5,
        calcium_mg=75.0,
        food_id="12061" if kind == "food" else None,
        grams=28.35 if kind == "food" else None,
        form=name if kind == "supplement" else None,
    )


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_shows_every_control_character(name: str) -> None:
    shown = safe(name)
    assert not has_control(shown)
    assert "\\x" in shown
    assert safe("Crème fraîche, 1½ cups — 日本") == "Crème fraîche, 1½ cups — 日本"


@pytest.mark.parametrize("name", HOSTILE)
def test_every_printed_place_escapes_a_hostile_name(name: str) -> None:
    food, supplement = entry(name), entry(name, "supplement")
    summary = summarize_day(DAY, [food], resolve_targets(DEFAULT_PROFILE))
    printed = [
        describe_entry(food),
        describe_entry(supplement),
        entries_table([food], summary),
        describe_product(SupplementProduct(name, name, 100, 0, name)),
        " ".join(source_cells(compute_insights([food], summary.targets, DAY, 7).top_sources[0])),
        build_report(profile=DEFAULT_PROFILE, entries=[food, supplement], products=[], end=DAY),
    ]
    for text in printed:
        assert not has_control(text.replace("\n", "")), text
        assert "\\x" in text


def test_a_csv_export_shows_control_characters_escaped() -> None:
    from mgtui.store.exchange_csv import to_csv

    document = {
        "format": "mgtui-export",
        "version": 1,
        "exported_at": "2026-11-22T08:30:00Z",
        "profile": None,
        "entries": [
            {
                "id": "a1",
                "date": "2026-11-22",
                "time": "08:00",
                "kind": "food",
                "name": "Almonds \x1b]52;c;aGk=\x07",
                "amount": "1 oz",
                "magnesium_mg": 76.5,
                "calcium_mg": 75.0,
                "food_id": "12061",
                "grams": 28.35,
                "form": None,
                "product": None,
                "servings": None,
            }
        ],
        "supplement_products": [],
        "custom_foods": [],
        "favourite_food_ids": [],
    }
    text = to_csv(document)
    assert "Almonds \\x1b]52;c;aGk=\\x07" in text
    assert not has_control(text.replace("\r\n", "").replace("\n", ""))

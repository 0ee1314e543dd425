"""Today's entry lines at every width: they fit, the figures stay, the name gives way."""

from __future__ import annotations

from rich.cells import cell_len

from mgtui.tui.widgets.entry_list import EntryList, EntryRow, Figure

DOSE = EntryRow(
    "k", "08:15", "Magnesium glycinate", " (supplement)", "2 servings", Figure("240"), Figure("0")
)
MILK = EntryRow(
    "m",
    "07:40",
    "Milk, whole, 3.25% milkfat, with added vitamin D",
    "",
    "1 cup",
    Figure("24"),
    Figure("?", dim=True),
)


def line(row: EntryRow, width: int) -> str:
    return "".join(text for text, _ in EntryList.row_line(row, width, width >= 110))


def test_every_line_fits_its_width_and_keeps_the_milligrams() -> None:
    for width in range(36, 141):
        heads = EntryList.header_line(width, width >= 110)
        assert cell_len(heads) == width, width
        assert heads.split()[-4:] == ["Mg", "mg", "Ca", "mg"], width
        for row in (DOSE, MILK):
            shown = line(row, width)
            assert cell_len(shown) == width, (width, shown)
            assert shown.split()[-2:] == [row.magnesium.text, row.calcium.text], width


def test_a_narrow_terminal_keeps_two_servings_and_the_kind() -> None:
    shown = line(DOSE, 60)
    assert "2 servings" in shown and "(supplement)" in shown
    assert shown.split()[1].startswith("Magn")
    assert "Magnesium glycinate (supplement)" in line(DOSE, 80)


def test_too_narrow_for_the_kind_cuts_it_with_the_name() -> None:
    shown = line(DOSE, 40).split()
    assert "…" in shown[1]  # cut as one, not the kind's end lost without a mark

from rich.cells import cell_len

from mgtui.tui.widgets.text_fit import fit_end, fit_middle

ROASTED = "Seeds, pumpkin and squash seed kernels, roasted, with salt added"
ROASTED_NO_SALT = "Seeds, pumpkin and squash seed kernels, roasted, without salt"


def test_a_name_that_fits_is_left_alone() -> None:
    assert fit_middle("Nuts, almonds", 20) == "Nuts, almonds"


def test_long_names_keep_their_start_and_their_end() -> None:
    first, second = fit_middle(ROASTED, 36), fit_middle(ROASTED_NO_SALT, 36)
    assert len(first) <= 36 and len(second) <= 36
    assert first.startswith("Seeds, pumpkin") and first.endswith("with salt added")
    assert second.endswith("without salt")
    assert first != second  # the cut no longer hides what tells them apart


def test_tiny_widths() -> None:
    assert fit_middle("abcdef", 1) == "…"
    assert fit_middle("abcdef", 0) == ""
    assert fit_middle("abcdef", 3) == "a…f"


def test_a_long_amount_keeps_its_start() -> None:
    assert fit_end("1 cup (8 fl oz)", 20) == "1 cup (8 fl oz)"
    assert fit_end("1 cup, chopped or diced", 14) == "1 cup, choppe…"
    assert fit_end("2 cups (490 g)", 8) == "2 cups…"  # no space before the "…"
    assert fit_end("abc", 1) == "…" and fit_end("abc", 0) == ""
    assert cell_len(fit_end("豆腐、木綿 1 丁", 7)) <= 7  # wide characters count double


def test_wide_characters_count_as_two_cells() -> None:
    name = "豆腐、木綿、絹ごし、焼き豆腐、油揚げ"  # 18 characters, 36 cells
    for width in range(2, 36):
        fitted = fit_middle(name, width)
        assert cell_len(fitted) <= width and "…" in fitted
    assert fit_middle(name, 15).startswith("豆腐") and fit_middle(name, 15).endswith("揚げ")
    assert fit_middle("豆腐", 4) == "豆腐"

from mgtui.tui.widgets.text_fit import fit_middle

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

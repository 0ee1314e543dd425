"""Calcium and vitamin D from a label in the app: the product form's calcium form and
vitamin D unit, the calcium compound-weight question, and Today's vitamin D line."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Select

from app_support import TODAY, AppFactory
from mgtui.domain.entries import Entry
from mgtui.store import Repository
from mgtui.tui.dialogs.product_form import ProductForm
from mgtui.tui.screens.supplements import SupplementsScreen
from mgtui.tui.widgets.bars import VitaminDLine
from mgtui.tui.widgets.entry_list import EntryList


async def test_a_product_with_calcium_as_a_compound_weight_and_vitamin_d_in_mcg(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "n")
        assert isinstance(app.screen, ProductForm)
        form = app.screen
        form.query_one("#name", Input).value = "Citracal D"
        form.query_one("#calcium", Input).value = "500"
        form.query_one("#calcium-basis", Select).value = "compound"
        form.query_one("#calcium-form", Select).value = "citrate"
        form.query_one("#vitamin-d", Input).value = "25"
        form.query_one("#vitamin-d-unit", Select).value = "mcg"
        await pilot.pause()
        conversion = str(form.query_one("#conversion").render())
        assert "500 mg calcium citrate × 21.1% elemental = 105.5 mg calcium" in conversion
        assert "Vitamin D: 1000 IU per serving (1 mcg = 40 IU)" in conversion
        assert str(form.query_one("#form-error").render()) == ""
        # The whole form, its buttons included, fits an 80×24 screen.
        save = form.query_one("#save")
        assert save.region.height > 0 and save.region.y + save.region.height <= 24
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
        await pilot.pause()
        detail = str(app.screen.query_one("#product-detail").render())
        assert "Citracal D: 0.0 mg magnesium, 105.5 mg calcium, 1000 IU vitamin D" in detail
        assert "Conversion: 500 mg calcium citrate × 21.1% elemental = 105.5 mg calcium" in detail
    [product] = repo.supplement_products()
    assert (product.calcium_form, product.calcium_compound_mg) == ("citrate", 500)
    assert round(product.calcium_mg, 1) == 105.5
    assert product.vitamin_d_iu == 1000


async def test_calcium_typed_as_elemental_that_looks_like_a_compound_weight_is_questioned(
    repo: Repository, app_for: AppFactory
) -> None:
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "n")
        form = app.screen
        form.query_one("#name", Input).value = "Calcium citrate"
        form.query_one("#magnesium", Input).value = "0"
        form.query_one("#calcium", Input).value = "500"
        form.query_one("#calcium-form", Select).value = "citrate"
        await pilot.pause()
        warning = str(form.query_one("#form-error").render())
        assert "500 mg as elemental calcium is unusual for calcium citrate" in warning
        assert "about 106 mg" in warning
        await pilot.press("ctrl+s")  # first press: the question again, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ProductForm)
        assert repo.supplement_products() == []
        await pilot.press("ctrl+s")  # second press: kept as typed
        await pilot.pause()
        assert isinstance(app.screen, SupplementsScreen)
    assert repo.supplement_products()[0].calcium_mg == 500


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_today_shows_vitamin_d_in_one_line_above_the_entries(
    repo: Repository, app_for: AppFactory, size: tuple[int, int]
) -> None:
    repo.log(Entry("", TODAY, dt.time(8), "food", "Milk", "1 cup", 24.4, 276.0, vitamin_d_iu=124.4))
    repo.log(
        Entry("", TODAY, dt.time(9), "supplement", "D3", "1 serving", 0.0, 0.0,
              servings=1.0, vitamin_d_iu=400.0)
    )  # fmt: skip
    app = app_for(repo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = app.screen.query_one(VitaminDLine)
        text = str(line.render())
        assert text.startswith("Vitamin D    524 / 600 IU RDA 87% · 76 IU to go")
        assert line.size.height == 1
        table = app.screen.query_one("#entries", EntryList)
        assert table.region.y + table.region.height <= size[1]
        assert len(table.rows) == 2 and table.size.height >= 3

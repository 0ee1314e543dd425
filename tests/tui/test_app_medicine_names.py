"""A name from data is shown as written in the app's questions: "[/]" in a medicine's
or a product's name is text, not markup (it used to stop the app)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from app_support import NOW, TODAY, AppFactory
from mgtui.domain.medicines import Medication, medicine_entry
from mgtui.domain.supplements import SupplementProduct
from mgtui.store import Repository
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog


async def test_a_markup_like_medicine_name_is_asked_about_as_written(
    repo: Repository, app_for: AppFactory
) -> None:
    repo.save_medication(Medication("Alen[/]", "bisphosphonate"))
    repo.log(medicine_entry(Medication("Alen[/]", "bisphosphonate"), TODAY, dt.time(8, 0)))
    repo.save_supplement_product(SupplementProduct("[bold]Mag[/bold]", "glycinate", 120.0))
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        message = str(app.screen.query_one(".dialog-message", Static).render())
        assert message == ("Alen[/] at 08:00: magnesium should wait until 10:00. Log it anyway?")
        await pilot.press("y")
        await pilot.pause()
        assert [e.name for e in repo.entries_on(TODAY)] == ["Alen[/]", "[bold]Mag[/bold]"]
        assert repo.entries_on(TODAY)[1].time == NOW.time()

"""The app shows a hostile name from an old or hand-edited file escaped, never raw."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from app_support import TODAY, AppFactory, log_food
from mgtui.frozen import replace
from mgtui.store import Repository


async def test_today_escapes_control_characters_in_names(
    repo: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_food(repo, "12061", "1 oz", "08:00")
    stored = repo.entries_on

    name = "\x1b[2J\x1b]52;c;aGk=\x07Almonds"

    def hostile(day):  # type: ignore[no-untyped-def]
        return [replace(e, name=name) for e in stored(day)]

    monkeypatch.setattr(repo, "entries_on", hostile)
    app = app_for(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#entries", DataTable)
        cell = str(table.get_row_at(0)[1])
        assert "\x1b" not in cell and "\x07" not in cell
        assert cell.startswith("\\x1b[2J\\x1b]52;c;aGk=\\x07Almonds")
        assert len(repo.entries_on(TODAY)) == 1

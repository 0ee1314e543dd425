"""The app shows a hostile name from an old or hand-edited file escaped, never raw."""

from __future__ import annotations

import pytest

from app_support import TODAY, AppFactory, log_food, today_rows
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
        cell = today_rows(app)[0][1]
        assert "\x1b" not in cell and "\x07" not in cell
        assert cell.startswith("\\x1b[2J\\x1b]52;c;aGk=\\x07Almonds")
        assert len(repo.entries_on(TODAY)) == 1


async def test_today_shows_brackets_in_a_name_as_typed(
    repo: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_food(repo, "12061", "1 oz", "08:00")
    stored = repo.entries_on

    def bracketed(day):  # type: ignore[no-untyped-def]
        return [
            replace(e, name="[bold red]Almonds[/] [link=x]y", amount="[i]1 oz") for e in stored(day)
        ]

    monkeypatch.setattr(repo, "entries_on", bracketed)
    app = app_for(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        [row] = today_rows(app)
        assert row[1:3] == ["[bold red]Almonds[/] [link=x]y", "[i]1 oz"]

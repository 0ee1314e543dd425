"""The CLI and the app give the same answer to the same act: a dose past the limit, a
saved profile that cannot be used, a rename that cannot be saved."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import orjson
import pytest
from textual.widgets import Input

from app_support import GLYCINATE, TODAY, AppFactory, record_notifications
from cli_support import Cli
from mgtui.store import Repository
from mgtui.tui.dialogs.confirm_dialog import ConfirmDialog
from mgtui.tui.dialogs.product_form import ProductForm


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "cli", monkeypatch, capsys)


async def test_a_dose_past_the_limit_reads_the_same(
    cli: Cli, repo: Repository, app_for: AppFactory
) -> None:
    for _ in range(2):
        cli.ok("take", "Mag Glycinate", "--mg", "120", "--form", "glycinate")
    third = cli("take", "Mag Glycinate", "--mg", "120", "--form", "glycinate")
    assert third.code == 0  # the CLI logs and warns
    [warning] = third.err_lines
    cli_words = warning.removeprefix("mgtui: warning: ")

    repo.save_supplement_product(GLYCINATE)
    app = app_for(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "l", "l", "l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # the app asks first
        message = str(app.screen.query_one(".dialog-message").render())
    assert message == f"{cli_words} Log it anyway?"
    assert "to 360 mg, over the 350 mg/day limit by 10 mg" in cli_words


def _break_profile(data_file: Path) -> None:
    data = orjson.loads(data_file.read_bytes())
    data["profile"]["1"]["sex"] = "male"  # a hand edit the rules refuse: a pregnant man
    data["profile"]["1"]["pregnant"] = True
    data_file.write_bytes(orjson.dumps(data))


async def test_an_unusable_profile_falls_back_the_same_way(cli: Cli, app_for: AppFactory) -> None:
    cli.ok("profile", "--sex", "female", "--age", "63")
    _break_profile(cli.data_file)
    status = cli("status")
    assert status.code == 0  # the log stays usable, on the default profile
    assert "profile: female, 51+ years" in status.out
    [notice] = status.err_lines
    cli_words = notice.removeprefix("mgtui: ")
    assert "the profile cannot be used" in cli_words and "mgtui doctor" in cli_words

    with Repository.open(cli.data_dir) as repo:
        app = app_for(repo)
        notes = record_notifications(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
        shown = [" ".join(m.split()) for _, title, m in notes if title == "About your data file"]
        assert shown == [cli_words]


async def test_a_rename_that_cannot_be_saved_keeps_the_product(
    repo: Repository, app_for: AppFactory, monkeypatch: pytest.MonkeyPatch, cli: Cli
) -> None:
    repo.save_supplement_product(GLYCINATE)
    before = repo.path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = app_for(repo)
    notes = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "e")
        await pilot.pause()
        assert isinstance(app.screen, ProductForm)
        app.screen.query_one("#name", Input).value = "Evening glycinate"
        monkeypatch.setattr(os, "fsync", full_disk)
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.undo()
    assert [title for severity, title, _ in notes if severity == "error"] == [
        "Could not rename the product"
    ]
    assert repo.path.read_bytes() == before  # neither deleted nor half-saved
    assert [p.name for p in repo.supplement_products()] == ["Mag Glycinate"]
    assert repo.entries_on(TODAY) == []
    # The CLI reads the same folder the same way.
    monkeypatch.setenv("MGTUI_DATA_DIR", str(repo.path.parent))
    assert "Mag Glycinate" in cli.ok("supplement", "list").out

#!/usr/bin/env python3
"""Draw every screen of the app as an SVG in ``screenshots/``, from the demo history.

    .venv/bin/python scripts/screenshots.py            # writes screenshots/*.svg
    .venv/bin/python scripts/screenshots.py --check    # exit 1 unless they are current

Run it with the Python that has mgtui's dependencies installed (the project's
``.venv``); the code drawn is this tree's ``src/``. The demo history
(``mgtui.logbook.demo.fill_demo``) goes into a temporary folder, the clock is frozen at Sunday
22 November 2026, 10:45, and the theme is fixed, so a rerun writes byte-identical
files. Rich names the SVG's CSS classes after a checksum of the picture and its title
(not a random id), so identical screens give identical files without post-processing;
the only moving part, the blinking text cursor, is held still before each picture.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Draw this tree's code, even where another mgtui is installed.
sys.path.insert(0, str(REPO / "src"))

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input  # noqa: E402

from mgtui.logbook.demo import fill_demo  # noqa: E402
from mgtui.logbook.session import Logbook  # noqa: E402
from mgtui.store import Repository  # noqa: E402
from mgtui.tui.app import MgtuiApp, make_app  # noqa: E402

OUTPUT = REPO / "screenshots"
NOW = dt.datetime(2026, 11, 22, 10, 45)
THEME = "textual-dark"
SIZE = (80, 24)  # the size the app is designed for: a default terminal, over SSH too

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def nothing(pilot: Pilot[None]) -> None:
    """Today is the home screen: nothing to press."""


def press(*keys: str) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)

    return steps


async def food_results(pilot: Pilot[None]) -> None:
    """The search as typed: ranked foods, Mg per portion and per 100 g."""
    await pilot.press("a")
    pilot.app.screen.query_one("#query", Input).value = "pumpkin seeds"
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def food_with_portion_preview(pilot: Pilot[None]) -> None:
    """Search, pick the top result, type a portion: the preview shows what it adds."""
    await food_results(pilot)
    await pilot.press("enter")
    pilot.app.screen.query_one("#amount", Input).value = "1 oz"


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    steps: Steps
    size: tuple[int, int] = SIZE
    theme: str = THEME


SHOTS = (
    Shot("today", "mgtui: Today", nothing),
    Shot("food-search", "mgtui: Food search", food_results),
    Shot("food-portion", "mgtui: Food search, portion preview", food_with_portion_preview),
    Shot("supplements", "mgtui: Supplements", press("s")),
    Shot("history", "mgtui: History", press("h")),
    Shot("insights", "mgtui: Insights", press("i")),
    Shot("profile", "mgtui: Profile", press("p")),
    Shot("help", "mgtui: Help", press("question_mark")),
    Shot("today-100x30", "mgtui: Today at 100x30", nothing, size=(100, 30)),
    Shot("today-light", "mgtui: Today, light theme", nothing, theme="textual-light"),
    # The demo's routines, sorted by name: Evening, then Morning.
    Shot("routines", "mgtui: Routines", press("r")),
    Shot("routine-builder", "mgtui: Changing a routine", press("r", "down", "e")),
    Shot("copy", "mgtui: Copying chosen entries", press("c", "down", "space")),
)


async def draw(repo: Repository, shot: Shot) -> str:
    app: MgtuiApp = make_app(Logbook(repo, now=lambda: NOW), theme=shot.theme)
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        await shot.steps(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        # A blinking cursor would be drawn or not depending on timing: hold it visible.
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()
        return app.export_screenshot(title=shot.title)


async def draw_all() -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="mgtui-screenshots-") as folder:
        repo = Repository.open(Path(folder) / "data")
        try:
            fill_demo(repo, NOW.date())
            return {f"{shot.name}.svg": await draw(repo, shot) for shot in SHOTS}
        finally:
            repo.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 unless the files are current"
    )
    args = parser.parse_args()
    pictures = asyncio.run(draw_all())
    if args.check:
        stale = [
            name
            for name, svg in pictures.items()
            if not (OUTPUT / name).exists() or (OUTPUT / name).read_text("utf-8") != svg
        ]
        for name in stale:
            print(f"screenshots/{name} is out of date", file=sys.stderr)
        return 1 if stale else 0
    OUTPUT.mkdir(exist_ok=True)
    for name, svg in pictures.items():
        (OUTPUT / name).write_text(svg, "utf-8")
        print(f"screenshots/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

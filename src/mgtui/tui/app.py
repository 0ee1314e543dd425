"""The mgtui app: sections as Textual modes, one screen a file under ``screens/``.

The app owns three things every screen shares: the ``Logbook`` (repository and
clock), the day being viewed, and the ``log_changed`` signal. Any write made here,
and any write another process makes to the data file (checked once a second with
one ``os.stat``), publishes ``log_changed``; screens that show data subscribe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal

from mgtui.logbook.session import Logbook
from mgtui.store import StoreError
from mgtui.tui.screens.food_search import FoodSearchScreen
from mgtui.tui.screens.help import HelpScreen
from mgtui.tui.screens.history import HistoryScreen
from mgtui.tui.screens.insights import InsightsScreen
from mgtui.tui.screens.profile import ProfileScreen
from mgtui.tui.screens.supplements import SupplementsScreen
from mgtui.tui.screens.today import TodayScreen

T = TypeVar("T")

# How often the app looks at the data file for writes made by another process.
WATCH_INTERVAL_SECONDS = 1.0


@dataclass(frozen=True)
class PaletteCommand:
    section: str
    title: str
    help: str
    mode: str
    action: str  # an action of that mode's screen, or of the app when mode is ""

    @property
    def name(self) -> str:
        return f"{self.section}: {self.title}"


SECTIONS: dict[str, str] = {
    "today": "Today",
    "food": "Food",
    "supplements": "Supplements",
    "history": "History",
    "insights": "Insights",
    "profile": "Profile",
}


class MgtuiApp(App[None]):
    """Magnesium, supplements vs the limit, calcium and the Ca:Mg ratio, day by day."""

    CSS_PATH = "app.tcss"
    TITLE = "mgtui"
    SUB_TITLE = "magnesium for bone health"
    MODES = {
        "today": TodayScreen,
        "food": FoodSearchScreen,
        "supplements": SupplementsScreen,
        "history": HistoryScreen,
        "insights": InsightsScreen,
        "profile": ProfileScreen,
    }
    DEFAULT_MODE = "today"
    BINDINGS = [
        Binding("t", "go('today')", "Today", tooltip="The day's bars and entries", show=False),
        Binding("a", "go('food')", "Add food", tooltip="Search foods and log one", show=False),
        Binding("s", "go('supplements')", "Supplements", tooltip="Log a supplement", show=False),
        Binding("h", "go('history')", "History", tooltip="Every logged day", show=False),
        Binding("i", "go('insights')", "Insights", tooltip="Averages and patterns", show=False),
        Binding("p", "go('profile')", "Profile", tooltip="Sex, age and targets", show=False),
        Binding("question_mark", "help", "Help", key_display="?", show=False),
        Binding("q", "quit", "Quit"),
    ]

    day: reactive[dt.date] = reactive(dt.date.min, init=False)

    def __init__(
        self, logbook: Logbook, *, day: dt.date | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        if theme is not None:
            self.theme = theme
        self.logbook = logbook
        self.log_changed: Signal[None] = Signal(self, "log_changed")
        self.set_reactive(MgtuiApp.day, day or logbook.today())
        self._file_signature = logbook.repo.signature()
        self._today = logbook.today()

    def on_mount(self) -> None:
        self.set_interval(WATCH_INTERVAL_SECONDS, self.tick)
        for notice in self.logbook.repo.pop_notices():
            self.notify(notice, title="About your data file", severity="warning", timeout=30)
        self.logbook.targets()
        if self.logbook.profile_problem:
            self.notify(
                f"{self.logbook.profile_problem}.",
                title="Profile",
                severity="error",
                timeout=30,
            )
        if not self.logbook.repo.profile_asked():
            self.push_screen(ProfileScreen(first_run=True))

    # -- shared state -------------------------------------------------------

    def watch_day(self) -> None:
        self.log_changed.publish(None)

    def tick(self) -> None:
        """Once a second: follow midnight, and writes made by other processes."""
        self.check_the_date()
        self.check_for_outside_writes()

    def check_the_date(self) -> None:
        today = self.logbook.today()
        if today == self._today:
            return
        following_today = self.day == self._today
        self._today = today
        if following_today:
            self.day = today  # an app left open overnight logs to the new day
        else:
            self.log_changed.publish(None)  # "(yesterday)" and the like move on

    def check_for_outside_writes(self) -> None:
        signature = self.logbook.repo.signature()
        if signature != self._file_signature:
            self._file_signature = signature
            self.log_changed.publish(None)

    def changed(self) -> None:
        """Call after this process wrote: every screen redraws from the store."""
        self._file_signature = self.logbook.repo.signature()
        self.log_changed.publish(None)

    def attempt(self, what: str, operation: Callable[[], T]) -> T | None:
        """Run a store operation; a failure becomes a notification, never a crash."""
        try:
            result = operation()
        except StoreError as error:
            self.notify(str(error), title=f"Could not {what}", severity="error", timeout=15)
            return None
        self.changed()
        return result

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The first-run question stays on screen until it is answered or declined.
        screen = self.screen
        return not (action == "go" and isinstance(screen, ProfileScreen) and screen.first_run)

    def action_go(self, mode: str) -> None:
        if mode == "today" and self.current_mode == "today" and not self.screen.is_modal:
            self.day = self.logbook.today()
            return
        self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_day(self, day: dt.date) -> None:
        """Show a day on Today (from History, or the command line's --date)."""
        self.day = day
        self.switch_mode("today")

    # -- command palette ----------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for mode, section in SECTIONS.items():
            yield SystemCommand(
                f"Go: {section}", f"Open the {section} screen", self._go_callback(mode)
            )
        for command in all_palette_commands():
            yield SystemCommand(command.name, command.help, self._command_callback(command))
        yield SystemCommand("App: help", "Keys and what the numbers mean", self.action_help)
        yield from super().get_system_commands(screen)

    def _go_callback(self, mode: str) -> Callable[[], object]:
        return lambda: self.switch_mode(mode)

    def _command_callback(self, command: PaletteCommand) -> Callable[[], object]:
        async def run() -> None:
            if self.current_mode != command.mode:
                await self.switch_mode(command.mode)
            await self.screen.run_action(command.action)

        return lambda: self.call_later(run)


def all_palette_commands() -> list[PaletteCommand]:
    """Every screen's actions, named "section: action"."""
    commands: list[PaletteCommand] = []
    for mode, screen_class in MgtuiApp.MODES.items():
        section = SECTIONS[mode]
        for binding in getattr(screen_class, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            help_text = binding.tooltip or binding.description
            commands.append(
                PaletteCommand(
                    section, binding.description.lower(), help_text, mode, binding.action
                )
            )
    return commands


def make_app(logbook: Logbook, *, day: dt.date | None = None, theme: str | None = None) -> MgtuiApp:
    """The one way to build the app: the CLI and the tests both call it."""
    return MgtuiApp(logbook, day=day, theme=theme)

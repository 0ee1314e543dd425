"""The mgtui app: sections as Textual modes, one screen a file under ``screens/``.

The sections are the table in ``sections.py``. Today is the app's default screen,
built with the app; the others are imported and built when first opened.

The app owns three things every screen shares: the ``Logbook`` (repository and
clock), the day being viewed, and the ``log_changed`` signal. Any write made here,
and any write another process makes to the data file (checked once a second with
one ``os.stat``), publishes ``log_changed``; screens that show data subscribe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal

from mgtui.frozen import frozen
from mgtui.logbook.session import Logbook
from mgtui.store import StoreError
from mgtui.tui.sections import BY_ID, DEFAULT_MODE, SECTIONS, Section, section_bindings

T = TypeVar("T")

# How often the app looks at the data file for writes made by another process.
WATCH_INTERVAL_SECONDS = 1.0


@frozen
class PaletteCommand:
    section: str
    title: str
    help: str
    mode: str
    action: str  # an action of that mode's screen, or of the app when mode is ""

    @property
    def name(self) -> str:
        return f"{self.section}: {self.title}"


def _builder(section: Section) -> Callable[[], Screen[None]]:
    return lambda: section.screen_class()()


class MgtuiApp(App[None]):
    """Magnesium, supplements vs the limit, calcium and the Ca:Mg ratio, day by day."""

    CSS_PATH = "app.tcss"
    TITLE = "mgtui"
    SUB_TITLE = "magnesium for bone health"
    MODES = {s.id: _builder(s) for s in SECTIONS if s.id != "today"}
    BINDINGS = [*section_bindings(), Binding("q", "quit", "Quit")]

    day: reactive[dt.date] = reactive(dt.date.min, init=False)
    # The CSS version the style sheet was last made current at: the app starts with its
    # theme parsed in, and every refresh_css brings it up to date (mgtui.tui.styles).
    styles_current_at: int | None = 0

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
        self.add_mode("today", _builder(BY_ID["today"]))
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
            from mgtui.tui.screens.profile import ProfileScreen

            self.push_screen(ProfileScreen(first_run=True))

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self.styles_current_at = getattr(self, "_css_update_count", None)

    def get_default_screen(self) -> Screen[None]:
        # Today is the screen the app opens on, built with it rather than through a
        # mode switch, which would parse every style sheet a second time.
        return BY_ID["today"].screen_class()()

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
        return not (action == "go" and getattr(self.screen, "first_run", False))

    @property
    def on_today(self) -> bool:
        """Today is showing: the default screen, or Today's mode once it was left."""
        return self.current_mode in (DEFAULT_MODE, "today") and not self.screen.is_modal

    def action_go(self, section: str) -> None:
        if section == "today" and self.on_today:
            self.day = self.logbook.today()
            return
        self.switch_mode(section)

    def action_help(self) -> None:
        from mgtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_day(self, day: dt.date) -> None:
        """Show a day on Today (from History, or the command line's --date)."""
        self.day = day
        if not self.on_today:
            self.switch_mode("today")

    # -- command palette ----------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for section in SECTIONS:
            yield SystemCommand(
                f"Go: {section.name}", section.tooltip, self._go_callback(section.id)
            )
        for command in all_palette_commands():
            yield SystemCommand(command.name, command.help, self._command_callback(command))
        yield SystemCommand("App: help", "Keys and what the numbers mean", self.action_help)
        yield from super().get_system_commands(screen)

    def _go_callback(self, section: str) -> Callable[[], object]:
        return lambda: self.action_go(section)

    def _command_callback(self, command: PaletteCommand) -> Callable[[], object]:
        async def run() -> None:
            if command.mode == "today" and not self.on_today:
                await self.switch_mode("today")
            elif command.mode != "today" and self.current_mode != command.mode:
                await self.switch_mode(command.mode)
            await self.screen.run_action(command.action)

        return lambda: self.call_later(run)


def all_palette_commands() -> list[PaletteCommand]:
    """Every screen's actions, named "section: action"."""
    commands: list[PaletteCommand] = []
    for section in SECTIONS:
        for binding in getattr(section.screen_class(), "BINDINGS", []):
            # Keys that only move within a screen (back, results) are not commands; an
            # action kept off a crowded footer (show=False) but with a tooltip is one.
            if not isinstance(binding, Binding) or not binding.description:
                continue
            off_footer_action = bool(binding.tooltip) and not binding.action.startswith("app.")
            if not (binding.show or off_footer_action):
                continue
            help_text = binding.tooltip or binding.description
            commands.append(
                PaletteCommand(
                    section.name,
                    binding.description.lower(),
                    help_text,
                    section.id,
                    binding.action,
                )
            )
    return commands


def make_app(logbook: Logbook, *, day: dt.date | None = None, theme: str | None = None) -> MgtuiApp:
    """The one way to build the app: the CLI and the tests both call it."""
    return MgtuiApp(logbook, day=day, theme=theme)

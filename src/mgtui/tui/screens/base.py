"""What every section's screen shares: a typed handle on the app, and redrawing when
the log changes.

The handle is a Protocol, so no screen imports the app module (which imports the
screens): there is no import cycle, not even for types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import ClassVar, Protocol, TypeVar, cast

from textual.events import ScreenResume
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal

from mgtui.logbook.session import Logbook
from mgtui.tui.styles import load_other_screens_styles, styled_as_current

T = TypeVar("T")


class AppHandle(Protocol):
    """The part of the app a screen may use."""

    logbook: Logbook
    day: dt.date
    log_changed: Signal[None]

    def attempt(self, what: str, operation: Callable[[], T]) -> T | None: ...

    def open_day(self, day: dt.date) -> None: ...


class SectionScreen(Screen[None]):
    """A section of the app. It draws in ``redraw``, which runs when the screen is
    mounted, and again whenever something it shows (``draw_key``) has changed: at once
    while it is on screen, or when it is shown again after being hidden."""

    _drawn_for: Hashable = None
    _shown = False
    # Styled by other_screens.tcss, which the first such screen adds (mgtui.tui.styles).
    OTHER_SCREENS_STYLES: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__()
        if self.OTHER_SCREENS_STYLES:
            load_other_screens_styles(self.app)
        styled_as_current(self, self.app)

    def post_message(self, message: Message) -> bool:
        # Textual restyles a screen each time it is shown (ScreenResume's
        # refresh_styles), for what may have changed while it was hidden. When it is
        # shown the first time, it has just been built and every widget styled while
        # mounting: restyling them all again cost Today's first paint ~60 ms of CPU
        # (232 style passes instead of 150). Later shows restyle as before.
        if isinstance(message, ScreenResume) and not self._shown:
            self._shown = True
            message.refresh_styles = False
        return super().post_message(message)

    @property
    def mgtui(self) -> AppHandle:
        return cast(AppHandle, self.app)

    def draw_key(self) -> Hashable:
        """What the screen shows depends on: by default the day, today and the file."""
        logbook = self.mgtui.logbook
        return (self.mgtui.day, logbook.today(), logbook.repo.signature())

    def redraw(self) -> None:
        """Draw the screen from the store."""

    def redraw_if_changed(self) -> None:
        key = self.draw_key()
        if key != self._drawn_for:
            self._drawn_for = key
            self.redraw()

    def forget_drawing(self) -> None:
        """The next redraw_if_changed draws, even if nothing it knows of changed."""
        self._drawn_for = None

    def on_mount(self) -> None:
        # Textual calls every class's on_mount, the screen's own first: its state is
        # set up when this draws, before the first paint.
        self.mgtui.log_changed.subscribe(self, self._log_changed)
        self.redraw_if_changed()

    def on_screen_resume(self) -> None:
        self.redraw_if_changed()

    def _log_changed(self, _: None) -> None:
        # Hidden, a screen waits: the resume that shows it again redraws if needed.
        if self.is_current:
            self.redraw_if_changed()

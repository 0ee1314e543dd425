"""What every dialog shares: the styles it needs are loaded when it is made."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from mgtui.tui.styles import load_other_screens_styles

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A ModalScreen whose styles (``other_screens.tcss``) are in the app's sheet before
    Textual styles it: they are not loaded at start, see ``mgtui.tui.styles``."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        load_other_screens_styles(self.app)

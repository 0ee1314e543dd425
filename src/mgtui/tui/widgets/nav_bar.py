"""The sections and their keys along the top, the current one highlighted.

The footer then has room for the keys of the screen itself.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from mgtui.tui.sections import nav_entries


class NavBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"nav--key", "nav--current", "nav--section"}
    DEFAULT_CSS = """
    NavBar { height: 1; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("nav--key")
        current_style = self.get_component_rich_style("nav--current")
        section_style = self.get_component_rich_style("nav--section")
        text = Text(" ")
        for mode, key, label in nav_entries():
            style = current_style if mode == self.current else section_style
            text.append(f" {key} ", key_style if mode != self.current else current_style)
            text.append(f"{label} ", style)
        return text

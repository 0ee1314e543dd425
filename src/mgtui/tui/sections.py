"""The app's sections, written once: the modes, their keys, the nav bar, the palette's
"Go:" commands and Help's key table all come from this table.

Each section names its screen by module and class, so a section's module is imported
when the section is first opened: the app's start pays only for Today.
"""

from __future__ import annotations

import importlib

from textual.binding import Binding
from textual.screen import Screen

from mgtui.frozen import frozen

# Textual's name for the mode of the app's default screen. Today is that screen, so
# it is built with the app and not through a mode switch, whose first time parses
# every style sheet again; Today's own mode ("today") is added once the app runs.
DEFAULT_MODE = "_default"


@frozen
class Section:
    id: str  # what ``go`` takes: "today", "food", ...
    name: str  # what the nav bar, the palette and Help call it
    key: str  # the key that opens it
    screen: str  # "module:Class" under mgtui.tui.screens
    tooltip: str

    def screen_class(self) -> type[Screen[None]]:
        module_name, class_name = self.screen.split(":")
        module = importlib.import_module(f"mgtui.tui.screens.{module_name}")
        screen_class: type[Screen[None]] = getattr(module, class_name)
        return screen_class


SECTIONS: tuple[Section, ...] = (
    Section("today", "Today", "t", "today:TodayScreen", "The day's bars and entries"),
    Section("food", "Add food", "a", "food_search:FoodSearchScreen", "Search foods and log one"),
    Section("supplements", "Supplements", "s", "supplements:SupplementsScreen", "Log a supplement"),
    Section("history", "History", "h", "history:HistoryScreen", "Every logged day"),
    Section("insights", "Insights", "i", "insights:InsightsScreen", "Averages and patterns"),
    Section("profile", "Profile", "p", "profile:ProfileScreen", "Sex, age and targets"),
)
BY_ID = {section.id: section for section in SECTIONS}
HELP_KEY = ("question_mark", "?", "Help")


def section_bindings() -> list[Binding]:
    """A key for each section, and ``?`` for help: the app's own bindings."""
    bindings = [
        Binding(s.key, f"go('{s.id}')", s.name, tooltip=s.tooltip, show=False) for s in SECTIONS
    ]
    key, display, name = HELP_KEY
    bindings.append(Binding(key, "help", name, key_display=display, show=False))
    return bindings


def nav_entries() -> list[tuple[str, str, str]]:
    """(id, key, name) for the nav bar, Help last."""
    return [(s.id, s.key, s.name) for s in SECTIONS] + [("help", "?", "Help")]


def help_rows() -> list[tuple[str, str]]:
    """Help's "Everywhere" key table: the section keys with what each opens."""
    rows = [(f"`{s.key}`", f"{s.name}: {s.tooltip[0].lower()}{s.tooltip[1:]}") for s in SECTIONS]
    rows[0] = (rows[0][0], rows[0][1] + " (pressed on Today: back to today's date)")
    return rows

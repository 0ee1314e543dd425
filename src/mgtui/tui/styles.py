"""The styles of the screens the app does not open on, added when first needed, and
sparing the app a full restyle when such a screen is first shown.

``app.tcss`` (the app's ``CSS_PATH``) styles Today, its bars and the nav bar. Every
style pass checks each rule of the app's sheet, and Today's first paint makes over a
hundred of them, so the other screens' and the dialogs' rules live in
``other_screens.tcss``, added by the first of those screens to be made. A screen is
made before Textual mounts and styles it, so its first style pass already sees them;
nothing on screen then needs styling again (none of those rules matches Today's
widgets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

OTHER_SCREENS = Path(__file__).with_name("other_screens.tcss")


def load_other_screens_styles(app: App[object]) -> None:
    """Add ``other_screens.tcss`` to the app's style sheet, once."""
    read_from = (str(OTHER_SCREENS), "")
    stylesheet = app.stylesheet
    if not stylesheet.has_source(*read_from):
        # add_source, not read: read leaves the sheet's map of rules by selector as it
        # was, so the next style pass would miss the new rules.
        css = OTHER_SCREENS.read_text(encoding="utf-8")
        stylesheet.add_source(css, read_from=read_from)


def styled_as_current(screen: Screen[Any], app: App[Any]) -> None:
    """Spare the app a full restyle when ``screen`` is first shown as a mode's screen.

    Textual gives a new screen a CSS version of -1, and switching to a mode whose
    screen's version differs from the app's re-parses every style sheet (all widgets'
    default CSS too, in a new, uncached ``Stylesheet``) and restyles every widget of
    every screen: twice on the first switch, about a third of opening History. A screen
    about to be built is styled as it mounts, with the rules as they are, so it starts
    at the app's version when nothing is waiting to be refreshed: the app records the
    version each refresh made current (``MgtuiApp.refresh_css``), and a change that
    waits for one (an ANSI theme's colours) still gets Textual's refresh.
    """
    # Textual's own counters are private: a Textual without them gets its own refresh.
    current_at = getattr(app, "styles_current_at", None)
    if not isinstance(current_at, int) or current_at != getattr(app, "_css_update_count", None):
        return
    if hasattr(screen, "_css_update_count"):
        screen._css_update_count = current_at

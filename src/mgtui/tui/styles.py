"""The styles of the screens the app does not open on, added when first needed.

``app.tcss`` (the app's ``CSS_PATH``) styles Today, its bars and the nav bar. Every
style pass checks each rule of the app's sheet, and Today's first paint makes ~230 of
them, so the other screens' and the dialogs' rules live in ``other_screens.tcss``,
added by the first of those screens to be made. A screen is made before Textual mounts
and styles it, so its first style pass already sees them; nothing on screen then needs
styling again (none of those rules matches Today's widgets).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

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

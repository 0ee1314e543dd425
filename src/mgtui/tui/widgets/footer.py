"""The compact footer every section shows, its keys compact from their first style.

Textual's ``Footer(compact=True)`` makes its keys, styles them, then adds their
"-compact" class when they mount, which styles each key and its two parts again: 24
style passes of Today's first paint. Here the class is on each key before it mounts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

KEY_TYPE: type[Widget] | None
try:
    # Not exported by textual.widgets. The tests pin Textual, and one fails if the keys
    # are styled twice again; a Textual that moves it gets the stock footer's behaviour.
    from textual.widgets._footer import FooterKey as KEY_TYPE
except ImportError:  # pragma: no cover - depends on the installed Textual
    KEY_TYPE = None


class CompactFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if KEY_TYPE is not None and isinstance(widget, KEY_TYPE):
                widget.add_class("-compact", update=False)
            yield widget

"""The compact footer every section shows, its keys compact from their first style.

Textual's ``Footer(compact=True)`` makes its keys, styles them, then adds their
"-compact" class when they mount, which styles each key and its two parts again: 24
style passes of Today's first paint. Here the class is on each key before it mounts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

# Not exported by textual.widgets; Textual is pinned, and a test fails if the keys are
# styled twice again.
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

"""The compact footer every section shows: keys compact from their first style, and
rebuilt only when what they show changes.

Textual's ``Footer(compact=True)`` makes its keys, styles them, then adds their
"-compact" class when they mount, which styles each key and its two parts again: 24
style passes of Today's first paint. Here the class is on each key before it mounts.

A footer also rebuilds all its keys whenever its screen's bindings may have changed:
focus moving, a screen shown or hidden. Opening History rebuilt Today's footer three
times and History's four, each time the same keys, removed, made, mounted and styled
again. Here a rebuild that would show the same keys is skipped.
"""

from __future__ import annotations

from collections.abc import Hashable

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
        self._composed_for: Hashable = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if KEY_TYPE is not None and isinstance(widget, KEY_TYPE):
                widget.add_class("-compact", update=False)
            yield widget

    def shows(self) -> Hashable:
        """Everything ``Footer.compose`` builds the keys from."""
        if not self.is_attached or not getattr(self, "_bindings_ready", True):
            return None
        app = self.app
        bindings = tuple(
            (binding, app.get_key_display(binding), enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.key == app.COMMAND_PALETTE_BINDING
        )
        return (bindings, self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE)

    async def recompose(self) -> None:
        # The keys are built only here once the bindings are ready (the first compose,
        # at mount, has none to show), so this is where what they show is recorded.
        shows = self.shows()
        if shows is not None and shows == self._composed_for:
            return  # the same keys: nothing to rebuild
        self._composed_for = shows
        await super().recompose()

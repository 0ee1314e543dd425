"""The compact footer rebuilds its keys when what they show changes, and only then."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button

from mgtui.tui.widgets.footer import KEY_TYPE, CompactFooter


class Flags(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export"),
        Binding("u", "undo", "Undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.can_undo = True

    def compose(self) -> ComposeResult:
        yield Button("One", id="one")
        yield Button("Two", id="two")
        yield CompactFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_undo if action == "undo" else True


def shown(app: Flags) -> list[str]:
    assert KEY_TYPE is not None
    return [str(key.render()).strip() for key in app.screen.query(KEY_TYPE)]


async def test_the_same_keys_are_not_rebuilt_and_changed_ones_are() -> None:
    app = Flags()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        assert KEY_TYPE is not None
        keys = list(app.screen.query(KEY_TYPE))
        assert shown(app)[:2] == ["x Export", "u Undo"]
        # Focus moves (the screen's bindings are refreshed): the same keys stay.
        await pilot.press("tab")
        await pilot.pause()
        assert list(app.screen.query(KEY_TYPE)) == keys
        # Undo is no longer possible: the footer drops it.
        app.can_undo = False
        app.screen.refresh_bindings()
        await pilot.pause()
        assert shown(app)[:1] == ["x Export"] and "u Undo" not in shown(app)
        assert all(key.has_class("-compact") for key in app.screen.query(KEY_TYPE))

"""Reading the log from a screen: a failure becomes a notification, never a crash.

Writes go through ``MgtuiApp.attempt``. Reads can fail too: another process may
replace the file with one from a newer mgtui, or a saved product may break a rule
added later. A screen method that reads the store wears ``@reads_store``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from textual.dom import DOMNode

from mgtui.store import StoreError

P = ParamSpec("P")
R = TypeVar("R")
N = TypeVar("N", bound=DOMNode)


def reads_store(
    method: Callable[Concatenate[N, P], R],
) -> Callable[Concatenate[N, P], R | None]:
    """Run ``method``; a ``StoreError`` is shown as an error notification instead."""

    def guarded(self: N, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return method(self, *args, **kwargs)
        except StoreError as error:
            self.app.notify(
                str(error), title="Could not read the log", severity="error", timeout=15
            )
            return None

    # functools.wraps, by hand: its _Wrapped type hides the signature from mypy.
    guarded.__name__ = method.__name__
    guarded.__qualname__ = method.__qualname__
    guarded.__doc__ = method.__doc__
    return guarded

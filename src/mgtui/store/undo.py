"""Undo of entry changes made through one repository (not the whole file's history).

Each step remembers the entry before and after; undoing checks that the entry is
still as this step left it, so a change made meanwhile by another window or the CLI
is never overwritten.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from mgtui.domain.entries import Entry
from mgtui.frozen import frozen
from mgtui.store import layout
from mgtui.store.dayindex import Days
from mgtui.store.errors import UndoConflictError

UNDO_DEPTH: Final = 100
UndoAction: TypeAlias = Literal["add", "delete", "edit"]


@frozen
class UndoStep:
    action: Literal["add", "delete", "edit"]
    before: Entry | None  # the entry before the change (None for an add)
    after: Entry | None  # the entry after the change (None for a delete)


class UndoStack:
    """The last ``UNDO_DEPTH`` steps, newest last (callers hold the repository's lock)."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []

    def __bool__(self) -> bool:
        return bool(self._steps)

    def push(self, step: UndoStep) -> None:
        self._steps.append(step)
        del self._steps[:-UNDO_DEPTH]

    def last(self) -> UndoStep | None:
        return self._steps[-1] if self._steps else None

    def drop_last(self) -> None:
        self._steps.pop()


def apply_undo(step: UndoStep, days: Days) -> str:
    """Undo ``step`` inside a transaction; returns what was done.

    Raises ``UndoConflictError`` when the entry was changed elsewhere since.
    """
    if step.action == "add":
        assert step.after is not None
        entry = step.after
        if days.find_or_none(entry.id) != entry:
            raise UndoConflictError(
                f"cannot undo: {entry.name} was changed or removed elsewhere meanwhile"
            )
        days.remove(entry)
        return f"removed {_describe(entry)} from {_when(entry)}"
    if step.action == "delete":
        assert step.before is not None
        entry = step.before
        if days.find_or_none(entry.id) is not None:
            raise UndoConflictError(f"cannot undo: {entry.name} is back in the log already")
        days.insert(entry)
        return f"restored {_describe(entry)} on {_when(entry)}"
    assert step.before is not None and step.after is not None
    if days.find_or_none(step.after.id) != step.after:
        raise UndoConflictError(
            f"cannot undo: {step.after.name} was changed or removed elsewhere meanwhile"
        )
    days.move(step.after, step.before)
    return f"changed {step.before.name} back to {step.before.amount} on {_when(step.before)}"


def _describe(entry: Entry) -> str:
    return f"{entry.name} ({entry.amount})" if entry.amount else entry.name


def _when(entry: Entry) -> str:
    return f"{entry.date.isoformat()} {layout.format_time(entry.time)}"

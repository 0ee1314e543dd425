"""Text from people and files: control characters are refused at entry and shown
escaped wherever text is printed.

A name may come from the person, an import or a hand-edited file. Printed as it is,
an ESC or OSC sequence in it would move the cursor, blank the screen, set the
terminal's title or write its clipboard. Ordinary Unicode is welcome everywhere.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline included: a name is one line), DEL and C1 controls:
# Unicode's "Cc" category.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def first_control(text: str) -> str | None:
    """The first control character in ``text``, or None."""
    found = _CONTROL.search(text)
    return None if found is None else found.group()


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def safe(text: str) -> str:
    """``text`` with every control character shown as an escape, e.g. ``\\x1b``."""
    return _CONTROL.sub(_escaped, text)


# What a file's quoted cell may hold as data: tab, line feed, carriage return.
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def safe_in_file(text: str) -> str:
    """``text`` for a file a person may print (a CSV export): the controls that drive
    a terminal (ESC, BEL, C1, DEL...) shown as escapes, tabs and line breaks kept."""
    return _CONTROL_BUT_LAYOUT.sub(_escaped, text)

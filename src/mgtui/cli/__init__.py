"""The ``mgtui`` command: argument parsing and the scripting commands.

Nothing in this package imports Textual at module level: ``mgtui status`` over SSH
must answer before a UI toolkit could even load. The app is imported only by the
commands that open it.
"""

from mgtui.cli.main import main

__all__ = ["main"]

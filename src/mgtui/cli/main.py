"""Entry point: parse, dispatch, and turn every failure into one clear line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from mgtui.cli import search
from mgtui.cli.errors import CliError, UsageError

Handler = Callable[[argparse.Namespace], int]

EPILOG = """\
Data lives in one private file, mgtui.json, in your user data folder
(MGTUI_DATA_DIR or --data-dir puts it elsewhere). Nothing leaves this machine.
Guidance only, not a diagnosis: talk to your clinician.
"""


class VersionAction(argparse.Action):
    """``--version``, reading the package metadata only when asked (it is slow to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import mgtui

        print(f"mgtui {mgtui.__version__}")
        parser.exit()


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> Parser:
    parser = Parser(
        prog="mgtui",
        description=(
            "The daily magnesium check for bone health: magnesium vs your target, "
            "supplements vs the 350 mg/day limit, and the calcium:magnesium ratio. "
            "Without a command, opens the app."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for mgtui.json (default: $MGTUI_DATA_DIR, else your user data folder)",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="open the app on this day")
    parser.set_defaults(handler=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    search.register(commands)
    return parser


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = args.handler
    if handler is None:
        parser.print_help()
        return 0
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends as one line on stderr and an exit status."""
    try:
        return _run(argv)
    except CliError as error:
        print(
            f"mgtui: {error}" if not str(error).startswith("mgtui") else str(error), file=sys.stderr
        )
        return error.exit_code
    except KeyboardInterrupt:
        print("mgtui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # A pipe reader such as `head` went away: not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("MGTUI_DEBUG"):
            raise
        print(
            f"mgtui: unexpected error: {type(error).__name__}: {error} "
            "(run with MGTUI_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1

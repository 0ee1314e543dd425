"""Entry point: parse, dispatch, and turn every failure into one clear line."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import NoReturn

from mgtui.cli import app
from mgtui.cli.errors import CliError, UsageError, translate

Handler = Callable[[argparse.Namespace], int]

# Each module of mgtui.cli adds its commands to the parser, in the order --help lists
# them. A module is imported when its commands are added: the app and each command
# load only their own.
COMMANDS = (
    "search", "entries", "routines", "status", "report", "profile", "saved", "medicines",
    "data", "doctor", "demo", "serve",
)  # fmt: skip
# The module that adds each command (a test checks it against the full parser).
COMMAND_MODULES: dict[str, str] = {
    "search": "search",
    "add": "entries",
    "take": "entries",
    "log": "entries",
    "rm": "entries",
    "edit": "routines",
    "copy": "routines",
    "routine": "routines",
    "status": "status",
    "history": "status",
    "report": "report",
    "profile": "profile",
    "supplement": "saved",
    "food": "saved",
    "medication": "medicines",
    "export": "data",
    "import": "data",
    "doctor": "doctor",
    "demo": "demo",
    "serve": "serve",
}


def command_module(name: str) -> ModuleType:
    """The module ``mgtui.cli.<name>``, which adds commands with its ``register``."""
    return importlib.import_module(f"mgtui.cli.{name}")


EPILOG = """\
examples:
  mgtui                                  open the app on today
  mgtui add "pumpkin seeds" 1 oz         log a food (the best match is named)
  mgtui take "Mag Glycinate"             log a saved supplement
  mgtui take Alendronate --time 07:00    log a saved medicine (see 'mgtui medication')
  mgtui status                           today's bars, verdicts and warnings
  mgtui log --date yesterday             entries with ids; 'mgtui rm ID' deletes
  mgtui report --days 90                 a Markdown report for your clinician
  mgtui demo                             try the app on a 90-day demo history
  mgtui serve                            the app in a browser tab, on 127.0.0.1:8000

Data lives in one private file, mgtui.json, in your user data folder
(MGTUI_DATA_DIR or --data-dir puts it elsewhere). Nothing leaves this machine.
For tests and demos, MGTUI_NOW=2026-11-22T08:30 (or MGTUI_TODAY=2026-11-22) fixes
the date and time the commands take as now.
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


def build_parser(modules: Iterable[str] = COMMANDS) -> Parser:
    """The command line's parser; with ``modules``, only their commands (see _parse)."""
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
    # Its own dest: a subcommand's --date default (None) would overwrite a shared one.
    parser.add_argument(
        "--date", dest="app_date", metavar="YYYY-MM-DD", help="open the app on this day"
    )
    parser.set_defaults(handler=app.run)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for name in modules:
        command_module(name).register(commands)
    return parser


def _wants_full_parser(arg: str) -> bool:
    """Whether ``arg`` may ask for help or the version (argparse takes any prefix of a
    long option, and -h may lead a cluster of short ones)."""
    return arg.startswith("-h") or (
        arg.startswith("--") and ("--help".startswith(arg) or "--version".startswith(arg))
    )


def _parse(argv: list[str]) -> argparse.Namespace:
    """The parsed command line, building only the parser it needs.

    Building every command's parser takes ~15 ms, more than the rest of parsing and
    a good share of what ``mgtui status`` costs. A command line names at most one
    command, so the first word that is a command's name picks the one module to
    register (none for the app). The words a parse consumes do not depend on which
    commands exist, so a parse that succeeds gives exactly what the full parser
    gives. Help, the version and every usage error go through the full parser, so
    what they print is unchanged.
    """
    if not any(_wants_full_parser(arg) for arg in argv):
        named = next((COMMAND_MODULES[arg] for arg in argv if arg in COMMAND_MODULES), None)
        try:
            return build_parser(() if named is None else (named,)).parse_args(argv)
        except UsageError:
            pass  # said again, in full, by the full parser
    return build_parser().parse_args(argv)


# A word such as "-5g" or "-.5": argparse takes it for an unknown option (only plain
# negative numbers are exempt), so "mgtui add almonds -5g" would fail with "unrecognized
# arguments". No mgtui option starts with a digit, so these are always values.
_NEGATIVE_AMOUNT = re.compile(r"-[\d.½⅓⅔¼¾⅛]")


def _protect_negative_amounts(argv: Sequence[str]) -> list[str]:
    # A leading space is not a prefix character: argparse reads the word as a value,
    # and every parser strips it, so the value's own message ("more than zero") shows.
    return [f" {arg}" if _NEGATIVE_AMOUNT.match(arg) else arg for arg in argv]


def _run(argv: Sequence[str] | None) -> int:
    # A scripting command lasts a fraction of a second and makes no garbage cycles worth
    # finding, yet the collector's passes over the modules it loads took ~7 ms of the
    # ~130 ms of `mgtui status` on ten years (gc.callbacks). Reference counting still
    # frees everything as it goes; the collector is back on when the command returns.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        args = _parse(_protect_negative_amounts(sys.argv[1:] if argv is None else argv))
        handler: Handler = args.handler
        if args.app_date is not None and handler is not app.run:
            # "mgtui --date D log" means the day of the command when it has one.
            if not hasattr(args, "date"):
                raise UsageError(
                    "--date before a command opens the app; this command takes no date"
                )
            if args.date is None:
                args.date = args.app_date
        # The app, and the commands that open it or the web server (their parsers say
        # long_running), last for hours: with the collector on (the app's start pauses
        # it only while its modules load).
        if was_enabled and (handler is app.run or getattr(args, "long_running", False)):
            gc.enable()
        return handler(args)
    finally:
        if was_enabled:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends as one line on stderr and an exit status."""
    try:
        return _run(argv)
    except SystemExit as done:
        # --help and --version end through argparse's exit(); as a function, main
        # returns the status instead, so tests and callers never see SystemExit.
        return done.code if isinstance(done.code, int) else 0
    except CliError as error:
        return _report(error)
    except KeyboardInterrupt:
        print("mgtui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # A pipe reader such as `head` went away: not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        known = translate(error)
        if known is not None:
            return _report(known)
        if os.environ.get("MGTUI_DEBUG"):
            raise
        print(
            f"mgtui: unexpected error: {type(error).__name__}: {error} "
            "(run with MGTUI_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


def _report(error: CliError) -> int:
    """One line on stderr, however the message was written."""
    text = " ".join(str(error).split())
    print(text if text.startswith("mgtui") else f"mgtui: {text}", file=sys.stderr)
    return error.exit_code

"""What the commands share: the clock, dates and times, the opened log, output.

Nothing here imports the store at module level: ``mgtui --help`` and ``mgtui
search`` never need TinyDB, and commands that do pay for it only when they run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from mgtui.cli.errors import UsageError

if TYPE_CHECKING:
    from mgtui.logbook.session import Logbook
    from mgtui.store import Repository

# For tests and demos only: freeze the CLI's clock. MGTUI_NOW=2026-11-22T08:30 fixes
# the day and the time; MGTUI_TODAY=2026-11-22 fixes the day (the time stays the
# real one). Only the CLI reads them; it hands the same clock to the app it opens.
NOW_ENV = "MGTUI_NOW"
TODAY_ENV = "MGTUI_TODAY"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def now(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The local date and time to the minute: what "now" means for every command."""
    env = os.environ if environ is None else environ
    frozen = env.get(NOW_ENV, "").strip()
    if frozen:
        try:
            moment = dt.datetime.fromisoformat(frozen)
        except ValueError:
            raise UsageError(
                f"{NOW_ENV}={frozen!r} is not a date and time like 2026-11-22T08:30"
            ) from None
        return moment.replace(second=0, microsecond=0, tzinfo=None)
    # Entries are kept to the minute, as they are typed (HH:MM).
    moment = dt.datetime.now().replace(second=0, microsecond=0)
    frozen_day = env.get(TODAY_ENV, "").strip()
    if frozen_day:
        day = parse_date(frozen_day, TODAY_ENV, today=moment.date(), ahead=True)
        moment = dt.datetime.combine(day, moment.time())
    return moment


def today() -> dt.date:
    return now().date()


def parse_date(
    text: str, what: str = "--date", *, today: dt.date | None = None, ahead: bool = False
) -> dt.date:
    """A real YYYY-MM-DD date, or "today"/"yesterday"; 2026-02-30 is refused, and so is
    a day after tomorrow (a year typed wrong) unless ``ahead``."""
    from mgtui.logbook.drafts import future_day_problem

    cleaned = text.strip().lower()
    base = today if today is not None else now().date()
    if cleaned in ("today", "yesterday"):
        return base if cleaned == "today" else base - dt.timedelta(days=1)
    if not _DATE.fullmatch(cleaned):
        raise UsageError(f"{what}: {text.strip()!r} is not a date; write YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        raise UsageError(f"{what}: {text.strip()} is not a real date") from None
    problem = None if ahead else future_day_problem(day, base)
    if problem is not None:
        raise UsageError(f"{what}: {problem}")
    return day


def parse_time(text: str, what: str = "--time") -> dt.time:
    """HH:MM on a 24-hour clock (8:05 is fine); 25:00 and 12:60 are refused."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise UsageError(f"{what}: {text.strip()!r} is not a time; write HH:MM, e.g. 08:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise UsageError(f"{what}: {text.strip()} is not a time of day (00:00 to 23:59)")
    return dt.time(hour, minute)


def day_of(args: argparse.Namespace) -> dt.date:
    """The day a command is about: ``--date``, else today."""
    text: str | None = getattr(args, "date", None)
    return today() if text is None else parse_date(text)


def moment_of(args: argparse.Namespace) -> tuple[dt.date, dt.time]:
    """The day and time of a new entry: ``--date``/``--time``, each defaulting to now."""
    current = now()
    date_text: str | None = getattr(args, "date", None)
    time_text: str | None = getattr(args, "time", None)
    day = current.date() if date_text is None else parse_date(date_text, today=current.date())
    time = current.time() if time_text is None else parse_time(time_text)
    return day, time


def add_date_option(parser: argparse.ArgumentParser, what: str = "the day") -> None:
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help=f"{what} (default today; 'yesterday' works too)"
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


@contextmanager
def opened_repository(args: argparse.Namespace) -> Iterator[Repository]:
    """The log in the chosen data folder; its notices (a damaged file moved aside, a
    format upgrade) go to stderr, one line each, even when the command then fails."""
    from mgtui.locations import DATA_DIR_ENV, resolve_data_dir
    from mgtui.store import Repository

    folder = resolve_data_dir(args.data_dir)
    if folder.exists() and not folder.is_dir():
        source = "--data-dir" if args.data_dir else DATA_DIR_ENV
        raise UsageError(f"{source}: {folder} is a file, not a folder")
    # The log about to load lives while the command runs, and so do the modules loaded
    # so far. The collector is paused while it loads and then told to leave all of it
    # alone (gc.freeze). Since data format 2 the log is a few dozen tracked objects (a
    # day's rows are one string, which the collector does not track), so what the
    # freeze spares now is the ~15,000 objects of the modules loaded by then, which
    # each older-generation collection of the app's start would walk again: at ten
    # years, gc.callbacks measured ~32 ms of collection to the first paint with the
    # freeze and ~47 ms without. Objects made later (the app's screens) stay in the
    # collector's sight; once the command is done everything is handed back to it (a
    # server, or tests that run many commands in one process, leak nothing).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        repository = Repository.open(folder)
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
    try:
        yield repository
    finally:
        gc.unfreeze()
        for notice in repository.pop_notices():
            note(notice)
        repository.close()


@contextmanager
def opened_logbook(args: argparse.Namespace) -> Iterator[Logbook]:
    """A session over the chosen data folder with the CLI's clock; a saved profile
    that cannot be used is said on stderr, and the default stands in (as in the app)."""
    from mgtui.logbook.session import Logbook

    with opened_repository(args) as repository:
        logbook = Logbook(repository, now=now)
        try:
            yield logbook
        finally:
            if logbook.profile_problem:
                warn(logbook.profile_problem)


def note(text: str) -> None:
    """A notice or warning on stderr, kept to one line so scripts can log it as one;
    names in it came from data, so control characters are shown escaped."""
    from mgtui.domain.text import safe

    print(f"mgtui: {safe(' '.join(text.split()))}", file=sys.stderr)


def warn(text: str) -> None:
    note(f"warning: {text}")


def print_json(value: Any) -> None:
    """Standard JSON only: a number that is not finite (a stored 1e308 summed twice)
    is printed as null, never as NaN or Infinity, which JSON parsers refuse."""
    print(json.dumps(_finite(value), ensure_ascii=False, indent=2, allow_nan=False))


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def shell_word(text: str) -> str:
    """``text`` quoted for a command line to copy (a saved name in "log it with: ...")."""
    import shlex

    return shlex.quote(text)


def long_date(day: dt.date) -> str:
    return f"{day:%A %d %B %Y}"

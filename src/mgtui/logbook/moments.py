"""Days and times as a person types them in the app: "2026-11-21", "yesterday", "7:30".

Pure, like ``drafts``: failures are ``AmountError`` with a message for the person.
"""

from __future__ import annotations

import datetime as dt
import re

from mgtui.logbook.drafts import AmountError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):?(\d{2})")


def parse_day(text: str, today: dt.date) -> dt.date:
    """A real YYYY-MM-DD date, or "today"/"yesterday"; 2026-02-30 is refused."""
    cleaned = text.strip().lower()
    if cleaned in ("today", "yesterday"):
        return today if cleaned == "today" else today - dt.timedelta(days=1)
    if not _DATE.fullmatch(cleaned):
        raise AmountError(f"{text.strip()!r} is not a date; write YYYY-MM-DD or yesterday")
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise AmountError(f"{text.strip()} is not a real date") from None


def parse_clock(text: str) -> dt.time:
    """HH:MM on a 24-hour clock ("7:30" and "0730" too); 25:00 and 12:60 are refused."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise AmountError(f"{text.strip()!r} is not a time; write HH:MM, e.g. 08:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise AmountError(f"{text.strip()} is not a time of day (00:00 to 23:59)")
    return dt.time(hour, minute)

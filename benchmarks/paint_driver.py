"""One app process for run.py: start, paint the first screen headless, report, exit.

    python benchmarks/paint_driver.py mgtui DATA_DIR REPORT_FD
    python benchmarks/paint_driver.py bare - REPORT_FD

``mgtui`` runs the real app on DATA_DIR as ``mgtui`` does (the real clock, so Today
shows the data's last day when that is today); ``bare`` runs a Textual app with a
Header, a Label and a Footer. Once the first screen is fully painted, the process
writes one JSON line on the file descriptor REPORT_FD (Textual captures stdout while
it runs): seconds since this script started, and the peak memory so far. The parent
times the whole process, from spawn to that line.
"""

import time

STARTED = time.perf_counter()

# Imported after the clock starts on purpose: the imports are what every start pays.
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from apps import SIZE, BareApp, Painted, bare_painted, today_painted, until_painted  # noqa: E402


def peak_rss_kib() -> int:
    """This process's peak resident memory, in KiB.

    Linux's VmHWM belongs to the program now running. ``ru_maxrss`` would do elsewhere,
    but on Linux it keeps the peak from before ``exec``: the parent's size at the fork.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def build(which: str, data_dir: str) -> tuple[App[Any], Painted]:
    if which == "bare":
        return BareApp(), bare_painted
    from mgtui.store import Repository
    from mgtui.tui.app import make_app
    from mgtui.tui.context import AppContext

    return make_app(AppContext(Repository.open(data_dir))), today_painted


def main() -> None:
    which, data_dir, report_fd = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app, painted = build(which, data_dir)
    built = time.perf_counter()

    async def report_first_paint(pilot: Pilot[Any]) -> None:
        painted_at = await until_painted(pilot.app, painted)
        report = {
            "painted_s": painted_at - STARTED,
            "built_s": built - STARTED,
            "max_rss_kib": peak_rss_kib(),
        }
        os.write(report_fd, (json.dumps(report) + "\n").encode())
        pilot.app.exit()

    app.run(headless=True, size=SIZE, auto_pilot=report_first_paint)


if __name__ == "__main__":
    main()

"""One app process for run.py: start, paint the first screen headless, report, exit.

    python benchmarks/paint_driver.py mgtui DATA_DIR REPORT_FD
    python benchmarks/paint_driver.py bare - REPORT_FD
    python benchmarks/paint_driver.py screens DATA_DIR REPORT_FD

``mgtui`` runs ``mgtui --data-dir DATA_DIR`` through the installed entry point (the
real clock: Today shows the data's last day when that is today); ``bare`` runs a
Textual app with a Header, a Label and a Footer. Once the first screen is fully painted, the process
writes one JSON line on the file descriptor REPORT_FD (Textual captures stdout while
it runs): seconds since this script started, and the peak memory so far. The parent
times the whole process, from spawn to that line. ``screens`` starts mgtui the same
way, then presses h on Today and i on History, and reports the seconds from each key
to the next screen's first full paint.
"""

import time

STARTED = time.perf_counter()

# Imported after the clock starts on purpose: the imports are what every start pays.
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from importlib.machinery import ModuleSpec  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import Any  # noqa: E402

# mgtui loads Textual where the installed command does: in ``mgtui.tui.launch``, after
# the log is open. Textual is loaded here only for the bare app, or once that module
# is imported (``_after_import``), so the peak memory is the one a person's start has:
# the log's parse is over, and its buffers freed, before Textual's modules come in.
LAUNCH_MODULE = "mgtui.tui.launch"


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


class _AfterImport(importlib.abc.MetaPathFinder):
    """Runs ``then`` right after the module ``name`` is first imported."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        assert spec is not None and spec.loader is not None
        real, then = spec.loader, self.then

        class Loader(importlib.abc.Loader):
            def create_module(self, spec: ModuleSpec) -> ModuleType | None:
                return real.create_module(spec)

            def exec_module(self, module: ModuleType) -> None:
                real.exec_module(module)
                then()

        spec.loader = Loader()
        return spec


async def open_screens(pilot: Any) -> dict[str, float]:
    """Seconds from pressing h on Today to History painted, then i to Insights."""
    from apps import history_painted, insights_painted, today_painted, until_painted

    app = pilot.app
    await until_painted(app, today_painted)
    pressed = time.perf_counter()
    app.simulate_key("h")
    history = await until_painted(app, history_painted) - pressed
    pressed = time.perf_counter()
    app.simulate_key("i")
    insights = await until_painted(app, insights_painted) - pressed
    return {"history_s": history, "insights_s": insights}


def run_every_app_headless(which: str, report_fd: int) -> None:
    """Every app this process starts runs headless and reports its first paint."""
    from textual.app import App

    from apps import SIZE, bare_painted, today_painted, until_painted

    painted = bare_painted if which == "bare" else today_painted

    async def report_first_paint(pilot: Any) -> None:
        if which == "screens":
            report = await open_screens(pilot)
        else:
            painted_at = await until_painted(pilot.app, painted)
            report = {"painted_s": painted_at - STARTED, "max_rss_kib": peak_rss_kib()}
        os.write(report_fd, (json.dumps(report) + "\n").encode())
        pilot.app.exit()

    real_run = App.run

    def run_headless(app: Any, **_: Any) -> Any:
        return real_run(app, headless=True, size=SIZE, auto_pilot=report_first_paint)

    App.run = run_headless  # type: ignore[method-assign,assignment]


def main() -> None:
    which, data_dir, report_fd = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if which == "bare":
        from apps import BareApp

        run_every_app_headless(which, report_fd)
        BareApp().run()
        return
    # mgtui then starts exactly as the installed command does (arguments, clock, store,
    # app), without a terminal.
    sys.meta_path.insert(
        0, _AfterImport(LAUNCH_MODULE, lambda: run_every_app_headless(which, report_fd))
    )
    from mgtui.cli import main as mgtui_main

    status = mgtui_main(["--data-dir", data_dir])
    if status:
        raise SystemExit(f"mgtui exited with {status}")


if __name__ == "__main__":
    main()

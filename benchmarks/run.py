#!/usr/bin/env python3
"""mgtui at ten-year scale: every figure with its target, in one command.

    python benchmarks/run.py            # ten years (~55,000 entries), a few minutes
    python benchmarks/run.py --quick    # a month, one repetition: checks it all runs

Builds a data folder through mgtui's own store (see dataset.py), measures each figure
several times (interleaved where two processes are compared), prints median and p95,
and writes benchmarks/RESULTS.md (or --results PATH) with the machine and the date.
On a shared, noisy machine a figure with a reference (the bare Textual app, started
the same way in the same run) is given as a ratio of the two medians.

Process figures spawn fresh interpreters (paint_driver.py); the app runs headless at
120x40 and a screen counts as painted once it shows its content and Textual has
refreshed it with nothing left to draw (see apps.py). History and Insights are opened
by key presses in such a process; the store and search figures run in this one.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import random
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import benchkit
import dataset
from benchkit import Summary, milliseconds, time_call
from mgtui.frozen import replace

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "paint_driver.py"
DEFAULT_RESULTS = HERE / "RESULTS.md"
PROCESS_TIMEOUT_SECONDS = 60.0
# RESULTS.md is rewritten on every run except what follows this line, where the
# before/after notes of the fixes are kept by hand.
NOTES_MARKER = "<!-- Everything below this line is kept when run.py rewrites the file. -->"

START = "app start to first paint of Today"
STATUS = "mgtui status, whole process"
SEARCH = "food search per query"
ADD = "add an entry durably"
READ = "read one day"
HISTORY = "open History"
INSIGHTS = "Insights for 90 days"
INSIGHTS_SCREEN = "open Insights"
MEMORY = "peak memory of the app"
FIGURE_NAMES = (START, STATUS, SEARCH, ADD, READ, HISTORY, INSIGHTS, INSIGHTS_SCREEN, MEMORY)


@dataclass(frozen=True, slots=True)
class Plan:
    """How much of everything to do: the full run, or --quick."""

    days: int
    process_runs: int
    search_passes: int
    search_queries: int | None  # None: all of them
    adds: int
    reads: int
    screen_runs: int
    insights_runs: int


FULL = Plan(
    days=dataset.TEN_YEARS_DAYS,
    process_runs=20,
    search_passes=3,
    search_queries=None,
    adds=60,
    reads=400,
    screen_runs=9,
    insights_runs=30,
)
QUICK = Plan(
    days=dataset.QUICK_DAYS,
    process_runs=1,
    search_passes=1,
    search_queries=4,
    adds=2,
    reads=5,
    screen_runs=1,
    insights_runs=1,
)


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    what: str  # how it is measured, in a few words
    value: float
    unit: str  # "ms", "x" (a ratio to the reference), "MiB"
    target: float | None  # the value must not exceed it
    detail: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "info"
        return "pass" if self.value <= self.target else "MISS"

    def value_text(self) -> str:
        return _number(self.value, self.unit)

    def target_text(self) -> str:
        return "" if self.target is None else f"≤ {_number(self.target, self.unit)}"


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.1f} {unit}"


@dataclass
class Run:
    plan: Plan
    data: dataset.Dataset
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    growth: list[GrowthRow] = field(default_factory=list)

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        target = f"  target {figure.target_text()}" if figure.target is not None else ""
        print(f"{figure.name:36} {figure.value_text():>10}{target:16} {figure.verdict:5}")
        if figure.detail:
            print(f"{'':38}{figure.detail}")


# -- processes ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaintReport:
    seconds: float  # spawn to the painted line, measured here
    inside_seconds: float  # from the driver's first line to the paint, measured there
    max_rss_kib: int


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    # Children must not inherit a terminal size or colour choice from whoever runs this.
    for name in ("COLUMNS", "LINES", "TEXTUAL", "NO_COLOR"):
        env.pop(name, None)
    return env


def spawn_driver(which: str, data_dir: Path) -> tuple[float, dict[str, Any]]:
    """Run paint_driver.py; returns seconds from spawn to its report, and the report."""
    read_end, write_end = os.pipe()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), which, str(data_dir), str(write_end)],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=child_environment(),
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], PROCESS_TIMEOUT_SECONDS)
        line = os.read(read_end, 4096) if ready else b""
        elapsed = time.perf_counter() - start
    finally:
        os.close(read_end)
    if not line:
        process.kill()
    _, stderr = process.communicate(timeout=PROCESS_TIMEOUT_SECONDS)
    if not line or process.returncode != 0:
        raise RuntimeError(
            f"paint_driver.py {which} did not report (exit {process.returncode}): "
            f"{stderr.decode(errors='replace')[-2000:]}"
        )
    report: dict[str, Any] = json.loads(line)
    return elapsed, report


def paint_once(which: str, data_dir: Path) -> PaintReport:
    """Start one app process and time it from spawn to its first full paint."""
    elapsed, report = spawn_driver(which, data_dir)
    return PaintReport(elapsed, report["painted_s"], int(report["max_rss_kib"]))


def status_command() -> list[str] | None:
    """The installed ``mgtui`` command, if it has ``status`` yet (None otherwise)."""
    installed = Path(sys.executable).with_name("mgtui")
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "mgtui"]
    probe = subprocess.run(
        [*command, "status", "--help"], capture_output=True, env=child_environment()
    )
    return command if probe.returncode == 0 else None


# Used only while ``mgtui status`` does not exist: what it has to do, in a new process.
STATUS_STANDIN = """
import datetime as dt, sys
from mgtui.cli.render import Painter, status_text
from mgtui.domain.summary import summarize_day
from mgtui.domain.targets import resolve_targets
from mgtui.store import Repository
repo = Repository.open(sys.argv[1])
day = dt.date.today()
summary = summarize_day(day, repo.entries_on(day), resolve_targets(repo.profile()))
print(status_text(summary, Painter(colour=False)))
"""


def status_once(command: list[str] | None, data_dir: Path) -> float:
    argv = (
        [*command, "--data-dir", str(data_dir), "status"]
        if command is not None
        else [sys.executable, "-c", STATUS_STANDIN, str(data_dir)]
    )
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_environment()
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def measure_processes(run: Run) -> None:
    """App start, status and peak memory, interleaved so drift hits all three alike."""
    folder = run.data.folder
    command = status_command()
    # One unmeasured start of each first: file caches warm, byte code written.
    paint_once("bare", folder)
    paint_once("mgtui", folder)
    status_once(command, folder)
    bare: list[PaintReport] = []
    app: list[PaintReport] = []
    status: list[float] = []
    for _ in range(run.plan.process_runs):
        bare.append(paint_once("bare", folder))
        app.append(paint_once("mgtui", folder))
        status.append(status_once(command, folder))
    bare_ms = Summary.of(milliseconds([report.seconds for report in bare]))
    app_ms = Summary.of(milliseconds([report.seconds for report in app]))
    status_ms = Summary.of(milliseconds(status))
    inside = Summary.of(milliseconds([report.inside_seconds for report in app]))
    run.add(
        Figure(
            START,
            "whole process, spawn to first full paint, headless, vs the bare app",
            app_ms.median / bare_ms.median,
            "x",
            1.4,
            f"mgtui {app_ms.median:.0f} ms (p95 {app_ms.p95:.0f}) vs bare "
            f"{bare_ms.median:.0f} ms (p95 {bare_ms.p95:.0f}); in the driver "
            f"{inside.median:.0f} ms; n={app_ms.n}",
        )
    )
    how = "the installed command" if command is not None else "STAND-IN (no status command yet)"
    run.add(
        Figure(
            STATUS,
            f"{how}, spawn to exit, vs the bare app's first paint",
            status_ms.median / bare_ms.median,
            "x",
            0.5,
            f"status {status_ms.median:.0f} ms (p95 {status_ms.p95:.0f}) vs bare "
            f"{bare_ms.median:.0f} ms; n={status_ms.n}",
        )
    )
    if command is None:
        run.notes.append(
            "`mgtui status` is not in this build yet: its figure times a stand-in "
            "process that opens the log, summarises today and prints one line."
        )
    bare_mib = Summary.of([report.max_rss_kib / 1024 for report in bare])
    app_mib = Summary.of([report.max_rss_kib / 1024 for report in app])
    run.add(
        Figure(
            MEMORY,
            "max RSS at the first paint of Today, vs the bare app",
            app_mib.median / bare_mib.median,
            "x",
            1.5,
            f"mgtui {app_mib.median:.1f} MiB vs bare {bare_mib.median:.1f} MiB",
        )
    )


# -- in this process ---------------------------------------------------------------


def measure_search(run: Run) -> None:
    from mgtui.foods import search_foods
    from mgtui.foods.table import load_table

    load_table()
    queries = benchkit.search_queries()[: run.plan.search_queries]
    typing = benchkit.typing_prefixes(queries)

    def timed(batch: list[str]) -> list[float]:
        return [time_call(partial(search_foods, query, 10)) for query in batch]

    cold = Summary.of(milliseconds(timed(queries)))
    warm = Summary.of(
        milliseconds([t for _ in range(run.plan.search_passes) for t in timed(queries + typing)])
    )
    run.add(
        Figure(
            SEARCH,
            "p95 over the full table, every query and every prefix typed, limit 10",
            warm.p95,
            "ms",
            5.0,
            f"median {warm.median:.2f} ms, max {warm.high:.1f} ms, n={warm.n}; first pass "
            f"on cold caches p95 {cold.p95:.2f} ms, max {cold.high:.1f} ms",
        )
    )


@contextmanager
def scratch_copy(folder: Path) -> Iterator[Path]:
    """A copy of the data folder, so writes leave the measured data set as it was."""
    with tempfile.TemporaryDirectory(prefix="mgtui-bench-") as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(folder, copy)
        yield copy


def measure_add(run: Run) -> None:
    from mgtui.store import Repository

    rng = random.Random(3)
    with scratch_copy(run.data.folder) as folder, Repository.open(folder) as repo:
        days = repo.logged_days()
        template = repo.entries_on(days[-1])[0]
        samples = []
        for _ in range(run.plan.adds):
            entry = replace(template, date=rng.choice(days), time=dt.time(12, rng.randrange(60)))
            samples.append(time_call(partial(repo.log, entry)))
    summary = Summary.of(milliseconds(samples))
    run.add(
        Figure(
            ADD,
            "p95 of Repository.log on a random day, fsync of file and folder included",
            summary.p95,
            "ms",
            50.0,
            f"median {summary.median:.1f} ms, max {summary.high:.1f} ms, n={summary.n}",
        )
    )


def measure_read(run: Run) -> None:
    from mgtui.store import Repository

    rng = random.Random(4)
    with Repository.open(run.data.folder) as repo:
        days = repo.logged_days()
        picks = [rng.choice(days) for _ in range(run.plan.reads)]
        first = [time_call(partial(repo.entries_on, day)) for day in picks]
        again = [time_call(partial(repo.entries_on, day)) for day in picks]
    # Another process saves (the file is replaced), then this one reads a day: what the
    # app does when `mgtui add` runs from a script while it is open.
    after_save: list[float] = []
    with (
        scratch_copy(run.data.folder) as folder,
        Repository.open(folder) as reader,
        Repository.open(folder) as writer,
    ):
        template = reader.entries_on(days[-1])[0]
        for _ in range(max(1, run.plan.reads // 100)):
            writer.log(replace(template, date=days[0]))
            after_save.append(time_call(lambda: reader.entries_on(days[-1])))
    first_ms = Summary.of(milliseconds(first))
    again_ms = Summary.of(milliseconds(again))
    after_ms = Summary.of(milliseconds(after_save))
    run.add(
        Figure(
            READ,
            "p95 of Repository.entries_on, first read of each day (entries decoded)",
            first_ms.p95,
            "ms",
            5.0,
            f"median {first_ms.median:.2f} ms, n={first_ms.n}; again (cached) p95 "
            f"{again_ms.p95:.3f} ms; right after another process saved: median "
            f"{after_ms.median:.0f} ms (the whole file is read again)",
        )
    )


def measure_screens(run: Run) -> None:
    """History and Insights opened in the app as the installed command starts it."""
    history: list[float] = []
    insights_screen: list[float] = []
    for _ in range(run.plan.screen_runs):
        _, report = spawn_driver("screens", run.data.folder)
        history.append(report["history_s"])
        insights_screen.append(report["insights_s"])
    history_ms = Summary.of(milliseconds(history))
    run.add(
        Figure(
            HISTORY,
            "median, from pressing h on Today to History's first full paint",
            history_ms.median,
            "ms",
            300.0,
            f"p95 {history_ms.p95:.0f} ms, n={history_ms.n}; a new app process each run",
        )
    )
    measure_insights(run)
    screen_ms = Summary.of(milliseconds(insights_screen))
    run.add(
        Figure(
            INSIGHTS_SCREEN,
            "median, from pressing i on History to Insights painted (30-day window)",
            screen_ms.median,
            "ms",
            None,
            f"p95 {screen_ms.p95:.0f} ms, n={screen_ms.n}",
        )
    )


def measure_insights(run: Run) -> None:
    from mgtui.domain.insights import compute_insights, window_start
    from mgtui.domain.targets import resolve_targets
    from mgtui.store import Repository

    end = run.data.last_day
    with Repository.open(run.data.folder) as repo:
        targets = resolve_targets(repo.profile())
        fetched: list[Any] = []
        fetch = time_call(lambda: fetched.append(repo.entries_between(window_start(end, 90), end)))
        entries = fetched[0]
        computed = [
            time_call(lambda: compute_insights(entries, targets, end, 90))
            for _ in range(run.plan.insights_runs)
        ]
    summary = Summary.of(milliseconds(computed))
    run.add(
        Figure(
            INSIGHTS,
            "p95 of compute_insights over the 90 days' entries",
            summary.p95,
            "ms",
            50.0,
            f"median {summary.median:.1f} ms over {len(entries)} entries, n={summary.n}; "
            f"fetching them first (entries_between, cold) {fetch * 1000:.1f} ms",
        )
    )


# -- growth with the years of data ------------------------------------------------

GROWTH_YEARS = (1, 10, 30)


@dataclass(frozen=True, slots=True)
class GrowthRow:
    years: int
    entries: int
    megabytes: float
    status_ratio: float  # mgtui status vs the bare app's first paint
    start_ratio: float  # mgtui's first paint of Today vs the bare app's
    memory_ratio: float
    add_p95_ms: float


def measure_growth(runs: int, adds: int) -> list[GrowthRow]:
    """Status, start, memory and a durable add at 1, 10 and 30 years of entries, so a
    figure that grows with the years shows it (each size in its own interleaved runs)."""
    from mgtui.store import Repository

    command = status_command()
    rows: list[GrowthRow] = []
    for years in GROWTH_YEARS:
        with tempfile.TemporaryDirectory(prefix="mgtui-growth-") as scratch:
            folder = Path(scratch) / "data"
            days = round(years * 365.25)
            print(f"growth: building {years} year(s) ...", flush=True)
            data = dataset.build(folder, days, dt.date.today())
            paint_once("bare", folder)
            paint_once("mgtui", folder)
            bare: list[PaintReport] = []
            app: list[PaintReport] = []
            status: list[float] = []
            for _ in range(runs):
                bare.append(paint_once("bare", folder))
                app.append(paint_once("mgtui", folder))
                status.append(status_once(command, folder))
            bare_ms = Summary.of(milliseconds([r.seconds for r in bare])).median
            rng = random.Random(3)
            with scratch_copy(folder) as copy, Repository.open(copy) as repo:
                logged = repo.logged_days()
                template = repo.entries_on(logged[-1])[0]
                samples = [
                    time_call(
                        partial(
                            repo.log,
                            replace(template, date=rng.choice(logged), time=dt.time(12, 0)),
                        )
                    )
                    for _ in range(adds)
                ]
            rows.append(
                GrowthRow(
                    years=years,
                    entries=data.entries,
                    megabytes=data.file_bytes / 1e6,
                    status_ratio=Summary.of(milliseconds(status)).median / bare_ms,
                    start_ratio=Summary.of(milliseconds([r.seconds for r in app])).median / bare_ms,
                    memory_ratio=Summary.of([r.max_rss_kib for r in app]).median
                    / Summary.of([r.max_rss_kib for r in bare]).median,
                    add_p95_ms=Summary.of(milliseconds(samples)).p95,
                )
            )
    return rows


def growth_lines(rows: list[GrowthRow]) -> list[str]:
    lines = [
        "",
        "Growth with the years of data (medians of interleaved runs; ratios to the bare app "
        "in the same runs):",
        "",
        "| years | entries | file | status | start | memory | add p95 |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.years} | {row.entries:,} | {row.megabytes:.1f} MB | "
            f"{row.status_ratio:.2f}× | {row.start_ratio:.2f}× | {row.memory_ratio:.2f}× | "
            f"{row.add_p95_ms:.1f} ms |"
        )
    return lines


# -- the report --------------------------------------------------------------------


def results_text(run: Run, machine: benchkit.Machine, seconds: float, notes: str) -> str:
    data = run.data
    quick = ""
    if run.plan.days < dataset.TEN_YEARS_DAYS:
        quick = " (--quick: a tiny data set, one repetition; not comparable)"
    lines = [
        "# mgtui benchmarks",
        "",
        f"Written by `python benchmarks/run.py{' --quick' if quick else ''}` on "
        f"{dt.datetime.now():%Y-%m-%d %H:%M}{quick}.",
        "",
        f"- Machine: {machine.text()}",
        f"- Data: {data.entries:,} entries on {data.logged_days:,} logged days of "
        f"{run.plan.days:,} ({data.first_day} to {data.last_day}); mgtui.json "
        f"{data.file_bytes / 1e6:.1f} MB; built with Repository.log_many in "
        f"{data.build_seconds:.1f} s",
        f"- The whole run took {seconds:.0f} s.",
        "",
        "| figure | how | measured | target | |",
        "|---|---|---:|---:|---|",
    ]
    for figure in run.figures:
        lines.append(
            f"| {figure.name} | {figure.what} | {figure.value_text()} | "
            f"{figure.target_text()} | {figure.verdict} |"
        )
    lines += ["", "Details:", ""]
    lines += [f"- **{figure.name}**: {figure.detail}" for figure in run.figures if figure.detail]
    lines += [f"- {note}" for note in run.notes]
    lines += growth_lines(run.growth)
    lines += ["", NOTES_MARKER, notes.rstrip("\n"), ""]
    return "\n".join(lines)


def kept_notes(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    _, marker, notes = text.partition(NOTES_MARKER)
    return notes.strip("\n") if marker else ""


def byte_compile() -> None:
    """Write byte code for mgtui and these scripts, as an installed package has.

    Without it, every child process would compile mgtui's sources again (as happens
    where PYTHONDONTWRITEBYTECODE is set) and the start figures would measure that.
    """
    import mgtui

    for folder in (Path(mgtui.__file__).parent, HERE):
        compileall.compile_dir(folder, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a month of data, one repetition")
    parser.add_argument(
        "--results", type=Path, default=DEFAULT_RESULTS, help="where to write the report"
    )
    parser.add_argument(
        "--keep-data", type=Path, metavar="DIR", help="build the data folder here and keep it"
    )
    parser.add_argument(
        "--no-growth", action="store_true", help="skip the 1/10/30-year growth table"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    machine = benchkit.Machine.this_one()
    print(f"machine: {machine.text()}")
    byte_compile()
    with tempfile.TemporaryDirectory(prefix="mgtui-bench-") as scratch:
        folder = args.keep_data or Path(scratch) / "data"
        if args.keep_data is not None:
            shutil.rmtree(folder, ignore_errors=True)
        print(f"building {plan.days} days of entries in {folder} ...", flush=True)
        data = dataset.build(folder, plan.days, dt.date.today())
        print(
            f"  {data.entries:,} entries on {data.logged_days:,} days, "
            f"{data.file_bytes / 1e6:.1f} MB, log_many {data.build_seconds:.2f} s"
        )
        run = Run(plan, data)
        steps: list[Callable[[Run], None]] = [
            measure_processes,
            measure_search,
            measure_add,
            measure_read,
            measure_screens,
        ]
        for step in steps:
            step(run)
    if not args.quick and not args.no_growth:
        run.growth = measure_growth(runs=5, adds=20)
    seconds = time.perf_counter() - started
    notes = kept_notes(args.results)
    args.results.write_text(results_text(run, machine, seconds, notes), encoding="utf-8")
    print(f"wrote {args.results} ({seconds:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

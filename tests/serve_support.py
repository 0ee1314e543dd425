"""``mgtui serve`` as a real process on a demo log, for the browser-mode tests.

The server runs in a process group of its own, so the app processes it starts for
each browser tab (through a shell) go with it when the test ends.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NOW = "2026-11-22T10:45"
START_TIMEOUT_SECONDS = 20.0
STOP_TIMEOUT_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment() -> dict[str, str]:
    env = dict(os.environ, MGTUI_NOW=NOW)
    env.pop("MGTUI_DATA_DIR", None)
    env.pop("MGTUI_TODAY", None)
    return env


def run_mgtui(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mgtui", *args],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


def fill_demo(data_dir: Path) -> None:
    """The demo history, as ``mgtui demo --no-open`` writes it, ending on NOW."""
    run_mgtui("--data-dir", str(data_dir), "demo", "--no-open", check=True)


@dataclass(frozen=True)
class Served:
    url: str
    process: subprocess.Popen[str]
    log: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def wait_for_port(port: int, process: subprocess.Popen[str], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mgtui serve exited with {process.returncode}: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"mgtui serve did not listen on port {port} in time")


def live_members(group: int) -> list[int]:
    """The processes of a process group that still run (zombies left aside: whether
    they are reaped is up to the machine's init, not to mgtui)."""
    members = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat_file.read_text()
        except OSError:  # it ended while we looked
            continue
        # "pid (name) state ppid pgrp ...": the name may hold spaces, so split after it.
        state, _, pgrp = text[text.rindex(")") + 2 :].split()[:3]
        if int(pgrp) == group and state != "Z":
            members.append(int(stat_file.parent.name))
    return members


def _ended(process: subprocess.Popen[Any], group: int) -> bool:
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    while True:
        process.poll()  # reap the leader
        if not live_members(group):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def stop_group(process: subprocess.Popen[Any]) -> None:
    """End the process and everything it started; fail if anything is left running."""
    group = process.pid  # start_new_session: the group's id is the leader's pid
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            break
        if _ended(process, group):
            break
    process.wait(timeout=STOP_TIMEOUT_SECONDS)
    left = live_members(group)
    assert not left, f"processes of mgtui serve still running: {left}"


@contextmanager
def served(data_dir: Path, log: Path) -> Iterator[Served]:
    """``mgtui serve`` on a free port of 127.0.0.1; its output goes to ``log``."""
    port = free_port()
    command = [sys.executable, "-m", "mgtui", "--data-dir", str(data_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port)],
            env=environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, log)
        yield Served(f"http://127.0.0.1:{port}", process, log)
    finally:
        stop_group(process)

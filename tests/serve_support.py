"""``mgtui serve`` as a real process on a demo log, for the browser-mode tests.

The server runs in a process group of its own. The app processes it starts for each
browser tab run in groups of their own (so the server alone decides when they end);
they are found by the data folder on their command line, which is the test's own.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

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
    data_dir: Path

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def websocket_url(self) -> str:
        return self.url.replace("http", "ws", 1) + "/ws?width=80&height=24"

    def app_processes(self) -> list[int]:
        """The tabs' app processes still running, wherever they were reparented."""
        return [pid for pid in processes_on(self.data_dir) if pid != self.process.pid]


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


def _state(stat_text: str) -> str:
    # "pid (name) state ppid pgrp ...": the name may hold spaces, so split after it.
    return stat_text[stat_text.rindex(")") + 2 :]


def processes_on(data_dir: Path) -> list[int]:
    """Running processes (zombies left aside) with ``data_dir`` on their command line."""
    needle = os.fsencode(data_dir)
    found = []
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            command_line = (folder / "cmdline").read_bytes()
            stat = (folder / "stat").read_text()
        except OSError:  # it ended while we looked
            continue
        if needle in command_line.split(b"\0") and not _state(stat).startswith("Z"):
            found.append(int(folder.name))
    return found


def wait_until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@asynccontextmanager
async def open_tab(
    session: aiohttp.ClientSession, server: Served
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A browser tab on our own page, once its app has drawn Today."""
    async with session.ws_connect(server.websocket_url, headers={"Origin": server.url}) as tab:
        received = b""
        while b"Magnesium" not in received:
            message = await tab.receive(timeout=START_TIMEOUT_SECONDS)
            assert message.type == aiohttp.WSMsgType.BINARY, message
            received += message.data
        yield tab


def live_members(group: int) -> list[int]:
    """The processes of a process group that still run (zombies left aside: whether
    they are reaped is up to the machine's init, not to mgtui)."""
    members = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat_file.read_text()
        except OSError:  # it ended while we looked
            continue
        state, _, pgrp = _state(text).split()[:3]
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
def served(data_dir: Path, log: Path, *options: str) -> Iterator[Served]:
    """``mgtui serve`` on a free port of 127.0.0.1; its output goes to ``log``."""
    port = free_port()
    command = [sys.executable, "-m", "mgtui", "--data-dir", str(data_dir)]
    with log.open("w") as output:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), *options],
            env=environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    try:
        wait_for_port(port, process, log)
        yield Served(f"http://127.0.0.1:{port}", process, log, data_dir)
    finally:
        stop_group(process)
        # The tabs' apps end with the server; any left is a failure, cleaned up here.
        wait_until(lambda: not processes_on(data_dir), STOP_TIMEOUT_SECONDS)
        left = processes_on(data_dir)
        kill_all(left)
        assert not left, f"app processes of mgtui serve still running: {left}"

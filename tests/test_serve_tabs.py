"""``mgtui serve``'s app processes, one a browser tab: each ends when its tab closes,
however much input it still has to work through, and all end when the server does,
even when the server is killed outright."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest

from serve_support import Served, fill_demo, open_tab, served, wait_until

pytestmark = pytest.mark.slow

# The server asks a closed tab's app to quit, then ends it after a grace period; this
# leaves room for that and for a loaded machine.
ENDED_WITHIN_SECONDS = 10.0
# "a" opens food search and every further "a" is typed into it, each one a search:
# ten thousand of them kept the app busy for minutes after its tab closed.
PENDING_INPUT = "a" * 10_000


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    fill_demo(tmp_path / "data")
    with served(tmp_path / "data", tmp_path / "serve.log") as running:
        yield running


async def test_a_closed_tab_ends_its_app_whatever_input_is_pending(server: Served) -> None:
    async with aiohttp.ClientSession() as session:
        async with open_tab(session, server) as tab:
            assert len(server.app_processes()) == 1
            await tab.send_json(["stdin", PENDING_INPUT])
        assert wait_until(lambda: not server.app_processes(), ENDED_WITHIN_SECONDS), (
            f"still running after the tab closed: {server.app_processes()}"
        )
        # The server itself goes on: a new tab gets a new app.
        async with open_tab(session, server):
            assert len(server.app_processes()) == 1


async def test_the_apps_end_when_the_server_is_killed(server: Served) -> None:
    async with aiohttp.ClientSession() as session, AsyncExitStack() as tabs:
        for _ in range(3):
            await tabs.enter_async_context(open_tab(session, server))
        apps = server.app_processes()
        assert len(apps) == 3
        os.kill(server.process.pid, signal.SIGKILL)  # no chance to clean up
        server.process.wait()
        assert wait_until(lambda: not server.app_processes(), ENDED_WITHIN_SECONDS), (
            f"still running after the server was killed: {server.app_processes()}"
        )


async def test_the_apps_end_when_the_server_is_stopped(server: Served) -> None:
    async with aiohttp.ClientSession() as session, open_tab(session, server) as tab:
        await tab.send_json(["stdin", PENDING_INPUT])
        server.process.send_signal(signal.SIGINT)  # Ctrl+C in its terminal
        assert server.process.wait(timeout=ENDED_WITHIN_SECONDS) == 0
        assert wait_until(lambda: not server.app_processes(), ENDED_WITHIN_SECONDS), (
            f"still running after the server stopped: {server.app_processes()}"
        )

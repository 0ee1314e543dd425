"""``mgtui serve`` in a real browser: headless Chromium opens the page and Today appears.

The app draws on a canvas (xterm.js), so its text is not in the page's DOM. The test
drives Chromium through the DevTools protocol and takes three kinds of evidence:

- the terminal output the page received over its websocket holds Today's bars and
  entries for the frozen day (so the app that ran is ours, on the demo log);
- a screenshot of the page shows the bars' colours (the default theme draws food in
  $success green, supplements in $primary blue) over thousands of pixels, where a
  screenshot of the same page held before connecting (textual-serve's ``?delay``)
  shows none, so the browser really drew them;
- every request the page made went to the server itself: nothing from outside.
"""

from __future__ import annotations

import asyncio
import base64
import io
import itertools
import re
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from serve_support import Served, fill_demo, served, stop_group

PIL = pytest.importorskip("PIL.Image", reason="Pillow (a test extra) reads the screenshots")

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH: 'apt-get install chromium' (.ci/run installs it as root)",
)

# textual-dark's $success and $primary, as the page draws them.
FOOD_GREEN = (0x4E, 0xBF, 0x71)
SUPPLEMENT_BLUE = (0x01, 0x78, 0xD4)
TOLERANCE = 24  # per channel: xterm blends glyph edges a little
MIN_PIXELS = 2_000  # a bar a few cells long; Today draws several
WINDOW = (1280, 800)
RENDER_TIMEOUT_SECONDS = 30.0
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # the tests may run as root, where the sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--window-size={WINDOW[0]},{WINDOW[1]}",
    "--remote-debugging-port=0",
)
_DEVTOOLS_URL = re.compile(r"DevTools listening on (ws://\S+)")
_ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)")


class DevTools:
    """Just enough of the Chrome DevTools protocol: calls, and the events between them."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self._ids)
        await self.websocket.send_json({"id": call_id, "method": method, "params": params})
        while True:
            message = await self.websocket.receive_json(timeout=RENDER_TIMEOUT_SECONDS)
            if message.get("id") != call_id:
                self.events.append(message)
                continue
            if "error" in message:
                raise AssertionError(f"{method}: {message['error']}")
            result: dict[str, Any] = message["result"]
            return result

    def params_of(self, event: str) -> list[dict[str, Any]]:
        return [e["params"] for e in self.events if e.get("method") == event]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("browser")
    fill_demo(folder / "data")
    with served(folder / "data", folder / "serve.log") as running:
        yield running


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[DevTools]:
    """A new headless Chromium with an empty profile, and its one tab."""
    assert CHROMIUM is not None
    log = tmp_path / "chromium.log"
    with log.open("w") as output:
        browser = subprocess.Popen(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "about:blank"],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        endpoint = await devtools_endpoint(browser, log)
        http = endpoint.replace("ws://", "http://").split("/devtools/")[0]
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{http}/json/list") as response:
                targets = await response.json()
            (tab,) = [t for t in targets if t["type"] == "page"]
            async with session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield DevTools(ws)
    finally:
        stop_group(browser)


async def devtools_endpoint(browser: subprocess.Popen[bytes], log: Path) -> str:
    """The address Chromium prints once it listens for the DevTools protocol."""
    deadline = time.monotonic() + RENDER_TIMEOUT_SECONDS
    while True:
        found = _DEVTOOLS_URL.search(log.read_text(errors="replace"))
        if found:
            return found.group(1)
        assert browser.poll() is None, f"chromium exited: {log.read_text(errors='replace')}"
        assert time.monotonic() < deadline, "chromium did not start in time"
        await asyncio.sleep(0.1)


async def screenshot_colours(page: DevTools) -> dict[str, int]:
    """How many pixels of the page are food green and supplement blue."""
    shot = await page.call("Page.captureScreenshot", format="png")
    image = PIL.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
    counts = {"green": 0, "blue": 0}
    for count, colour in image.getcolors(maxcolors=WINDOW[0] * WINDOW[1]) or []:
        if _near(colour, FOOD_GREEN):
            counts["green"] += count
        elif _near(colour, SUPPLEMENT_BLUE):
            counts["blue"] += count
    return counts


def _near(colour: tuple[int, int, int], target: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(colour, target, strict=True))


def terminal_text(page: DevTools) -> str:
    """What the app sent the page over the websocket, without the escape sequences."""
    frames = page.params_of("Network.webSocketFrameReceived")
    output = b"".join(
        base64.b64decode(frame["response"]["payloadData"])
        for frame in frames
        if frame["response"]["opcode"] == 2  # binary: terminal output
    )
    return _ESCAPE.sub(b"", output).decode("utf-8", "replace")


async def open_page(page: DevTools, url: str) -> None:
    await page.call("Page.navigate", url=url)
    deadline = time.monotonic() + RENDER_TIMEOUT_SECONDS
    while not page.params_of("Page.loadEventFired"):
        assert time.monotonic() < deadline, f"{url} did not load"
        await page.call("Runtime.evaluate", expression="1")  # collects pending events
        await asyncio.sleep(0.1)


async def test_today_renders_in_a_real_browser(server: Served, page: DevTools) -> None:
    await page.call("Page.enable")
    await page.call("Network.enable")

    # The page held before it connects: textual-serve's intro, no app yet.
    await open_page(page, server.url + "/?delay=1")
    await asyncio.sleep(0.5)
    before = await screenshot_colours(page)
    assert before == {"green": 0, "blue": 0}

    page.events.clear()
    await open_page(page, server.url + "/")
    deadline = time.monotonic() + RENDER_TIMEOUT_SECONDS
    after = await screenshot_colours(page)
    while min(after.values()) < MIN_PIXELS:
        assert time.monotonic() < deadline, f"Today's bars never appeared: {after}"
        await asyncio.sleep(0.5)
        after = await screenshot_colours(page)

    text = terminal_text(page)
    for shown in (
        "Sunday 22 November 2026 (today)",
        "Magnesium",
        "Supplements",
        "Ca:Mg ratio",
        "192 / 320 mg",  # the demo morning: milk and pumpkin seeds
        "Calcium citrate + D (supplement)",
    ):
        assert shown in text, f"{shown!r} not in the terminal output"

    requested = [r["request"]["url"] for r in page.params_of("Network.requestWillBeSent")]
    requested += [w["url"] for w in page.params_of("Network.webSocketCreated")]
    own = (server.url + "/", server.url.replace("http://", "ws://") + "/")
    assert requested, "the page requested nothing"
    assert [url for url in requested if not url.startswith(own)] == []

"""The web server of ``mgtui serve``, on textual-serve: one app process a browser tab.

Every tab that connects gets its own app process (``mgtui.serve.tab``) on the same data
folder, talking to the page over a websocket; the store is safe for several processes
at once, so tabs, terminals and the CLI can all be open on the same log.

What differs from textual-serve's defaults, and why:

* The page is our own template (``templates/app_index.html``), whose font comes from
  this server instead of a public CDN, so opening it tells no third party anything.
* The websocket accepts only pages served by this server: browsers let any web page
  open a websocket to 127.0.0.1, so without that check a page on some web site the
  user visits could start the app and read or change the log. An Origin header that
  is not even a URL is refused the same way.
* A tab's app ends when its tab closes, whatever it is doing, and with the server,
  however the server ends (see ``TabApp`` and ``mgtui.serve.tab``).
* The log says what goes wrong in one plain line: no request lines unless asked for
  (``--verbose``), and no tracebacks with their local variables, which would be
  health data.
* The address is printed once the port is bound, so a port in use is one error.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import shlex
import signal
import socket
import sys
from asyncio.subprocess import PIPE, Process
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"
APP_TITLE = "mgtui"
# Names that mean "every interface": no browser can connect to them as they are.
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# How long a closed tab's app has to quit by itself before it is killed: quitting
# takes well under a second, unless the app still has input to work through.
QUIT_GRACE_SECONDS = 2.0
# On Ctrl+C, open tabs are closed, then their apps get QUIT_GRACE_SECONDS.
SHUTDOWN_SECONDS = QUIT_GRACE_SECONDS + 3.0
HEARTBEAT_SECONDS = 15.0

log = logging.getLogger("mgtui.serve")


def app_command(data_dir: Path) -> str:
    """The command that runs the app for a tab, as one string (textual-serve's form):
    this interpreter, so the app is the installed mgtui, told the server's process id
    so it ends with the server (``mgtui.serve.tab``)."""
    return shlex.join(
        [sys.executable, "-m", "mgtui.serve.tab", str(os.getpid()), "--data-dir", str(data_dir)]
    )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    # An IPv6 address needs brackets in a URL.
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def default_public_url(host: str, port: int) -> str:
    """The address the page tells the browser to connect back to.

    For a wildcard host that is this machine's name, the best guess there is; the
    ``--public-url`` option sets it when browsers know the machine by another name.
    """
    name = socket.gethostname() if host in WILDCARD_HOSTS else host
    return f"http://{_url_host(name)}:{port}"


def origin_of(url: str) -> str | None:
    """A URL's origin as browsers write it: ``http://host`` plus a non-default port;
    None when it is no URL at all (``http://127.0.0.1:8000.evil.example`` has no port
    number, ``http://[::1`` no host)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = _url_host(parts.hostname or "")
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, port: int) -> frozenset[str]:
    """Pages that may open the app: ours at its public address, or on this machine."""
    candidates = [public_url, *(f"http://{name}:{port}" for name in _LOOPBACK_NAMES)]
    return frozenset(origin for url in candidates if (origin := origin_of(url)) is not None)


class TabApp(AppService):
    """One tab's app process, run without a shell in a session of its own, and ended
    when the tab closes whatever it is doing.

    textual-serve runs its command through a shell, in the server's process group, and
    on close sends the app a "quit" that waits behind every key it has not handled yet:
    a tab closed with ten thousand keys pending kept its app busy for minutes, and a
    million grew it to 5 GB. Here the server is the app's parent (so the app can end
    with it), the app and anything it starts are one group the server can kill, and a
    quit not done within ``QUIT_GRACE_SECONDS`` becomes a kill.
    """

    process: Process | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        # Overrides textual-serve's, which sets the same two attributes for the rest of
        # AppService; tests/test_serve_tabs.py notices if a new version stops using it.
        self.process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._process, self._stdin = process, process.stdin
        return process

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it has not within the grace period."""
        stopping = asyncio.ensure_future(self._quit())
        try:
            await asyncio.wait_for(asyncio.shield(stopping), QUIT_GRACE_SECONDS)
        except TimeoutError:
            log.info("a closed tab's app did not quit in %s s: killed", QUIT_GRACE_SECONDS)
            self.kill()
            await stopping
        except asyncio.CancelledError:  # the server stops without waiting any longer
            self.kill()
            raise

    async def _quit(self) -> None:
        await super().stop()
        # textual-serve's stop returns once the app's output stops being relayed, and
        # that also happens when the closed tab can take no more of it: the app itself
        # may still be running.
        if self.process is not None:
            await self.process.wait()

    def kill(self) -> None:
        """End the app and whatever it started, at once."""
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)


class MgtuiServer(Server):
    """textual-serve's server with mgtui's page, app processes, origin check and log."""

    def __init__(
        self,
        data_dir: Path,
        *,
        host: str,
        port: int,
        public_url: str | None = None,
        verbose: bool = False,
    ) -> None:
        url = (public_url or default_public_url(host, port)).rstrip("/")
        super().__init__(
            app_command(data_dir),
            host=host,
            port=port,
            title=APP_TITLE,
            public_url=url,
            templates_path=TEMPLATES,
        )
        self.origins = allowed_origins(url, port)
        self.verbose = verbose
        self.tabs: set[web.WebSocketResponse] = set()

    def initialize_logging(self) -> None:
        # Instead of textual-serve's: every request at INFO, and tracebacks that show
        # their local variables (here: the log's entries). Requests only with --verbose.
        logging.basicConfig(
            level=logging.INFO if self.verbose else logging.WARNING,
            format="mgtui serve: %(message)s",
        )

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM; ``OSError`` if the port cannot be had."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            shutdown_timeout=SHUTDOWN_SECONDS,
            # aiohttp calls this once every port is bound, so the address is only
            # printed when a browser can use it, and a port in use is one error.
            print=lambda _running: self.announce(),
        )

    def announce(self) -> None:
        print(f"mgtui: open {self.public_url} in a browser (Ctrl+C stops)", flush=True)

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints a banner here, before the port is bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        # Open tabs would keep the server waiting: close them, so their apps quit.
        for tab in list(self.tabs):
            await tab.close(code=WSCloseCode.GOING_AWAY, message=b"mgtui serve stopped")

    def allows(self, origin: str | None) -> bool:
        """Browsers always send Origin with a websocket; only they need stopping here,
        since any other program that reaches the port could fake the header anyway."""
        return origin is None or origin_of(origin) in self.origins

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        origin = request.headers.get("Origin")
        if not self.allows(origin):
            log.warning(
                "refused a page from %r; open %s instead (or see --public-url)",
                origin,
                self.public_url,
            )
            raise web.HTTPForbidden(text="mgtui: this page may not open the app\n")
        websocket = web.WebSocketResponse(heartbeat=HEARTBEAT_SECONDS)
        await websocket.prepare(request)

        async def close() -> None:  # the app quit: so does its tab
            await websocket.close()

        app = TabApp(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.tabs.add(websocket)
        try:
            await app.start(_size(request, "width", 80), _size(request, "height", 24))
            await _relay(websocket, app)
        finally:
            self.tabs.discard(websocket)
            await app.stop()
        return websocket


def _size(request: web.Request, name: str, default: int) -> int:
    text = request.query.get(name, "")
    return int(text) if text.isdigit() and 0 < int(text) < 10_000 else default


async def _relay(websocket: web.WebSocketResponse, app: TabApp) -> None:
    """The page's messages to the app until the tab closes: keys, size, focus; pings
    are answered here. Anything else is dropped, not a traceback in the log."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            kind, *rest = json.loads(message.data)
        except (ValueError, TypeError):
            kind, rest = None, []
        data: Any = rest[0] if rest else None
        if kind == "stdin" and isinstance(data, str):
            await app.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            width, height = data.get("width"), data.get("height")
            if isinstance(width, int) and isinstance(height, int):
                await app.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await app.blur()
        elif kind == "focus":
            await app.focus()
        else:
            log.info("dropped a message the page does not send: %.60r", message.data)

"""The app in a browser tab (``mgtui serve``), on textual-serve.

Every browser tab that connects gets its own app process, ``python -m mgtui
--data-dir DIR``, talking to the page over a websocket; the store is safe for several
processes at once, so tabs, terminals and the CLI can all be open on the same log.

Two things differ from textual-serve's defaults, both because the page shows health
data. The page is our own template (``templates/app_index.html``), whose font comes
from this server instead of a public CDN, so opening it tells no third party anything.
And the websocket accepts only pages served by this server: browsers let any web
page open a websocket to 127.0.0.1, so without that check a page on some web site
the user visits could start the app and read or change the log.
"""

from __future__ import annotations

import ipaddress
import logging
import shlex
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"
APP_TITLE = "mgtui"
# Names that mean "every interface": no browser can connect to them as they are.
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443}

log = logging.getLogger("mgtui.serve")


def app_command(data_dir: Path) -> str:
    """The command textual-serve runs for each tab. It goes through the shell, so each
    word is quoted; the interpreter is this one, so the app is the installed mgtui."""
    return shlex.join([sys.executable, "-m", "mgtui", "--data-dir", str(data_dir)])


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


def origin_of(url: str) -> str:
    """A URL's origin as browsers write it: ``http://host`` plus a non-default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = _url_host(parts.hostname or "")
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, port: int) -> frozenset[str]:
    """Pages that may open the app: ours at its public address, or on this machine."""
    local = {origin_of(f"http://{name}:{port}") for name in _LOOPBACK_NAMES}
    return frozenset({origin_of(public_url), *local})


class MgtuiServer(Server):
    """textual-serve's server with mgtui's page, its app command and an origin check."""

    def __init__(
        self, data_dir: Path, *, host: str, port: int, public_url: str | None = None
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

    async def on_startup(self, app: web.Application) -> None:
        # Instead of textual-serve's banner: the address, and how to stop. This runs
        # before the port is bound, hence "starting": a port in use is reported next.
        print(
            f"mgtui: starting the app server at {self.public_url}: open it in a browser "
            "(Ctrl+C stops)",
            flush=True,
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        # Browsers always send Origin with a websocket; only they need stopping here,
        # since any other program that reaches the port could fake the header anyway.
        origin = request.headers.get("Origin")
        if origin is not None and origin_of(origin) not in self.origins:
            log.warning(
                "refused a page from %s; open %s instead (or see --public-url)",
                origin,
                self.public_url,
            )
            raise web.HTTPForbidden(text="mgtui: this page may not open the app\n")
        return await super().handle_websocket(request)

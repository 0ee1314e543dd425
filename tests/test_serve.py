"""``mgtui serve``: its options, its warning, the page it serves and who may use it."""

from __future__ import annotations

import os
import re
import shlex
import socket
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

import mgtui.serve.server
from cli_support import Cli
from mgtui.serve.server import (
    MgtuiServer,
    allowed_origins,
    app_command,
    default_public_url,
    is_loopback,
    origin_of,
)
from serve_support import Served, fill_demo, open_tab, run_mgtui, served, wait_until


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", monkeypatch, capsys)


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> list[MgtuiServer]:
    """The command runs up to the point of serving, and records the server it made."""
    made: list[MgtuiServer] = []
    monkeypatch.setattr(MgtuiServer, "serve", lambda self: made.append(self))
    return made


# -- the parts ---------------------------------------------------------------------


def test_each_tab_runs_this_python_on_the_given_folder_and_ends_with_this_server() -> None:
    folder = Path('/tmp/it\'s a "folder" $HOME')
    command = app_command(folder)
    assert shlex.split(command) == [
        sys.executable,
        *("-m", "mgtui.serve.tab", str(os.getpid())),
        *("--data-dir", str(folder)),
    ]


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("127.0.1.1", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, local: bool) -> None:
    assert is_loopback(host) is local


def test_the_public_url_is_the_listen_address_with_brackets_for_ipv6() -> None:
    assert default_public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert default_public_url("::1", 8000) == "http://[::1]:8000"
    # A wildcard address is no place to connect to: the machine's name is the best guess.
    assert default_public_url("0.0.0.0", 8000) == f"http://{socket.gethostname()}:8000"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://Example.ORG:80/", "http://example.org"),
        ("https://example.org:443/mgtui", "https://example.org"),
        ("https://example.org:8443", "https://example.org:8443"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_origins_are_compared_as_browsers_write_them(url: str, origin: str) -> None:
    assert origin_of(url) == origin


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000.evil.example", "http://127.0.0.1:-1", "http://[::1", "http://[x]"],
)
def test_an_origin_that_is_no_url_has_no_origin(url: str) -> None:
    assert origin_of(url) is None


def test_the_pages_allowed_are_ours_and_this_machines_on_our_port() -> None:
    origins = allowed_origins("http://mybox.lan:8000", 8000)
    assert origins == {
        "http://mybox.lan:8000",
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://[::1]:8000",
    }


def test_the_template_is_mgtuis_own_and_ships_with_the_package() -> None:
    # Checked wherever mgtui is imported from: in CI that is the installed wheel.
    template = mgtui.serve.server.TEMPLATES / "app_index.html"
    assert template.is_file()
    assert "fonts.googleapis" not in template.read_text()


# -- the command -------------------------------------------------------------------


def test_serve_listens_on_this_machine_only_by_default(
    cli: Cli, no_serving: list[MgtuiServer]
) -> None:
    result = cli.ok("serve")
    assert result.err == ""
    (server,) = no_serving
    assert (server.host, server.port) == ("127.0.0.1", 8000)
    assert server.public_url == "http://127.0.0.1:8000"
    assert shlex.split(server.command)[-2:] == ["--data-dir", str(cli.data_dir)]
    assert Path(server.templates_path) == mgtui.serve.server.TEMPLATES
    assert server.verbose is False


def test_verbose_logs_every_request(cli: Cli, no_serving: list[MgtuiServer]) -> None:
    cli.ok("serve", "--verbose")
    (server,) = no_serving
    assert server.verbose is True


def test_another_host_is_served_with_a_warning(cli: Cli, no_serving: list[MgtuiServer]) -> None:
    result = cli("serve", "--host", "0.0.0.0", "--port", "8765")
    assert result.code == 0
    warning, note = result.err_lines
    assert warning.startswith("mgtui: warning: serving on 0.0.0.0: anyone who can reach port")
    assert "can read and change your log" in warning
    assert f"browsers must open http://{socket.gethostname()}:8765" in note
    assert "--public-url" in note
    (server,) = no_serving
    assert server.host == "0.0.0.0"


def test_public_url_is_the_address_the_page_connects_back_to(
    cli: Cli, no_serving: list[MgtuiServer]
) -> None:
    result = cli("serve", "--host", "0.0.0.0", "--public-url", "http://192.168.1.20:8000/")
    assert result.code == 0
    assert len(result.err_lines) == 1  # the warning; no note about the address
    (server,) = no_serving
    assert server.public_url == "http://192.168.1.20:8000"
    assert "http://192.168.1.20:8000" in server.origins


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "0 is not a port number (1 to 65535)"),
        (["--port", "70000"], "70000 is not a port number"),
        (["--port", "http"], "'http' is not a port number"),
        (["--public-url", "192.168.1.20:8000"], "is not an http:// or https:// address"),
        (["--public-url", "ftp://example.org"], "is not an http:// or https:// address"),
        (["--public-url", "http://example.org:80.x"], "has no valid port number"),
        (["--host", " "], "--host: give an address"),
    ],
)
def test_bad_options_are_one_line_and_status_2(
    cli: Cli, no_serving: list[MgtuiServer], args: list[str], message: str
) -> None:
    result = cli("serve", *args)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert message in result.err
    assert no_serving == []


def test_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    # A real process: serving installs signal handlers this test process should keep.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_mgtui("--data-dir", str(tmp_path / "data"), "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stdout == ""  # no "open it in a browser" for an address never bound
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"mgtui: cannot listen on 127.0.0.1 port {port}: ")
    assert "another server uses it: try --port" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_data_folder_that_is_a_file_is_refused_before_serving(
    tmp_path: Path, cli: Cli, no_serving: list[MgtuiServer]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = cli("--data-dir", str(not_a_folder), "serve")
    assert result.code == 2
    assert "is a file, not a folder" in result.err
    assert no_serving == []


# -- the running server ------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve")
    fill_demo(folder / "data")
    with served(folder / "data", folder / "serve.log") as running:
        yield running


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        body: bytes = response.read()
        return body.decode("utf-8")


def test_the_address_is_printed_once_it_is_bound(server: Served) -> None:
    assert server.log.read_text().splitlines()[0] == (
        f"mgtui: open {server.url} in a browser (Ctrl+C stops)"
    )


def test_the_page_loads_nothing_from_outside_this_machine(server: Served) -> None:
    page = fetch(server.url + "/")
    urls = set(re.findall(r"(?:https?|wss?)://[^\s\"'<>()]+", page))
    foreign = {
        url
        for url in urls
        if not url.startswith((server.url + "/", server.url.replace("http", "ws", 1) + "/"))
    }
    assert foreign == {"http://www.w3.org/2000/svg"}  # the logo's xmlns, a name only
    # The font the page asks for is served here, from textual-serve's own folder.
    (font,) = re.findall(r"url\(\"([^\"]+RobotoMono-VariableFont_wght\.ttf)\"\)", page)
    with urllib.request.urlopen(font, timeout=10) as response:
        assert response.status == 200
        assert len(response.read()) > 10_000


async def test_a_page_from_elsewhere_may_not_open_the_app(server: Served) -> None:
    websocket = server.url.replace("http", "ws", 1) + "/ws"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(websocket, headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403


async def test_an_origin_that_is_no_url_is_refused_without_a_traceback(server: Served) -> None:
    websocket = server.url.replace("http", "ws", 1) + "/ws"
    malformed = f"{server.url}.evil.example"  # http://127.0.0.1:PORT.evil.example
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(websocket, headers={"Origin": malformed})
        assert refused.value.status == 403
    log = server.log.read_text()
    assert f"mgtui serve: refused a page from {malformed!r}" in log
    assert "Traceback" not in log


async def test_messages_the_page_never_sends_are_dropped_quietly(server: Served) -> None:
    async with aiohttp.ClientSession() as session, open_tab(session, server) as tab:
        for junk in ("not json", "[]", "{}", '["resize", "big"]', '["stdin", 5]', "7"):
            await tab.send_str(junk)
        await tab.send_json(["ping", "still there?"])
        while (message := await tab.receive(timeout=20)).type == aiohttp.WSMsgType.BINARY:
            pass
        assert message.json() == ["pong", "still there?"]
    assert "Traceback" not in server.log.read_text()


def test_requests_are_logged_only_with_verbose(server: Served, tmp_path: Path) -> None:
    fetch(server.url + "/")
    assert "GET / " not in server.log.read_text()
    with served(tmp_path / "data", tmp_path / "verbose.log", "--verbose") as verbose:
        fetch(verbose.url + "/")
        assert wait_until(lambda: "GET / HTTP/1.1" in verbose.log.read_text(), 10)


async def test_our_own_page_opens_the_app(server: Served) -> None:
    websocket = server.url.replace("http", "ws", 1) + "/ws?width=80&height=24"
    received = b""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(websocket, headers={"Origin": server.url}) as connection,
    ):
        # The app process starts and draws: Today's bars arrive as terminal output.
        while b"Magnesium" not in received:
            message = await connection.receive(timeout=20)
            assert message.type == aiohttp.WSMsgType.BINARY, message
            received += message.data
        await connection.close()
    assert b"Sunday 22 November 2026" in received

"""``mgtui serve``: the app in a browser tab, one app process per tab."""

from __future__ import annotations

import argparse
import errno
from typing import Any
from urllib.parse import urlsplit

from mgtui.cli import common
from mgtui.cli.errors import CliError, UsageError

# 127.0.0.1: this machine only. Anything else is asked for with --host, and warned of.
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

EPILOG = """\
examples:
  mgtui serve                        then open http://127.0.0.1:8000
  mgtui serve --port 8765
  ssh -L 8000:127.0.0.1:8000 host mgtui serve   a remote machine's app, kept private
  mgtui serve --host 0.0.0.0 --public-url http://192.168.1.20:8000

Each browser tab runs its own copy of the app on the same log as the terminal and
the CLI. The page loads nothing from outside this machine. There is no password:
anyone who can reach the port can read and change the log, so the server listens
on 127.0.0.1 (this machine only) unless --host says otherwise.
"""


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="the app in a browser tab (on 127.0.0.1 unless told otherwise)",
        description="Serve the app to a web browser with textual-serve.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "--host",
        metavar="H",
        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)",
    )
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="P", help=f"default {DEFAULT_PORT}"
    )
    serve.add_argument(
        "--public-url",
        type=_public_url,
        metavar="URL",
        help=(
            "the address browsers use to reach this server, when it is not http://H:P "
            "(a listen address like 0.0.0.0, a proxy)"
        ),
    )
    serve.add_argument(
        "--verbose", action="store_true", help="log every request (default: only problems)"
    )
    serve.set_defaults(handler=run_serve, long_running=True)


def _port(text: str) -> int:
    try:
        port = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text.strip()!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1 to 65535)")
    return port


def _public_url(text: str) -> str:
    url = text.strip()
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/"):
        raise argparse.ArgumentTypeError(f"{url!r} is not an http:// or https:// address")
    try:
        _ = urlsplit(url).port  # a port that is not a number fails here
    except ValueError:
        raise argparse.ArgumentTypeError(f"{url!r} has no valid port number") from None
    return url


def run_serve(args: argparse.Namespace) -> int:
    host: str = DEFAULT_HOST if args.host is None else args.host.strip()
    if not host:
        raise UsageError("--host: give an address, e.g. 127.0.0.1 or 0.0.0.0")
    # Opened once here so a problem with the folder or file shows now, in this
    # terminal, rather than in every browser tab; the folder is made private too.
    with common.opened_repository(args) as repo:
        data_dir = repo.data_dir
    # Imported here: textual-serve and aiohttp are for this command only.
    from mgtui.serve.server import WILDCARD_HOSTS, MgtuiServer, is_loopback

    if not is_loopback(host):
        common.warn(
            f"serving on {host}: anyone who can reach port {args.port} of this machine "
            "can read and change your log, with no password; the default, 127.0.0.1, "
            "keeps it to this machine"
        )
    server = MgtuiServer(
        data_dir, host=host, port=args.port, public_url=args.public_url, verbose=args.verbose
    )
    if args.public_url is None and host in WILDCARD_HOSTS:
        common.note(
            f"browsers must open {server.public_url}; if they know this machine by "
            "another name or address, pass it with --public-url"
        )
    try:
        server.serve()
    except OSError as error:
        hint = " (another server uses it: try --port)" if error.errno == errno.EADDRINUSE else ""
        raise CliError(f"cannot listen on {host} port {args.port}: {error}{hint}") from None
    return 0

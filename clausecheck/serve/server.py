"""Run the page: bind (loopback by default, port 0 = any free port), print the address with its
token, open the browser, serve until Ctrl-C. Werkzeug's request log is silenced: it would print
every address, token included."""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from collections.abc import Callable

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from ..config import Config
from .app import Counts, create_app
from .security import LOOPBACK_NAMES, TOKEN_FIELD, new_token

LOOPBACK = "127.0.0.1"


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's request handler without its per-request log lines (they hold the token)."""

    def log(self, type: str, message: str, *args: object) -> None:
        """Log nothing: the server only counts, see :class:`~clausecheck.serve.app.Counts`."""


def bind(host: str, port: int, token: str, config: Config) -> BaseWSGIServer:
    """A threaded server listening on ``host``:``port`` (0: a free port) with the app attached.

    The socket is bound here, so a port in use or an unknown host raises :class:`OSError` for the
    command to explain (werkzeug would print its own message and exit).
    """
    family = socket.AF_INET6 if _is_ipv6(host) else socket.AF_INET
    with socket.create_server((host, port), family=family) as listening:
        server = make_server(host, port, _unset, threaded=True, request_handler=QuietHandler,
                             fd=listening.fileno())
    server.app = create_app(token=token, host=host, port=server.port, config=config)
    return server


def address(server: BaseWSGIServer, token: str) -> str:
    """The page's address, token included."""
    host = server.host
    if _is_ipv6(host):
        host = f"[{host}]"
    return f"http://{host}:{server.port}/?{TOKEN_FIELD}={token}"


def run(
    host: str = LOOPBACK,
    port: int = 0,
    *,
    open_browser: bool = True,
    config: Config | None = None,
    echo: Callable[[str], None] = print,
) -> Counts:
    """Serve until Ctrl-C; return what was done (counts only)."""
    token = new_token()
    server = bind(host, port, token, config or Config())
    url = address(server, token)
    try:
        if host not in LOOPBACK_NAMES:
            echo(f"Warning: clausecheck is listening on {host}, not only on this computer. Other computers "
                 "that can reach this address may see the page (they still need the address with its "
                 "secret token). Use this only on a network you trust.")
        echo(f"clausecheck is running at {url}")
        echo("Open that address in your web browser if it does not open by itself. Your contract stays "
             "on this computer. Press Ctrl-C to stop.")
        if open_browser:
            webbrowser.open(url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C before serving started: stop the same way
    finally:
        server.server_close()
    counts: Counts = server.app.extensions["clausecheck"]
    echo(f"Stopped. Files checked: {counts.checked}; could not be checked: {counts.failed}; "
         f"requests refused: {counts.refused}.")
    return counts


def _unset(environ: object, start_response: object) -> object:
    raise RuntimeError("the app is attached right after binding")


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False

"""``clausecheck serve``: a page in your own browser where you drop a contract and read its report."""

from __future__ import annotations

import click

from ..config import load_config
from ..serve.server import LOOPBACK, run


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 lets other computers reach the page.")
@click.option("--no-browser", is_flag=True, help="Print the address but do not open a browser.")
def serve(port: int, host: str, no_browser: bool) -> None:
    """Open a page in your web browser to check a contract: choose or drop the file, read the report,
    download it. Everything stays on this computer; Ctrl-C stops it. Settings in clausecheck.toml
    (packs, rules, facts, limits) apply as for check."""
    config = load_config()
    try:
        run(host, port, open_browser=not no_browser, config=config, echo=click.echo)
    except OSError as error:  # binding failed: the port is taken, or the host is not an address here
        reason = error.strerror or str(error)
        raise click.ClickException(
            f"cannot listen on {host} port {port}: {reason}; choose another --port, or leave it out"
        ) from None

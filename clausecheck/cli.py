"""The ``clausecheck`` command line. Each subcommand lives in its own module under commands/."""

from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .errors import ClauseCheckError

# name -> "module:attribute", imported only when the command runs (keeps start-up fast)
COMMANDS: dict[str, str] = {
    "batch": ".commands.batch:batch",
    "check": ".commands.check:check",
    "explain": ".commands.explain:explain",
    "parse": ".commands.parse:parse",
    "rules": ".commands.rules:rules",
    "serve": ".commands.serve:serve",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        module = importlib.import_module(module_name, __package__)
        return getattr(module, attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausecheck")
def cli() -> None:
    """Check a contract or NDA against union AI provisions on consent, compensation and credit.

    clausecheck works offline: your contract never leaves your computer. It is not legal advice.
    """


def main(argv: list[str] | None = None) -> None:
    """Console entry point: clausecheck's own errors become one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="clausecheck", standalone_mode=True)
    except ClauseCheckError as error:
        click.echo(f"clausecheck: error: {error}", err=True)
        sys.exit(2)

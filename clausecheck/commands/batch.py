"""``clausecheck batch``: check many contracts at once, with a dashboard, CSVs and ``--resume``."""

from __future__ import annotations

import os
import shlex
import signal
import sys
from pathlib import Path
from types import FrameType

import click

from ..batch.runner import BatchInterrupted, BatchOptions, run_batch
from ..config import load_config
from ..limits import MiB

FORMATS = ("html", "json", "md")
CONTEXT_CHOICES = {
    "role": ("writer", "performer", "annotator"),
    "represented": ("counsel", "union", "none"),
    "status": ("employee", "contractor"),
    "union": ("wga", "sag-aftra", "none"),
}

EPILOG = """\b
OUTDIR receives: index.html (the dashboard), summary.csv (one row per contract,
a column per concern, an error column), findings.csv (one row per finding),
findings.jsonl, reports/ (one HTML and JSON report per contract), state/ and
manifest.json (what --resume reads). The CSV files are UTF-8 with a byte-order
mark; a text cell starting with = + - or @ gets a leading apostrophe.

\b
Exit status: 0 when no contract has a conflict at or above --fail-on, 1 when
one does, 2 when a file could not be read or the rules could not be used,
130 when stopped with Ctrl-C (run the same command with --resume to finish)."""


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated), not {value!r}")
    return chosen


def _state(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    if len(value) != 2 or not value.isalpha():
        raise click.BadParameter("a two-letter US state code such as CA or NY")
    return value.upper()


@click.command(epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports, dashboard and CSVs (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPU cores).")
@click.option("--resume", is_flag=True,
              help="Keep reports from an earlier run of the same files with the same rules; check the rest.")
@click.option("--pack", "packs", multiple=True, metavar="NAME",
              help="Built-in rule pack to run (repeatable).")
@click.option("--rules", "rules", multiple=True, type=click.Path(exists=True), metavar="DIR",
              help="Folder of your own rule files (repeatable).")
@click.option("--format", "formats", default="html,json", show_default=True, callback=_formats,
              help="Per-contract reports to write: html, json, md, comma-separated.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None, metavar="SECONDS",
              help="Stop checking a file after this long (default: limits.batch_file_timeout, 120 s).")
@click.option("--memory-limit", type=click.IntRange(min=256), default=2048, show_default=True, metavar="MIB",
              help="Address-space limit of each worker process, in MiB.")
@click.option("--only", multiple=True, metavar="CONCERN", help="Report only this concern (repeatable).")
@click.option("--ignore", multiple=True, metavar="CONCERN", help="Leave out this concern (repeatable).")
@click.option("--fail-on", type=click.Choice(["high", "medium", "low", "never"]), default=None,
              help="Exit 1 when a contract has a conflict or missing protection of this severity or higher "
              "(default: fail_on in clausecheck.toml, else low).")
@click.option("--state", callback=_state, help="US state whose law applies (e.g. CA).")
@click.option("--represented", type=click.Choice(CONTEXT_CHOICES["represented"]), help="Who represents you.")
@click.option("--role", type=click.Choice(CONTEXT_CHOICES["role"]), help="Your role.")
@click.option("--status", type=click.Choice(CONTEXT_CHOICES["status"]), help="How you are engaged.")
@click.option("--union", type=click.Choice(CONTEXT_CHOICES["union"]), help="Your union.")
@click.option("--no-reader", is_flag=True,
              help="Rules only: leave out the clause reader's findings (a model's, citing no provision).")
@click.option("-q", "--quiet", is_flag=True, help="No progress display; print the summary line only.")
def batch(paths: tuple[str, ...], outdir: Path, jobs: int | None, resume: bool, packs: tuple[str, ...],
          rules: tuple[str, ...], formats: tuple[str, ...], timeout: float | None, memory_limit: int,
          only: tuple[str, ...], ignore: tuple[str, ...], fail_on: str, state: str | None,
          represented: str | None, role: str | None, status: str | None, union: str | None,
          no_reader: bool, quiet: bool) -> None:
    """Check every contract under PATH (folders, recursively, or glob patterns) into OUTDIR.

    Files are recognised by their content, not their name; hidden files are skipped. Contracts are
    checked in parallel; a file that cannot be read gets an error row and the batch goes on.
    Defaults for packs, rules, --fail-on, the facts (--state ...) and [limits] (batch_file_timeout)
    come from clausecheck.toml, as for check.
    """
    config = load_config()
    chosen_packs, chosen_rules = config.rule_sources(packs, rules)
    context = config.context_with(
        {"state": state, "represented": represented, "role": role, "status": status, "union": union})
    options = BatchOptions(
        paths=list(paths), outdir=outdir, jobs=jobs or _cores(), resume=resume, formats=formats,
        packs=chosen_packs, rules=tuple(str(r) for r in chosen_rules), context=context, only=only,
        ignore=ignore, timeout=timeout, memory_bytes=memory_limit * MiB,
        fail_on=fail_on or config.fail_on or "low", limits=config.limits, progress=not quiet,
        reader=config.reader and not no_reader,
    )
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        result = run_batch(options)
    except (BatchInterrupted, KeyboardInterrupt) as stopped:
        what = str(stopped) if isinstance(stopped, BatchInterrupted) else "stopped"
        click.echo(f"clausecheck batch: {what}; the finished reports in {outdir} are kept.", err=True)
        click.echo(f"To finish, run: {_resume_command()}", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGTERM, previous)
    for rel, error in result.errors if not quiet else ():
        click.echo(f"clausecheck: {rel}: {error}", err=True)
    click.echo(result.summary_line())
    if not quiet:
        click.echo(f"Dashboard: {result.outdir / 'index.html'}")
    sys.exit(result.exit_status)


def _cores() -> int:
    """The cores this process may run on (the affinity mask, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _resume_command() -> str:
    args = sys.argv[1:]
    if "--resume" not in args:
        args = [*args, "--resume"]
    return "clausecheck " + shlex.join(args)

"""``clausecheck check FILE...``: check contracts and print or write one report each.

Exit status: 0 when no conflict or missing protection is at or above ``--fail-on``; 1 when one is;
2 when a file or the rules could not be used (with several files the others are still checked and
each bad file gets a one-line error). Errors win over findings: any unusable file means status 2.
"""

from __future__ import annotations

import os
import sys
import tempfile
import webbrowser
from dataclasses import dataclass
from pathlib import Path

import click

from .. import api
from ..atomic import write_atomic
from ..config import load_config
from ..errors import ClauseCheckError, OutputError, RuleError
from ..model import SEVERITIES, Report
from ..render import FORMATS, SUFFIXES, render
from ..render.summary import TO_RAISE, summarize
from ..render.view import one_line

FAIL_ON = ("high", "medium", "low", "never")
DEFAULT_FAIL_ON = "low"
CONTEXT_CHOICES = {
    "represented": ("counsel", "union", "none"),
    "role": ("writer", "performer", "annotator"),
    "status": ("employee", "contractor"),
    "union": ("wga", "sag-aftra", "none"),
}


def fails(report: Report, fail_on: str) -> bool:
    """True when a conflict or missing protection is at or above ``fail_on`` ("low" means any)."""
    if fail_on == "never":
        return False
    threshold = SEVERITIES.index(fail_on)
    return any(f.kind in TO_RAISE and SEVERITIES.index(f.severity) <= threshold for f in report.findings)


@dataclass
class Outcome:
    """What happened to one input file."""

    path: Path
    report: Report | None = None
    error: ClauseCheckError | None = None


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Report format. Default: from the -o file's suffix, else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write the report to this file (with several FILEs: into this folder) instead of printing it.",
)
@click.option("--pack", "packs", multiple=True, metavar="NAME", help="Built-in rule pack (repeatable).")
@click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder of your own rule files (repeatable).",
)
@click.option("--only", multiple=True, metavar="CONCERN", help="Report only this concern (repeatable).")
@click.option("--ignore", multiple=True, metavar="CONCERN", help="Leave out this concern (repeatable).")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default=None,
    help="Exit 1 when a conflict or missing protection of this severity or higher is found "
    "('medium' means medium or high; 'never' always exits 0 unless a file fails). "
    "Default: fail_on in clausecheck.toml, else 'low' (any conflict).",
)
@click.option("--open", "open_report", is_flag=True, help="Open the HTML report in your web browser.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the verdict.")
@click.option("--password", default=None, help="Password of an encrypted PDF.")
@click.option("--no-reader", is_flag=True,
              help="Rules only: leave out the clause reader's findings (a model's, citing no provision).")
@click.option("--state", default=None, metavar="XX", help="US state whose law applies, e.g. CA or NY.")
@click.option("--represented", type=click.Choice(CONTEXT_CHOICES["represented"]), default=None,
              help="Who negotiates for you.")
@click.option("--role", type=click.Choice(CONTEXT_CHOICES["role"]), default=None, help="Your kind of work.")
@click.option("--status", type=click.Choice(CONTEXT_CHOICES["status"]), default=None,
              help="How you are engaged.")
@click.option("--union", type=click.Choice(CONTEXT_CHOICES["union"]), default=None, help="Your union.")
def check(
    files: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    packs: tuple[str, ...],
    rule_dirs: tuple[Path, ...],
    only: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    open_report: bool,
    quiet: bool,
    password: str | None,
    no_reader: bool,
    state: str | None,
    represented: str | None,
    role: str | None,
    status: str | None,
    union: str | None,
) -> None:
    """Check contracts (PDF, Word, text) and report the clauses to raise before you sign.

    Exit status: 0 nothing at or above --fail-on, 1 something to raise, 2 a file or the rules
    could not be used. Defaults for packs, rules, --fail-on and the facts (--state ...) can be set
    in clausecheck.toml. Not legal advice.
    """
    fmt = _choose_format(fmt, output, open_report, len(files))
    config = load_config()
    chosen_packs, chosen_rules = config.rule_sources(packs, rule_dirs)
    context = config.context_with(
        {"state": state, "represented": represented, "role": role, "status": status, "union": union}
    )
    fail_on = fail_on or config.fail_on or DEFAULT_FAIL_ON
    outcomes = []
    for path in files:
        outcome = Outcome(path)
        try:
            outcome.report = api.check(
                path,
                packs=chosen_packs,
                rules=chosen_rules,
                context=context,
                only=only,
                ignore=ignore,
                password=password,
                limits=config.limits,
                reader=config.reader and not no_reader,
            )
        except RuleError:
            raise
        except ClauseCheckError as error:
            outcome.error = error
            click.echo(f"clausecheck: error: {one_line(str(error))}", err=True)
        outcomes.append(outcome)
    good = [o for o in outcomes if o.report is not None]
    written = _emit(good, fmt, output, files, quiet, open_report)
    if open_report:
        for path in written:
            webbrowser.open(path.resolve().as_uri())
    if any(o.error for o in outcomes):
        sys.exit(2)
    sys.exit(1 if any(fails(o.report, fail_on) for o in good if o.report) else 0)


def _choose_format(fmt: str | None, output: Path | None, open_report: bool, count: int) -> str:
    if open_report:
        if fmt not in (None, "html"):
            raise click.UsageError("--open shows an HTML report; leave out --format or use --format html")
        return "html"
    if fmt is None and output is not None and count == 1:
        by_suffix = {suffix: name for name, suffix in SUFFIXES.items()} | {".htm": "html", ".markdown": "md"}
        fmt = by_suffix.get(output.suffix.lower())
    fmt = fmt or "text"
    if fmt == "html" and output is None and count > 1:
        raise click.UsageError("several HTML reports need a folder: add -o FOLDER")
    return fmt


def _emit(
    outcomes: list[Outcome],
    fmt: str,
    output: Path | None,
    inputs: tuple[Path, ...],
    quiet: bool,
    open_report: bool,
) -> list[Path]:
    """Print the reports, or write them; return the files written."""
    if output is None and not open_report:
        _print(outcomes, fmt, quiet)
        return []
    if output is None:
        output = Path(tempfile.mkdtemp(prefix="clausecheck-"))
    protected = {_resolved(p) for p in inputs}
    targets = _targets(outcomes, fmt, output, len(inputs), protected)
    written = []
    for outcome, target in zip(outcomes, targets, strict=True):
        if _resolved(target) in protected:
            raise OutputError(str(target), "it is one of the input files; choose another -o")
        assert outcome.report is not None
        write_atomic(target, render(outcome.report, fmt))
        written.append(target)
        if not quiet:
            click.echo(f"{one_line(str(target))}: {summarize(outcome.report).verdict}")
    return written


def _print(outcomes: list[Outcome], fmt: str, quiet: bool) -> None:
    color = fmt == "text" and _use_color()
    several = len(outcomes) > 1
    for n, outcome in enumerate(outcomes):
        assert outcome.report is not None
        if fmt == "json" and several:
            from ..render.json import render_json

            click.echo(render_json(outcome.report, compact=True))
            continue
        text = render(outcome.report, fmt, color=color, quiet=quiet)
        if fmt == "text" and quiet and several:
            text = f"{one_line(str(outcome.path))}: {text}"
        elif n and fmt in ("text", "md"):
            click.echo("\n---\n" if fmt == "md" else "")
        click.echo(text, nl=False, color=color)


def _targets(
    outcomes: list[Outcome], fmt: str, output: Path, count: int, protected: set[Path]
) -> list[Path]:
    """Where each report goes: ``output`` itself, or ``output/<name><suffix>`` for a folder, numbered
    ("-2") so that no two reports share a name and none takes an input file's name."""
    if count == 1 and not output.is_dir():
        return [output]
    if output.exists() and not output.is_dir():
        raise OutputError(str(output), "with several files, -o must be a folder")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(output), exc.strerror or str(exc)) from None
    taken: set[str] = set()
    targets = []
    for outcome in outcomes:
        stem = outcome.path.stem or "report"
        name, n = f"{stem}{SUFFIXES[fmt]}", 1
        while name in taken or _resolved(output / name) in protected:
            n += 1
            name = f"{stem}-{n}{SUFFIXES[fmt]}"
        taken.add(name)
        targets.append(output / name)
    return targets


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _use_color() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


"""The terminal report: a verdict line, counts by group and severity, then one entry per finding.

Every line fits in 80 columns. Text from the contract or a rule passes through
:func:`~clausecheck.render.view.one_line`, so a file cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from ..model import Finding, Report
from ..reader.findings import PACK as READER
from .summary import Summary, issues, summarize
from .view import excerpt, file_name, location, one_line

WIDTH = 80
INDENT = " " * 9
Paint = Callable[[str, str], str]
COLOURS = {"high": "31", "medium": "33", "low": "36", "protection": "32", "verdict": "1", "dim": "2"}


def render_text(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The terminal report; ``quiet`` gives the verdict line alone (plus the coverage caveat)."""
    summary = summarize(report)
    paint = _painter(color)
    lines = [paint(summary.level if summary.to_raise else "protection", _fit(summary.verdict, WIDTH))]
    if summary.caveat:
        lines += _wrap(summary.caveat, WIDTH, "")
    if quiet:
        return "\n".join(lines) + "\n"
    lines.insert(0, paint("verdict", _fit(f"clausecheck: {one_line(file_name(report))}", WIDTH)))
    lines += ["", *_counts_table(summary)]
    if summary.issues:
        lines += ["", "To raise before you sign:"]
        for members in summary.issues:
            lines += _entry(report, report.findings[members[0]], paint, len(members))
    protections = issues(report, ("protection",))
    if protections:
        lines += ["", "Protections found:"]
        for members in protections:
            lines += _entry(report, report.findings[members[0]], paint, len(members))
    if report.set_aside:
        lines += ["", "Set aside (a rule matched, the clause reader rates it very unlikely; not counted):"]
        for finding in report.set_aside:
            lines += _entry(report, finding, paint, aside=True)
    lines += ["", paint("dim", "Not legal advice. For the full report: --format html -o report.html")]
    return "\n".join(lines) + "\n"


def _painter(color: bool) -> Paint:
    def paint(style: str, text: str) -> str:
        code = COLOURS.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if color and code else text

    return paint


def _counts_table(summary: Summary) -> list[str]:
    header = f"{'':<28}{'high':>6}{'medium':>8}{'low':>6}{'protections':>14}"
    rows = [header]
    for g in summary.groups:
        rows.append(f"{_fit(one_line(g.name), 27):<28}{g.high:>6}{g.medium:>8}{g.low:>6}{g.protections:>14}")
    by = summary.by_severity
    total = sum(g.protections for g in summary.groups)
    rows.append(f"{'Total':<28}{by['high']:>6}{by['medium']:>8}{by['low']:>6}{total:>14}")
    return rows


def _entry(report: Report, finding: Finding, paint: Paint, rules: int = 1, aside: bool = False) -> list[str]:
    where = location(report, finding)
    label = "PROTECTS" if finding.kind == "protection" else finding.severity.upper()
    style = "protection" if finding.kind == "protection" else finding.severity
    if aside:
        label, style = "ASIDE", "dim"
    concern = one_line(finding.concern)
    if finding.kind == "missing":
        concern += " (missing)"
    if finding.pack == READER:
        concern += " (reader: no rule matched)"
    place = one_line(where.cite)
    if where.change == "inserted":
        place += " (inserted)"
    head = f"{label:<8} {concern}  {place}" + (f"  ({rules} rules)" if rules > 1 else "")
    lines = [paint(style, label) + _fit(head, WIDTH)[len(label) :]]
    quote = excerpt(report, finding, WIDTH - len(INDENT) - 2)
    if quote:
        lines.append(INDENT + '"' + quote + '"')
    return lines


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [""]

"""One contract, inside a worker process: load, check, render, write its reports, commit its record.

The parent sends a :class:`Task` and gets back a few fields; the record (verdict, counts per
concern, finding rows) goes to disk and the document never leaves the worker, so the parent's
memory stays flat however large the batch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..engine import Context
from ..errors import ClauseCheckError, OutputError, RuleError
from ..limits import DEFAULT_LIMITS, Limits
from ..memory import peak_rss_kib
from ..model import Report
from ..render.json import finding_dict
from ..render.summary import SEVERITY_RANK, summarize
from .discovery import one_line
from .parties import preamble_parties
from .state import REPORTS_DIR, report_name, write_record


@dataclass(frozen=True)
class Task:
    """What a worker needs to check one file."""

    rel: str
    path: str
    outdir: str
    formats: tuple[str, ...] = ("html", "json")
    packs: tuple[str, ...] | None = None
    rules: tuple[str, ...] = ()
    context: Context = field(default_factory=Context)
    only: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    options: str = ""
    limits: Limits = DEFAULT_LIMITS
    reader: bool = True


def check_one(task: Task) -> dict[str, Any]:
    """Check ``task``'s file and commit its record; return what the parent needs of it (rel, sha256,
    outputs, level, pages), or ``{"rel", "error"}`` / ``{"rel", "fatal"}``.

    A file clausecheck cannot read becomes an error (the batch goes on). A report that cannot be
    written (full disk, read-only folder) or rules that cannot be used (a rule file edited into a
    broken state during the run) are fatal: the batch stops.
    """
    from ..api import check
    from ..loaders import load

    started = _clocks()
    try:
        document = load(task.path, limits=task.limits)
        loaded = _clocks()
        report = check(document, packs=list(task.packs) if task.packs is not None else None,
                       rules=task.rules, context=task.context, only=task.only,
                       ignore=task.ignore, limits=task.limits, reader=task.reader)
    except (OutputError, RuleError) as error:
        return {"rel": task.rel, "fatal": str(error)}
    except ClauseCheckError as error:
        return {"rel": task.rel, "error": one_line(error, Path(task.path))}
    checked = _clocks()
    try:
        outputs, rendering = write_reports(report, task)
        written = _clocks()
        record = build_record(report, task, outputs)
        for key, clock in (("seconds", 0), ("cpu_seconds", 1)):  # wall time, and this process's CPU time
            record[key] = {
                "load": round(loaded[clock] - started[clock], 4),
                "check": round(checked[clock] - loaded[clock], 4),
                "render": round(rendering[clock], 4),
                "write": round(written[clock] - checked[clock] - rendering[clock], 4),
            }
        record["worker_peak_rss_kib"] = peak_rss_kib()
        write_record(Path(task.outdir), record)
    except OutputError as error:
        return {"rel": task.rel, "fatal": str(error)}
    return {key: record[key] for key in ("rel", "sha256", "outputs", "level", "pages")}


def write_reports(report: Report, task: Task) -> tuple[dict[str, str], tuple[float, float]]:
    """Render and write each requested format: ``({format: path relative to outdir}, (render wall
    seconds, render CPU seconds))``."""
    from ..render import SUFFIXES, render

    outputs: dict[str, str] = {}
    wall = cpu = 0.0
    name = report_name(task.rel)
    for fmt in task.formats:
        relative = f"{REPORTS_DIR}/{name}{SUFFIXES[fmt]}"
        started = _clocks()
        text = render(report, fmt)
        ended = _clocks()
        wall, cpu = wall + ended[0] - started[0], cpu + ended[1] - started[1]
        write_atomic(Path(task.outdir) / relative, text)
        outputs[fmt] = relative
    return outputs, (wall, cpu)


def _clocks() -> tuple[float, float]:
    """(wall clock, this process's CPU time): on a busy machine the CPU time shows what a stage
    costs, where its wall time also counts the waits for a core."""
    return time.perf_counter(), time.process_time()


def build_record(report: Report, task: Task, outputs: dict[str, str]) -> dict[str, Any]:
    """The contract's record: what the CSVs, the dashboard and ``--resume`` need, nothing more."""
    summary = summarize(report)
    names, aliases = preamble_parties(report.document.text)
    concerns: dict[str, list[Any]] = {}
    for members in summary.issues:  # one issue per concern, kind and clause, as every report counts
        head = report.findings[members[0]]
        count, level = concerns.get(head.concern, [0, "none"])
        if level == "none" or SEVERITY_RANK.get(head.severity, 9) < SEVERITY_RANK.get(level, 9):
            level = head.severity
        concerns[head.concern] = [count + 1, level]
    return {
        "rel": task.rel,
        "sha256": report.document.sha256,
        "rules_version": report.rules_version,
        "options": task.options,
        "format": report.document.format,
        "pages": report.document.pages,
        "parties": names,
        "aliases": aliases,
        "verdict": summary.verdict,
        "level": summary.level,
        "to_raise": summary.to_raise,
        "by_severity": dict(summary.by_severity),
        "protections": summary.protections,
        "caveat": summary.caveat,
        "concerns": concerns,
        "outputs": outputs,
        "findings": [finding_dict(report, i, f) for i, f in enumerate(report.findings)],
    }

"""A whole batch: find the files, skip what ``--resume`` may keep, check the rest in workers, then
write the tables, the dashboard and the manifest from the per-file records in relative-path order
(so the outputs are the same whatever the number of workers)."""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import as_context
from ..atomic import write_atomic
from ..engine import Context
from ..errors import ClauseCheckError, InputError, OutputError
from ..limits import DEFAULT_LIMITS, Limits
from ..loaders import file_sha256
from ..model import SEVERITIES
from ..render.summary import SEVERITY_RANK, TO_RAISE, load_concerns
from .dashboard import Row, render_dashboard
from .discovery import Candidate, discover
from .pool import run_pool
from .progress import Progress
from .recurring import Grouper
from .state import REPORTS_DIR, STATE_DIR, ManifestEntry, fingerprint, read_record, reusable, write_manifest
from .tables import Tables
from .worker import Task, check_one

MANIFEST_EVERY = 5.0
GiB = 1024 * 1024 * 1024


@dataclass
class BatchOptions:
    """Everything ``clausecheck batch`` was asked to do."""

    paths: list[str]
    outdir: Path
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    resume: bool = False
    formats: tuple[str, ...] = ("html", "json")
    packs: tuple[str, ...] | None = None
    rules: tuple[str, ...] = ()
    context: Context | dict[str, str] = field(default_factory=dict)
    only: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    timeout: float | None = None
    memory_bytes: int | None = 2 * GiB
    limits: Limits = DEFAULT_LIMITS
    fail_on: str = "low"
    progress: bool = True
    reader: bool = True  # add the clause reader's findings


@dataclass
class BatchResult:
    """What the run did, for the summary line and the exit status."""

    total: int
    reused: int
    levels: Counter[str]
    errors: list[tuple[str, str]]
    fail_on: str
    outdir: Path

    @property
    def exit_status(self) -> int:
        """2 when a file could not be checked, else 1 when a contract has a finding at or above
        ``fail_on``, else 0."""
        if self.errors:
            return 2
        if self.fail_on == "never":
            return 0
        limit = SEVERITY_RANK[self.fail_on]
        return int(any(n and SEVERITY_RANK.get(level, 9) <= limit for level, n in self.levels.items()))

    def summary_line(self) -> str:
        """ "312 contracts: 40 with high conflicts, 3 could not be read"."""
        parts = [f"{self.levels[s]} with {s} conflicts" for s in SEVERITIES if self.levels[s]]
        if self.levels["none"]:
            parts.append(f"{self.levels['none']} with none found")
        if self.errors:
            parts.append(f"{len(self.errors)} could not be read")
        noun = "contract" if self.total == 1 else "contracts"
        line = f"{self.total} {noun}: " + (", ".join(parts) if parts else "none checked")
        if self.reused:
            line += f" ({self.reused} kept from the last run)"
        return line


class BatchInterrupted(Exception):
    """Ctrl-C (or SIGTERM) stopped the batch; finished reports and the manifest were kept."""

    def __init__(self, done: int, total: int) -> None:
        self.done = done
        self.total = total
        super().__init__(f"stopped after {done} of {total} files")


class BatchStopped(ClauseCheckError):
    """A worker hit a problem no other file can get past (output not writable, rules broken)."""


WorkerTarget = Callable[[Task], dict[str, Any]]


def run_batch(options: BatchOptions, *, target: WorkerTarget = check_one) -> BatchResult:
    """Run the batch ``options`` describes; ``target`` checks one file in a worker process."""
    rules_version = probe_rules(options)
    candidates = discover(options.paths, options.outdir.resolve())
    if not candidates:
        raise InputError(" ".join(options.paths), "no files to check here (hidden files are skipped)")
    outdir = prepare_outdir(options.outdir)
    context = as_context(options.context)
    settings = {"tool_version": __version__, "packs": options.packs,
                "rules": [str(Path(r).resolve()) for r in options.rules],
                "context": {k: v for k, v in asdict(context).items() if k != "origins"},
                "only": sorted(options.only), "ignore": sorted(options.ignore),
                "formats": list(options.formats), "reader": options.reader}
    options_id = fingerprint(settings)
    entries = {c.rel: ManifestEntry(c.rel) for c in candidates}
    header = {"tool": "clausecheck", "tool_version": __version__, "rules_version": rules_version,
              "options": options_id, "settings": settings, "complete": False}
    tasks: list[Task] = []
    reused = 0
    for candidate in candidates:
        entry = entries[candidate.rel]
        if candidate.error is not None:
            entry.status, entry.error = "error", candidate.error
            continue
        if options.resume:
            entry.sha256 = file_sha256(candidate.path)
            record = reusable(outdir, candidate.rel, sha256=entry.sha256, rules_version=rules_version,
                              options=options_id)
            if record is not None:
                entry.status, entry.outputs = "done", record["outputs"]
                reused += 1
                continue
        tasks.append(_task(candidate, outdir, options, options_id))
    # Largest files first, so no big contract starts last and keeps one worker busy alone at the end;
    # the outputs are written in relative-path order afterwards, whatever the order of work.
    tasks.sort(key=lambda task: (-_size(task.path), task.rel))
    progress = Progress(len(candidates), enabled=options.progress)
    progress.done = len(candidates) - len(tasks)
    progress.errors = sum(1 for e in entries.values() if e.status == "error")
    _execute(tasks, target, options, entries, progress, outdir, header)
    result = finish(candidates, entries, outdir, options, reused)
    write_manifest(outdir, list(entries.values()), header={**header, "complete": True})
    return result


def prepare_outdir(outdir: Path) -> Path:
    """Create OUTDIR with its reports/ and state/ folders and prove it is writable, before any work."""
    try:
        for folder in (outdir, outdir / REPORTS_DIR, outdir / STATE_DIR):
            folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(outdir), error.strerror or str(error)) from None
    remove_partial_files(outdir)
    probe = outdir / STATE_DIR / ".write-test"
    write_atomic(probe, b"")
    probe.unlink()
    return outdir.resolve()


def remove_partial_files(outdir: Path) -> None:
    """Remove the temporary files of writes that never finished: a worker killed mid-write (when the
    batch stops on an error or Ctrl-C, or a run that was itself killed) cannot remove its own."""
    for folder in (outdir, outdir / REPORTS_DIR, outdir / STATE_DIR):
        for stale in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink(missing_ok=True)


def probe_rules(options: BatchOptions) -> str:
    """Load and validate the rules and build their engine once before any worker starts; return their
    version.

    A broken rule file stops the batch here with its file:line:column error (exit 2), instead of
    turning every contract into an error row; forked workers inherit the loaded rules and the engine.
    """
    from ..api import prepare, rules_version

    ruleset = prepare(list(options.packs) if options.packs is not None else None, options.rules,
                      options.only, options.ignore, options.limits, reader=options.reader)
    return rules_version(ruleset, options.reader, options.only, options.ignore)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _task(candidate: Candidate, outdir: Path, options: BatchOptions, options_id: str) -> Task:
    return Task(rel=candidate.rel, path=str(candidate.path), outdir=str(outdir), formats=options.formats,
                packs=options.packs, rules=options.rules, context=as_context(options.context),
                only=options.only, ignore=options.ignore, options=options_id, limits=options.limits,
                reader=options.reader)


def _execute(tasks: list[Task], target: WorkerTarget, options: BatchOptions,
             entries: dict[str, ManifestEntry], progress: Progress, outdir: Path,
             header: dict[str, Any]) -> None:
    """Run the tasks in the pool, keeping the manifest current; Ctrl-C becomes BatchInterrupted."""
    last_manifest = time.monotonic()

    def on_done(task: Task, result: dict[str, Any] | None, failure: str | None) -> None:
        entry = entries[task.rel]
        if result is not None and "fatal" in result:
            raise BatchStopped(result["fatal"])
        if result is None or "error" in result:
            entry.status, entry.error = "error", failure or (result or {}).get("error", "")
        else:
            entry.status, entry.sha256, entry.outputs = "done", result["sha256"], result["outputs"]
        progress.advance(error=entry.status == "error")

    def on_tick() -> None:
        nonlocal last_manifest
        progress.show()
        if time.monotonic() - last_manifest >= MANIFEST_EVERY:
            write_manifest(outdir, list(entries.values()), header=header)
            last_manifest = time.monotonic()

    timeout = options.timeout if options.timeout is not None else options.limits.batch_file_timeout
    try:
        run_pool(tasks, target, on_done, jobs=max(1, options.jobs), timeout=timeout,
                 memory_bytes=options.memory_bytes, on_tick=on_tick)
    except KeyboardInterrupt:
        progress.close()
        remove_partial_files(outdir)  # the pool killed its workers, some perhaps mid-write
        _save_manifest_quietly(outdir, entries, header)
        done = sum(1 for e in entries.values() if e.status != "pending")
        raise BatchInterrupted(done, len(entries)) from None
    except ClauseCheckError:
        progress.close()
        remove_partial_files(outdir)
        _save_manifest_quietly(outdir, entries, header)
        raise
    progress.close()


def _save_manifest_quietly(outdir: Path, entries: dict[str, ManifestEntry], header: dict[str, Any]) -> None:
    with contextlib.suppress(OutputError):
        write_manifest(outdir, list(entries.values()), header=header)


def finish(candidates: list[Candidate], entries: dict[str, ManifestEntry], outdir: Path,
           options: BatchOptions, reused: int) -> BatchResult:
    """Read the records back in relative-path order and write the tables and the dashboard."""
    grouper = Grouper()
    rows: list[Row] = []
    failed: list[tuple[str, str]] = []
    levels: Counter[str] = Counter()
    with Tables(outdir, list(load_concerns().concerns)) as tables:
        for candidate in candidates:
            entry = entries[candidate.rel]
            record = read_record(outdir, candidate.rel) if entry.status == "done" else None
            if record is None:
                error = entry.error or "not checked"
                entry.status, entry.error = "error", error
                failed.append((candidate.rel, error))
                tables.add_error(candidate.rel, candidate.fmt, error)
                continue
            levels[record["level"]] += 1
            tables.add_record(record)
            rows.append(Row.from_record(record))
            for finding in record["findings"]:
                if finding["kind"] in TO_RAISE:
                    grouper.add(finding["quote"], contract=record["rel"], parties=record["parties"],
                                aliases=record["aliases"], concern=finding["concern"],
                                severity=finding["severity"])
    result = BatchResult(total=len(candidates), reused=reused, levels=levels, errors=failed,
                         fail_on=options.fail_on, outdir=outdir)
    write_atomic(outdir / "index.html", render_dashboard(rows, failed, grouper.recurring(), result))
    return result

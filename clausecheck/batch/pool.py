"""Worker processes with a watchdog: one task per worker at a time, crashed or hung workers replaced.

``multiprocessing.Pool`` and ``concurrent.futures`` cannot say which task a dead worker held, nor
stop one task that hangs. Here each worker has its own two one-way pipes (tasks in, results out; no
sockets) and runs one task at a time; the parent waits on every pipe and process sentinel with a
deadline, so a crash (segfault, ``os._exit``) or a task past its time limit is pinned on its file,
the worker is killed and a fresh one takes the next task.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

_PR_SET_PDEATHSIG = 1
Target = Callable[[Any], Any]
OnDone = Callable[[Any, Any, "str | None"], None]


@dataclass
class _Slot:
    process: Any
    conn: Connection
    tasks: Connection
    task: Any = None
    deadline: float = 0.0
    busy: bool = False


@dataclass
class PoolStats:
    """What happened to the workers themselves (not to the files)."""

    started: int = 0
    crashed: int = 0
    timed_out: int = 0
    replaced: list[int] = field(default_factory=list)


def run_pool(tasks: Iterable[Any], target: Target, on_done: OnDone, *, jobs: int, timeout: float,
             memory_bytes: int | None = None, on_tick: Callable[[], None] | None = None,
             tick: float = 0.5) -> PoolStats:
    """Run ``target(task)`` for every task in up to ``jobs`` worker processes.

    ``on_done(task, result, failure)`` is called in the parent as each task ends: ``failure`` is
    None on success, else one line (the worker crashed, ran past ``timeout`` seconds, ran out of
    memory, or raised). ``memory_bytes`` caps each worker's address space (RLIMIT_AS). On any
    exception in the parent (Ctrl-C included) every worker is killed before it propagates.
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    stats = PoolStats()
    queue: Iterator[Any] = iter(tasks)
    slots: list[_Slot] = []
    exhausted = False
    try:
        while True:
            if not exhausted:
                exhausted = _fill(slots, queue, context, target, memory_bytes, timeout, jobs, stats)
            busy = [s for s in slots if s.busy]
            if not busy:
                return stats
            now = time.monotonic()
            wait_for = max(0.0, min(min(s.deadline for s in busy) - now, tick))
            ready = set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], wait_for))
            for slot in busy:
                _check(slot, ready, slots, on_done, timeout, stats)
            if on_tick is not None:
                on_tick()
    finally:
        for slot in slots:
            _stop(slot)


def _fill(slots: list[_Slot], queue: Iterator[Any], context: Any, target: Target,
          memory_bytes: int | None, timeout: float, jobs: int, stats: PoolStats) -> bool:
    """Give a task to every idle worker, starting workers up to ``jobs``; True when tasks ran out."""
    while True:
        idle = next((s for s in slots if not s.busy), None)
        if idle is None and len(slots) >= jobs:
            return False
        try:
            task = next(queue)
        except StopIteration:
            return True
        if idle is None:
            idle = _start(context, target, memory_bytes)
            slots.append(idle)
            stats.started += 1
        idle.tasks.send(task)
        idle.task, idle.busy, idle.deadline = task, True, time.monotonic() + timeout


def _check(slot: _Slot, ready: set[Any], slots: list[_Slot], on_done: OnDone, timeout: float,
           stats: PoolStats) -> None:
    if slot.conn in ready or slot.process.sentinel in ready:
        message = _receive(slot)
        if message is not None:
            slot.busy = False
            status, value = message
            if status == "ok":
                on_done(slot.task, value, None)
            else:
                on_done(slot.task, None, value)
            return
        if slot.process.sentinel in ready or not slot.process.is_alive():
            stats.crashed += 1
            _retire(slot, slots, stats)
            on_done(slot.task, None, _death(slot.process.exitcode))
            return
    if time.monotonic() >= slot.deadline:
        stats.timed_out += 1
        _retire(slot, slots, stats)
        on_done(slot.task, None, f"took longer than {timeout:g} s and was stopped (raise it with --timeout)")


def _receive(slot: _Slot) -> tuple[str, Any] | None:
    try:
        if slot.conn.poll():
            return slot.conn.recv()
    except (EOFError, OSError):
        return None
    return None


def _retire(slot: _Slot, slots: list[_Slot], stats: PoolStats) -> None:
    _stop(slot)
    stats.replaced.append(slot.process.pid)
    slots.remove(slot)


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker checking this file crashed ({name}); the file was skipped"
    return f"the worker checking this file exited unexpectedly (status {exitcode}); the file was skipped"


def _start(context: Any, target: Target, memory_bytes: int | None) -> _Slot:
    """A worker with two one-way OS pipes (tasks in, results out): no sockets anywhere."""
    task_out, task_in = context.Pipe(duplex=False)
    result_out, result_in = context.Pipe(duplex=False)
    process = context.Process(target=_worker_main, args=(task_out, result_in, target, memory_bytes),
                              daemon=True)
    process.start()
    task_out.close()
    result_in.close()
    return _Slot(process, result_out, task_in)


def _stop(slot: _Slot) -> None:
    if slot.process.is_alive():
        slot.process.kill()
    slot.process.join(5)
    slot.conn.close()
    slot.tasks.close()


def _worker_main(tasks: Connection, results: Connection, target: Target, memory_bytes: int | None) -> None:
    """The worker loop: take a task, run it, send ("ok", result) or ("error", one line)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if memory_bytes:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply: tuple[str, Any] = ("ok", target(task))
        except MemoryError:
            reply = ("error", f"ran out of memory (the worker limit is {_mib(memory_bytes)})")
        except Exception as error:  # a bug in clausecheck: report it on the file, keep the batch going
            where = traceback.extract_tb(error.__traceback__)[-1]
            detail = " ".join(str(error).split())[:300]
            reply = ("error", f"internal error: {type(error).__name__}: {detail} "
                              f"({os.path.basename(where.filename)}:{where.lineno})")
        results.send(reply)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker if the batch process dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def _mib(value: int | None) -> str:
    return f"{value // (1024 * 1024)} MiB" if value else "unlimited"

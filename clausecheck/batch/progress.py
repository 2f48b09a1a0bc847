"""The batch's progress on stderr: a bar redrawn in place on a terminal, else a plain line now and then."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """done/total, errors and the time left, from the rate so far."""

    def __init__(self, total: int, *, stream: TextIO | None = None, every: float = 10.0,
                 enabled: bool = True) -> None:
        self.total = total
        self.done = 0
        self.errors = 0
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = 0.2 if self.tty else every
        self.enabled = enabled and total > 0
        self._started = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def advance(self, *, error: bool = False) -> None:
        """One more file finished (``error`` when it could not be checked)."""
        self.done += 1
        self.errors += int(error)
        self.show()

    def show(self, *, force: bool = False) -> None:
        """Draw the line if enough time has passed (always when ``force``)."""
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < self.every):
            return
        self._last = now
        if self.tty:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self._drawn = True
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Finish the bar's line so later output starts on a fresh one."""
        if self.enabled:
            self.show(force=True)
            if self._drawn:
                self.stream.write("\n")
                self.stream.flush()

    def line(self, now: float) -> str:
        """``[#####.....] 120/312 files, 3 errors, about 2m10s left``."""
        elapsed = now - self._started
        left = ""
        if 0 < self.done < self.total:
            left = f", about {_duration(elapsed / self.done * (self.total - self.done))} left"
        elif self.done >= self.total:
            left = f", took {_duration(elapsed)}"
        errors = f", {self.errors} error{'s' if self.errors != 1 else ''}"
        counts = f"{self.done}/{self.total} files{errors}{left}"
        if not self.tty:
            return f"clausecheck batch: {counts}"
        width = 24
        filled = width * self.done // self.total
        return f"[{'#' * filled}{'.' * (width - filled)}] {counts}"


def _duration(value: float) -> str:
    seconds = round(value)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"

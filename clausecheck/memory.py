"""How much memory this process has used at most."""

from __future__ import annotations

import resource
from pathlib import Path

STATUS = Path("/proc/self/status")


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB: the kernel's high-water mark for its own memory
    (``VmHWM`` in /proc/self/status), where there is one. ``ru_maxrss`` is the fallback elsewhere; on
    Linux it also counts the parent's peak in a child started with fork and exec, which made a small
    child look as large as the test run that started it."""
    try:
        for line in STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

"""A process's own peak memory: a child started by a large parent reports its own, not the parent's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from clausecheck.memory import STATUS, peak_rss_kib

CHILD = "from clausecheck.memory import peak_rss_kib; print(peak_rss_kib())"


def test_the_peak_is_at_least_what_the_process_holds_now() -> None:
    held = bytearray(64 << 20)  # 64 MiB, written so its pages are resident
    held[::4096] = b"x" * len(held[::4096])
    assert peak_rss_kib() >= 64 * 1024
    del held


@pytest.mark.skipif(not STATUS.exists(), reason="needs /proc (Linux)")
def test_a_child_started_by_a_large_parent_reports_its_own_peak() -> None:
    held = bytearray(200 << 20)
    held[::4096] = b"x" * len(held[::4096])
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert int(done.stdout) < 100 * 1024  # a bare interpreter and one module: tens of MiB, not 200
    del held

"""Run clausecheck in a child process with the network blocked (tests/netblock_site/sitecustomize.py)."""

from __future__ import annotations

import os
from pathlib import Path

SITE = Path(__file__).resolve().parent / "netblock_site"


def blocked_environment(env: dict[str, str], log: Path) -> dict[str, str]:
    """``env`` with the blocker first on PYTHONPATH (so every Python child, batch workers included,
    loads it) and attempts logged to ``log``."""
    blocked = dict(env)
    blocked["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SITE), env.get("PYTHONPATH")]))
    blocked["NETBLOCK_LOG"] = str(log)
    return blocked


def attempts(log: Path) -> list[str]:
    """The network attempts logged so far (none if the log was never written)."""
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []

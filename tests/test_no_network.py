"""clausecheck never touches the network: check, parse and rules test give the same output with every
socket blocked (tests/netblock_site/sitecustomize.py), and not one attempt is logged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from netblock import attempts, blocked_environment
from test_batch_support import environment

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
FILES = [CONTRACTS / "writer-pilot-ai-grant.docx", CONTRACTS / "gig-platform-tos.pdf",
         CONTRACTS / "nda-pay-union-gag.txt"]


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clausecheck", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300, check=False)


def both(args: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str],
                                                   subprocess.CompletedProcess[str], Path]:
    """The command run normally and with the network blocked; returns both results and the log."""
    log = tmp_path / "network-attempts.log"
    free = run(args, environment(), tmp_path)
    blocked = run(args, blocked_environment(environment(), log), tmp_path)
    return free, blocked, log


def test_the_blocker_blocks_and_logs(tmp_path: Path) -> None:
    """Without this, a passing test below could mean a blocker that does nothing."""
    log = tmp_path / "attempts.log"
    probe = ("import urllib.request\n"
             "try:\n    urllib.request.urlopen('http://127.0.0.1:9/', timeout=2)\n"
             "except Exception as error:\n    print(error)\n"
             "import _socket\n"
             "try:\n    _socket.socket(_socket.AF_INET6, _socket.SOCK_DGRAM)\n"
             "except OSError as error:\n    print(error)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env=blocked_environment(environment(), log), check=True)
    assert done.stdout.count("network access attempted") == 2
    assert [line.split(" ", 1)[1] for line in attempts(log)] == [
        "socket.create_connection", "socket.__new__(family=10)"]


def test_check_gives_the_same_report_offline(tmp_path: Path) -> None:
    free, blocked, log = both(["check", *map(str, FILES)], tmp_path)
    assert free.returncode == 1, free.stderr
    assert (blocked.returncode, blocked.stdout, blocked.stderr) == (free.returncode, free.stdout, free.stderr)
    assert "clause 4.2, p. 1" in blocked.stdout
    assert attempts(log) == []


def test_check_writes_the_same_json_and_html_offline(tmp_path: Path) -> None:
    outputs = {}
    for name in ("free", "blocked"):
        (tmp_path / name).mkdir()
    log = tmp_path / "network-attempts.log"
    for name, env in (("free", environment()), ("blocked", blocked_environment(environment(), log))):
        for suffix in ("json", "html"):
            out = tmp_path / name / f"report.{suffix}"
            done = run(["check", "--pack", "gig", str(FILES[1]), "-o", str(out)], env, tmp_path)
            assert done.returncode == 1, done.stderr
            outputs[name, suffix] = out.read_text(encoding="utf-8")
    free, blocked = (json.loads(outputs[n, "json"]) for n in ("free", "blocked"))
    for report in (free, blocked):
        report.pop("created", None)
    assert blocked == free and blocked["findings"]
    assert "<html" in outputs["blocked", "html"].lower()
    assert attempts(log) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parse_gives_the_same_tree_offline(tmp_path: Path, fmt: str) -> None:
    free, blocked, log = both(["parse", "--format", fmt, str(FILES[0])], tmp_path)
    assert free.returncode == 0, free.stderr
    assert (blocked.returncode, blocked.stdout, blocked.stderr) == (0, free.stdout, free.stderr)
    assert attempts(log) == []


def test_rules_test_runs_every_example_offline(tmp_path: Path) -> None:
    free, blocked, log = both(["rules", "test"], tmp_path)
    assert free.returncode == 0, free.stdout + free.stderr
    assert (blocked.returncode, blocked.stdout, blocked.stderr) == (0, free.stdout, free.stderr)
    assert attempts(log) == []

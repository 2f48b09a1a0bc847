"""A batch worker's record times each stage twice: wall time and the worker's own CPU time (what
bench/batch.py reads to tell the rule engine's share on a machine others are using)."""

from __future__ import annotations

from pathlib import Path

from clausecheck.batch.state import read_record
from clausecheck.batch.worker import Task, check_one

CONTRACT = Path(__file__).resolve().parent.parent / "fixtures" / "contracts" / "writer-ai-draft-polish.txt"
STAGES = {"load", "check", "render", "write"}


def test_record_has_wall_and_cpu_seconds_per_stage(tmp_path: Path) -> None:
    for folder in ("reports", "state"):
        (tmp_path / folder).mkdir()
    answer = check_one(Task(rel="offer.txt", path=str(CONTRACT), outdir=str(tmp_path)))
    assert "error" not in answer and "fatal" not in answer, answer
    record = read_record(tmp_path, "offer.txt")
    assert record is not None
    wall, cpu = record["seconds"], record["cpu_seconds"]
    assert set(wall) == STAGES == set(cpu)
    assert all(value >= -0.001 for value in (*wall.values(), *cpu.values()))
    assert cpu["check"] > 0 and cpu["render"] > 0
    assert sum(cpu.values()) <= sum(wall.values()) + 0.05  # one thread: no more CPU than wall time

"""Batch faults: crashed and hung workers, SIGKILL then --resume, Ctrl-C, read-only or full output
folder, no network."""

from __future__ import annotations

import csv
import faulthandler
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from netblock import attempts, blocked_environment
from test_batch_support import GOOD, environment, fixed_rules, make_inputs, run_cli, snapshot

from clausecheck.batch import worker
from clausecheck.batch.runner import BatchOptions, run_batch
from clausecheck.batch.state import read_record, record_path


def _summary(out: Path) -> dict[str, dict[str, str]]:
    text = (out / "summary.csv").read_text("utf-8-sig")
    return {r["path"]: r for r in csv.DictReader(io.StringIO(text))}


def faulty(task: worker.Task) -> dict:
    """The real worker, except on files named to crash or hang it."""
    name = Path(task.path).name
    if name == "crash.txt":
        faulthandler.disable()  # pytest's crash dump would only add noise
        os.kill(os.getpid(), signal.SIGSEGV)
    if name == "exit.txt":
        os._exit(3)
    if name == "hang.txt":
        time.sleep(600)
    return worker.check_one(task)


def test_crashed_and_hung_workers_are_replaced_and_their_files_marked(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    text = GOOD["gig/union-gag.txt"].read_bytes()
    for name in ("crash.txt", "exit.txt", "hang.txt"):
        (inputs / name).write_bytes(text)
    rules = fixed_rules(tmp_path / "cwd") / "rules"
    started = time.monotonic()
    result = run_batch(BatchOptions(paths=[str(inputs)], outdir=tmp_path / "out", jobs=2, timeout=3,
                                    packs=(), rules=(str(rules),), progress=False), target=faulty)
    assert time.monotonic() - started < 120
    rows = _summary(tmp_path / "out")
    assert "crashed (SIGSEGV)" in rows["crash.txt"]["error"]
    assert "exited unexpectedly (status 3)" in rows["exit.txt"]["error"]
    assert "longer than 3 s" in rows["hang.txt"]["error"]
    for rel in GOOD:
        assert rows[rel]["error"] == "" and rows[rel]["report_json"], rel
    assert result.exit_status == 2


def _big_inputs(root: Path, copies: int) -> Path:
    sources = [GOOD["gig/union-gag.txt"], GOOD["studio-b/pilot.docx"], GOOD["gig/platform-terms.pdf"]]
    for i in range(copies):
        source = sources[i % len(sources)]
        target = root / f"folder-{i % 4}" / f"contract-{i:03d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return root


def _records(out: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (out / "state").glob("*.json")}


def _start(inputs: Path, out: Path, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "clausecheck", "batch", str(inputs), "-o", str(out),
                             "--jobs", "2"], env=environment(), start_new_session=True, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_records(out: Path, count: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while len(list((out / "state").glob("*.json"))) < count:
        assert process.poll() is None, "the batch ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_sigkill_mid_run_then_resume_redoes_only_unfinished_files(tmp_path: Path) -> None:
    inputs = _big_inputs(tmp_path / "in", 36)
    before = snapshot(inputs)
    out = tmp_path / "out"
    cwd = fixed_rules(tmp_path / "cwd")
    process = _start(inputs, out, cwd)
    _wait_for_records(out, 4, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)
    finished = _records(out)
    assert 4 <= len(finished) < 36
    for report in (out / "reports").glob("*.json"):
        json.loads(report.read_text("utf-8"))
    result = run_cli("batch", str(inputs), "-o", str(out), "--jobs", "2", "--resume", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    assert f"({len(finished)} kept from the last run)" in result.stdout
    after = _records(out)
    assert len(after) == 36
    assert {name: after[name] for name in finished} == finished
    assert not list(out.rglob("*.tmp"))
    for report in (out / "reports").glob("*.json"):
        assert json.loads(report.read_text("utf-8"))["findings"] is not None
    rows = _summary(out)
    assert len(rows) == 36 and all(r["error"] == "" for r in rows.values())
    assert snapshot(inputs) == before


def test_resume_rechecks_a_file_whose_content_changed(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    rules = fixed_rules(tmp_path / "cwd") / "rules"
    options = BatchOptions(paths=[str(inputs)], outdir=out, jobs=2, packs=(), rules=(str(rules),),
                           progress=False)
    run_batch(options)
    first = _records(out)
    changed = inputs / "gig" / "union-gag.txt"
    extra = "\n\n99. Extra. Company may sell the Materials.\n"
    changed.write_text(changed.read_text("utf-8") + extra, "utf-8")
    options.resume = True
    result = run_batch(options)
    assert result.reused == len(GOOD) - 1
    after = _records(out)
    name = record_path(out, "gig/union-gag.txt").name
    assert after[name] != first[name]
    assert {k: v for k, v in after.items() if k != name} == {k: v for k, v in first.items() if k != name}
    assert read_record(out, "gig/union-gag.txt")["sha256"] != ""


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path: Path) -> None:
    inputs = _big_inputs(tmp_path / "in", 36)
    out = tmp_path / "out"
    cwd = fixed_rules(tmp_path / "cwd")
    process = _start(inputs, out, cwd)
    _wait_for_records(out, 3, process)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "--resume" in stderr.splitlines()[-1] and "Traceback" not in stderr
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] is False
    statuses = [f["status"] for f in manifest["files"]]
    assert "done" in statuses and "pending" in statuses
    kept = _records(out)
    result = run_cli("batch", str(inputs), "-o", str(out), "--jobs", "2", "--resume", "-q", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    assert f"({len(kept)} kept from the last run)" in result.stdout


def _read_only_folder(path: Path) -> None:
    path.mkdir()
    if os.geteuid() != 0:
        path.chmod(0o555)
        return
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("running as root without permission to mount a read-only folder")


def test_read_only_output_folder_gives_one_clear_error_and_no_files(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    _read_only_folder(out)
    try:
        result = run_cli("batch", str(inputs), "-o", str(out), cwd=fixed_rules(tmp_path / "cwd"))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"clausecheck: error: {out}")
        assert "Read-only file system" in lines[0] or "Permission denied" in lines[0]
        assert list(out.iterdir()) == []
    finally:
        subprocess.run(["umount", str(out)], capture_output=True, check=False)


def _small_file_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))


def test_full_disk_stops_with_a_clear_error_and_leaves_no_partial_file(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli("batch", str(inputs), "-o", str(out), "--jobs", "2", preexec_fn=_small_file_limit,
                     cwd=fixed_rules(tmp_path / "cwd"))
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("clausecheck: error: ") and "cannot write the report: File too large" in last
    assert "Traceback" not in result.stderr
    assert not list(out.rglob("*.tmp"))
    for report in (out / "reports").glob("*.json"):
        json.loads(report.read_text("utf-8"))
    for report in (out / "reports").glob("*.html"):
        assert report.read_text("utf-8").rstrip().endswith("</html>")


def test_batch_runs_with_sockets_blocked(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    log = tmp_path / "network-attempts.log"
    result = subprocess.run([sys.executable, "-m", "clausecheck", "batch", str(inputs), "-o", str(out),
                             "--jobs", "2"], capture_output=True, text=True,
                            env=blocked_environment(environment(), log), timeout=300, check=False)
    assert result.returncode == 2, result.stderr
    assert "network access attempted" not in result.stderr and attempts(log) == []
    rows = _summary(out)
    assert all(rows[rel]["error"] == "" for rel in GOOD)
    assert (out / "index.html").is_file()

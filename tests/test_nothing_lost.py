"""Nothing lost: ``check -o`` into a read-only or full folder gives one clear line, leaves no partial or
temporary file and keeps the old report; check, parse and batch never write to their input files;
a PDF's JavaScript, launch actions and attached files are never run, fetched or written out.

(SIGKILL + --resume, and a read-only or full batch folder, are in tests/test_batch_faults.py.)
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from netblock import attempts, blocked_environment
from test_batch_support import environment, run_cli, snapshot

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
CONTRACT = CONTRACTS / "writer-pilot-ai-grant.docx"
OLD_REPORT = "<html><body>the report from last week</body></html>\n"


@contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at ``path`` (root only; skips the test where mounting is not allowed)."""
    path.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only folder needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], capture_output=True, check=False)


def one_error_line(result: subprocess.CompletedProcess[str], target: Path) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"clausecheck: error: {target}: cannot write the report: ")
    return lines[0]


def test_read_only_output_folder(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "out", "ro,size=64k") as out:
        target = out / "report.html"
        line = one_error_line(run_cli("check", "--pack", "gig", str(CONTRACT), "-o", str(target)), target)
        assert line.endswith("Read-only file system")
        assert list(out.iterdir()) == []


def _fill(folder: Path, leave: int) -> None:
    """Fill the file system of ``folder`` until at most ``leave`` bytes are free."""
    with (folder / "filler").open("wb") as handle:
        try:
            while shutil.disk_usage(folder).free > leave:
                handle.write(bytes(1024))
                handle.flush()
        except OSError:
            pass


def test_full_disk_keeps_the_old_report_and_leaves_no_partial_file(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "out", "size=64k") as out:
        target = out / "report.html"
        target.write_text(OLD_REPORT, encoding="utf-8")
        _fill(out, leave=4096)
        line = one_error_line(run_cli("check", "--pack", "gig", str(CONTRACT), "-o", str(target)), target)
        assert line.endswith("No space left on device")
        assert target.read_text(encoding="utf-8") == OLD_REPORT
        assert sorted(p.name for p in out.iterdir()) == ["filler", "report.html"]


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("suffix", ["html", "json", "md"])
def test_a_write_cut_short_keeps_the_old_report(tmp_path: Path, suffix: str) -> None:
    """Without root: a 4 KiB file-size limit cuts the write short (EFBIG) the way a full disk would."""
    target = tmp_path / f"report.{suffix}"
    target.write_text(OLD_REPORT, encoding="utf-8")
    result = run_cli("check", "--pack", "gig", str(CONTRACT), "-o", str(target), preexec_fn=_file_size_limit)
    line = one_error_line(result, target)
    assert line.endswith("File too large")
    assert target.read_text(encoding="utf-8") == OLD_REPORT
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


WATCH = """
import os, sys
watched = os.path.realpath(sys.argv[1])
WRITES = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
CHANGES = {"os.rename", "os.replace", "os.remove", "os.unlink", "os.truncate", "os.chmod", "os.chown",
           "os.utime", "os.link", "os.symlink", "os.mkdir", "os.rmdir", "shutil.move", "shutil.rmtree"}

def inside(value):
    try:
        return os.path.realpath(os.fspath(value)).startswith(watched + os.sep)
    except TypeError:
        return False

def watch(event, args):
    if event == "open" and inside(args[0]):
        mode, flags = args[1] or "", args[2] or 0
        if any(c in mode for c in "wax+") or flags & WRITES:
            sys.stderr.write(f"WRITE-ATTEMPT open {args[0]} {mode!r} {flags}\\n")
    elif event in CHANGES and any(inside(a) for a in args if isinstance(a, (str, bytes, os.PathLike))):
        sys.stderr.write(f"WRITE-ATTEMPT {event} {args}\\n")

sys.addaudithook(watch)
sys.argv = ["clausecheck", *sys.argv[2:]]
from clausecheck.cli import main
main()
"""


def watched_cli(inputs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``clausecheck ARGS`` with an audit hook reporting any write, rename or removal under ``inputs``
    (batch workers are forked, so they carry the hook)."""
    return subprocess.run([sys.executable, "-c", WATCH, str(inputs), *args], capture_output=True, text=True,
                          env=environment(), timeout=300, check=False)


def test_inputs_are_never_written(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("writer-pilot-ai-grant.docx", "gig-platform-tos.pdf", "nda-pay-union-gag.txt"):
        shutil.copy2(CONTRACTS / name, inputs / name)
    files = sorted(str(p) for p in inputs.iterdir())
    before = snapshot(inputs)
    runs = [
        ("check", "--pack", "gig", *files),
        ("check", "--pack", "gig", *files, "-o", str(tmp_path / "reports")),
        ("parse", "--format", "json", files[0]),
        ("batch", str(inputs), "--pack", "gig", "-o", str(tmp_path / "batch"), "--jobs", "2"),
    ]
    for args in runs:
        result = watched_cli(inputs, *args)
        assert result.returncode in (0, 1), (args, result.stderr)
        assert "WRITE-ATTEMPT" not in result.stderr, (args, result.stderr)
    assert snapshot(inputs) == before
    assert sorted(p.name for p in inputs.iterdir()) == sorted(Path(f).name for f in files)


def test_the_watch_sees_a_write(tmp_path: Path) -> None:
    """The hook above does report a write into the watched folder (so the test can fail)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "deal.txt").write_text("1. Writer shall write.\n", encoding="utf-8")
    result = watched_cli(inputs, "check", "--pack", "gig", str(inputs / "deal.txt"), "-o",
                         str(inputs / "deal.html"))
    assert "WRITE-ATTEMPT open" in result.stderr and "WRITE-ATTEMPT os.rename" in result.stderr


def active_pdf(source: Path, path: Path, marker: Path) -> None:
    """``source`` with JavaScript that would export its attachment and open a URL when the file opens,
    a page-open action that launches a program, and an attached file."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf.actions import JavaScript
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(str(source)))
    writer.add_open_action(JavaScript(
        "this.exportDataObject({cName: 'payload.sh', nLaunch: 2});"
        "app.launchURL('http://127.0.0.1:9/opened', true);"
        f"var f = util.readFileIntoStream('{marker}');"))
    writer.add_attachment("payload.sh", f"#!/bin/sh\ntouch {marker}\n".encode())
    arguments = DictionaryObject({NameObject("/P"): TextStringObject(str(marker))})
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/Win"): arguments,
                               NameObject("/F"): TextStringObject("/usr/bin/touch")})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): launch})
    with path.open("wb") as handle:
        writer.write(handle)


NO_RUN = """
import sys
RUNS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
        "webbrowser.open")
def watch(event, args):
    if event in RUNS:
        sys.stderr.write(f"RUN-ATTEMPT {event} {args!r:.200}\\n")
sys.addaudithook(watch)
sys.argv = ["clausecheck", *sys.argv[1:]]
from clausecheck.cli import main
main()
"""


def listing(*folders: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for folder in folders for p in sorted(folder.rglob("*"))}


def test_pdf_javascript_launch_and_attachment_never_run_fetched_or_written(tmp_path: Path) -> None:
    work, scratch = tmp_path / "cwd", tmp_path / "tmp"
    work.mkdir()
    scratch.mkdir()
    marker = tmp_path / "ran"
    pdf = work / "active.pdf"
    active_pdf(CONTRACTS / "writer-fair-art72.pdf", pdf, marker)
    log = tmp_path / "network-attempts.log"
    env = blocked_environment(environment(), log) | {"TMPDIR": str(scratch)}
    before = listing(work, scratch)
    for command in (["check", "--pack", "gig", "--format", "json", str(pdf)], ["parse", str(pdf)]):
        result = subprocess.run([sys.executable, "-c", NO_RUN, *command], capture_output=True, text=True,
                                cwd=work, env=env, timeout=120, check=False)
        assert result.returncode in (0, 1), result.stderr
        assert "RUN-ATTEMPT" not in result.stderr
        assert "1 JavaScript action(s); they were not run" in result.stdout
        assert "1 attached file(s); they were not opened" in result.stdout
        assert "payload" not in result.stdout  # the attachment's name and text are not read into the report
    assert listing(work, scratch) == before
    assert not marker.exists()
    assert attempts(log) == []

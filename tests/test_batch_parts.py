"""The batch's parts on their own: discovery, the worker pool, recurring clauses, tables, naming."""

from __future__ import annotations

import csv
import faulthandler
import io
import os
import signal
import time
from pathlib import Path

import pytest

from clausecheck.batch.discovery import discover
from clausecheck.batch.parties import is_company, preamble_parties
from clausecheck.batch.pool import run_pool
from clausecheck.batch.recurring import Grouper, normalise
from clausecheck.batch.state import report_name
from clausecheck.batch.tables import Tables, cell

PDF_HEAD = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def _tree(root: Path) -> None:
    (root / "a").mkdir(parents=True)
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden-dir").mkdir()
    (root / "a" / "offer.pdf").write_bytes(PDF_HEAD + b"1 0 obj")
    (root / "b" / "deep" / "offer.pdf").write_bytes(PDF_HEAD + b"2 0 obj")
    (root / "b" / "contract-without-extension").write_text("1. Services. Writer shall write.\n")
    (root / "b" / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / ".hidden-dir" / "secret.txt").write_text("not for the batch")


def test_discovery_walks_folders_by_content_and_skips_hidden_and_output(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    out = tmp_path / "in" / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "offer-123.html").write_text("<html>")
    found = discover([str(tmp_path / "in")], out)
    assert [c.rel for c in found] == [
        "a/offer.pdf", "b/contract-without-extension", "b/deep/offer.pdf", "b/scan.pdf"]
    kinds = {c.rel: (c.fmt, c.error) for c in found}
    assert kinds["b/contract-without-extension"] == ("text", None)
    assert kinds["a/offer.pdf"] == ("pdf", None)
    fmt, error = kinds["b/scan.pdf"]
    assert fmt is None and "PNG image" in error and str(tmp_path) not in error


def test_discovery_skips_an_earlier_output_folder_and_expands_globs(tmp_path: Path) -> None:
    _tree(tmp_path / "in")
    old = tmp_path / "in" / "old-run"
    old.mkdir()
    (old / "manifest.json").write_text("{}")
    (old / "summary.csv").write_text("path\n")
    found = discover([str(tmp_path / "in" / "**" / "offer.pdf")], tmp_path / "elsewhere")
    assert [c.rel for c in found] == ["a/offer.pdf", "b/deep/offer.pdf"]
    assert all(not c.rel.startswith("old-run") for c in discover([str(tmp_path / "in")], tmp_path / "x"))


def test_two_offers_in_different_folders_get_different_report_names() -> None:
    first, second = report_name("a/offer.pdf"), report_name("b/deep/offer.pdf")
    assert first != second
    assert first.startswith("offer-") and len(first) == len("offer-") + 10
    assert report_name("../<script>x.pdf").replace("-", "").replace("_", "").isalnum()


def _target(task: int) -> int:
    if task == 2:
        os._exit(7)
    if task == 3:
        faulthandler.disable()  # pytest's crash dump would only add noise
        os.kill(os.getpid(), signal.SIGSEGV)
    if task == 4:
        time.sleep(60)
    if task == 5:
        raise ValueError("bad\nthing")
    if task == 6:
        bytearray(3 * 1024 ** 3)
    return task * 10


def test_pool_replaces_crashed_hung_and_failing_workers_and_marks_their_task() -> None:
    done: dict[int, tuple[object, str | None]] = {}
    started = time.monotonic()
    stats = run_pool(range(10), _target, lambda t, r, f: done.__setitem__(t, (r, f)), jobs=2,
                     timeout=1.5, memory_bytes=1024 ** 3)
    assert time.monotonic() - started < 20
    assert sorted(done) == list(range(10))
    for ok in (0, 1, 7, 8, 9):
        assert done[ok] == (ok * 10, None)
    assert "exited unexpectedly (status 7)" in done[2][1]
    assert "crashed (SIGSEGV)" in done[3][1]
    assert "longer than 1.5 s" in done[4][1]
    assert done[5][1].startswith("internal error: ValueError: bad thing")
    assert "ran out of memory" in done[6][1]
    assert stats.crashed == 2 and stats.timed_out == 1
    assert len(stats.replaced) == 3 and 3 <= stats.started <= 2 + 3


def test_pool_kills_its_workers_when_the_parent_is_interrupted() -> None:
    pids: list[int] = []

    def on_done(task: int, result: object, failure: str | None) -> None:
        raise KeyboardInterrupt

    import multiprocessing

    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(KeyboardInterrupt):
        run_pool(range(5), _target, on_done, jobs=2, timeout=10)
    pids = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
    assert pids == []


def test_recurring_groups_exact_and_near_identical_wording_across_party_names() -> None:
    grouper = Grouper()
    base = ("{p} may use the Materials to train machine learning models in perpetuity, without further "
            "compensation, and for ${n} only.")
    grouper.add(base.format(p="Acme Studios LLC", n="5,000"), contract="a.pdf",
                parties=["Acme Studios LLC", "Jane Roe"], aliases=["Company"], concern="ai-training",
                severity="high")
    grouper.add(base.format(p="Northwind Pictures, Inc", n="7,500"), contract="b.pdf",
                parties=["Northwind Pictures, Inc", "John Doe"], aliases=[], concern="ai-training",
                severity="medium")
    near = base.format(p="Company", n="100").replace("in perpetuity", "in perpetuity throughout")
    grouper.add(near, contract="c.pdf", parties=[], aliases=["Company"], concern="no-further-payment",
                severity="high")
    grouper.add("Company may not use the Materials to train machine learning models.", contract="d.pdf",
                parties=[], aliases=[], concern="ai-training", severity="high")
    grouper.add("Company may use the Materials to train machine learning models.", contract="e.pdf",
                parties=[], aliases=[], concern="ai-training", severity="high")
    [group] = grouper.recurring()
    assert group.count == 3 and group.variants == 1
    assert group.companies == {"Acme Studios LLC", "Northwind Pictures, Inc"}
    assert group.concerns == {"ai-training", "no-further-payment"}
    assert group.severity == "high"
    assert group.quote.startswith("Acme Studios LLC may use")


def test_recurring_is_deterministic_and_normalises_case_space_numbers() -> None:
    text = "Writer  SHALL\nreceive $1,000.50 (10 days)"
    assert normalise(text, ["Writer"]) == "party shall receive 0 0 days"
    quotes = [f"Clause {i % 7} grants the Company rights number {i}" for i in range(40)]
    first, second = Grouper(), Grouper()
    for g in (first, second):
        for i, q in enumerate(quotes):
            g.add(q, contract=f"c{i}", parties=[], aliases=[], concern="x", severity="low")
    assert [(g.norm, sorted(g.contracts)) for g in first.recurring()] == [
        (g.norm, sorted(g.contracts)) for g in second.recurring()]
    assert first.recurring()[0].count == 40


def test_preamble_parties() -> None:
    text = ('THIS AGREEMENT is made as of May 1, 2024 by and between Acme Studios LLC, a Delaware limited '
            'liability company ("Company"), and Jane Roe (the "Writer").')
    assert preamble_parties(text) == (["Acme Studios LLC", "Jane Roe"], ["Company", "Writer"])
    assert preamble_parties("1. Services. Writer shall write.") == ([], [])
    assert is_company("Northwind Pictures, Inc") and not is_company("Jane Roe")


def test_tables_are_utf8_with_bom_and_defuse_formulas(tmp_path: Path) -> None:
    tables = Tables(tmp_path, ["ai-training", "credit-waiver"])
    record = {
        "rel": "=cmd|' /C calc'!A0.pdf", "format": "pdf", "pages": 3, "verdict": "1 conflict",
        "level": "high",
        "to_raise": 1, "by_severity": {"high": 1}, "protections": 0, "concerns": {"ai-training": [1, "high"],
                                                                                   "custom": [2, "low"]},
        "parties": ["Zoë Ltd"], "outputs": {"html": "reports/x.html", "json": "reports/x.json"},
        "findings": [{"rule": "r1", "pack": "wga", "concern": "ai-training", "group": "consent",
                      "kind": "conflict", "severity": "high", "quote": "@SUM(A1) “train”\n models",
                      "clause": {"number": "3.2", "heading": None, "page": 2, "change": None}}],
    }
    with tables:
        tables.add_record(record)
        tables.add_error("broken.pdf", "pdf", "the file is damaged or truncated")
    with pytest.raises(RuntimeError), Tables(tmp_path, ["ai-training"]) as failing:
        failing.add_error("other.pdf", "pdf", "never written")
        raise RuntimeError("stopped half way")
    assert not list(tmp_path.glob(".*.tmp"))
    raw = (tmp_path / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["path"].startswith("'=") and rows[0]["ai-training"] == "1"
    assert rows[0]["credit-waiver"] == "0" and rows[0]["other_concerns"] == "custom:2"
    assert rows[0]["parties"] == "Zoë Ltd" and rows[0]["error"] == ""
    assert rows[1]["error"] == "the file is damaged or truncated" and rows[1]["ai-training"] == ""
    findings = list(csv.DictReader(io.StringIO((tmp_path / "findings.csv").read_text("utf-8-sig"))))
    assert findings[0]["quote"] == "'@SUM(A1) “train” models" and findings[0]["clause"] == "3.2"
    assert cell(-3) == -3 and cell("-3") == "'-3" and cell(None) == ""


def test_discovery_names_symlinked_files_by_their_place_in_the_folder(tmp_path: Path) -> None:
    _tree(tmp_path / "elsewhere")
    linked = tmp_path / "in" / "links"
    linked.mkdir(parents=True)
    (linked / "offer.pdf").symlink_to(tmp_path / "elsewhere" / "a" / "offer.pdf")
    (linked / "same-again.pdf").symlink_to(tmp_path / "elsewhere" / "a" / "offer.pdf")
    found = discover([str(tmp_path / "in")], tmp_path / "out")
    assert [c.rel for c in found] == ["links/offer.pdf"]
    assert found[0].fmt == "pdf"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_a_bar_on_a_terminal_and_prints_plain_lines_otherwise() -> None:
    from clausecheck.batch.progress import Progress

    terminal = _Terminal()
    bar = Progress(4, stream=terminal)
    bar.advance()
    bar.advance(error=True)
    bar.close()
    drawn = terminal.getvalue()
    assert drawn.startswith("\r[") and drawn.endswith("\n")
    assert "[" + "#" * 24 + "]" not in drawn.split("\r")[1]
    assert "] 2/4 files, 1 error, about 0s left" in drawn.split("\r")[-1]
    plain = io.StringIO()
    lines = Progress(3, stream=plain, every=0)
    for _ in range(3):
        lines.advance()
    lines.close()
    text = plain.getvalue().splitlines()
    assert text[0] == "clausecheck batch: 1/3 files, 0 errors, about " + text[0].split("about ")[1]
    assert text[-1].startswith("clausecheck batch: 3/3 files, 0 errors, took ")
    assert "\r" not in plain.getvalue()

"""``clausecheck batch`` end to end on real PDF, DOCX and text contracts and broken files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_batch_support import BROKEN_RELS, GOOD, fixed_rules, make_inputs, run_cli, snapshot

from clausecheck.batch.runner import BatchOptions, run_batch
from clausecheck.batch.state import report_name
from clausecheck.render.summary import load_concerns


def _csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object, dict]:
    base = tmp_path_factory.mktemp("batch")
    inputs = make_inputs(base / "in")
    before = snapshot(inputs)
    result = run_cli("batch", str(inputs), "-o", str(base / "out"), "--jobs", "2")
    return inputs, base / "out", result, before


def test_batch_checks_every_file_and_gives_one_error_row_per_broken_file(batch_run) -> None:
    inputs, out, result, _ = batch_run
    assert result.returncode == 2, result.stderr
    total = len(GOOD) + len(BROKEN_RELS)
    assert result.stdout.splitlines()[0].startswith(f"{total} contracts: ")
    assert f"{len(BROKEN_RELS)} could not be read" in result.stdout
    rows = _csv(out / "summary.csv")
    assert [r["path"] for r in rows] == sorted([*GOOD, *BROKEN_RELS])
    errors = {r["path"]: r["error"] for r in rows if r["error"]}
    assert sorted(errors) == BROKEN_RELS
    assert all("\n" not in e and str(inputs) not in e for e in errors.values())
    assert "PNG image" in errors["broken/scan.pdf"] and "empty" in errors["broken/empty.pdf"]
    for rel in errors:
        assert f"clausecheck: {rel}: " in result.stderr
    concern_ids = list(load_concerns().concerns)
    assert set(concern_ids) <= set(rows[0])


def test_reports_are_whole_named_apart_and_agree_with_the_tables(batch_run) -> None:
    _, out, _, _ = batch_run
    rows = {r["path"]: r for r in _csv(out / "summary.csv") if not r["error"]}
    assert set(rows) == set(GOOD)
    findings_csv = _csv(out / "findings.csv")
    jsonl = [json.loads(line) for line in (out / "findings.jsonl").read_text("utf-8").splitlines()]
    assert len(jsonl) == len(findings_csv)
    total = 0
    for rel, row in rows.items():
        assert row["report_html"] == f"reports/{report_name(rel)}.html"
        report = json.loads((out / row["report_json"]).read_text("utf-8"))
        assert report["document"]["sha256"]
        issues = [report["findings"][members[0]] for members in report["summary"]["issues"]]
        assert int(row["to_raise"]) == len(issues) == report["summary"]["to_raise"]
        assert row["verdict"] == report["summary"]["verdict"]
        for cid in load_concerns().concerns:
            assert int(row[cid]) == sum(1 for f in issues if f["concern"] == cid)
        assert [f["rule"] for f in jsonl if f["path"] == rel] == [f["rule"] for f in report["findings"]]
        total += len(report["findings"])
        assert (out / row["report_html"]).read_text("utf-8").startswith("<!DOCTYPE html>")
    assert total == len(jsonl)
    offers = {rows["studio-a/offer.pdf"]["report_html"], rows["studio-b/2024/offer.pdf"]["report_html"]}
    assert len(offers) == 2
    assert not list(out.rglob("*.tmp"))


def test_dashboard_lists_contracts_totals_recurring_and_failures(batch_run) -> None:
    _, out, _, _ = batch_run
    page = (out / "index.html").read_text("utf-8")
    assert 'http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;' in page
    for rel in [*GOOD, *BROKEN_RELS]:
        assert f">{rel}<" in page
    for rel in GOOD:
        assert f'href="reports/{report_name(rel)}.html"' in page
    assert "Totals per concern" in page and "Recurring clauses" in page
    assert f"Files that could not be read ({len(BROKEN_RELS)})" in page
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] is True
    assert {f["rel"]: f["status"] for f in manifest["files"]} == {
        **{rel: "done" for rel in GOOD}, **{rel: "error" for rel in BROKEN_RELS}}


def test_inputs_are_never_written(batch_run) -> None:
    inputs, _, _, before = batch_run
    assert snapshot(inputs) == before


def test_outputs_are_identical_with_one_or_two_workers(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        result = run_batch(BatchOptions(paths=[str(inputs)], outdir=out, jobs=jobs, progress=False))
        assert result.total == len(GOOD) + len(BROKEN_RELS)
        outs.append(out)
    for name in ("summary.csv", "findings.csv", "findings.jsonl"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    assert sorted(p.name for p in (outs[0] / "reports").iterdir()) == sorted(
        p.name for p in (outs[1] / "reports").iterdir())


def test_recurring_clauses_are_grouped_across_contracts(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    source = GOOD["gig/union-gag.txt"]
    for company in ("acme", "northwind", "bluefin"):
        (inputs / company).mkdir(parents=True)
        (inputs / company / "nda.txt").write_bytes(source.read_bytes())
    out = tmp_path / "out"
    run_batch(BatchOptions(paths=[str(inputs)], outdir=out, jobs=2, progress=False))
    page = (out / "index.html").read_text("utf-8")
    findings = _csv(out / "findings.csv")
    if not any(f["kind"] in ("conflict", "missing") for f in findings):
        pytest.fail("the union-gag NDA raised nothing, so there is nothing to group")
    assert "Appears in 3 contracts" in page


def test_glob_and_single_file_paths(tmp_path: Path) -> None:
    inputs = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = run_cli("batch", str(inputs / "**" / "*.docx"), str(inputs / "gig" / "union-gag.txt"),
                     "-o", str(out), "-q")
    rows = _csv(out / "summary.csv")
    assert [r["path"] for r in rows] == ["broken/not-xml.docx", "gig/union-gag.txt", "studio-b/nda.docx",
                                         "studio-b/pilot.docx"]
    assert result.returncode == 2 and result.stderr == ""
    assert result.stdout.startswith("4 contracts: ")


def test_exit_status_follows_fail_on_and_formats_are_chosen(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "grant.txt").write_text("1. Grant. Company may use the Materials to train AI models.\n")
    (inputs / "plain.txt").write_text("1. Payment. Company shall pay Writer within thirty days.\n")
    cwd = fixed_rules(tmp_path / "cwd")
    out = tmp_path / "out"
    flagged = run_cli("batch", str(inputs), "-o", str(out), "--format", "md", cwd=cwd)
    assert flagged.returncode == 1, flagged.stderr
    assert flagged.stdout.startswith("2 contracts: 1 with high conflicts, 1 with none found\n")
    assert sorted(p.suffix for p in (out / "reports").iterdir()) == [".md", ".md"]
    never = run_cli("batch", str(inputs), "-o", str(out), "--fail-on", "never", "-q", cwd=cwd)
    assert never.returncode == 0 and never.stdout == "2 contracts: 1 with high conflicts, 1 with none found\n"
    bad = run_cli("batch", str(inputs), "-o", str(out), "--format", "pdf", cwd=cwd)
    assert bad.returncode == 2 and "choose from html, json, md" in bad.stderr

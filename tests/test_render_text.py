"""The terminal report: verdict first, counts, one entry per finding, 80 columns, colour on request."""

from __future__ import annotations

import re

from render_fixtures import expected_report, finding, make_document, make_report

from clausecheck.render import render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_verdict_counts_and_findings_with_clause_numbers_and_pages():
    report = expected_report("writer-pilot-ai-grant")  # one finding per line of the golden sidecar
    high = sum(f.severity == "high" for f in report.findings)
    medium = sum(f.severity == "medium" for f in report.findings)
    credit = sum(f.group == "credit" for f in report.findings)
    out = render(report, "text")
    lines = out.splitlines()
    assert lines[0] == "clausecheck: writer-pilot-ai-grant.docx"
    assert lines[1] == f"{high + medium} conflicts to raise before you sign ({high} high, {medium} medium)"
    assert re.search(rf"^Credit and ownership\s+{credit}\s+0\s+0\s+0$", out, re.M)
    assert re.search(r"^HIGH\s+ai-training\s+clause 4\.2, p\. 1$", out, re.M)
    assert re.search(r"^MEDIUM\s+ai-disclosure \(missing\)\s+clause 2\.2, p\. 1$", out, re.M)
    assert "Not legal advice" in out
    assert not ANSI.search(out)


def test_every_line_fits_80_columns():
    for name in ("writer-pilot-ai-grant", "perf-commercial-spot", "perf-voiceover-redline"):
        out = render(expected_report(name), "text")
        assert max(len(line) for line in out.splitlines()) <= 80, name


def test_the_one_line_quote_shows_the_matched_words():
    report = make_report()
    out = render(report, "text")
    assert '"…the Materials to train machine learning models' in out
    assert "without further compensation" in out


def test_quiet_prints_the_verdict_alone():
    assert render(make_report(), "text", quiet=True) == (
        "5 conflicts to raise before you sign (2 high, 2 medium, 1 low)\n"
    )


def test_colour_only_when_asked():
    coloured = render(make_report(), "text", color=True)
    assert "\x1b[31mHIGH\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == render(make_report(), "text")


def test_contract_text_cannot_send_escape_sequences_to_the_terminal():
    doc = make_document(
        [
            (
                "1",
                "1.",
                "Evil\x1b]0;pwned\x07",
                "Company may train models \x1b[2J\x1b[31mon\u202e the Work.",
                1,
                "clause",
            ),
        ],
        path="/tmp/evil\x1b[5m.pdf",
    )
    report = make_report(
        doc,
        [
            finding(
                doc,
                0,
                rule="r\x1b[1m",
                concern="ai-training",
                group="consent",
                kind="conflict",
                severity="high",
                words=("train models",),
            )
        ],
    )
    out = render(report, "text")
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "train models [2J[31mon the Work." in out

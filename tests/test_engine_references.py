"""A clause that speaks of a grant made elsewhere ("The licence in Section 2.1 continues after the Term") is
read a second time with that clause (clausecheck/engine/references.py, engine/reading.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine import run as engine_run
from clausecheck.engine.references import citations, key
from clausecheck.model import Report

GRANT = ("2.1 Performer grants Studio a licence to use the Recordings and Performer's voice to create and "
         "operate a synthetic voice of Performer for the Game.")


def write(tmp_path: Path, second: str) -> Path:
    path = tmp_path / "licence.txt"
    path.write_text("VOICE LICENCE\n\n1. Services. Performer will record voice samples for the Game.\n\n"
                    f"2. Licence.\n\n{GRANT}\n\n2.2 {second}\n", encoding="utf-8")
    return path


def rules_on(report: Report, number: str) -> set[str]:
    clauses = report.document.clauses
    return {f.rule for f in report.findings if f.clause is not None and clauses[f.clause].number == number}


def test_a_clause_citing_a_grant_is_read_with_it(tmp_path: Path) -> None:
    report = check(write(tmp_path, "The licence in Section 2.1 continues after the Term and after "
                                   "Performer's death, and binds Performer's heirs."))
    assert "sag-aftra-perpetual-grant" in rules_on(report, "2.2")
    finding = next(f for f in report.findings if f.rule == "sag-aftra-perpetual-grant")
    clause = report.document.clauses[finding.clause]
    assert clause.number == "2.2" and finding.quote == " ".join(clause.text.split())
    assert all(0 <= s.start < s.end <= len(clause.text) for s in finding.spans)  # spans in 2.2's own text
    note = "read with what it refers to, clause 2.1: \u201cPerformer grants Studio a licence"
    assert any(n.startswith(note) for n in finding.notes)


def test_without_the_reference_the_clause_is_read_alone(tmp_path: Path) -> None:
    report = check(write(tmp_path, "The licence continues after the Term and after Performer's death, and "
                                   "binds Performer's heirs."))
    assert "sag-aftra-perpetual-grant" not in rules_on(report, "2.2")


@pytest.mark.parametrize(("text", "expected"), [
    ("The licence in Section 2.1 continues after the Term.", True),
    ("In consideration of the authorizations in Section 2, Publisher shall pay the Fee.", True),
    ("Performer's consents in this clause 3 are irrevocable.", True),
    ("The rights granted in this Section 4 survive termination.", True),
    ("Notwithstanding Section 4.2, Company may keep the samples.", False),
    ("Company may keep the samples for the purposes described in Section 5.1.", False),
    ("Payment under Section 3 is due within thirty days.", False),
])
def test_only_a_grant_named_by_its_kind_is_followed(text: str, expected: bool) -> None:
    assert bool(citations(text)) is expected


def test_citations_and_references_share_a_key() -> None:
    assert key("II(C)") == key("II.C") == "ii.c"
    assert key("5.1(a)") == key("5.1.a")
    assert key("Section 4.1") == key("4.1")
    assert key("Exhibit A") == key("exhibit A")


@pytest.mark.parametrize("name", ["consent-creator-sponsorship.docx", "perf-videogame-voice.docx"])
def test_the_second_reading_only_adds_findings(contracts: Path, name: str, monkeypatch) -> None:
    """A referenced clause's words may complete a rule, never undo one ("not" sees the wider text only in
    the second reading, which is tried for rules that did not fire)."""
    def keys(report: Report) -> set[tuple[str, int | None, str]]:
        return {(f.rule, f.clause, f.quote) for f in report.findings}

    wider = keys(check(contracts / name))
    monkeypatch.setattr(engine_run, "with_references", lambda document, current, replaced: {})
    assert keys(check(contracts / name)) <= wider


@pytest.mark.parametrize("space", [" ", "\u00a0", "\n", "\u2009"])
def test_the_quick_screen_finds_every_citation_the_exact_pattern_finds(tmp_path: Path, space: str) -> None:
    """RE2 screens the document for the clauses to read closely; Unicode spaces must not hide one."""
    from clausecheck.engine.references import citing
    from clausecheck.loaders import load

    second = f"The licence in{space}Section{space}2.1 continues after the Term."
    document = load(write(tmp_path, second))
    index = next(i for i, c in enumerate(document.clauses) if c.number == "2.2")
    assert citing(document) == {index: [("section", "2.1")]}

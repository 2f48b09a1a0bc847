"""A payment carve-out that opens a sentence ("Except for residuals ..., the fee is full consideration for all
uses") names payments the main clause leaves aside: it is not a payment condition on the uses, so a "one fee
covers everything" statement after it is still a no-further-payment conflict."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_text
from word_numbering import numbered_docx, numbering

from clausecheck.engine.conditions import find_builtin

FEES = "1. Fees. Studio shall pay the fees in Schedule 1."
CARVED = [
    "2. Full consideration. Except for residuals and other payments that the Guild agreement requires, "
    "the compensation in this Article is full consideration for all rights granted, including any use of "
    "Artist's voice or likeness in synthetic form.",
    "2. Except for the royalty in Section 1, the fees are full consideration for Commentator's services and "
    "all rights granted in this Agreement, including re-use of the Commentary in clips and alternate feeds.",
    "2. EXCEPT FOR THE SESSION FEE, NO FURTHER PAYMENT SHALL BE DUE TO PERFORMER FOR ANY USE OF THE "
    "RECORDINGS OR THE VOICE MODEL IN ANY MEDIA.",
    "2. Except for royalties under Schedule B, Publisher owes Narrator no additional compensation for any "
    "use of the Narration, however often it is used.",
]
# look-alikes: a payment condition on the use, and a carve-out that pays for each use
CONDITIONED = [
    "2. Reuse. Company may use the Recordings in later productions without further payment, except upon "
    "payment of a reuse fee agreed in advance for each such production.",
    "2. Except for reuse fees for each new production that uses the Digital Replica, Performer shall "
    "receive no additional compensation for the uses permitted by this Agreement.",
]


def payment_findings(path: Path) -> list[tuple[str, str]]:
    report = check(path)
    return [(report.document.clauses[f.clause].number, f.kind) for f in report.findings
            if f.concern == "no-further-payment"]


@pytest.mark.parametrize("clause", CARVED)
def test_fronted_carve_out_keeps_the_conflict(tmp_path: Path, clause: str) -> None:
    assert payment_findings(write_text(tmp_path, [FEES, clause])) == [("2", "conflict")]


@pytest.mark.parametrize("clause", CONDITIONED)
def test_payment_conditions_still_except(tmp_path: Path, clause: str) -> None:
    assert payment_findings(write_text(tmp_path, [FEES, clause])) == []


def test_carve_out_is_not_a_payment_exception() -> None:
    carved = "Except for the royalty in Section 3.05, the fees are full consideration for all rights."
    assert find_builtin("payment", carved, (0, len(carved))) is None
    trailing = "The fees are full consideration for all rights, except for the royalty in Section 3.05."
    assert find_builtin("payment", trailing, (0, len(trailing))) is not None


def test_word_numbered_carve_out(tmp_path: Path) -> None:
    """Word numbering (no number in the text): the finding names the automatic number, quotes the clause."""
    carve = ("Except for the residuals payable under the collective agreement, the Fee is full consideration "
             "for the rights granted, including any use of the Voice Model.")
    path = numbered_docx(tmp_path / "deal.docx", numbering(4, [("decimal", "%1."), ("decimal", "%1.%2")]), 4,
                         "OVERALL DEAL", [("COMPENSATION", 0),
                                          ("Studio shall pay Artist the fees set out in Schedule 1.", 1),
                                          (carve, 1)])
    report = check(path)
    found = [f for f in report.findings if f.concern == "no-further-payment"]
    assert [(report.document.clauses[f.clause].number, f.kind) for f in found] == [("1.2", "conflict")]
    assert "full consideration" in found[0].quote
    clause = report.document.clauses[found[0].clause]
    assert all(clause.text[s.start:s.end] for s in found[0].spans)

"""Duties the hiring party is excused from ("Company is not required to suspend use of the Voice Model during
any strike"): a protection rule matching the duty's words has found a refused protection, a conflict; the
worker's own "not required to" stays a protection."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_pdf, write_text

from clausecheck.model import Report

PREAMBLE = [
    "VOICE LICENCE",
    'This Voice Licence is made between Brightleaf Learning, Inc. ("Brightleaf") and Dana Reyes '
    '("Performer").',
]
PAY = "no-further-payment"
REFUSED = {
    "1": ("irrevocable-consent",
          "Company is not required to suspend use of the Voice Model during any strike."),
    "2": (PAY, "Studio shall not be required to pay Performer any reuse fee for the Digital Replica."),
    "3": (PAY, "Studio is not obligated to pay any additional compensation for the use of the Digital "
               "Replica in sequels."),
    "4": (PAY, "Brightleaf will not be obliged to pay Performer a separate fee for each new use of the "
               "Digital Replica."),
    "5": (PAY, "NOTHING IN THIS AGREEMENT OBLIGES THE PRODUCER TO PAY A REUSE FEE FOR ANY USE OF THE "
               "DIGITAL REPLICA."),
}
WORKER = {  # look-alikes: the worker is the one excused
    "6": ("union-restriction", "Performer is not required to render services during a strike called by "
                               "SAG-AFTRA."),
    "7": ("required-ai-use", "Performer shall not be required to use any generative AI tool."),
}


def kinds(report: Report, number: str) -> set[tuple[str, str]]:
    clauses = report.document.clauses
    return {(f.concern, f.kind) for f in report.findings if clauses[f.clause].number == number}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    clauses = [f"{n}. {text}" for n, (_, text) in sorted({**REFUSED, **WORKER}.items())]
    return check(write_text(tmp_path_factory.mktemp("refusals"), PREAMBLE + clauses))


@pytest.mark.parametrize("number", sorted(REFUSED))
def test_refused_protection_is_a_conflict(report: Report, number: str) -> None:
    concern, _ = REFUSED[number]
    assert kinds(report, number) == {(concern, "conflict")}
    finding = next(f for f in report.findings if report.document.clauses[f.clause].number == number)
    assert finding.title.startswith("Refuses a protection") and finding.sources
    text = report.document.clauses[finding.clause].text
    refusal = text[finding.spans[0].start:finding.spans[0].end]
    assert refusal.lower().startswith(("company", "studio", "brightleaf", "nothing")), refusal


@pytest.mark.parametrize("number", sorted(WORKER))
def test_worker_excused_stays_a_protection(report: Report, number: str) -> None:
    assert kinds(report, number) == {(WORKER[number][0], "protection")}


def test_pdf_refusal(tmp_path: Path) -> None:
    paragraphs = [*PREAMBLE, f"1. {REFUSED['2'][1]}", f"2. {WORKER['7'][1]}"]
    report = check(write_pdf(tmp_path, paragraphs, width=70))
    assert kinds(report, "1") == {("no-further-payment", "conflict")}
    assert kinds(report, "2") == {("required-ai-use", "protection")}

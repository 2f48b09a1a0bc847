"""A document's missing carve-out sits on its main confidentiality clause, not on the first clause that
restricts speech."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_pdf, write_text

from clausecheck.model import Report

GAG = ("2. Publicity. Performer shall not state or confirm publicly, including in interviews, that Performer "
       "is the voice of the Character.")
MAINS = [
    "Performer shall keep confidential all Confidential Information, including the terms of this Agreement.",
    "Writer shall hold in strict confidence all information about the Series and this Agreement.",
    "All information about the Project and this Agreement shall be treated as confidential by Contributor.",
    "CONSULTANT SHALL MAINTAIN AS SECRET ALL NON-PUBLIC INFORMATION ABOUT THE COMPANY AND THIS AGREEMENT.",
]


def contract(main: str | None, gag_first: bool = True) -> list[str]:
    clauses = [GAG] + ([f"3. Confidentiality. {main}"] if main else [])
    if not gag_first and main:
        clauses = [f"2. Confidentiality. {main}", GAG.replace("2.", "3.", 1)]
    return ["VOICE AGREEMENT", "1. Services. Performer shall voice the Character.", *clauses,
            "4. Law. This Agreement is governed by the laws of New York."]


def missing(report: Report) -> list[str]:
    """Where the document's missing carve-out findings sit (two rules report one: carve-outs, DTSA notice)."""
    return sorted({report.document.clauses[f.clause].number for f in report.findings
                   if f.concern == "whistleblower-carveout" and f.kind == "missing"})


@pytest.mark.parametrize("main", MAINS)
def test_missing_carve_out_sits_on_the_main_clause(tmp_path: Path, main: str) -> None:
    report = check(write_text(tmp_path, contract(main)))
    assert missing(report) == ["3"]
    finding = next(f for f in report.findings
                   if f.kind == "missing" and f.concern == "whistleblower-carveout")
    assert "also triggered by clause 2" in finding.notes


def test_pdf(tmp_path: Path) -> None:
    assert missing(check(write_pdf(tmp_path, contract(MAINS[0]), width=70))) == ["3"]


@pytest.mark.parametrize(("main", "gag_first", "where"), [(None, True, "2"), (MAINS[0], False, "2")])
def test_look_alikes(tmp_path: Path, main: str | None, gag_first: bool, where: str) -> None:
    """A gag alone keeps it; a main clause that comes first already has it."""
    assert missing(check(write_text(tmp_path, contract(main, gag_first)))) == [where]

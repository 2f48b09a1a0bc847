"""Definitions are not findings: a clause that only says what a term means carries no conflict; a definition
that also operates ("..., and Performer grants Company the right to use it"), or that sets the reach of a
confidentiality duty, still does."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_text
from word_numbering import numbered_docx, numbering

from clausecheck.engine.definitional import defines_only
from clausecheck.model import Report

DEFINITIONS = [
    '"Voice Model" means the synthetic voice that Company builds from the Recordings and that speaks a '
    "Character's replies in real time.",
    '"Training Data" includes the Recordings and transcripts used to train and improve Company\'s speech '
    "models.",
    "\u201cModel Inputs\u201d (as used in this Agreement) means all scripts and recordings used to train "
    "Company's language model.",
    '"VOICE MODEL" MEANS THE SYNTHETIC VOICE THAT COMPANY BUILDS FROM THE RECORDINGS AND THAT SPEAKS A '
    "CHARACTER'S REPLIES IN REAL TIME.",
]
OPERATIVE = {  # look-alikes that keep their findings
    "ai-training": '"Session Data" includes the Recordings and transcripts, which Company may use to train '
                   "and improve its speech models.",
    "digital-replica": '"Digital Double" means a digital replica of Performer\'s likeness, and Performer '
                       "grants Company the right to use the Digital Double in any production.",
    "confidentiality-gag": '"Confidential Information" includes the existence and terms of this Agreement.',
}


def on_clause(report: Report, number: str) -> set[tuple[str, str]]:
    clauses = report.document.clauses
    return {(f.concern, f.kind) for f in report.findings if clauses[f.clause].number == number}


def contract(definition: str) -> list[str]:
    return ["VOICE AGREEMENT", "1. Definitions.", f"1.1 {definition}",
            "2. Performer shall record the dialogue."]


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_a_definition_alone_is_not_a_finding(tmp_path: Path, definition: str) -> None:
    assert defines_only(definition)
    assert on_clause(check(write_text(tmp_path, contract(definition))), "1.1") == set()


@pytest.mark.parametrize("concern", sorted(OPERATIVE))
def test_operative_and_speech_definitions_keep_their_findings(tmp_path: Path, concern: str) -> None:
    report = check(write_text(tmp_path, contract(OPERATIVE[concern])))
    assert (concern, "conflict") in on_clause(report, "1.1")


def test_word_numbered_definition(tmp_path: Path) -> None:
    items = [("DEFINITIONS", 0), (DEFINITIONS[1], 1), (OPERATIVE["ai-training"], 1)]
    path = numbered_docx(tmp_path / "voice.docx", numbering(6, [("decimal", "%1."), ("decimal", "%1.%2")]), 6,
                         "VOICE AGREEMENT", items)
    report = check(path)
    assert on_clause(report, "1.1") == set()
    assert ("ai-training", "conflict") in on_clause(report, "1.2")

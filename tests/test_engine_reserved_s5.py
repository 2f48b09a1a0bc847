"""Two negations read from structure: the worker keeping a right is no grant of it ("Performer keeps all
rights in Performer's voice ..., including the right to license other digital replicas"), and a use called
unauthorized or unlicensed is a forbidden use ("an unauthorized use of the Digital Replica would cause
harm")."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_pdf, write_text

from clausecheck.engine.negation import judge
from clausecheck.model import Report

GRANT = "1. Performer grants Licensee a licence to use the Digital Replica in the Game only."
KEPT = [
    "Performer keeps all rights in Performer's name, voice and likeness not expressly licensed in this "
    "Agreement, including the right to license other digital replicas of Performer to third parties for "
    "other projects.",
    "As between the parties, you reserve all rights in your voice, including the right to create or "
    "authorize synthetic versions of it.",
    "ARTIST HEREBY RETAINS ALL RIGHTS IN ARTIST'S LIKENESS, INCLUDING THE RIGHT TO LICENSE DIGITAL REPLICAS "
    "OF ARTIST TO OTHERS.",
    "Narrator keeps the right to license Narrator's voice for text-to-speech and voice cloning products of "
    "other companies.",
    "Performer reserves to herself all rights in her likeness, including the right to authorize digital "
    "doubles of her in other films.",
]
FORBIDDEN = [
    "Licensee acknowledges that an unauthorized use of the Digital Replica would cause Performer harm that "
    "money cannot repair, and that Performer may seek an injunction to stop it.",
    "Any unlicensed use of the Recordings to train artificial intelligence systems is a material breach.",
]
# look-alikes: an "unauthorized" that qualifies something else; the company keeping a right
STILL_GRANTS = [
    "An unauthorized copy of the Game may be removed, and Company may use the Digital Replica in sequels "
    "without further consent.",
]
COMPANY_KEEPS = ("Company retains all rights in the Recordings, including the right to create digital "
                 "replicas of Performer's voice.")


def conflicts(report: Report, number: str) -> set[str]:
    clauses = report.document.clauses
    return {f.concern for f in report.findings
            if f.kind == "conflict" and clauses[f.clause].number == number}


@pytest.mark.parametrize("clause", KEPT + FORBIDDEN)
def test_kept_rights_and_forbidden_uses_are_not_grants(tmp_path: Path, clause: str) -> None:
    report = check(write_text(tmp_path, ["REPLICA LICENCE", GRANT, f"2. {clause}"]))
    assert conflicts(report, "2") == set()
    assert conflicts(report, "1") == {"digital-replica"}


@pytest.mark.parametrize("clause", STILL_GRANTS)
def test_look_alikes_still_grant(tmp_path: Path, clause: str) -> None:
    report = check(write_text(tmp_path, ["REPLICA LICENCE", GRANT, f"2. {clause}"]))
    assert "digital-replica" in conflicts(report, "2")


def negated(text: str, anchor: str) -> bool:
    start = text.index(anchor)
    return judge(text, (0, len(text)), start, start + len(anchor)).negated


def test_only_the_worker_keeping_a_right_negates() -> None:
    assert negated(KEPT[0], "license other digital replicas")
    assert not negated(COMPANY_KEEPS, "create digital replicas")


def test_noun_cue_reaches_its_noun_phrase_only() -> None:
    assert negated(FORBIDDEN[0], "use of the Digital Replica")
    text = "An unauthorized copy of the Game may be removed by Studio at any time, and Studio may use it."
    assert not negated(text, "use it")


def test_pdf(tmp_path: Path) -> None:
    paragraphs = ["REPLICA LICENCE", GRANT, f"2. {KEPT[0]}", f"3. {STILL_GRANTS[0]}"]
    report = check(write_pdf(tmp_path, paragraphs, width=70))
    assert conflicts(report, "2") == set()
    assert "digital-replica" in conflicts(report, "3")

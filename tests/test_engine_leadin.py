"""List items read with their lead-in (clausecheck/engine/leadin.py), through clausecheck.api.check on
real text, Word (with numbering XML) and PDF files."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_pdf, write_text
from word_numbering import numbered_docx, numbering

from clausecheck.engine.leadin import is_leadin
from clausecheck.engine.reading import readings
from clausecheck.loaders import load
from clausecheck.model import Report

GRANT = [
    "VOICE SERVICES AGREEMENT",
    "1. Services. Performer will record the dialogue for the Game.",
    "2. Rights.",
    "2.1 Performer grants Studio the right to use the Recordings for:",
    "(a) distribution of the Game; and",
    "(b) training and improving Studio's speech synthesis models.",
]
BAN = [
    "VOICE SERVICES AGREEMENT",
    "1. Services. Performer will record the dialogue for the Game.",
    "2. Studio shall not:",
    "(a) use the Recordings to train any artificial intelligence model; or",
    "(b) create a digital replica of Performer's voice.",
]


def found(report: Report, concern: str) -> list[tuple[str | None, str]]:
    """(clause number, kind) of the report's findings on ``concern``."""
    clauses = report.document.clauses
    return sorted((clauses[f.clause].number if f.clause is not None else None, f.kind)
                  for f in report.findings if f.concern == concern)


def finding(report: Report, concern: str, kind: str):
    return next(f for f in report.findings if f.concern == concern and f.kind == kind)


def test_an_item_is_read_with_the_grant_of_its_lead_in(tmp_path: Path) -> None:
    report = check(write_text(tmp_path, GRANT))
    assert found(report, "ai-training") == [("2.1(b)", "conflict")]
    f = finding(report, "ai-training", "conflict")
    clause = report.document.clauses[f.clause]
    assert f.quote == clause.text == "training and improving Studio's speech synthesis models."
    assert "training" in [clause.text[s.start:s.end] for s in f.spans]  # spans: offsets into the item's text
    assert ("read with its lead-in in clause 2.1: \u201cPerformer grants Studio the right to use the "
            "Recordings for:\u201d") in f.notes


def test_the_item_alone_is_not_a_grant(tmp_path: Path) -> None:
    """Without the lead-in's grant the same item raises nothing: the finding above comes from it."""
    report = check(write_text(tmp_path, [*GRANT[:3], GRANT[5]]))
    assert found(report, "ai-training") == []


def test_a_negated_lead_in_negates_its_items(tmp_path: Path) -> None:
    report = check(write_text(tmp_path, BAN))
    assert found(report, "ai-training") == [("2(a)", "protection")]
    assert found(report, "digital-replica") == [("2(b)", "protection")]
    quote = finding(report, "ai-training", "protection").quote
    assert quote == "use the Recordings to train any artificial intelligence model; or"


def test_a_negated_lead_in_item_was_a_conflict_when_read_alone(tmp_path: Path) -> None:
    """The same list without its lead-in's "shall not": the item grants, as the rules read it."""
    items = ["Studio may:", *BAN[3:]]
    report = check(write_text(tmp_path, [*BAN[:2], "2. " + items[0], *items[1:]]))
    assert ("2(a)", "conflict") in found(report, "ai-training")


def test_a_finding_whose_anchor_is_in_the_lead_in_sits_once_on_the_lead_in(tmp_path: Path) -> None:
    report = check(write_text(tmp_path, [
        "PERFORMER AGREEMENT", "1. Services. Performer will appear in the Picture.",
        "2. Performer grants Producer the right, without further payment, to:",
        "(i) photograph and record Performer during rehearsals; and",
        "(ii) film Performer on set for the behind-the-scenes documentary."]))
    assert found(report, "no-further-payment") == [("2", "conflict")]
    f = finding(report, "no-further-payment", "conflict")
    clause = report.document.clauses[f.clause]
    assert f.quote == clause.text == "Performer grants Producer the right, without further payment, to:"
    assert any(n.startswith("completed by its list item clause 2(i)") for n in f.notes)


def test_definition_items_are_read_alone(tmp_path: Path) -> None:
    """'"Model" means a model trained on the Material' under "In this Agreement:" defines, grants nothing."""
    path = write_text(tmp_path, [
        "CONTENT LICENCE", "1. In this Agreement:",
        '(a) "Model" means any machine learning model trained or fine-tuned by Licensee using the Licensed '
        "Content;", '(b) "Term" means two years.'])
    document = load(path)
    assert readings(document, list(range(len(document.clauses)))) == {}
    assert found(check(path), "ai-training") == []


@pytest.mark.parametrize("text, expected", [
    ("Creator authorizes Network, during the Term, to:", True),
    ("Owner reserves all rights not expressly granted, including", True),
    ("Producer may use the Materials for the following", True),
    ("Studio shall not train any model on \u2014", True),
    ("Company may use the Recordings.", False),
    ("Grant of Rights", False),
])
def test_what_ends_a_lead_in(tmp_path: Path, text: str, expected: bool) -> None:
    document = load(write_text(tmp_path, ["AGREEMENT", "1. " + text, "(a) the item."]))
    clause = next(c for c in document.clauses if c.number == "1")
    assert is_leadin(clause) is expected
    assert bool(readings(document, list(range(len(document.clauses))))) is expected


def test_a_list_inside_a_list_reads_both_lead_ins(tmp_path: Path) -> None:
    document = load(write_text(tmp_path, [
        "AGREEMENT", "1. Studio may, without further payment:", "(a) use the Recordings to:",
        "(i) train its speech synthesis models; and", "(ii) make trailers."]))
    index = next(i for i, c in enumerate(document.clauses) if c.number == "1(a)(i)")
    reading = readings(document, list(range(len(document.clauses))))[index]
    assert reading.text == ("Studio may, without further payment:\nuse the Recordings to:\n"
                            "train its speech synthesis models; and")
    assert [p.clause for p in reading.parts] == [index - 2, index - 1, index]


def test_prefilter_reads_the_lead_in_words_too(tmp_path: Path) -> None:
    """The keyword scan runs on the item with its lead-in, so a rule whose words sit in both is tried."""
    path = write_text(tmp_path, GRANT)
    keys = [(f.rule, f.clause, f.quote) for f in check(path).findings]
    assert keys == [(f.rule, f.clause, f.quote) for f in check(path, prefilter=False).findings]


NUMBERING = numbering(3, [("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "(%3)")])


def test_word_numbered_items_under_a_lead_in(tmp_path: Path) -> None:
    """Word's automatic numbering: the numbers are not in the text, the lead-in is the parent paragraph."""
    path = numbered_docx(tmp_path / "word-numbered.docx", NUMBERING, 3, "VOICE SERVICES AGREEMENT", [
        ("RIGHTS", 0), ("Studio shall not:", 1),
        ("use the Recordings to train any artificial intelligence model; or", 2),
        ("create a digital replica of Performer's voice.", 2),
        *((text.split(" ", 1)[1], 1 + text.startswith("(")) for text in GRANT[3:])])
    report = check(path)
    assert found(report, "ai-training") == [("1.1(a)", "protection"), ("1.2(b)", "conflict")]
    assert finding(report, "ai-training", "conflict").quote == (
        "training and improving Studio's speech synthesis models.")


def test_pdf_items_under_a_lead_in(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, GRANT, width=60)
    report = check(path)
    assert found(report, "ai-training") == [("2.1(b)", "conflict")]
    f = finding(report, "ai-training", "conflict")
    assert report.document.clauses[f.clause].page == 1
    assert f.quote == "training and improving Studio's speech synthesis models."

"""Protections that a later clause sets aside ("Section 4.1 does not apply to ...", "Notwithstanding
Paragraph 6.2, ...", "No failure to comply with Section 6.1 shall be a breach"): the setting-aside clause is a
conflict on the protection's concern, quoted with its own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_pdf, write_text
from word_numbering import numbered_docx, numbering

from clausecheck.engine.setaside import find_set_asides
from clausecheck.loaders import load
from clausecheck.model import Finding, Report

CONTRACT = [
    "1. Disclosure.",
    "1.1 With each delivery of outlines or pages to Writer, Company will tell Writer in writing which "
    "material was produced by generative artificial intelligence.",
    "1.2 Section 1.1 does not apply to material that a staff editor has revised after it was generated.",
    "2. Tools.",
    "2.1 Studio shall not require Writer to use generative artificial intelligence to write literary "
    "material.",
    "2.2 Notwithstanding Paragraph 2.1, Writer shall carry out the development workflows that Studio "
    "designates for the series.",
    "3. Credit.",
    "3.1 Writer shall receive \"Written by\" credit on screen and in paid advertising.",
    "3.2 No casual or inadvertent failure by Company, and no failure by any licensee, to comply with "
    "Section 3.1 shall be a breach of this Agreement.",
    "4. Replica.",
    "4.1 Company shall pay Performer a reuse fee for each new production in which the Digital Replica is "
    "used.",
    "4.2 Performer may withdraw consent to any further use of the Digital Replica at any time by written "
    "notice.",
    "4.3 Sections 4.1 and 4.2 do not apply to programmes made by Company's sublicensees.",
    "5. THE PROVISIONS OF CLAUSE 3.1 SHALL NOT APPLY TO TRAILERS OR PROMOTIONAL MATERIAL.",
    # look-alikes: a protection of its own, a restriction set aside, an override the rules already read
    "6. Notwithstanding Section 4.1, Company shall pay Performer a further fee for each foreign-language "
    "version.",
    "7. Confidentiality. Writer shall not disclose the terms of this Agreement to anyone.",
    "8. Section 7 does not apply to disclosures to the Writers Guild of America.",
    "9. Notwithstanding Section 2.1, Company may use Writer's scripts to train its artificial intelligence "
    "models.",
]
SET_ASIDE = [
    ("1.2", "ai-disclosure", "Section 1.1 does not apply"),
    ("2.2", "required-ai-use", "Notwithstanding Paragraph 2.1"),
    ("3.2", "credit-waiver",
     "No casual or inadvertent failure by Company, and no failure by any licensee, to comply with Section "
     "3.1 shall be a breach"),
    ("4.3", "irrevocable-consent", "Sections 4.1 and 4.2 do not apply"),
    ("4.3", "no-further-payment", "Sections 4.1 and 4.2 do not apply"),
    ("5", "credit-waiver", "CLAUSE 3.1 SHALL NOT APPLY"),
]


def set_asides(report: Report) -> list[Finding]:
    """The findings that set a protection aside."""
    return [f for f in report.findings if f.title.startswith("Sets aside")]


def placed(report: Report) -> list[tuple[str, str, str]]:
    clauses = report.document.clauses
    return sorted((clauses[f.clause].number, f.concern, f.quote) for f in set_asides(report))


def quoted(report: Report) -> list[tuple[str, str, str]]:
    """(clause, concern, the matched words: an exact slice of the clause) of each set-aside finding."""
    clauses = report.document.clauses
    return sorted((clauses[f.clause].number, f.concern, _words(clauses[f.clause].text, f))
                  for f in set_asides(report))


def _words(text: str, finding: Finding) -> str:
    return text[finding.spans[0].start:finding.spans[0].end]


def test_set_aside_protections_are_conflicts(tmp_path: Path) -> None:
    report = check(write_text(tmp_path, CONTRACT))
    assert quoted(report) == sorted(SET_ASIDE)
    finding = next(f for f in set_asides(report) if f.concern == "ai-disclosure")
    assert finding.kind == "conflict" and finding.sources and "clause 1.1" in finding.explanation
    assert finding.notes[0].startswith("sets aside clause 1.1:")


@pytest.mark.parametrize("number", ["6", "8", "9"])
def test_look_alikes_add_nothing(tmp_path: Path, number: str) -> None:
    report = check(write_text(tmp_path, CONTRACT))
    clauses = report.document.clauses
    assert not [f for f in set_asides(report) if clauses[f.clause].number == number]
    if number == "9":  # its own statement is the finding
        assert ("ai-training", "conflict") in {(f.concern, f.kind) for f in report.findings
                                               if clauses[f.clause].number == "9"}


def test_ranges_and_lists_of_sections(tmp_path: Path) -> None:
    path = write_text(tmp_path, ["1. Scope.", "1.1 Services.", "1.2 Term.", "1.3 Fees.", "1.4 Notices.",
                                 "2. Sections 1.1 through 1.3 and 1.4 do not apply to the pilot."])
    document = load(path)
    marks = find_set_asides(document, list(range(len(document.clauses))))
    assert [[document.clauses[t].number for t in m.targets] for m in marks] == [["1.1", "1.2", "1.3", "1.4"]]


def test_word_numbered_set_aside(tmp_path: Path) -> None:
    """Word numbering: "Section 1.1" names the automatic number; the finding sits on the clause citing it."""
    path = numbered_docx(tmp_path / "deal.docx", numbering(5, [("decimal", "%1."), ("decimal", "%1.%2")]), 5,
                         "WRITER AGREEMENT", [
                             ("DISCLOSURE", 0),
                             (CONTRACT[1][4:], 1),
                             (CONTRACT[2][4:], 1)])
    report = check(path)
    assert placed(report) == [("1.2", "ai-disclosure", CONTRACT[2][4:])]


def test_pdf_set_aside(tmp_path: Path) -> None:
    report = check(write_pdf(tmp_path, CONTRACT[6:9], width=70))
    assert [(n, c) for n, c, _ in quoted(report)] == [("3.2", "credit-waiver")]

"""Names introduced in passing act as definitions (clausecheck/definitions.py): "StoryForge, Emberline's
in-house text generator, ...", "the Engine (our proprietary drafting model)", "the Company's writing
platform, StoryForge, ...", read from real text files and through clausecheck.api.check."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.loaders import load
from clausecheck.model import Report

SHARED_CUAD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cuad"


def write(tmp_path: Path, *clauses: str) -> Path:
    path = tmp_path / "contract.txt"
    body = "\n\n".join(f"{n}. {text}" for n, text in enumerate(clauses, 1))
    path.write_text(f"WRITER AGREEMENT\n\n{body}\n", encoding="utf-8")
    return path


def passing(tmp_path: Path, sentence: str) -> dict[str, str]:
    """Term -> definition text of the names a one-clause contract introduces in passing."""
    document = load(write(tmp_path, sentence))
    return {term: d.text for term, d in document.definitions.items()}


@pytest.mark.parametrize(("sentence", "term", "text"), [
    ("Writers draft barks with StoryForge, Emberline's in-house text generator, and then revise them.",
     "StoryForge", "Emberline's in-house text generator"),
    ("Writer may be asked to revise output of the Engine (our proprietary drafting model).",
     "Engine", "our proprietary drafting model"),
    ("Recordings may be processed through Vox, the Company's voice synthesis service.",
     "Vox", "the Company's voice synthesis service"),
    ("Writer shall work within the Company's writing platform, StoryForge, when drafting episodes.",
     "StoryForge", "the Company's writing platform"),
])
def test_a_name_introduced_by_a_description_is_defined(tmp_path: Path, sentence: str, term: str,
                                                        text: str) -> None:
    assert passing(tmp_path, sentence) == {term: text}


@pytest.mark.parametrize("sentence", [
    "Company, its licensees and assigns may use the Materials.",  # a list of parties
    "Brand, its products or its personnel shall not be disparaged.",
    "Emberline, the studio, and Writer agree to the following.",  # a list goes on with ", and Writer"
    "Read it with the Handbook, your offer letter, your Inventions Agreement and the Policy.",
    "Acme Corp., a Delaware corporation, licenses the Software.",  # a capitalised description
    "However, the Company may terminate this Agreement on notice.",
    "The Game, its patches and expansions are the Company's property.",
    "IN WITNESS WHEREOF, the parties have signed this Agreement.",
    "Licensee shall pay the Fee (the amounts due under Schedule 2) within thirty days.",
])
def test_lists_parties_and_asides_are_not_definitions(tmp_path: Path, sentence: str) -> None:
    assert passing(tmp_path, sentence) == {}


def test_a_stated_definition_wins_over_a_passing_one(tmp_path: Path) -> None:
    document = load(write(tmp_path, '"StoryForge" means the Company\'s script database.',
                          "Writer works with StoryForge, the Company's text generator, on drafts."))
    assert document.definitions["StoryForge"].text == '"StoryForge" means the Company\'s script database.'


def concerns(report: Report, number: str) -> set[tuple[str, str]]:
    clauses = report.document.clauses
    return {(f.concern, f.kind) for f in report.findings
            if f.clause is not None and clauses[f.clause].number == number}


def test_a_later_use_of_the_name_reads_as_an_ai_tool(tmp_path: Path) -> None:
    """Clause 2 says only "StoryForge"; clause 1 introduced it as a text generator."""
    path = write(tmp_path,
                 "The Studio develops its games with StoryForge, the Studio's in-house text generator.",
                 "Writer shall generate first drafts of all dialogue with StoryForge and then revise them.")
    report = check(path)
    assert ("required-ai-use", "conflict") in concerns(report, "2")
    finding = next(f for f in report.findings if f.concern == "required-ai-use")
    note = "\u201cStoryForge\u201d is a defined term (clause 1): the Studio's in-house text generator"
    assert note in finding.notes


def test_without_the_introduction_the_name_is_not_an_ai_tool(tmp_path: Path) -> None:
    path = write(tmp_path, "The Studio develops its games in Seattle.",
                 "Writer shall generate first drafts of all dialogue with StoryForge and then revise them.")
    assert ("required-ai-use", "conflict") not in concerns(check(path), "2")


@pytest.mark.skipif(not SHARED_CUAD.is_dir(), reason="the shared CUAD corpus is not next to the repository")
def test_cuad_business_contracts_introduce_no_names_in_passing() -> None:
    """The guard the brief sets: ordinary commercial contracts gain no passing definitions."""
    from clausecheck.definitions import _introduced

    found = []
    for path in sorted(SHARED_CUAD.glob("*.txt")):
        document = load(path)
        found += [(path.name, term) for term, d in document.definitions.items()
                  if d.clause is not None and (term, d.text) in _introduced(document.clauses[d.clause].text)]
    assert found == []

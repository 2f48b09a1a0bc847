"""A grant cited as a list or a range ("the rights granted in Sections 2.1 through 2.3", "the licences in
Sections 2.1 and 2.3") is read with every clause it names, not only the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import write_pdf, write_text

from clausecheck.engine.reading import readings, with_references
from clausecheck.engine.references import THROUGH, citations
from clausecheck.loaders import load

CONTRACT = [
    "VOICE AGREEMENT",
    "1. Services. Performer shall record the dialogue for the Game.",
    "2. Rights.",
    "2.1 Performer shall attend two recording sessions.",
    "2.2 Performer grants Studio the right to use the Recordings in the Game.",
    "2.3 Performer authorises Studio to create a digital replica of Performer's voice.",
    "2.4 The rights granted in Sections 2.1 through 2.3 may not be revoked.",
    "2.5 The licences in Sections 2.1 and 2.3 are irrevocable.",
    "2.6 The rights granted in Section 2.2, Performer's name and Performer's likeness survive the Term.",
]


@pytest.mark.parametrize(("text", "numbers"), [
    ("The rights granted in Sections 2.1 through 2.3 may not be revoked.", ["2.1", THROUGH + "2.3"]),
    ("The licences in Sections 2.1 and 2.3 are irrevocable.", ["2.1", "2.3"]),
    ("The consents in clauses 4(a), 4(b) or 4(c) survive.", ["4(a)", "4(b)", "4(c)"]),
    ("The rights in Articles III and IV.B continue.", ["III", "IV.B"]),
    ("The rights granted in Section 2.2, Performer's name and likeness survive.", ["2.2"]),
])
def test_listed_numbers(text: str, numbers: list[str]) -> None:
    assert [number for _, _, number in citations(text)] == numbers


@pytest.mark.parametrize("write", [write_text, write_pdf])
def test_ranges_and_lists_are_read_whole(tmp_path: Path, write) -> None:
    document = load(write(tmp_path, CONTRACT))
    current = list(range(len(document.clauses)))
    wider = with_references(document, current, readings(document, current))
    read = {document.clauses[i].number: [document.clauses[p.clause].number for p in r.parts]
            for i, r in wider.items()}
    assert read == {"2.4": ["2.4", "2.1", "2.2", "2.3"], "2.5": ["2.5", "2.1", "2.3"], "2.6": ["2.6", "2.2"]}

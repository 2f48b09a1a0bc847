"""A quoted name introduced in passing by a descriptive phrase ('"Inkstone Notes", an automated service
that gives students feedback') is a defined term like an unquoted one, so rules that reach defined terms
read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check
from contract_files import write_docx, write_text

from clausecheck.definitions import find_definitions
from clausecheck.loaders import load
from clausecheck.model import Report

INTRODUCED = {
    "Inkstone Notes": 'Inkstone also offers "Inkstone Notes", an automated service that gives students '
                      "written feedback.",
    "Quillmate": "The Studio licenses \u201cQuillmate\u201d, a drafting assistant that suggests lines of "
                 "dialogue.",
    "Sprout Tutor": 'Company operates "Sprout Tutor", a conversational reading tutor, for schools.',
    "Plotline": 'Members may use "Plotline", our story engine, to plan chapters.',
}
NOT_INTRODUCED = {  # look-alikes: a person, a document
    "Jane Roe": 'Company engages "Jane Roe", an individual who writes notes, as story editor.',
    "Schedule B": 'The parties signed "Schedule B", the fee schedule, on the same day.',
}


def contract(name: str, introduction: str) -> list[str]:
    return ["WRITER AGREEMENT", f"1. {introduction}",
            f"2. Company may use the Scripts and Writer's feedback to build, refine and test {name}."]


def training(report: Report) -> list[str]:
    return [report.document.clauses[f.clause].number for f in report.findings if f.concern == "ai-training"]


@pytest.mark.parametrize("name", sorted(INTRODUCED))
def test_quoted_name_in_passing_is_defined(tmp_path: Path, name: str) -> None:
    path = write_text(tmp_path, contract(name, INTRODUCED[name]))
    assert name in load(path).definitions
    assert training(check(path)) == ["2"]


@pytest.mark.parametrize("name", sorted(NOT_INTRODUCED))
def test_look_alikes_are_not_systems(tmp_path: Path, name: str) -> None:
    assert training(check(write_text(tmp_path, contract(name, NOT_INTRODUCED[name])))) == []


def test_docx(tmp_path: Path) -> None:
    introduction = 'Our platform offers "Scribe", a text generator, to members.'
    report = check(write_docx(tmp_path, contract("Scribe", introduction)))
    assert training(report) == ["2"]
    assert find_definitions(report.document.clauses)["Scribe"].text == "a text generator"

"""The built-in ``consent`` exception: only the worker's (or their side's) consent excepts a grant,
not the hiring party's own approval."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.conditions import find_builtin
from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"


def excepted(text: str) -> bool:
    return find_builtin("consent", text, (0, len(text))) is not None


def rules_fired(text: str) -> set[str]:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {f.rule for f in check(document, packs=[], rules=[CORE]).findings}


@pytest.mark.parametrize("text", [
    "Company may create new lines in the Presenter's voice, provided the lines are approved by Company's "
    "standards team.",
    "Company may use the Materials to train AI with Company's prior written approval.",
    "Company may use the Materials to train AI, subject to Brand approval.",
    "Company may use the Recordings in clips, provided that they are approved only by the Producer.",
    "We may use your Contributions to train our models, subject to our internal approval.",
])
def test_the_companys_own_approval_is_not_consent(text: str) -> None:
    assert not excepted(text)


@pytest.mark.parametrize("text", [
    "Company may use the Materials to train AI, subject to Writer's prior written approval.",
    "Company may use the Materials to train AI with Writer's prior written consent.",
    "Company may use the Materials to train AI unless Performer withholds consent.",
    "Company may use the Voice only with the approval of Performer's union.",
    "Company may use the Voice provided that it is approved by Performer's representative.",
    "Company may use the Voice only after it obtains Performer's approval of the Company's intended use.",
])
def test_the_workers_consent_still_excepts(text: str) -> None:
    assert excepted(text)


def test_a_grant_approved_by_the_company_is_a_conflict() -> None:
    assert "core-training-grant" in rules_fired(
        "Company may use the Materials to train AI systems, provided the use is approved by Company's "
        "legal department.")


def test_a_grant_subject_to_the_writers_approval_is_not() -> None:
    assert "core-training-grant" not in rules_fired(
        "Company may use the Materials to train AI systems, provided the use is approved by Writer in "
        "writing.")

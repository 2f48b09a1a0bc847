"""Negation scope: a grant under a negation that governs its verb is not a grant."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.examples import example_document
from clausecheck.engine.negation import judge
from clausecheck.engine.schema import Example
from clausecheck.engine.sentences import Sentences
from clausecheck.engine.yamlnodes import Mark

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"


def rules_fired(text: str) -> set[str]:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {f.rule for f in check(document, packs=[], rules=[CORE]).findings}


GRANTS = [
    "Company may use the Materials to train artificial intelligence systems.",
    "The Writer shall not be entitled to approve, and Company may use the Materials to train AI.",
    "Company will not pay any royalty, and Company may use the Materials to train AI models.",
    "Writer may not revoke this grant; Company may use the Materials to train AI models.",
    "Company may use the Materials, without limitation, to train machine learning models.",
    "Writer's consent shall not be required for Company to use the Materials to train AI models.",
    "Nothing in this Agreement shall limit Company's right to use the Materials to train AI models.",
    "Company may use the Materials to train AI models, but shall not sell the Materials.",
    "Company may use the Materials to train AI models without further consent or payment.",
    "Company shall have the right, but not the obligation, to use the Materials to train AI models.",
    "Company may not use the Materials except to train AI models.",
    "The Materials shall not be used for any purpose other than training AI models.",
    "Writer grants Company the right to use the Materials to train AI models, which may not be revoked.",
]
NOT_GRANTS = [
    "Company shall not use the Materials to train any artificial intelligence system.",
    "In no event shall Company use the Materials to train any AI system.",
    "Company may not, and shall not permit any third party to, use the Materials to train AI models.",
    "Company shall not, without Writer's prior written consent, use the Materials to train AI.",
    "Company will never use the Materials to train machine learning models.",
    "Company is prohibited from using the Materials to train AI models.",
    "Company agrees not to use the Materials to train AI models.",
    "No Materials shall be used to train any AI model.",
    "Company shall have no right to use the Materials to train AI models.",
    "Use of the Materials to train AI models is strictly prohibited.",
    "Company cannot use the Materials to train AI models.",
    "Company may not use the Materials or any portion thereof, in whole or in part, to train AI models.",
    "Company will not, directly or indirectly, use or permit the use of the Materials to train AI models.",
    "Company represents that it has not used and will not use the Materials to train AI models.",
    "No license is granted to use the Materials to train AI models.",
    "Company shall refrain from using the Materials to train AI models.",
    "Neither Company nor its affiliates shall use the Materials to train AI models.",
]


@pytest.mark.parametrize("text", GRANTS)
def test_grant_raises_conflict(text):
    fired = rules_fired(text)
    assert "core-training-grant" in fired
    assert "core-training-ban" not in fired


@pytest.mark.parametrize("text", NOT_GRANTS)
def test_negated_grant_is_a_protection_not_a_conflict(text):
    fired = rules_fired(text)
    assert "core-training-grant" not in fired
    assert "core-training-ban" in fired


def verdict(text: str, anchor: str):
    start = text.index(anchor)
    return judge(text, Sentences(text).around(start), start, start + len(anchor))


def test_cue_names_itself_and_scope_end_is_reported():
    governed = verdict("Company shall not use the Materials to train any AI system.", "train")
    assert governed.negated and governed.cue == "shall not"
    ended = verdict("The Writer shall not be entitled to approve, and Company may use the Materials to "
                    "train AI.", "train")
    assert not ended.negated
    assert ended.reason == "scope of 'shall not' ends at ', and Company may'"


def test_negation_in_another_sentence_does_not_reach():
    text = "Company shall not sell the Materials. Company may use the Materials to train AI models."
    assert not verdict(text, "train").negated
    assert "core-training-grant" in rules_fired(text)


def test_pseudo_negation_is_not_a_cue():
    text = "Company may use the Materials for any purpose, including but not limited to training AI models."
    result = verdict(text, "training")
    assert not result.negated and result.cue is None
    assert "core-training-grant" in rules_fired(text)

"""Exceptions: a grant conditioned on consent or extra payment is not an unconditional grant."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.conditions import find_builtin
from clausecheck.engine.examples import example_document
from clausecheck.engine.loader import load_files, pack_paths
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"


def fired(text: str, rules=(CORE,)) -> set[str]:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {f.rule for f in check(document, packs=[], rules=list(rules)).findings}


EXCEPTED = [
    "Company may use the Materials to train AI models only with Writer's prior written consent.",
    "Except with Writer's prior written consent, Company may use the Materials to train AI models.",
    "Unless Writer consents in writing, Company may not use the Materials to train AI models.",
    "Company may use the Materials to train AI models, subject to Writer's approval in each case.",
    "Company may use the Materials to train AI models, provided that Company pays Writer additional "
    "compensation.",
    "Company may use the Materials to train AI models conditioned upon payment of a separate fee.",
    "Company may use the Materials to train AI models, subject to the payment of residuals.",
    "Company may use the Materials to train AI models with Writer's express written consent.",
]
NOT_EXCEPTED = [
    "Company may use the Materials to train AI models without further consent.",
    "Company may use the Materials to train AI models without Writer's prior consent.",
    "Company may use the Materials to train AI models, and Writer hereby consents to such use.",
    "Subject to payment of the Fee, Company may use the Materials to train AI models.",
    "Company may use the Materials to train AI models without any additional compensation.",
    "Subject to the terms of this Agreement, Company may use the Materials to train AI models.",
    "Company may use the Materials to train AI models; Writer's consent is not required.",
]


@pytest.mark.parametrize("text", EXCEPTED)
def test_conditioned_grant_is_excepted(text):
    assert "core-training-grant" not in fired(text)


@pytest.mark.parametrize("text", NOT_EXCEPTED)
def test_widening_phrases_are_not_exceptions(text):
    assert "core-training-grant" in fired(text)


def test_exception_found_names_its_words():
    text = "Company may use the Materials to train AI, provided that Company pays Writer a reuse fee."
    found = find_builtin("payment", text, (0, len(text)))
    assert found is not None and found.text == "provided that Company pays"
    assert find_builtin("consent", text, (0, len(text))) is None


def test_exception_in_another_sentence_does_not_count():
    text = ("Company may use the Materials to train AI models. Writer's approval is required for any "
            "sequel, unless Writer consents otherwise.")
    assert "core-training-grant" in fired(text)


def test_custom_exception_expression(tmp_path):
    pack = CORE.read_text(encoding="utf-8").replace(
        "    exceptions: [consent, payment]\n",
        "    exceptions:\n      - consent\n      - terms: [internal research]\n", 1)
    path = tmp_path / "custom.yaml"
    path.write_text(pack.replace("name: core\n", "name: custom\n"), encoding="utf-8")
    ruleset = load_files(pack_paths([], [path]))
    assert ruleset.by_id["core-training-grant"].exceptions[0] == "consent"
    text = "Company may use the Materials to train AI models for internal research."
    assert "core-training-grant" not in fired(text, [path])
    assert "core-training-grant" in fired("Company may use the Materials to train AI models.", [path])

"""A rule whose whole ``match`` is one leaf: that leaf is the anchor, so negation is judged on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from contract_files import rules_check as check

from clausecheck.engine.examples import example_document
from clausecheck.engine.schema import Example
from clausecheck.engine.yamlnodes import Mark

PACK = """\
pack: {name: leaf, title: Single leaf, version: "1", description: One-leaf rules.}
rules:
  - id: leaf-train
    title: Training
    concern: ai-training
    kind: conflict
    severity: low
    sources: [{name: Test, section: section unverified}]
    explanation: Test rule.
    ask: Test ask.
    match:
      terms: [train machine learning models]
    examples:
      match: ["Company may train machine learning models on it.", "We train machine learning models."]
      no_match: ["Company shall not train machine learning models on it.", "Nothing here."]
  - id: leaf-train-ban
    title: Training ban
    concern: ai-training
    kind: protection
    severity: low
    polarity: negated
    sources: [{name: Test, section: section unverified}]
    explanation: Test rule.
    ask: Test ask.
    match:
      pattern: 'train\\w*\\s+machine\\s+learning\\s+models'
    examples:
      match: ["Company shall not train machine learning models.", "No one may train machine learning models."]
      no_match: ["Company may train machine learning models.", "Nothing here."]
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("leaf") / "leaf.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def fired(pack: Path, text: str) -> set[str]:
    document = example_document(Example(text, {}, Mark("test", 1, 1)))
    return {f.rule for f in check(document, packs=[], rules=[pack]).findings}


@pytest.mark.parametrize(("text", "expected"), [
    ("Company may train machine learning models on the Materials.", {"leaf-train"}),
    ("Company shall not train machine learning models on the Materials.", {"leaf-train-ban"}),
    ("In no event will Company train machine learning models on the Materials.", {"leaf-train-ban"}),
])
def test_single_leaf_is_the_anchor(pack: Path, text: str, expected: set[str]) -> None:
    assert fired(pack, text) == expected

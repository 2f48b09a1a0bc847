"""``defined.expansions`` reads each definition's scope once per document (not once per leaf and
definition); what it finds must be what trying every leaf on every definition finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import load_rules
from clausecheck.engine.defined import defined_leaves, definition_scope, expansions
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACTS = [FIXTURES / "contracts" / "writer-ai-draft-polish.txt",
             FIXTURES / "tuning" / "platform-contributor-tos.txt",
             FIXTURES / "tuning" / "creator-brand-agreement.txt"]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_expansions_match_every_leaf_tried_on_every_definition(path: Path) -> None:
    rules = load_rules().rules
    document = load(path)
    expected = {}
    for rule in rules:
        for leaf in defined_leaves(rule):
            terms = [d.term for d in document.definitions.values()
                     if leaf.pattern.search(definition_scope(d)) and not leaf.pattern.fullmatch(d.term)]
            if terms:
                expected[id(leaf)] = terms
    found = expansions(rules, document, 5.0)
    assert {key: terms for key, (_, terms) in found.items()} == expected
    assert expected, "the contract defines terms the rules reach"

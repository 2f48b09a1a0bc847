"""The prefilter's candidate test on bit masks (one bit per keyword, as found and as starting a word)
chooses exactly the rules whose every keyword set the scan hit and whose exact need it meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import load_rules
from clausecheck.engine.defined import expansions
from clausecheck.engine.need import checker
from clausecheck.engine.prefilter import Prefilter, requirement, rule_need
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACTS = [FIXTURES / "contracts" / "writer-ai-draft-polish.txt",
             FIXTURES / "contracts" / "perf-ca-dayplayer.pdf",
             FIXTURES / "tuning" / "commercial-equipment-supply.txt"]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_mask_candidates_are_the_rules_whose_every_set_is_hit(path: Path) -> None:
    rules = [r for r in load_rules().rules if r.scope == "clause" or r.kind == "missing"]
    prefilter = Prefilter(rules)
    chosen_somewhere = set()
    for clause in load(path).clauses:
        found, mask = prefilter.scan_bits(clause.text)
        assert found == prefilter.scan(clause.text)
        assert mask == prefilter._mask(found)
        expected = [rule for rule in prefilter.rules
                    if all(not group.isdisjoint(found) for group in requirement(rule.main))
                    and ((need := checker(rule_need(rule.main), prefilter.bits)) is None or need(mask))]
        assert prefilter.candidates(found, clause.text, {}, mask) == expected
        assert prefilter.candidates(found, clause.text, {}) == expected
        chosen_somewhere.update(rule.id for rule in expected)
    assert 0 < len(chosen_somewhere) < len(rules)


def test_a_documents_clauses_are_tested_at_once_with_the_same_candidates() -> None:
    """All clauses' candidates worked out at once (a set of clauses per literal) are each clause's own,
    with the rules that reach the document's defined terms decided clause by clause."""
    rules = [r for r in load_rules().rules if r.scope == "clause" or r.kind == "missing"]
    prefilter = Prefilter(rules)
    reached = 0
    for path in CONTRACTS:
        document = load(path)
        texts = [clause.text for clause in document.clauses]
        scans = prefilter.scan_clauses(texts)
        expanded = prefilter.expanded(expansions(rules, document, 1.0))
        reached += bool(expanded)
        each = [prefilter.candidates(found, text, expanded, mask)
                for text, (found, mask) in zip(texts, scans, strict=True)]
        sets = prefilter.rule_clauses(scans.holding, len(scans), expanded)
        assert prefilter.clause_candidates(scans.masks, texts, expanded, sets) == each
        assert any(each) and not all(each)
    assert reached  # a document with defined terms was among them

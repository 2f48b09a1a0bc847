"""The prefilter's candidate test on bit masks (one bit per keyword, as found and as starting a word)
chooses exactly the rules whose every keyword set the scan hit and whose exact need it meets."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import load_rules
from clausecheck.engine.prefilter import Prefilter
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
        expected = [rule for rule, req, check in zip(prefilter.rules, prefilter.requirements,
                                                     prefilter.rule_checks, strict=True)
                    if all(not group.isdisjoint(found) for group in req) and (check is None or check(mask))]
        assert prefilter.candidates(found, clause.text, {}, mask) == expected
        assert prefilter.candidates(found, clause.text, {}) == expected
        chosen_somewhere.update(rule.id for rule in expected)
    assert 0 < len(chosen_somewhere) < len(rules)

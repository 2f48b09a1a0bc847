"""``expr.possible`` lets the engine pass over a rule that cannot match a clause without building its
Result tree. It must never say False where ``evaluate`` matches, and findings must be the same as on
the full path (the one ``explain`` takes, tracing every attempt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import Engine, load_rules
from clausecheck.engine.anchors import anchor_judge
from clausecheck.engine.expr import Target, evaluate, possible
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACTS = [FIXTURES / "contracts" / "writer-ai-draft-polish.txt",
             FIXTURES / "contracts" / "perf-ca-dayplayer.pdf",
             FIXTURES / "tuning" / "voice-data-contributor.txt",
             FIXTURES / "contracts" / "nda-pay-union-gag.txt"]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_possible_is_never_false_where_evaluate_matches(path: Path) -> None:
    rules = load_rules().rules
    engine = Engine(rules)
    assert engine.prefilter is not None
    answers = []
    for clause in load(path).clauses:
        if not clause.text.strip():
            continue
        mask = engine.prefilter.scan_bits(clause.text)[1]
        for rule in rules:
            target = Target(clause.text, rule.id, 5.0, mask=mask, checks=engine.prefilter.checks, matches={})
            matched = evaluate(rule.main, target, anchor_judge(rule, target)).matched
            answer = possible(rule.main, target)
            assert answer or not matched, (rule.id, clause.text[:80])
            answers.append((answer, matched))
    assert (False, False) in answers and (True, True) in answers  # both answers, and real matches


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_findings_are_those_of_the_traced_full_path(path: Path) -> None:
    engine = Engine(load_rules().rules)
    document = load(path)
    attempts = []
    quick, _ = engine.run(document)
    traced, _ = engine.run(document, trace=attempts.append)
    assert quick == traced
    assert quick and attempts

"""``expr.possible`` lets the engine pass over a rule that cannot match a clause without building its
Result tree. It must never say False where ``evaluate`` matches, and findings must be the same as on
the full path (the one ``explain`` takes, tracing every attempt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import Engine, load_rules
from clausecheck.engine.anchors import anchor_judge
from clausecheck.engine.expr import Branch, Leaf, Target, compile_pattern, evaluate, possible
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
            gated = Target(clause.text, rule.id, 5.0, mask=mask, checks=engine.prefilter.checks, matches={},
                           gates=engine.prefilter.gates)  # the rule's compiled gate answers the same
            assert possible(rule.main, gated) == answer, (rule.id, clause.text[:80])
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


def leaf(pattern: str) -> Leaf:
    compiled = compile_pattern(pattern)
    return Leaf("pattern", pattern, compiled.pattern, compiled.keywords, None, need=compiled.need,
                screen_pattern=compiled.screen_pattern)


def test_no_regex_runs_for_a_rule_that_another_leaf_screens_out() -> None:
    """possible() asks every leaf's screen before any regex: the first leaf's regex (which would
    match) does not run when the second leaf's screen finds nothing."""
    grant, training = leaf(r"licen[cs]es?\s+the\s+recordings"), leaf(r"train\w*\s+(?:a\s+)?models?")
    rule = Branch("all", [grant, training], None)
    text = "Performer licenses the Recordings to the Company for the Picture."
    target = Target(text, "r", 5.0, matches={})
    assert not possible(rule, target)
    assert (id(grant.pattern), text) not in target.matches  # its regex never ran
    assert target.matches[(id(training.pattern), text)] == ()  # ruled out by its screen
    target = Target(text + " It may train models on them.", "r", 5.0, matches={})
    assert possible(rule, target)
    assert evaluate(rule, target).matched

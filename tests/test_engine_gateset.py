"""Rules' gates tested on all of a document's clauses at once (engine/gateset.py) give the clause-by-
clause answers: the same clauses pass each built-in rule's gate, a screen run over adjacent clauses
finds every clause a search of that clause alone finds, and the regex never starts after a match."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine import Engine, load_rules
from clausecheck.engine.expr import Leaf, Target, compile_pattern, iter_leaves
from clausecheck.engine.gateset import ClauseScreens
from clausecheck.engine.yamlnodes import Mark
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Word and PDF layouts, a writer's deal, a performer's and a gig worker's terms, with defined terms
CONTRACTS = [FIXTURES / name for name in ("contracts/credit-game-narrative-contract.docx",
                                          "contracts/consent-creator-sponsorship.docx",
                                          "contracts/perf-ca-dayplayer.pdf",
                                          "tuning/voice-data-contributor.txt")]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_each_rule_passes_the_clauses_its_gate_passes_one_by_one(path: Path) -> None:
    engine = Engine(load_rules().rules)
    prefilter = engine.prefilter
    assert prefilter is not None
    texts = [clause.text for clause in load(path).clauses if clause.text.strip()]
    scans = prefilter.scan_clauses(texts)
    holding = scans.holding
    screens = ClauseScreens(texts, holding, prefilter.leaf_sets)
    passed = 0
    for number, clauses in prefilter.rule_clauses(holding, len(texts), {}).items():
        rule = prefilter.rules[number]
        at_once = screens.gate(rule.main, clauses)
        one_by_one = 0
        for clause in range(len(texts)):
            if clauses >> clause & 1:
                target = Target(texts[clause], rule.id, 5.0, mask=scans[clause][1], checks=prefilter.checks)
                one_by_one |= prefilter.gates[id(rule.main)](scans[clause][1], target.ruled_out) << clause
        assert at_once == one_by_one, rule.id
        passed += at_once.bit_count()
    assert passed  # some rules pass some clauses
    for clause, starts in enumerate(screens.starts):  # no match of a passed pattern starts earlier
        target = Target(texts[clause], "", 5.0)
        screens.attach(target, clause)
        for leaf in _leaves(engine):
            start = starts.get(id(leaf.pattern))
            if start is not None:
                assert all(m.start() >= start for m in leaf.pattern.finditer(texts[clause]))
            elif screens.tested.get(id(leaf.pattern), 0) >> clause & 1:
                assert target.ruled_out(leaf) and not leaf.pattern.search(texts[clause])


def _leaves(engine: Engine) -> list[Leaf]:
    assert engine.prefilter is not None
    return [leaf for rule in engine.prefilter.rules for leaf in iter_leaves(rule.main)]


WORDS = st.sampled_from(["shall", "not", "train", "use", "Résumé", "straße", "model", "\u00a0", ",", ".",
                         "voice", "in", "perpetuity", "x", "é", "\n"])
PATTERNS = [r"(?:shall|may)\s+not\s+(?:use|train)\b", r"voice[^.;]{0,40}?perpetuity", r"\bx\W+x\b",
            r"(?:\w+\W+){0,2}?model", r"stra(?:ss|ß)e\s+in"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=10).map(" ".join), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=63))
def test_a_screen_over_adjacent_clauses_misses_none(texts: list[str], chosen: int) -> None:
    """Every chosen clause whose own search finds a screen match is passed (a match that runs on into
    the next clause may pass one more), and the regex starts no later than its first match."""
    chosen &= (1 << len(texts)) - 1
    for pattern in PATTERNS:
        compiled = compile_pattern(pattern)
        leaf = Leaf("pattern", pattern, compiled.pattern, compiled.keywords, Mark("test", 1, 1),
                    need=compiled.need, screen_pattern=compiled.screen_pattern)
        screens = ClauseScreens(texts, [], {})
        passed = screens.gate(leaf, chosen)
        assert passed & ~chosen == 0
        for clause, text in enumerate(texts):
            alone = leaf.screen.search(text.encode()) is not None
            if chosen >> clause & 1 and alone:
                assert passed >> clause & 1, (pattern, texts, clause)
            if passed >> clause & 1:
                start = screens.starts[clause][id(leaf.pattern)]
                assert all(m.start() >= start for m in leaf.pattern.finditer(text)), (pattern, text)

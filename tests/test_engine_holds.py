"""``expr.holds`` (used where only the yes/no matters: is a required protection present?) answers as
``evaluate(...).matched`` does, on every built-in rule and every clause of real contracts."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import load_rules
from clausecheck.engine.expr import Target, evaluate, holds
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACTS = [FIXTURES / "tuning" / "writer-feature-wfh.txt", FIXTURES / "tuning" / "annotation-msa.txt",
             FIXTURES / "contracts" / "nda-severance-ca.pdf"]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_holds_agrees_with_evaluate(path: Path) -> None:
    rules = load_rules().rules
    texts = [c.text for c in load(path).clauses if c.text.strip()]
    expressions = [e for r in rules for e in (r.match, r.trigger, r.requires) if e is not None]
    answers = []
    for text in texts:
        for expression in expressions:
            expected = evaluate(expression, Target(text, "r", 5.0)).matched
            assert holds(expression, Target(text, "r", 5.0)) is expected
            answers.append(expected)
    assert True in answers and False in answers

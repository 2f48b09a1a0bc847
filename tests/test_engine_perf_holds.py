"""The quick paths of ``expr.holds`` on a whole document's text (a missing rule's protection is looked
for there): one search per leaf instead of every match, and a ``near`` pair tried only when both sides
hold. They must answer as ``evaluate(...).matched`` does, with the keyword skip and defined terms in."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausecheck.engine import Engine, load_rules
from clausecheck.engine.defined import expansions
from clausecheck.engine.expr import Target, evaluate, holds, iter_leaves
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONTRACTS = [FIXTURES / "contracts" / "writer-ai-draft-polish.txt",
             FIXTURES / "tuning" / "replica-consent-rider.txt",
             FIXTURES / "contracts" / "nda-pay-union-gag.txt"]


def _document_target(path: Path, rules: list, engine: Engine) -> tuple[str, dict, int]:
    document = load(path)
    text = "\n\n".join(c.text for c in document.clauses if c.change != "deleted" and c.text.strip())
    assert engine.prefilter is not None
    return text, expansions(rules, document, 5.0), engine.prefilter.scan_bits(text)[1]


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.name)
def test_holds_on_document_text_agrees_with_evaluate(path: Path) -> None:
    rules = load_rules().rules
    engine = Engine(rules)
    text, expanded, mask = _document_target(path, rules, engine)
    checks = engine.prefilter.checks
    expressions = [e for r in rules for e in (r.match, r.trigger, r.requires) if e is not None]
    parts = [node for e in expressions for node in _subexpressions(e)]
    answers = []
    for expression in parts:
        expected = evaluate(expression, Target(text, "r", 5.0, expanded, mask, checks)).matched
        assert holds(expression, Target(text, "r", 5.0, expanded, mask, checks)) is expected, expression.mark
        answers.append(expected)
    assert True in answers and False in answers


def test_exists_agrees_with_find_and_uses_known_spans() -> None:
    rules = load_rules().rules
    text = load(CONTRACTS[0]).text
    matches: dict = {}
    for rule in rules:
        for leaf in iter_leaves(rule.main):
            fresh = Target(text, "r", 5.0)
            assert fresh.exists(leaf.pattern) is bool(fresh.find(leaf.pattern))
            shared = Target(text, "r", 5.0, matches=matches)
            spans = shared.find(leaf.pattern)
            assert shared.exists(leaf.pattern) is bool(spans)
    assert matches, "the shared cache was filled"


def _subexpressions(expression):
    """Every node of an expression (each is evaluated on its own)."""
    stack = [expression]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", ()))

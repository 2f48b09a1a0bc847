"""A pattern leaf is skipped on a text that lacks what its regex needs (``literals.condition``: the
literals every match contains, per alternative); a pattern that matches must satisfy its condition."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine.expr import casefolded, compile_pattern
from clausecheck.engine.literals import condition, satisfied

PATTERNS = [
    r"(?:shall|may)\s+not\s+(?:use|train)",
    r"keep\b[\w\s,]{0,40}?\bconfidential",
    r"(?:the\s+)?terms(?:\s+and\s+conditions)?\s+(?:of|that)",
    r"(?:not\s+obliged\s+to\s+credit|no\s+credit\s+is\s+owed)",
    r"without\s+(?:any\s+)?(?:further|extra)\s+(?:payment|fees?)",
]


def test_condition_keeps_each_alternative_whole() -> None:
    assert condition(PATTERNS[0]) == ("all", [("any", [("kw", "shall"), ("kw", "may")]), ("kw", "not"),
                                              ("any", [("kw", "use"), ("kw", "train")])])
    # the parser factors out the alternatives' common start ("no"): the rest stays per alternative
    assert condition(PATTERNS[3]) == ("all", [("kw", "no"), ("any", [
        ("all", [("kw", "t"), ("kw", "obliged"), ("kw", "to"), ("kw", "credit")]),
        ("all", [("kw", "credit"), ("kw", "is"), ("kw", "owed")])])])
    assert condition(r"a|\p{L}") is None  # regex-only syntax: nothing known, never skipped


@pytest.mark.parametrize(("pattern", "text", "holds"), [
    (PATTERNS[0], "Company MAY NOT TRAIN models.", True),
    (PATTERNS[0], "Company may train models.", False),  # no 'not': the leaf is skipped
    (PATTERNS[3], "The studio is not obliged to pay.", False),  # one alternative's words, not all
    (PATTERNS[3], "no credit is owed", True),
    (PATTERNS[4], "without further notice", False),
])
def test_skip_decision(pattern: str, text: str, holds: bool) -> None:
    assert satisfied(condition(pattern), casefolded(text)) is holds


WORDS = st.sampled_from(["shall", "MAY", "not", "use", "Train", "keep", "confidential", "the", "terms",
                         "and", "conditions", "of", "that", "without", "any", "further", "extra",
                         "payment", "fees", "obliged", "to", "credit", "no", "is", "owed", ",", " ",
                         "\n", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=14).map(" ".join))
def test_a_matching_text_satisfies_the_condition(text: str) -> None:
    for pattern in PATTERNS:
        if compile_pattern(pattern)[0].search(text):
            assert satisfied(condition(pattern), casefolded(text))

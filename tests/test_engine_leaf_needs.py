"""A pattern leaf is skipped on a text that lacks a keyword of one of the sets it needs
(``literals.required_all``); a pattern that matches must therefore hold a keyword of every set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine.expr import _holds_all, casefolded, compile_pattern
from clausecheck.engine.literals import required_all

PATTERNS = [
    r"(?:shall|may)\s+not\s+(?:use|train)",
    r"keep\b[\w\s,]{0,40}?\bconfidential",
    r"(?:the\s+)?terms(?:\s+and\s+conditions)?\s+(?:of|that)",
    r"without\s+(?:any\s+)?(?:further|extra)\s+(?:payment|fees?)",
]


def test_every_needed_set_is_listed() -> None:
    assert required_all(PATTERNS[0]) == (frozenset({"shall", "may"}), frozenset({"not"}),
                                         frozenset({"use", "train"}))
    assert required_all(PATTERNS[2]) == (frozenset({"terms"}), frozenset({"of", "that"}))
    assert required_all(r"a|\p{L}") == ()  # regex-only syntax: nothing known, never skipped


@pytest.mark.parametrize(("pattern", "text", "holds"), [
    (PATTERNS[0], "Company MAY NOT TRAIN models.", True),
    (PATTERNS[0], "Company may train models.", False),  # no 'not': the leaf is skipped
    (PATTERNS[3], "without further payment", True),
    (PATTERNS[3], "without further notice", False),
])
def test_skip_decision(pattern: str, text: str, holds: bool) -> None:
    assert _holds_all(required_all(pattern), casefolded(text)) is holds


WORDS = st.sampled_from(["shall", "MAY", "not", "use", "Train", "keep", "confidential", "the", "terms",
                         "and", "conditions", "of", "that", "without", "any", "further", "extra",
                         "payment", "fees", ",", " ", "  ", "\n", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=14).map(" ".join))
def test_a_matching_text_holds_every_needed_set(text: str) -> None:
    for pattern in PATTERNS:
        if compile_pattern(pattern)[0].search(text):
            assert _holds_all(required_all(pattern), casefolded(text))

"""``literals.starts_with_word``: where a pattern leaf may use ``\\b`` instead of ``(?<!\\w)`` (quicker in
the regex module), the two forms must find exactly the same matches."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine.expr import FLAGS, compile_pattern
from clausecheck.engine.literals import starts_with_word

PROVEN = [r"shall\s+not", r"(?:the\s+)?terms", r"(?<!\bwriter\W+)(?:may|can)", r"\d+\s*days", r"[a-z]+",
          r"(?:train|teach)(?:ing|s)?"]
UNPROVEN = [r"\(a\)", r"^\W*foo", r"[\w']+x", r"a?", r"(?:x|\.)", r"[^a]b", r"(?:the\s+)?", r"\p{L}+",
            r"(?:\s*,)?word"]


@pytest.mark.parametrize("pattern", PROVEN)
def test_word_first_patterns_use_word_boundary(pattern: str) -> None:
    assert starts_with_word(pattern)
    assert compile_pattern(pattern)[0].pattern.startswith(r"\b(?:")


@pytest.mark.parametrize("pattern", UNPROVEN)
def test_other_patterns_keep_the_lookbehind(pattern: str) -> None:
    assert not starts_with_word(pattern)
    assert compile_pattern(pattern)[0].pattern.startswith(r"(?<!\w)(?:")


PIECES = [*"ast n,.()'\u2019_-1\u00e9\u212a\u017f\n",
          "shall", "not", "terms", "the", "may", "writer", "days", "can"]
ALPHABET = st.sampled_from(PIECES)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_both_forms_find_the_same_matches(text: str) -> None:
    for pattern in PROVEN:
        old = regex.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", FLAGS)
        new = compile_pattern(pattern)[0]
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]

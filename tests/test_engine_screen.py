"""The RE2 screen of a pattern matches wherever the pattern does (so a screen that finds nothing lets
the engine skip the regex): on Unicode text, with lookarounds, word boundaries and classes that RE2
reads as ASCII only."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine import load_rules
from clausecheck.engine.expr import Leaf, Target, compile_pattern, iter_leaves
from clausecheck.engine.screen import screen
from clausecheck.engine.yamlnodes import Mark
from clausecheck.loaders import load

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PATTERNS = [
    r"caf\w+\s+au\s+lait",
    r"(?<!\w)r[ée]sum[ée]s?(?!\w)",
    r"(?:shall|may)\s+not\s+(?:use|train)\b",
    r"[^\w,]{1,3}ma[^\s]ana",
    r"(?:\w+\W+){0,3}?stra(?:ss|ß)e",
    r"perform[^.;]{0,40}?(?=\s+in\s+perpetuity)",
    r"\d+\s*%\s+of\s+(?:gross|net)",
    r"producer[’']s\s+sole\s+discretion",
    r"^notwithstanding\b.*?section\s+\d+",
    r"(?s)recordings?.{0,80}voice",
]
WORDS = st.sampled_from([
    "café", "CAFÉ", "au", "lait", "résumé", "resumes", "shall", "MAY", "not", "use", "train", "mañana",
    "manana", "straße", "STRASSE", "perform", "in", "perpetuity", "50", "٣", "%", "of", "gross", "Producer’s",
    "producer's", "sole", "discretion", "Notwithstanding", "Section", "4", "recordings", "voice", "é",
    ",", ".", ";", " ", "\u00a0", "\u2003", "\n", "\t", "x", "_",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=16).map("".join), st.lists(WORDS, max_size=16).map(" ".join))
def test_a_screen_finds_whatever_its_pattern_finds(glued: str, spaced: str) -> None:
    for pattern in PATTERNS:
        regex_pattern, quick = compile_pattern(pattern)[0], screen(pattern)
        assert quick is not None, pattern
        for text in (glued, spaced):
            if regex_pattern.search(text):
                assert quick.search(text.encode()) is not None, (pattern, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=16).map("".join), st.lists(WORDS, max_size=16).map(" ".join))
def test_the_regex_starts_where_the_screen_first_matched(glued: str, spaced: str) -> None:
    """The regex runs from the screen's first match on (no match can start before it), with the text
    before it still in view for lookbehinds and word boundaries: the same spans as a run from the start,
    on Unicode text, where the screen's offsets are bytes."""
    for pattern in PATTERNS:
        compiled = compile_pattern(pattern)
        leaf = Leaf("pattern", pattern, compiled.pattern, compiled.keywords, Mark("test", 1, 1),
                    need=compiled.need, screen=compiled.screen)
        for text in (glued, spaced, "x" + spaced):
            target = Target(text, "test", 5.0)
            expected = [m.span() for m in compiled.pattern.finditer(text)]
            assert target.ruled_out(leaf) == (not leaf.screen.search(text.encode()))
            assert target.find(leaf.pattern) == expected, (pattern, text)
            assert target.exists(leaf.pattern) == bool(expected)


def test_patterns_it_cannot_widen_get_no_screen() -> None:
    assert screen(r"\p{L}+ing") is None  # regex-module syntax
    assert screen(r"[^\W\d]+") is None  # RE2's [^\W] would keep to ASCII letters
    assert screen(r"(a)\1") is None  # a back-reference


@pytest.mark.parametrize("name", ["contracts/writer-ai-draft-polish.txt", "contracts/perf-ca-dayplayer.pdf",
                                  "tuning/voice-data-contributor.txt", "tuning3/athlete-nil-ai-likeness.txt"])
def test_every_builtin_leaf_screen_holds_on_real_clauses(name: str) -> None:
    leaves = {id(leaf): leaf for rule in load_rules().rules
              for expression in (rule.match, rule.trigger, rule.requires) if expression is not None
              for leaf in iter_leaves(expression, inside_not=True)}
    screened = [leaf for leaf in leaves.values() if leaf.screen is not None]
    assert len(screened) > 0.9 * len(leaves)
    ruled_out = 0
    for clause in load(FIXTURES / name).clauses:
        encoded = clause.text.encode()
        for leaf in screened:
            found = leaf.screen.search(encoded) is not None
            if leaf.pattern.search(clause.text):
                assert found, (leaf.source, clause.text[:80])
            ruled_out += not found
    assert ruled_out  # the screens do rule things out

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
from clausecheck.engine.parts import joined
from clausecheck.engine.screen import first_start, screen, screened_search
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
            data = text.encode()
            found = quick.search(data, 1, len(data))
            assert first_start(quick)(data, 1, len(data)) == (-1 if found is None else found.start())
            expected = regex_pattern.search(text)
            got = screened_search(regex_pattern, text)  # the same first match, screened first
            assert (got and got.span()) == (expected and expected.span()), (pattern, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=16).map("".join), st.lists(WORDS, max_size=16).map(" ".join))
def test_the_regex_starts_where_the_screen_first_matched(glued: str, spaced: str) -> None:
    """The regex runs from the screen's first match on (no match can start before it), with the text
    before it still in view for lookbehinds and word boundaries: the same spans as a run from the start,
    on Unicode text, where the screen's offsets are bytes."""
    for pattern in PATTERNS:
        compiled = compile_pattern(pattern)
        leaf = Leaf("pattern", pattern, compiled.pattern, compiled.keywords, Mark("test", 1, 1),
                    need=compiled.need, screen_pattern=compiled.screen_pattern)
        for text in (glued, spaced, "x" + spaced):
            target = Target(text, "test", 5.0)
            expected = [m.span() for m in compiled.pattern.finditer(text)]
            assert target.ruled_out(leaf) == (not leaf.screen.search(text.encode()))
            assert target.find(leaf.pattern) == expected, (pattern, text)
            assert target.exists(leaf.pattern) == bool(expected)


def _document_target(text: str, starts: tuple[int, ...], masks: tuple[int, ...], leaf: Leaf) -> Target:
    """A whole document's target whose clause scans are ``masks``, the leaf's need: a non-zero mask."""
    return Target(text, "test", 5.0, checks={id(leaf): lambda mask: mask}, parts=starts, part_masks=masks)


def _leaf(pattern: str) -> Leaf:
    compiled = compile_pattern(pattern)
    return Leaf("pattern", pattern, compiled.pattern, compiled.keywords, Mark("test", 1, 1),
                need=compiled.need, screen_pattern=compiled.screen_pattern)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(WORDS, max_size=12).map(" ".join), st.booleans()), min_size=1,
                max_size=5))
def test_a_document_screen_searches_only_the_clauses_that_meet_the_need(
        clauses: list[tuple[str, bool]]) -> None:
    """In a whole document a leaf's screen searches only the clauses whose scan meets its need (here
    the clauses where the pattern matches, and some others): the regex then finds the same spans as a
    search of every clause, on Unicode text, where the screen's offsets are bytes."""
    text, starts = joined([clause for clause, _ in clauses])
    ends = [start - 2 for start in starts[1:]] + [len(text)]
    for pattern in PATTERNS:
        leaf = _leaf(pattern)
        found = [[m.span() for m in leaf.pattern.finditer(text, start, end)]
                 for start, end in zip(starts, ends, strict=True)]
        masks = tuple(int(bool(spans) or extra) for spans, (_, extra) in zip(found, clauses, strict=True))
        target = _document_target(text, starts, masks, leaf)
        expected = [span for spans in found for span in spans]
        assert not (expected and target.ruled_out(leaf)), (pattern, text)
        assert target.find(leaf.pattern, target.checks[id(leaf)]) == expected, (pattern, text)


def test_a_document_screen_skips_the_clauses_that_lack_the_need() -> None:
    leaf = _leaf(r"(?:shall|may)\s+not\s+(?:use|train)\b")
    text, starts = joined(["Résumé: the Studio shall not train on it.", "Nothing here.", "Ça va."])
    for masks, ruled_out in (((1, 1, 1), False), ((1, 0, 0), False), ((0, 1, 1), True)):
        assert _document_target(text, starts, masks, leaf).ruled_out(leaf) is ruled_out
    target = _document_target(text, starts, (0, 1, 1), leaf)
    assert target.find(leaf.pattern, target.checks[id(leaf)]) == []


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

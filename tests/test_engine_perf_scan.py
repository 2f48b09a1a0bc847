"""The keyword scan (one RE2 set search, keywordset.py) finds exactly the keywords a text holds, each
marked too where one of its occurrences starts a word as the rules' ``(?<!\\w)`` reads it (Unicode
word characters included), and a document's clauses scanned at once give each clause's own scan."""

from __future__ import annotations

from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine.loader import load_rules
from clausecheck.engine.prefilter import Prefilter
from clausecheck.engine.terms import WORD_START

CORE = Path(__file__).resolve().parent / "data" / "rules" / "core.yaml"
RULES = load_rules(None, [CORE]).rules
PREFILTER = Prefilter([r for r in RULES if r.scope == "clause" or r.kind == "missing"],
                      [r for r in RULES if r.scope == "document" and r.kind != "missing"])
KEYWORDS = sorted(PREFILTER.keywords)
MARKED = [k for k in KEYWORDS if WORD_START + k in PREFILTER.bits]
# what lies around keywords: ASCII and Unicode word characters (é, Ω, a ligature, a digit), and
# characters that are not (curly quotes, dashes, spaces)
AROUND = ["", " ", "x", "é", "Ω", "\ufb01", "7", "_", "\u2019", "\u201c", "\u2014", "-", "\n", "É", "ǅ"]
pieces = st.one_of(st.sampled_from(KEYWORDS), st.sampled_from(MARKED), st.sampled_from(AROUND),
                   st.sampled_from(MARKED).map(str.upper))
texts = st.lists(pieces, max_size=30).map("".join)


def reference(text: str) -> tuple[set[str], int]:
    """The scan worked out keyword by keyword: found anywhere, and at a word's start."""
    folded = text.casefold()
    found = {k for k in KEYWORDS if k in folded}
    found |= {WORD_START + k for k in found if WORD_START + k in PREFILTER.bits
              and regex.search(r"(?<!\w)" + regex.escape(k), folded)}
    mask = 0
    for form in found:
        mask |= PREFILTER.bits[form]
    return found, mask


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_scan_finds_each_keyword_and_where_it_starts_a_word(text):
    assert PREFILTER.scan_bits(text) == reference(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, max_size=12))
def test_clauses_scanned_at_once_are_each_scanned_alone(clauses):
    scan = PREFILTER.scan_clauses(clauses)
    alone = [PREFILTER.scan_bits(text) for text in clauses]
    assert len(scan) == len(clauses)
    assert list(scan) == alone
    assert scan.masks == [mask for _, mask in alone]
    assert scan.holding == holding_of(alone)


def holding_of(scans: list) -> list[int]:
    """For each literal position, the set of clauses (a bit each, from their own scans) that hold it:
    the reference for ClauseScan.holding."""
    holding = [0] * len(PREFILTER.positions)
    for number, (found, _) in enumerate(scans):
        for form in found:
            holding[PREFILTER.positions[form]] |= 1 << number
    return holding


def test_a_needs_clauses_at_once_are_those_whose_scan_meets_it():
    """A whole document's target asks which clauses meet a leaf's need with one test on all clauses
    (Prefilter.part_sets): the clauses whose own mask meets the leaf's test."""
    clauses = [" ".join(KEYWORDS[n::97][:30]) for n in range(97)] + ["", "nothing here", "Writer’s AI"]
    scan = PREFILTER.scan_clauses(clauses)
    meeting = PREFILTER.part_sets(scan.holding)
    for check in {id(check): check for check in PREFILTER.checks.values()}.values():
        expected = sum(1 << number for number, mask in enumerate(scan.masks) if check(mask))
        assert meeting(check) == expected


def test_keywords_past_re2s_memory_are_a_rule_error_not_silence(monkeypatch):
    """RE2's set search finds nothing when it runs out of memory: the set checks itself when built."""
    import pytest

    from clausecheck.engine import keywordset
    from clausecheck.errors import RuleError

    monkeypatch.setattr(keywordset, "MAX_MEMORY", 64 << 10)
    words = [f"keyword{n:05d}" for n in range(3000)]
    with pytest.raises(RuleError, match="keyword patterns do not fit"):
        keywordset.KeywordSet(words, words)
    assert len(keywordset.KeywordSet(words[:3], words[:3]).hits("keyword00001 keyword00002")) == 4

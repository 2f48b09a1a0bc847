"""A leaf is skipped on a text that does not meet its need (literals joined by all/any, from
``literals.need`` for patterns and ``need.phrases_need`` for terms); a text it matches meets it."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from clausecheck.engine.expr import compile_pattern, compile_terms
from clausecheck.engine.literals import need
from clausecheck.engine.need import Need, all_of, any_of, checker, literal, phrases_need, plain, texts

PATTERNS = [
    r"(?:shall|may)\s+not\s+(?:use|train)",
    r"keep\b[\w\s,]{0,40}?\bconfidential",
    r"(?:the\s+)?terms(?:\s+and\s+conditions)?\s+(?:of|that)",
    r"without\s+(?:any\s+)?(?:further|extra)\s+(?:payment|fees?)",
    r"(?:generat|synthesi[sz])\w*\W+(?:\w+\W+){0,3}?(?:voice|images?)|digital\s+double",
]
PHRASES = [("digital replica", "AI", "co-author"), ("train", "fine-tune", "machine learning")]


def met(need: Need | None, text: str) -> bool:
    """The need tested straight on the text (a marked literal must start a word)."""
    if need is None:
        return True
    if need.op == "all":
        return all(met(part, text) for part in need.parts)
    if need.op == "any":
        return any(met(part, text) for part in need.parts)
    word = plain(need.text)
    if word == need.text:
        return word in text.casefold()
    return regex.search(r"(?<!\w)" + regex.escape(word), text.casefold()) is not None


def test_each_alternative_keeps_its_own_needs() -> None:
    assert need(PATTERNS[0]) == all_of([literal("not"), any_of([literal("use"), literal("train")])])
    assert need(PATTERNS[4]) == any_of([
        all_of([any_of([literal("generat"), literal("synthesi")]),
                any_of([literal("voice"), literal("image")])]),
        all_of([literal("digital"), literal("double")]),
    ])
    assert need(PATTERNS[2]) == literal("terms")  # "the", "and", "of": too common or short to filter
    assert need(r"a|\p{L}") is None  # regex-only syntax: nothing known, never skipped


def test_terms_need_every_word_of_a_phrase() -> None:
    assert phrases_need(PHRASES[0]) == any_of([all_of([literal("^digital"), literal("^replica")]),
                                               literal("^ai"), literal("author")])


@pytest.mark.parametrize(("pattern", "text", "holds"), [
    (PATTERNS[0], "Company MAY NOT TRAIN models.", True),
    (PATTERNS[0], "Company may train models.", False),  # no 'not': the leaf is skipped
    (PATTERNS[3], "without further payment", True),
    (PATTERNS[3], "without further notice", False),
    (PATTERNS[4], "a digital double of Performer", True),
    (PATTERNS[4], "a digital image generated later", True),  # met, though the regex will not match
    (PATTERNS[4], "generated digital copies", False),
])
def test_skip_decision(pattern: str, text: str, holds: bool) -> None:
    assert met(need(pattern), text) is holds


def test_checker_on_bit_masks_agrees_with_the_need() -> None:
    target = need(PATTERNS[4])
    bits = {word: 1 << n for n, word in enumerate(sorted(texts(target)))}
    check = checker(target, bits)
    present = {"generat", "voice"}
    assert check(sum(bits[w] for w in present))
    assert not check(bits["generat"] | bits["digital"])
    assert check(bits["digital"] | bits["double"])


WORDS = st.sampled_from(["shall", "MAY", "not", "use", "Train", "keep", "confidential", "the", "terms",
                         "and", "conditions", "of", "that", "without", "any", "further", "extra",
                         "payment", "fees", "generated", "synthesizes", "voice", "images", "digital",
                         "double", "replicas", "AI", "coauthor", "co-author", "fine-tuning",
                         "machine", "learning", ",", " ", "  ", "\n", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=14).map(" ".join))
def test_a_matching_text_meets_the_need(text: str) -> None:
    for pattern in PATTERNS:
        if compile_pattern(pattern)[0].search(text):
            assert met(need(pattern), text)
    for phrases in PHRASES:
        if compile_terms(phrases)[0].search(text):
            assert met(phrases_need(phrases), text)


def holds_on(need: Need, mask: int, bits: dict[str, int]) -> bool:
    if need.op == "text":
        return bool(mask & bits[need.text])
    answers = [holds_on(part, mask, bits) for part in need.parts]
    return all(answers) if need.op == "all" else any(answers)


def test_checker_agrees_with_the_tree_on_every_mask() -> None:
    """The generated test (with its quick first test of a literal every part needs) says exactly
    what the need says, for every combination of its literals."""
    a, b, c, d, e = (literal(word) for word in ("licen", "record", "train", "model", "voice"))
    target = any_of([all_of([a, b]), all_of([c, any_of([d, all_of([e, b])])]), all_of([e, d])])
    bits = {word: 1 << n for n, word in enumerate(sorted(texts(target)))}
    check = checker(target, bits)
    for mask in range(1 << len(bits)):
        assert bool(check(mask)) == holds_on(target, mask, bits), mask

"""Quotes and sentences: a finding quotes the sentences that matched, trimmed, never mid-word."""

from __future__ import annotations

from clausecheck.engine.quote import make_quote
from clausecheck.engine.sentences import split_sentences, words_between


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_abbreviations_and_numbers_do_not_end_sentences():
    text = ("Acme Pictures, Inc. shall comply with 18 U.S.C. 1833(b) and Sec. 4.2 hereof. "
            "Writer (i.e. the author) may object. See Mr. J. Smith's letter.")
    assert sentences(text) == [
        "Acme Pictures, Inc. shall comply with 18 U.S.C. 1833(b) and Sec. 4.2 hereof.",
        "Writer (i.e. the author) may object.",
        "See Mr. J. Smith's letter.",
    ]


def test_blank_line_ends_a_sentence_and_words_are_counted():
    assert sentences("First part\n\nSecond part") == ["First part", "Second part"]
    assert words_between("to use the Writer's Materials to", 0, 32) == 6


def test_short_clause_is_quoted_whole():
    text = "Company may use the Materials to train AI."
    assert make_quote(text, [(29, 34)]) == text


def test_long_clause_quotes_the_matching_sentences():
    filler = "The parties shall cooperate in good faith on all matters arising under this Agreement. " * 4
    text = filler + "Company may train AI on the Materials. " + filler + "Company may clone the voice."
    start = text.index("train")
    clone = text.index("clone")
    quote = make_quote(text, [(start, start + 5), (clone, clone + 5)])
    assert quote == "Company may train AI on the Materials. \u2026 Company may clone the voice."


def test_very_long_sentence_is_trimmed_at_word_edges():
    text = "Company may " + "reproduce, " * 120 + "train AI on the Materials " + "and exploit them " * 60
    text += "."
    start = text.index("train")
    quote = make_quote(text, [(start, start + 5)])
    assert quote.startswith("\u2026") and quote.endswith("\u2026")
    assert "train AI on the Materials" in quote
    assert len(quote) < 600
    body = quote.strip("\u2026 ")
    assert body.split()[0] in ("reproduce,", "Company") and body.split()[-1] in ("exploit", "them", "and")

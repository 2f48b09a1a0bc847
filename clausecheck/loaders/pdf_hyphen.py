"""Rejoin words split by a hyphen at a line end, keeping real compounds such as "third-party".

Paragraph building leaves :data:`MARK` where a line ended in a hyphen (PDFium reports a line-end
hyphen as U+FFFE). :func:`resolve` decides each case with the document's own vocabulary:
"indemni-fication" becomes "indemnification" unless the hyphenated form is what the document uses;
without evidence either way, a compound head ("third", "non", "time") keeps the hyphen, a suffix
syllable ("-tion", "-ment") joins, and two halves that are both words of the document keep it.
"""

from __future__ import annotations

import re
from collections import Counter

MARK = "\ufffe"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SPLIT_WORD = re.compile(r"\S*" + MARK + r"\S*")
_SPLIT = re.compile(r"([^\W\d_]*)" + MARK + r"([^\W\d_]*)")
# Words that open hyphenated compounds in contracts ("third-party", "time-limited", "non-exclusive"):
# a split right after one of them keeps its hyphen.
_COMPOUND_HEADS = frozenset((
    "third", "non", "self", "well", "half", "cross", "first", "time", "long", "short", "full", "high",
    "low", "multi", "co", "sub", "pre", "post", "anti", "semi", "ex", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten",
))
# Syllables that begin the tail of a word broken by typesetting ("indemni-fication", "agree-ment"):
# a split before one of them is joined.
_SUFFIX_TAILS = (
    "tion", "sion", "ment", "ing", "ed", "ly", "ity", "ive", "ance", "ence", "able", "ible", "ous",
    "ness", "less", "ful", "ize", "ise", "ate", "ure", "ary", "ory", "al", "er", "est", "ship", "ism",
)


def vocabulary(texts: list[str]) -> Counter[str]:
    """Lower-cased words (hyphenated compounds whole) of the document, line-end splits excluded."""
    words: Counter[str] = Counter()
    for text in texts:
        words.update(w.lower() for w in _WORD.findall(_SPLIT_WORD.sub(" ", text)))
    return words


def resolve(text: str, words: Counter[str]) -> str:
    """Replace each line-end split in ``text`` by the joined word or the hyphenated compound."""
    if MARK not in text:
        return text

    def choose(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        if not head or not tail:
            return head + "-" + tail
        joined, compound = (head + tail).lower(), f"{head}-{tail}".lower()
        if words[joined] > words[compound]:
            return head + tail
        if words[compound] > words[joined]:
            return f"{head}-{tail}"
        if tail[0].isupper() or head.lower() in _COMPOUND_HEADS:
            return f"{head}-{tail}"
        if tail.lower().startswith(_SUFFIX_TAILS):
            return head + tail
        if len(head) > 2 and len(tail) > 2 and words[head.lower()] and words[tail.lower()]:
            return f"{head}-{tail}"
        return head + tail

    return _SPLIT.sub(choose, text).replace(MARK, "-")

"""What the clause reader sees of a text: stemmed words, word pairs and near pairs.

A clause becomes a bag of features: each word cut to a rough stem ("licensing" and "licensed" both
"licens"), each pair of adjacent words, and each pair of content words at most three apart ("use ... to
train"), so that a reworded grant still shares most of its features with the clauses the reader learnt
from. scripts/train_reader.py and :mod:`.model` must read texts the same way: both call
:func:`features`.
"""

from __future__ import annotations

import functools
import itertools
import re

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "ied", "ness", "ments", "ment", "ably",
            "ibly", "able", "ible", "ively", "ive", "ally", "ly", "ers", "er", "es", "s")
STOP = frozenset(["the", "a", "an", "of", "to", "and", "or", "in", "on", "for", "by", "with", "as", "at",
                  "be", "is", "are", "this", "that", "such", "any", "all", "its", "it"])
SKIP = 3  # a near pair: a content word and one of the next three


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """``word`` less its first listed suffix that leaves at least three letters (words of four letters
    or fewer are kept whole)."""
    if len(word) <= 4:
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def features(text: str) -> list[str]:
    """The text's features, with repeats: ``u:`` stems, ``b:`` adjacent pairs, ``s:`` near pairs of
    content words (stop words left out)."""
    words = [stem(word) for word in WORD.findall(text.lower())]
    found = ["u:" + word for word in words]
    found += ["b:" + first + "_" + second for first, second in itertools.pairwise(words)]
    content = [word for word in words if word not in STOP]
    found += ["s:" + content[i] + "_" + content[j]
              for i in range(len(content)) for j in range(i + 1, min(i + 1 + SKIP, len(content)))]
    return found

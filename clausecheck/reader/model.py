"""The clause reader's model: per concern, how likely a clause is one a union lawyer would mark.

A linear model over the clause's features (:mod:`.features`) weighted as scikit-learn's TfidfVectorizer
weights them (1 + log of the count, times the feature's inverse document frequency, the whole scaled to
length 1), one logistic regression per concern. scripts/train_reader.py writes it to ``reader.npz``
beside this file: plain arrays, read without pickle.

Scoring a document's clauses works on numbers, not strings: each word becomes the number of its stem,
and each feature a 64-bit key made of its kind and its one or two stems' numbers, looked up in the
model's sorted keys, for all of a document's clauses at once. :func:`.features.features` is the
reference it must agree with (tests/test_reader.py checks that it does).
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from .features import SKIP, STOP, WORD, stem

MODEL_FILE = "reader.npz"
KINDS = {"u": 0, "b": 1, "s": 2}
SHIFT = 24  # bits per stem number in a key: room for 16 million stems
BLOCK = 32  # texts whose features' weights are gathered at once (about a megabyte)
MAX_REMEMBERED = 200_000  # words whose stem number is kept between calls (a few tens of MB at most)


@dataclass(frozen=True)
class Reader:
    """A trained reader: its concerns, features, weights and each concern's threshold."""

    concerns: tuple[str, ...]
    stems: dict[str, int]  # every stem some feature uses -> its number
    keys: np.ndarray  # (features,) int64, sorted: each feature's key (see :func:`_key`)
    rows: np.ndarray  # (features,): the row of ``weights`` and ``idf`` for each key
    idf: np.ndarray  # (features,)
    weights: np.ndarray  # (features, concerns): each feature's weights, contiguous
    bias: np.ndarray  # (concerns,)
    thresholds: np.ndarray  # (concerns,): a clause scoring at or above it is flagged (inf: never)
    meta: dict  # how it was trained: data digest, counts, options
    words: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # see _words

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), len(concerns))`` probabilities, one row per text (0 for a text with no known
        feature)."""
        out = np.zeros((len(texts), len(self.concerns)), dtype=np.float32)
        numbers = self._words(texts)
        if numbers is None:
            return out
        text, key = _pairs(*numbers)
        where = np.searchsorted(self.keys, key)
        where[where == len(self.keys)] = 0
        known = self.keys[where] == key
        text, row = text[known], self.rows[where[known]]
        if not len(row):
            return out
        combined, counts = _counted(text.astype(np.int64) << 32 | row)
        text, row = (combined >> 32).astype(np.intp), (combined & 0xFFFFFFFF).astype(np.intp)
        value = (1.0 + np.log(counts)) * self.idf[row]
        norms = np.sqrt(np.bincount(text, weights=value * value, minlength=len(texts)))
        value /= norms[text]
        logits = _sums(text, row, value, self.weights, len(texts)) + self.bias
        scored = norms > 0
        out[scored] = 1.0 / (1.0 + np.exp(-logits[scored]))
        return out

    def _words(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Every word of every text as (its text's position, its stem's number or -1 when no feature
        uses it, whether it is a stop word), in order."""
        found = [WORD.findall(t.lower()) for t in texts]
        sizes = [len(words) for words in found]
        if not sum(sizes):
            return None
        words = list(itertools.chain.from_iterable(found))
        if len(self.words) > MAX_REMEMBERED:  # a batch of odd texts must not grow it without end
            self.words.clear()
        codes = list(map(self.words.get, words))  # 2 * (stem number + 1) + stop word
        if None in codes:
            codes = [self._code(word) if code is None else code
                     for word, code in zip(words, codes, strict=True)]
        coded = np.array(codes, dtype=np.int64)
        return np.repeat(np.arange(len(texts)), sizes), (coded >> 1) - 1, (coded & 1).astype(bool)

    def _code(self, word: str) -> int:
        """A word's code (see :meth:`_words`), worked out once and remembered in :attr:`words`."""
        stemmed = stem(word)
        code = self.words[word] = 2 * (self.stems.get(stemmed, -1) + 1) + (stemmed in STOP)
        return code


def _sums(text: np.ndarray, row: np.ndarray, value: np.ndarray, weights: np.ndarray,
          count: int) -> np.ndarray:
    """``(count, concerns)``: per text, its features' ``weights`` rows times their ``value``, summed
    (``text`` in order). ``BLOCK`` texts at a time, so a long contract's (features found, concerns)
    array never exists whole: it took 48 MB on a 139-page contract."""
    starts = np.flatnonzero(np.r_[True, text[1:] != text[:-1]])  # each text's first feature
    sums = np.zeros((count, weights.shape[1]))
    for first in range(0, len(starts), BLOCK):
        begins = starts[first : first + BLOCK]
        end = starts[first + BLOCK] if first + BLOCK < len(starts) else len(text)
        part = weights[row[begins[0] : end]] * value[begins[0] : end, None]
        sums[text[begins]] = np.add.reduceat(part, begins - begins[0])
    return sums


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)``, for values already in order but for their low bits
    (each feature's text is in order, its row not): a stable sort, which finds those runs, takes
    about half the time of the quicksort ``np.unique`` runs."""
    ordered = np.sort(values, kind="stable")
    first = np.ones(len(ordered), dtype=bool)  # where each distinct value starts
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return ordered[starts], np.diff(starts, append=len(ordered))


def _pairs(text: np.ndarray, stems: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each feature found, as (its text's position, its key): every stem, each two adjacent words,
    and each content word with one of the next ``SKIP`` content words, within one text."""
    texts, keys = [text], [stems]  # unigrams (a stem no feature uses is -1: matches no key)
    ends = [(text[:-1], text[1:], stems[:-1], stems[1:], KINDS["b"])]
    content = ~stops
    ctext, cstems = text[content], stems[content]
    ends += [(ctext[:-gap], ctext[gap:], cstems[:-gap], cstems[gap:], KINDS["s"])
             for gap in range(1, SKIP + 1) if len(ctext) > gap]
    for first_text, second_text, first, second, kind in ends:
        ok = (first_text == second_text) & (first >= 0) & (second >= 0)
        texts.append(first_text[ok])
        keys.append(_key(kind, first[ok], second[ok]))
    return np.concatenate(texts), np.concatenate(keys)


def _key(kind: int, first: np.ndarray | int, second: np.ndarray | int = 0) -> np.ndarray:
    """A feature's key: its kind, then its first and second stems' numbers (unigrams: the stem's
    number alone, kind 0)."""
    return (np.int64(kind) << (2 * SHIFT)) | (np.asarray(first, dtype=np.int64) << SHIFT) | second \
        if kind else np.asarray(first, dtype=np.int64)


def read(path: object) -> Reader:
    """The reader saved at ``path`` (a file or a package resource)."""
    with np.load(path, allow_pickle=False) as arrays:
        names = arrays["features"].item().split("\n")
        concerns = tuple(arrays["concerns"].item().split("\n"))
        idf, weights = arrays["idf"].astype(np.float32), arrays["weights"].astype(np.float32)
        bias, thresholds = arrays["bias"].astype(np.float32), arrays["thresholds"].astype(np.float32)
        meta = json.loads(arrays["meta"].item())
    stems: dict[str, int] = {}
    keys = np.empty(len(names), dtype=np.int64)
    for row, name in enumerate(names):
        kind, _, body = name.partition(":")
        parts = [stems.setdefault(part, len(stems)) for part in body.split("_")]
        keys[row] = _key(KINDS[kind], *parts)
    order = np.argsort(keys, kind="stable")
    return Reader(concerns, stems, keys[order], order, idf, weights, bias, thresholds,
                  meta)


@functools.lru_cache(maxsize=1)
def builtin() -> Reader:
    """The reader shipped with clausecheck (loaded once)."""
    with resources.as_file(resources.files(__package__) / MODEL_FILE) as path:
        return read(path)

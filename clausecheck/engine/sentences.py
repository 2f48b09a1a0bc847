"""Sentence boundaries and word distances in contract text (abbreviation-aware, offsets kept)."""

from __future__ import annotations

import bisect
import functools

import regex

ABBREVIATIONS = frozenset(
    [
        "inc", "ltd", "co", "corp", "llc", "llp", "lp", "plc", "no", "nos", "sec", "secs", "art",
        "arts", "para", "paras", "e.g", "i.e", "etc", "vs", "v", "mr", "mrs", "ms", "dr", "st", "u.s",
        "u.s.c", "cal", "n.y", "seq", "al", "approx", "dept", "fig", "jr", "sr", "cf", "viz", "incl",
        "ex", "sched", "exh"
    ]
)
END = regex.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+|\n[ \t]*\n\s*")
TOKEN_BEFORE = regex.compile(r"([\w.]+)[.!?]$")
NEXT_START = regex.compile(r"[\"'\u201c(\[]?[A-Z0-9\u00c0-\u00de]")
WORD = regex.compile(r"\w+(?:['\u2019]\w+)?")


@functools.lru_cache(maxsize=64)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence of ``text``; together they cover the text (cached: every
    rule tried on a clause asks for the same text)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in END.finditer(text):
        if not _is_boundary(text, match):
            continue
        paragraph = match.group().startswith("\n")
        bounds.append((start, match.start() if paragraph else match.start() + 1))
        start = match.end()
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return tuple(bounds)


def _is_boundary(text: str, match: regex.Match) -> bool:
    if match.group().startswith("\n"):
        return True
    if not NEXT_START.match(text, match.end()):
        return False
    token = TOKEN_BEFORE.search(text, max(0, match.start() - 20), match.start() + 1)
    if token is None:
        return True
    word = token.group(1).lower().strip(".")
    return not (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


class Sentences:
    """Sentence lookup for one text."""

    def __init__(self, text: str) -> None:
        self.bounds = split_sentences(text)
        self._starts = [start for start, _ in self.bounds]

    def index(self, offset: int) -> int:
        """The index of the sentence holding ``offset``."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def around(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``offset``."""
        return self.bounds[self.index(offset)]


def words_between(text: str, start: int, end: int) -> int:
    """How many words lie in ``text[start:end]`` (0 if the range is empty)."""
    return len(WORD.findall(text, start, end)) if end > start else 0

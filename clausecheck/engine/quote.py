"""The quote a finding shows: the sentences holding its matches, or the whole clause if short."""

from __future__ import annotations

from .sentences import Sentences

SHORT_CLAUSE = 400
LONG_SENTENCE = 700
CONTEXT = 250
ELLIPSIS = "\u2026"


def make_quote(text: str, spans: list[tuple[int, int]]) -> str:
    """The clause itself if short; else its sentences that hold ``spans``, trimmed sensibly."""
    if len(text) <= SHORT_CLAUSE or not spans:
        return _tidy(text) if len(text) <= SHORT_CLAUSE else _tidy(text[:SHORT_CLAUSE]) + ELLIPSIS
    sentences = Sentences(text)
    chosen = sorted({sentences.index(start) for start, _ in spans})
    parts = []
    for index in chosen:
        start, end = sentences.bounds[index]
        if end - start > LONG_SENTENCE:
            inside = [s for s in spans if start <= s[0] < end]
            lo = max(start, inside[0][0] - CONTEXT)
            hi = min(end, inside[-1][1] + CONTEXT)
            start, end = _word_edge(text, lo, start, -1), _word_edge(text, hi, end, 1)
            piece = (ELLIPSIS if start > sentences.bounds[index][0] else "") + _tidy(text[start:end])
            parts.append(piece + (ELLIPSIS if end < sentences.bounds[index][1] else ""))
        else:
            parts.append(_tidy(text[start:end]))
    return f" {ELLIPSIS} ".join(parts)


def _word_edge(text: str, offset: int, limit: int, step: int) -> int:
    """Move ``offset`` to a space (towards ``limit``) so the cut does not split a word."""
    while offset != limit and not text[offset - 1 if step < 0 else offset].isspace():
        offset += step
        if step > 0 and offset >= len(text):
            return len(text)
    return offset


def _tidy(text: str) -> str:
    return " ".join(text.split())

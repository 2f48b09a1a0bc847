"""Find running headers, footers and page numbers: page furniture that must never become contract text.

A line is furniture when it sits among the first or last few lines of its page, in the top or
bottom band, and either (after digits are normalised) repeats at about the same height on many
pages, or looks like a page number ("7", "- 7 -", "Page 7 of 12", "7 | Page", "vii").
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_layout import Line

_EDGE_LINES = 3
_BAND = 0.14  # top and bottom share of the page height searched for furniture
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?"
    r"(?:\s*\|\s*page)?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.lower())


def _edge_lines(lines: list[Line], height: float) -> list[Line]:
    """Lines near the top or bottom edge of one page."""
    by_height = sorted(lines, key=lambda line: -line.top)
    edge = by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]
    return [line for line in edge if line.bottom > height * (1 - _BAND) or line.top < height * _BAND]


def furniture(pages: list[tuple[list[Line], float]]) -> set[int]:
    """``id()`` of every furniture line, given each page's lines and height."""
    candidates = [_edge_lines(lines, height) for lines, height in pages if lines]
    seen: Counter[tuple[str, int]] = Counter()
    for edge in candidates:
        seen.update({(_key(line), round(line.bottom / 12)) for line in edge})
    repeated_min = max(2, (len(candidates) + 1) // 2)

    def repeats(line: Line) -> bool:
        key, band = _key(line), round(line.bottom / 12)
        return sum(seen[(key, b)] for b in (band - 1, band, band + 1)) >= repeated_min

    found: set[int] = set()
    for edge in candidates:
        for line in edge:
            if _PAGE_NUMBER.fullmatch(line.text) or (len(candidates) > 1 and repeats(line)):
                found.add(id(line))
    return found

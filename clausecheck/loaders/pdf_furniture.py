"""Find running headers, footers and page numbers: page furniture that must never become contract text.

A line is furniture when it sits among the first or last few lines of its page and either (after
digits are normalised) is among the first or last lines of at least half the pages, or looks like
a page number ("7", "- 7 -", "Page 7 of 12", "7 | Page", "vii") and is in the top or bottom band
of the page or is one of its outermost lines, or is the outermost line in a band and set smaller
than the body text (a running header on a one-page document). Height is not compared for repeats:
PDFs printed from web pages put the footer right after the last line of text, wherever that ends.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_layout import Line

_EDGE_LINES = 4
_BAND = 0.14  # top and bottom share of the page height searched for furniture
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?"
    r"(?:\s*\|\s*page)?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def _key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.lower())


def _edges(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The top-most and bottom-most lines of one page."""
    by_height = sorted(lines, key=lambda line: -line.top)
    return by_height[:_EDGE_LINES], by_height[-_EDGE_LINES:]


def furniture(pages: list[tuple[list[Line], float]]) -> set[int]:
    """``id()`` of every furniture line, given each page's lines and height."""
    edges = [_edges(lines) for lines, _ in pages if lines]
    seen: Counter[str] = Counter()
    for top, bottom in edges:
        seen.update({_key(line) for line in top + bottom})
    repeated_min = max(2, (len(edges) + 1) // 2)
    sizes = sorted(line.size for lines, _ in pages for line in lines)
    small = 0.9 * sizes[len(sizes) // 2] if sizes else 0.0
    found: set[int] = set()
    for (_, height), (top, bottom) in zip([p for p in pages if p[0]], edges, strict=True):
        outermost = {id(top[0]), id(bottom[-1]), id(bottom[-2] if len(bottom) > 1 else bottom[-1])}
        for line in top + bottom:
            in_band = line.bottom > height * (1 - _BAND) or line.top < height * _BAND
            edge = in_band and id(line) in outermost
            if ((_PAGE_NUMBER.fullmatch(line.text) and (in_band or id(line) in outermost))
                    or (edge and line.size < small)  # small print at the very top or bottom
                    or (len(edges) > 1 and seen[_key(line)] >= repeated_min)):
                found.add(id(line))
    return found


_PAGE_NUMBERS = re.compile(r"\d{1,4}(?:\s+\d{1,4}){1,3}")


def is_page_number(text: str) -> bool:
    """Whether a paragraph is nothing but page numbers (left in the middle of a page, e.g. "7" or "2 3"
    where one PDF page holds several printed pages)."""
    return bool(_PAGE_NUMBER.fullmatch(text) or _PAGE_NUMBERS.fullmatch(text))

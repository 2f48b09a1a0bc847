"""Rebuild paragraphs (blocks) from lines in reading order.

A line starts a new paragraph after a wider vertical gap, at a change of indent or style, when it
opens with a bold run-in heading, when it opens with a numbering label ("1.", "1.1", "(a)",
"Section 5", "ARTICLE IV") after a line that ended a sentence or stopped short, and for each table
row. A paragraph may continue across a column or page break.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from statistics import median

from ..model import Block
from .pdf_hyphen import MARK
from .pdf_layout import LABEL, Line

_LABEL_START = re.compile(rf"(?:{LABEL.pattern})(?=\s)", re.IGNORECASE)
_TERMINAL = re.compile(r"(?:[.:;!?][\"'”’)\]]*|;\s*(?:and|or))$", re.IGNORECASE)
_GAP_FACTOR = 1.45
_HEADING_MAX = 150


class _Style:
    """Document-wide measures: the body font size (the size most text is set in) and the usual
    baseline distance per point of font size."""

    def __init__(self, lines: list[Line]) -> None:
        weights: Counter[float] = Counter()
        for line in lines:
            weights[round(line.size, 1)] += len(line.text)
        self.body = weights.most_common(1)[0][0] if weights else 10.0
        ratios = [(a.baseline - b.baseline) / max(a.size, 1.0) for a, b in itertools.pairwise(lines)
                  if a.page == b.page and a.column == b.column and 0 < a.baseline - b.baseline < 3 * a.size]
        self.pitch = median(ratios) if ratios else 1.2
        self._headings: dict[int, bool] = {}

    def heading(self, line: Line) -> bool:
        """Set apart by weight or size, as headings are (capitals alone do not break a paragraph:
        long passages such as liability caps are set in capitals too)."""
        known = self._headings.get(id(line))
        if known is None:
            known = line.cells == 1 and (line.bold or line.size >= self.body * 1.15)
            self._headings[id(line)] = known
        return known


def _caps(line: Line) -> bool:
    return len(line.text) >= 3 and line.text.isupper()


def _short(line: Line) -> bool:
    """Whether the line stops well before the right edge of its text area."""
    return line.x1 < line.right - max(2 * line.size, 0.1 * (line.right - line.left))


def _new_paragraph(style: _Style, text: str, prev: Line, line: Line, count: int) -> bool:
    """Whether ``line`` starts a paragraph after ``prev``, the last of ``count`` lines of ``text``."""
    if line.cells > 1 or prev.cells > 1:
        return True
    heading = style.heading(line)
    if heading != style.heading(prev) or abs(line.size - prev.size) > 1.0:
        return True
    same_flow = line.page == prev.page and line.column == prev.column and line.flow == prev.flow
    if same_flow and prev.baseline - line.baseline > _GAP_FACTOR * style.pitch * max(prev.size, line.size):
        return True
    ended, short = bool(_TERMINAL.search(text)), _short(prev)
    if short and _caps(prev) and not _caps(line):  # "LIMITATION OF LIABILITY" over ordinary text
        return True
    if heading:  # a title running over two lines joins; a heading over a capitalised paragraph does not
        starts_label = _LABEL_START.match(line.text) and (ended or short)
        return bool(starts_label or (short and not _short(line)) or (not same_flow and (ended or short)))
    if line.bold_prefix and (ended or short):  # a run-in bold heading opens a paragraph
        return True
    indent, prev_indent = line.x0 - line.left, prev.x0 - prev.left
    if _LABEL_START.match(line.text) and (ended or short or indent < prev_indent - 2):
        return True
    if ended and short:
        return True
    return count > 1 and abs(indent - prev_indent) > 0.8 * line.size


def _join(text: str, line: str) -> str:
    if text.endswith(MARK):
        return text + line
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
        return text[:-1] + MARK + line
    return text + " " + line


def paragraphs(lines: list[Line]) -> list[Block]:
    """Blocks from ``lines`` (reading order, furniture removed); line-end splits keep :data:`MARK`."""
    style = _Style(lines)
    blocks: list[Block] = []
    group: list[Line] = []
    text = ""
    for line in lines:
        if group and not _new_paragraph(style, text, group[-1], line, len(group)):
            group.append(line)
            text = _join(text, line.text)
            continue
        if group:
            blocks.append(_block(style, group, text))
        group, text = [line], line.text
    if group:
        blocks.append(_block(style, group, text))
    return blocks


def _block(style: _Style, group: list[Line], text: str) -> Block:
    first = group[0]
    heading = len(text) <= _HEADING_MAX and all(style.heading(line) or _caps(line) for line in group)
    bold_prefix = len(text) if all(line.bold for line in group) else first.bold_prefix
    return Block(text=text, page=first.page, last_page=group[-1].page, heading=heading,
                 bold_prefix=bold_prefix, kind="table" if first.cells > 1 else "paragraph")

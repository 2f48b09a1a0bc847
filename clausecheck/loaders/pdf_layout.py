"""Group a page's runs into lines in reading order, finding two-column layouts from the text itself.

A gutter is a vertical band, near the middle of the text area, that no narrow run crosses. Rows
(runs sharing a baseline) that cross it split the page into bands: full-width bands are read top
to bottom, column bands left column first, then right column. A full-width title above the
columns therefore stays first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .pdf_lines import PageRuns, Run

LABEL = re.compile(
    r"(?:(?:section|article|clause|schedule|exhibit|annex|appendix|part)\s+[0-9IVXLCivxlc]+[A-Za-z]?"
    r"(?:\.\d+)*\.?|§+\s*\d+(?:\.\d+)*|\d{1,3}(?:\.\d{1,3})*\.\d{0,3}|\d{1,3}\)"
    r"|\(\s*(?:\d{1,3}|[a-z]{1,3}|[A-Z]{1,3}|[ivxlc]{1,6}|[IVXLC]{1,6})\s*\)|[a-zA-Z][.)]|[ivxlc]{1,6}[.)])",
    re.IGNORECASE,
)
_CELL_GAP = 2.0  # a gap wider than this many font sizes inside a line separates table cells
_MIN_COLUMN_ROWS = 6
_MIN_COLUMN_CHARS = 20  # median characters per row on each side of a gutter for text columns
_BIN = 2.0  # points per bin of the x-histogram used to find a gutter
_MAX_WIDTH = 14_400.0  # the largest page PDF allows (200 in); text spread wider is damaged, not columns


@dataclass(slots=True)
class Line:
    """One line of text in reading order, with what the paragraph builder needs to know."""

    page: int
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    size: float
    bold: bool
    bold_prefix: int
    column: int  # 0 full width, 1 left column, 2 right column
    cells: int  # > 1 for a table row
    left: float = 0.0  # the text area's (or the column's) left and right edges on this page
    right: float = 0.0
    flow: int = 0  # lines of one page and column with different flows are not read as adjacent


def _rows(runs: list[Run]) -> list[list[Run]]:
    """Runs that share a baseline, top of the page first."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-r.baseline, r.x0)):
        if rows and abs(rows[-1][0].baseline - run.baseline) <= 0.4 * max(rows[-1][0].size, run.size):
            rows[-1].append(run)
        else:
            rows.append([run])
    return rows


def _gutter(runs: list[Run]) -> float | None:
    """The x of the widest little-used vertical band near the middle of the text, if any.

    Only narrow runs count (a full-width title or header crosses any gutter), and a few of them may
    cross it: those rows become full-width bands in :func:`reading_order`.
    """
    left = min(r.x0 for r in runs)
    width = max(r.x1 for r in runs) - left
    if width < 200 or width > _MAX_WIDTH:
        return None
    bins = int(width / _BIN) + 2
    diff = [0] * (bins + 1)
    narrow = 0
    for r in runs:
        if r.x1 - r.x0 < 0.55 * width:
            narrow += 1
            diff[int((r.x0 - left) / _BIN)] += 1
            diff[int((r.x1 - left) / _BIN) + 1] -= 1
    allowed = max(2, narrow // 20)
    stretches: list[tuple[int, int]] = []
    start, cover = None, 0
    for b in range(bins):
        cover += diff[b]
        if cover <= allowed and 0.25 * width <= b * _BIN <= 0.75 * width:
            start = b if start is None else start
            continue
        if start is not None and (b - start) * _BIN >= 8:
            stretches.append((start, b))
        start = None
    if not stretches:
        return None
    first, end = min(stretches, key=lambda s: abs((s[0] + s[1]) * _BIN / 2 - width / 2))
    return left + (first + end) / 2 * _BIN


def _column_band(rows: list[list[Run]], gutter: float) -> bool:
    """Whether rows (none crossing the gutter) read as two text columns rather than, say, a table.

    Text columns have many rows of prose on both sides, the left one running up to the gutter; a
    table's sides hold short cells, often several per row.
    """
    sides = ([[r for r in row if r.x1 <= gutter] for row in rows],
             [[r for r in row if r.x0 >= gutter] for row in rows])
    for side in sides:
        filled = [sorted(row, key=lambda r: r.x0) for row in side if row]
        if len(filled) < _MIN_COLUMN_ROWS:
            return False
        lengths = sorted(sum(len(r.text) for r in row) for row in filled)
        celled = sum(1 for row in filled if any(b.x0 - a.x1 > _CELL_GAP * max(b.size, 4.0)
                                                for a, b in pairwise(row[_label_runs(row):])))
        if lengths[len(lengths) // 2] < _MIN_COLUMN_CHARS or celled * 3 > len(filled):
            return False
    left_edge = min(r.x0 for row in sides[0] for r in row)
    ends = sorted(max(r.x1 for r in row) for row in sides[0] if row)
    return ends[len(ends) // 2] >= gutter - 0.25 * (gutter - left_edge)


def reading_order(page: PageRuns) -> list[Line]:
    """The page's lines in reading order."""
    if not page.runs:
        return []
    rows = _rows(page.runs)
    gutter = _gutter(page.runs)
    return _lines(page.number, rows, 0) if gutter is None else _columns(page.number, rows, gutter)


def set_edges(lines: list[Line]) -> None:
    """Record on each line the left and right edges of its text area (page and column)."""
    areas: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        areas.setdefault((line.page, line.column), []).append(line)
    for same in areas.values():
        left, right = min(line.x0 for line in same), max(line.x1 for line in same)
        for line in same:
            line.left, line.right = left, right


def _columns(page: int, rows: list[list[Run]], gutter: float) -> list[Line]:
    """Lines of a page with a gutter: full-width bands in order, column bands column by column."""
    bands: list[tuple[bool, list[list[Run]]]] = []
    for row in rows:
        crossing = any(r.x0 < gutter < r.x1 for r in row)
        if bands and bands[-1][0] == crossing:
            bands[-1][1].append(row)
        else:
            bands.append((crossing, [row]))
    lines: list[Line] = []
    for crossing, band in bands:
        if crossing or not _column_band(band, gutter):
            lines.extend(_lines(page, band, 0))
            continue
        left = [[r for r in row if r.x1 <= gutter] for row in band]
        right = [[r for r in row if r.x0 >= gutter] for row in band]
        lines.extend(_lines(page, [row for row in left if row], 1))
        lines.extend(_lines(page, [row for row in right if row], 2))
    return lines


def _lines(page: int, rows: list[list[Run]], column: int) -> list[Line]:
    return [_line(page, sorted(row, key=lambda r: r.x0), column) for row in rows]


def _label_runs(runs: list[Run]) -> int:
    """How many leading runs spell a numbering label ("1.1", or "1.1" + "0" drawn apart as "1.10")."""
    count, spelled = 0, ""
    for i, run in enumerate(runs[:3]):
        if i and run.x0 - runs[i - 1].x1 > 0.25 * run.size:
            break
        spelled += run.text.strip()
        if LABEL.fullmatch(spelled):
            count = i + 1
    return count


def _line(page: int, runs: list[Run], column: int) -> Line:
    """Join a row's runs (left to right) into one line; wide gaps become table-cell separators."""
    parts: list[str] = []
    cells = 1
    prefix = 0  # characters of the line up to the end of its leading bold run(s)
    label = _label_runs(runs)
    in_prefix = True
    for i, run in enumerate(runs):
        text = run.text
        if 0 < i < label:
            parts[-1] = parts[-1].rstrip()
            text = text.strip()
        elif i:
            gap = run.x0 - runs[i - 1].x1
            if gap > _CELL_GAP * max(run.size, 4.0) and i != label:
                parts.append(" | ")
                cells += 1
            elif gap > 0.1 * run.size and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
        parts.append(text)
        if in_prefix and i >= label:
            if run.bold:
                prefix = len(_clean("".join(parts)))
            else:
                in_prefix = False
    text = _clean("".join(parts))
    body = runs[label:] or runs
    bold = all(r.bold for r in body)
    main = max(runs, key=lambda r: len(r.text))
    return Line(page, text, runs[0].x0, max(r.x1 for r in runs), min(r.bottom for r in runs),
                max(r.top for r in runs), main.baseline, main.size, bold, 0 if bold else prefix,
                column, cells)


_SPACES = re.compile(r"[ \t\u00a0]+")
_AFTER_OPENING = re.compile(r"([“‘(\[]) +")
_BEFORE_CLOSING = re.compile(r" +([”’)\],;:])")


def _clean(text: str) -> str:
    """Collapse runs of spaces; drop the spaces PDFium puts between a quote or bracket and the words
    it encloses when they are drawn as separate pieces (“ Agreement ” -> “Agreement”); trim."""
    text = _SPACES.sub(" ", text)
    return _BEFORE_CLOSING.sub(r"\1", _AFTER_OPENING.sub(r"\1", text)).strip()

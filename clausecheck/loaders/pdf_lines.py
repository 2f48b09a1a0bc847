"""Turn one PDF page into text runs with geometry and typography, using PDFium's own text rectangles.

PDFium groups the characters of a page into rectangles (one per text object and line) with
``FPDFText_CountRects``/``GetRect``, listed in character order. The first character of each
rectangle is found by position; its text is the page text from there to the next rectangle's first
character, and its font weight, size and name are sampled at that character. That keeps the number
of calls per page near the number of rectangles (tens), not characters (thousands). Text is
NFKC-normalised (ligatures such as "ﬁ", a Greek question mark some fonts map ";" to).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from .pdf_hyphen import MARK

Box = tuple[float, float, float, float]  # x0, bottom, x1, top in PDF user space
BOLD_WEIGHT = 600
MAX_RECTS = 4000  # more text pieces than this on one page: read it as plain text (bounded time)
_FORCE_BOLD_FLAG = 1 << 18
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_PDFIUM_HYPHEN = "\x02"  # how some PDFium calls report a line-end hyphen (GetText gives U+FFFE)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")  # unmapped or control characters


@dataclass(slots=True)
class Run:
    """A stretch of text in one font on one line, in PDF user space (origin bottom-left)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    baseline: float
    bold: bool
    size: float


@dataclass(slots=True)
class PageRuns:
    """Everything the layout steps need from one page."""

    number: int
    width: float
    height: float
    runs: list[Run]
    chars: int
    unmapped: int
    plain: bool = False  # read without layout analysis (see MAX_RECTS)
    images: bool = False  # draws pictures (set by the caller for pages with little text)
    rotated: int = 0  # characters of turned text left out (watermarks, margin notes)


class Sampler:
    """Reusable ctypes buffers for the per-rectangle PDFium calls (one per document being read)."""

    def __init__(self) -> None:
        self.left, self.top = ctypes.c_double(), ctypes.c_double()
        self.right, self.bottom = ctypes.c_double(), ctypes.c_double()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(128)

    def rect(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> Box:
        pdfium_c.FPDFText_GetRect(textpage, index, self.left, self.top, self.right, self.bottom)
        return self.left.value, self.bottom.value, self.right.value, self.top.value

    def char_box(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> Box:
        pdfium_c.FPDFText_GetCharBox(textpage, index, self.left, self.right, self.bottom, self.top)
        return self.left.value, self.bottom.value, self.right.value, self.top.value

    def first_char(self, textpage: pdfium_c.FPDF_TEXTPAGE, box: Box) -> int:
        """Index of the character at the left end of ``box`` (-1 if none is there)."""
        x0, bottom, x1, top = box
        return pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x0 + min(1.0, (x1 - x0) / 2), (bottom + top) / 2,
                                                   2.0, (top - bottom) / 2 + 1.0)

    def page_text(self, textpage: pdfium_c.FPDF_TEXTPAGE, chars: int) -> str:
        """The page's text, one str character per PDFium character index (UTF-16 units as they are)."""
        buffer = (ctypes.c_ushort * (chars + 1))()
        n = pdfium_c.FPDFText_GetText(textpage, 0, chars, buffer)
        return "".join(map(chr, buffer[: max(n - 1, 0)]))

    def baseline(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int, default: float) -> float:
        if pdfium_c.FPDFText_GetCharOrigin(textpage, index, self.x, self.y):
            return self.y.value
        return default

    def size(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int, default: float) -> tuple[float, bool]:
        """The rendered font size of character ``index`` in points (the font size scaled by the
        character's matrix: ``FPDFText_GetFontSize`` alone ignores text and page scaling), and
        whether the character is turned away from the horizontal (a watermark, a margin note)."""
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        if size <= 1.0 or not pdfium_c.FPDFText_GetMatrix(textpage, index, self.matrix):
            return default, False
        m = self.matrix
        turned = abs(m.b) > 0.1 * abs(m.a) or abs(m.c) > 0.1 * abs(m.d) or m.a <= 0 or m.d <= 0
        return size * abs(m.a * m.d - m.b * m.c) ** 0.5, turned

    def bold(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> bool:
        """Whether character ``index`` is set in a bold font (by weight, flags or name)."""
        if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= BOLD_WEIGHT:
            return True
        n = pdfium_c.FPDFText_GetFontInfo(textpage, index, self.name, len(self.name), self.flags)
        name = self.name.value.decode("latin-1", "replace").lower() if 0 < n <= len(self.name) else ""
        return bool(self.flags.value & _FORCE_BOLD_FLAG) or any(word in name for word in _BOLD_NAMES)


def page_runs(textpage: pdfium_c.FPDF_TEXTPAGE, number: int, width: float, height: float,
              sampler: Sampler | None = None) -> PageRuns:
    """Read the runs of one page's text page (already loaded with ``FPDFText_LoadPage``)."""
    sampler = sampler or Sampler()
    chars = pdfium_c.FPDFText_CountChars(textpage)
    if chars <= 0:
        return PageRuns(number, width, height, [], 0, 0)
    full = sampler.page_text(textpage, chars)
    count = pdfium_c.FPDFText_CountRects(textpage, 0, -1)
    if count > MAX_RECTS:
        return _plain_page(full, number, width, height, chars)
    runs: list[Run] = []
    rotated: list[Run] = []  # text turned from the horizontal: left out unless most of the page is
    unmapped = 0
    for start, end, box in _pieces(textpage, sampler, full, count):
        run, bad, turned = _run(textpage, sampler, full, start, end, box)
        unmapped += bad
        if run is not None:
            (rotated if turned else runs).append(run)
    upright = sum(len(run.text) for run in runs)
    turned_chars = sum(len(run.text) for run in rotated)
    if turned_chars > upright:  # a page set sideways (a landscape table)
        return _plain_page(full, number, width, height, chars)
    return PageRuns(number, width, height, runs, chars, unmapped, rotated=turned_chars)


def _pieces(textpage: pdfium_c.FPDF_TEXTPAGE, sampler: Sampler, full: str,
            count: int) -> list[tuple[int, int, Box | None]]:
    """Character ranges of the page's text pieces, with their rectangles when PDFium gave one.

    PDFium lists its rectangles in character order and never lets one cross a line break, so a
    rectangle's text runs from its first character (found by position) to the next rectangle's
    first character or the first line break. Characters left over (in rectangles whose first
    character could not be found, e.g. turned text) become pieces of their own, line by line.
    """
    located: list[tuple[int, Box]] = []
    for i in range(count):
        box = sampler.rect(textpage, i)
        start = sampler.first_char(textpage, box)
        if start >= 0 and (not located or start > located[-1][0]):
            located.append((start, box))
    pieces: list[tuple[int, int, Box | None]] = []
    leftovers = [(0, located[0][0] if located else len(full))]
    for k, (start, box) in enumerate(located):
        end = located[k + 1][0] if k + 1 < len(located) else len(full)
        cut = full.find("\r\n", start, end)
        stop = _rect_end(textpage, sampler, full, start, end if cut < 0 else cut, box)
        pieces.append((start, stop, box))
        if stop < end:
            leftovers.append((stop + 2 if stop == cut else stop, end))
    for start, end in leftovers:
        offset = start
        for line in full[start:end].split("\r\n"):
            if line.strip():
                pieces.append((offset, offset + len(line), None))
            offset += len(line) + 2
    return pieces


def _rect_end(textpage: pdfium_c.FPDF_TEXTPAGE, sampler: Sampler, full: str, start: int, end: int,
              box: Box) -> int:
    """Where the rectangle's text ends: ``end``, unless the last character there lies outside the
    rectangle (text drawn later on the same PDFium line, e.g. a watermark); then the character at
    the rectangle's right edge, found by position, ends it."""
    last = start + len(full[start:end].rstrip()) - 1
    if last < start:
        return end
    x0, bottom, x1, top = box
    _, char_bottom, char_right, char_top = sampler.char_box(textpage, last)
    if char_right <= x1 + 1.0 and char_bottom >= bottom - 1.0 and char_top <= top + 1.0:
        return end
    inside = pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x1 - min(1.0, (x1 - x0) / 2), (bottom + top) / 2,
                                                 2.0, (top - bottom) / 2 + 1.0)
    return inside + 1 if start <= inside < end else end


def _run(textpage: pdfium_c.FPDF_TEXTPAGE, sampler: Sampler, full: str, start: int, end: int,
         box: Box | None) -> tuple[Run | None, int, bool]:
    """The run for characters ``start:end`` (None if blank or unreadable), the number of unreadable
    characters, and whether the text is turned from the horizontal."""
    text = full[start:end].replace(_PDFIUM_HYPHEN, MARK)
    if not text.strip():
        return None, 0, False
    first = start + len(text) - len(text.lstrip())  # fonts are sampled at the first visible character
    if box is None:
        box = _span_box(textpage, sampler, first, start + len(text.rstrip()) - 1)
    x0, bottom, x1, top = box
    text, bad = _CONTROL.subn("", text)
    if pdfium_c.FPDFText_HasUnicodeMapError(textpage, first) or bad * 3 > len(text) + bad:
        return None, len(text.strip()) + bad, False  # garbage: counted as unreadable, never passed on
    if any("\ud800" <= ch <= "\udfff" for ch in text):  # characters outside the BMP, as two halves
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    size, turned = sampler.size(textpage, first, top - bottom)
    run = Run(unicodedata.normalize("NFKC", text), x0, x1, bottom, top,
              sampler.baseline(textpage, first, bottom), sampler.bold(textpage, first), size)
    return run, bad, turned


def _span_box(textpage: pdfium_c.FPDF_TEXTPAGE, sampler: Sampler, first: int, last: int) -> Box:
    """The box from character ``first`` to character ``last`` (for text without a rectangle)."""
    x0, bottom0, _, top0 = sampler.char_box(textpage, first)
    _, bottom1, x1, top1 = sampler.char_box(textpage, last)
    return min(x0, x1), min(bottom0, bottom1), max(x0, x1), max(top0, top1)


def _plain_page(full: str, number: int, width: float, height: float, chars: int) -> PageRuns:
    """A page read without layout analysis, as its lines in PDFium's order (no fonts or positions):
    for pages of too many text pieces to locate one by one (each lookup scans the page, so the cost
    stays linear) and for pages set sideways."""
    runs = []
    step = max(height / (full.count("\n") + 2), 0.01)
    text, bad = _CONTROL.subn("", full.replace("\x02", MARK))
    text = unicodedata.normalize("NFKC", text)
    for n, line in enumerate(text.split("\r\n")):
        if line.strip():
            y = height - (n + 1) * step
            runs.append(Run(line, 0.0, width, y, y + step * 0.8, y, False, 10.0))
    return PageRuns(number, width, height, runs, chars, bad, plain=True)

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

BOLD_WEIGHT = 600
MAX_RECTS = 4000  # more text pieces than this on one page: read it as plain text (bounded time)
_FORCE_BOLD_FLAG = 1 << 18
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_PDFIUM_HYPHEN = "\x02"  # what GetBoundedText gives for a line-end hyphen (GetText gives U+FFFE)
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


class Sampler:
    """Reusable ctypes buffers for the per-rectangle PDFium calls (one per document being read)."""

    def __init__(self) -> None:
        self.left, self.top = ctypes.c_double(), ctypes.c_double()
        self.right, self.bottom = ctypes.c_double(), ctypes.c_double()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(128)
        self.text = (ctypes.c_ushort * 4096)()

    def rect(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetRect(textpage, index, self.left, self.top, self.right, self.bottom)
        return self.left.value, self.bottom.value, self.right.value, self.top.value

    def bounded_text(self, textpage: pdfium_c.FPDF_TEXTPAGE, box: tuple[float, float, float, float]) -> str:
        x0, bottom, x1, top = box
        n = pdfium_c.FPDFText_GetBoundedText(textpage, x0, top, x1, bottom, None, 0)
        if n <= 0:
            return ""
        buffer = self.text if n <= len(self.text) else (ctypes.c_ushort * n)()
        n = pdfium_c.FPDFText_GetBoundedText(textpage, x0, top, x1, bottom, buffer, n)
        return bytes(memoryview(buffer).cast("B")[: 2 * n]).decode("utf-16-le", "replace")

    def first_char(self, textpage: pdfium_c.FPDF_TEXTPAGE, box: tuple[float, float, float, float]) -> int:
        """Index of the character at the left end of ``box`` (-1 if none is there)."""
        x0, bottom, x1, top = box
        return pdfium_c.FPDFText_GetCharIndexAtPos(textpage, x0 + min(1.0, (x1 - x0) / 2), (bottom + top) / 2,
                                                   2.0, (top - bottom) / 2 + 1.0)

    def page_text(self, textpage: pdfium_c.FPDF_TEXTPAGE, chars: int) -> str | None:
        """The page's text, one str character per PDFium character index (None if that fails)."""
        buffer = (ctypes.c_ushort * (chars + 1))()
        n = pdfium_c.FPDFText_GetText(textpage, 0, chars, buffer)
        text = bytes(memoryview(buffer).cast("B")[: 2 * max(n - 1, 0)]).decode("utf-16-le", "replace")
        return text if len(text) == chars else None

    def baseline(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int, default: float) -> float:
        if pdfium_c.FPDFText_GetCharOrigin(textpage, index, self.x, self.y):
            return self.y.value
        return default

    def size(self, textpage: pdfium_c.FPDF_TEXTPAGE, index: int, default: float) -> float:
        """The rendered font size of character ``index`` in points: the font size scaled by the
        character's matrix (``FPDFText_GetFontSize`` alone ignores text and page scaling)."""
        size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        if size <= 1.0 or not pdfium_c.FPDFText_GetMatrix(textpage, index, self.matrix):
            return default
        m = self.matrix
        return size * abs(m.a * m.d - m.b * m.c) ** 0.5

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
    runs: list[Run] = []
    unmapped = 0
    if chars <= 0:
        return PageRuns(number, width, height, runs, 0, 0)
    full = sampler.page_text(textpage, chars)
    count = pdfium_c.FPDFText_CountRects(textpage, 0, -1)
    if count > MAX_RECTS and full is not None:
        return _plain_page(full, number, width, height, chars)
    boxes = [sampler.rect(textpage, i) for i in range(count)]
    starts = [sampler.first_char(textpage, box) for box in boxes]
    # PDFium lists the rectangles in character order, so a rectangle's text runs from its first
    # character up to the next rectangle's first character (line breaks become spaces).
    ends = [*starts[1:], chars]
    for box, start, end in zip(boxes, starts, ends, strict=True):
        x0, bottom, x1, top = box
        if full is not None and 0 <= start < end:
            text = full[start:end]
        else:  # the characters could not be located: ask PDFium for the text inside the box
            text = sampler.bounded_text(textpage, box)
        text = text.replace("\r", " ").replace("\n", " ").replace(_PDFIUM_HYPHEN, MARK)
        if not text.strip():
            continue
        if start >= 0:
            bold = sampler.bold(textpage, start)
            size = sampler.size(textpage, start, top - bottom)
            baseline = sampler.baseline(textpage, start, bottom)
        else:
            bold, size, baseline = False, top - bottom, bottom
        text, bad = _CONTROL.subn("", text)
        unreadable = start >= 0 and pdfium_c.FPDFText_HasUnicodeMapError(textpage, start)
        if unreadable or bad * 3 > len(text) + bad:
            unmapped += len(text.strip()) + bad  # garbage: counted as unreadable, never passed on
            continue
        unmapped += bad
        runs.append(Run(unicodedata.normalize("NFKC", text), x0, x1, bottom, top, baseline, bold, size))
    return PageRuns(number, width, height, runs, chars, unmapped)


def _plain_page(full: str, number: int, width: float, height: float, chars: int) -> PageRuns:
    """A page made of too many text pieces to locate one by one (each lookup scans the page):
    its lines in PDFium's order, without fonts or positions, so the cost stays linear."""
    runs = []
    step = max(height / (full.count("\n") + 2), 0.01)
    text, bad = _CONTROL.subn("", full.replace("\x02", MARK))
    text = unicodedata.normalize("NFKC", text)
    for n, line in enumerate(text.split("\r\n")):
        if line.strip():
            y = height - (n + 1) * step
            runs.append(Run(line, 0.0, width, y, y + step * 0.8, y, False, 10.0))
    return PageRuns(number, width, height, runs, chars, bad, plain=True)

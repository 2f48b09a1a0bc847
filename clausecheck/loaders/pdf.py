"""Load a PDF contract into paragraph blocks in reading order, with pages and heading hints.

PDFium (pypdfium2) does all the text work: per page it yields text runs with geometry and fonts
(:mod:`.pdf_lines`), which are ordered into lines, with two-column pages read column by column
(:mod:`.pdf_layout`); running headers, footers and page numbers are dropped
(:mod:`.pdf_furniture`); lines become paragraphs (:mod:`.pdf_paragraphs`) and line-end hyphens
are resolved (:mod:`.pdf_hyphen`). What could not be read becomes a :class:`~clausecheck.model.Gap`.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import CorruptFile, NoTextLayer, TooLarge, UnreadableText
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Gap, RawDocument
from .pdf_furniture import furniture, is_page_number
from .pdf_hyphen import resolve, vocabulary
from .pdf_layout import Line, reading_order, set_edges
from .pdf_lines import PageRuns, Sampler, page_runs
from .pdf_open import active_content, open_pdf
from .pdf_paragraphs import paragraphs

_UNMAPPED_PAGE_SHARE = 0.2  # a page with more unreadable characters than this gets a gap
_UNMAPPED_DOC_SHARE = 0.5  # a document with more than this is refused as unreadable
_FEW_CHARS = 300  # a page with fewer characters than this is checked for images (a scan?)


def load_pdf(path: str | Path, *, password: str | None = None,
             limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read the PDF at ``path`` into a :class:`RawDocument` (see the module docstring)."""
    path = Path(path)
    document = open_pdf(path, password)
    try:
        count = len(document)
        if count == 0:
            raise CorruptFile(str(path), "it has no pages")
        if count > limits.max_pages:
            raise TooLarge(str(path), f"{count:,} pages, over the limit of {limits.max_pages:,}")
        gaps = active_content(document)
        sampler = Sampler()  # per call: PDFium and these buffers are not for sharing between threads
        pages = [_read_page(document, i, gaps, sampler) for i in range(count)]
    finally:
        document.close()
    gaps.extend(_coverage(path, pages))
    warnings = _warnings(pages)
    ordered = [reading_order(page) for page in pages]
    drop = furniture([(lines, page.height) for lines, page in zip(ordered, pages, strict=True)])
    lines = _drop_stray_page_numbers([line for page in ordered for line in page if id(line) not in drop])
    if not lines:
        raise NoTextLayer(str(path), "run it through OCR (e.g. ocrmypdf) or ask for a PDF with text")
    with_text = {line.page for line in lines}
    gaps.extend(Gap("page-without-text", "the page is an image (a scan?) with no text layer; its text "
                    "was not read", page=page.number) for page in pages
                if page.images and page.number not in with_text)
    set_edges(lines)
    blocks = paragraphs(lines)
    words = vocabulary([block.text for block in blocks])
    for block in blocks:
        block.text = resolve(block.text, words)
    gaps.sort(key=lambda gap: gap.page or 0)
    return RawDocument(format="pdf", pages=count, blocks=blocks, gaps=gaps, warnings=warnings)


def _warnings(pages: list[PageRuns]) -> list[str]:
    """What was read in a simpler way, or left out, page by page."""
    warnings = []
    plain = [str(page.number) for page in pages if page.plain]
    if plain:
        warnings.append(f"page(s) {', '.join(plain)} were read in file order, without layout analysis "
                        "(too many separate text pieces, or text set sideways)")
    turned = [str(page.number) for page in pages if page.rotated]
    if turned:
        warnings.append(f"page(s) {', '.join(turned)} carry text set at an angle (a watermark or margin "
                        "note); it was left out")
    return warnings


def _drop_stray_page_numbers(lines: list[Line]) -> list[Line]:
    """Remove page numbers left inside a page (several printed pages on one PDF page); the text after
    one continues in a new flow, as after a page break."""
    kept: list[Line] = []
    flow = 0
    for line in lines:
        if is_page_number(line.text):
            flow += 1
            continue
        line.flow = flow
        kept.append(line)
    return kept


def _read_page(document: pdfium.PdfDocument, index: int, gaps: list[Gap], sampler: Sampler) -> PageRuns:
    """The runs of page ``index``; a page PDFium cannot load becomes a gap and an empty page."""
    try:
        page = document[index]
    except pdfium.PdfiumError:
        gaps.append(Gap("other", "the page could not be read (damaged)", page=index + 1))
        return PageRuns(index + 1, 612.0, 792.0, [], 0, 0)
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            runs = page_runs(textpage.raw, index + 1, width, height, sampler)
        finally:
            textpage.close()
        runs.images = runs.chars < _FEW_CHARS and _has_images(page)
        return runs
    finally:
        page.close()


def _has_images(page: pdfium.PdfPage) -> bool:
    """Whether the page draws a picture, looking into form XObjects (at most 2,000 objects)."""
    objects = islice(page.get_objects(max_depth=4), 2000)
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in objects)


def _coverage(path: Path, pages: list[PageRuns]) -> list[Gap]:
    """Gaps for pages whose fonts have no Unicode map; an error when that is most of the text."""
    gaps = []
    for page in pages:
        if page.chars and page.unmapped > _UNMAPPED_PAGE_SHARE * page.chars:
            gaps.append(Gap("font-without-unicode", f"{page.unmapped:,} of {page.chars:,} characters use "
                            "fonts without a Unicode map and could not be read", page=page.number))
    chars = sum(page.chars for page in pages)
    if chars and sum(page.unmapped for page in pages) > _UNMAPPED_DOC_SHARE * chars:
        raise UnreadableText(str(path), "most of its text uses fonts without a Unicode map; ask for "
                             "another export, or run it through OCR")
    return gaps

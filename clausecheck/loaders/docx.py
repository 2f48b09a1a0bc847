"""Load a Word (.docx/.docm) file into blocks: text as Word shows it, numbering labels included.

The package is read with the zip guard and an entity-free XML parser (:mod:`.docx_parts`), not
with python-docx, which eagerly inflates every related part (2 GiB images included) and parses
with a parser we do not control. One block per paragraph in body order (content controls and
text boxes read in place), one per table row (cells joined with " | "). Tracked changes are read
as accepted; struck text follows as its own ``deleted`` block. Headers, footers, comments,
footnotes and endnotes become notes, never contract text; images, charts, embedded objects and
macros are recorded as gaps.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..limits import Limits
from ..model import Block, Gap, Note, RawDocument
from .docx_numbering import Numbering
from .docx_parts import DocxParts, W, read_parts
from .docx_styles import Styles, wattr
from .docx_text import TextWalker

_W = f"{{{W}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WRAPPERS = {_W + "sdt", _W + "customXml"}
_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 12


def load_docx(path: str | Path, *, limits: Limits) -> RawDocument:
    """Read a .docx (or .docm) file into a :class:`RawDocument`; hostile or broken files raise."""
    parts = read_parts(path, limits)
    styles = Styles(parts.styles)
    body = parts.document.find(_W + "body")
    rendered = next(parts.document.iter(_W + "lastRenderedPageBreak"), None) is not None
    walker = TextWalker(styles, rendered_pages=rendered)
    reader = _BodyReader(styles, Numbering(parts.numbering, styles), walker)
    blocks = reader.content(body) if body is not None else []
    gaps = walker.gaps() + reader.gaps + _package_gaps(parts)
    if walker.hidden_chars:
        gaps.append(Gap("other", f"hidden text ({walker.hidden_chars:,} characters Word does not show)"))
    warnings = []
    if walker.tracked:
        warnings.append("the document holds tracked changes that were never accepted: read as if all were "
                        "accepted; struck text is kept apart, marked deleted")
    return RawDocument(format="docx", pages=walker.page, blocks=blocks, notes=_notes(parts, styles, walker),
                       gaps=gaps, warnings=warnings)


class _BodyReader:
    """Turns block-level content (body, content controls, cells, text boxes) into blocks, in order."""

    def __init__(self, styles: Styles, numbering: Numbering, walker: TextWalker) -> None:
        self.styles = styles
        self.numbering = numbering
        self.walker = walker
        self.gaps: list[Gap] = []

    def content(self, container: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                blocks.extend(self.paragraph(child))
            elif tag == _W + "tbl":
                blocks.extend(self.table(child))
            elif tag == _W + "sdt":
                inner = child.find(_W + "sdtContent")
                if inner is not None:
                    found = self.content(inner)  # read even when dropped: fields and pages stay in step
                    if not _is_contents_control(child):
                        blocks.extend(found)
            elif tag == _W + "customXml":
                blocks.extend(self.content(child))
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    blocks.extend(self.content(choice))
            elif tag == _W + "altChunk":
                self.gaps.append(Gap("other", "an embedded document (altChunk)", self.walker.page))
        return blocks

    def paragraph(self, element: etree._Element) -> list[Block]:
        ppr = element.find(_W + "pPr")
        style_id = wattr(ppr.find(_W + "pStyle")) if ppr is not None else None
        style_id = style_id or self.styles.default_paragraph
        read = self.walker.paragraph(element, style_id)
        if self.styles.is_contents(style_id):
            return []  # a table-of-contents line repeats a heading and its page: not contract text
        text = read.text.replace("\t", " ").strip()
        numbered = None
        if text or not _mark_deleted(ppr):
            num_pr = ppr.find(_W + "numPr") if ppr is not None else None
            num_id = wattr(num_pr.find(_W + "numId")) if num_pr is not None else None
            ilvl = wattr(num_pr.find(_W + "ilvl")) if num_pr is not None else None
            numbered = self.numbering.number(num_id, int(ilvl) if ilvl and ilvl.isdigit() else None, style_id)
        heading_level = _outline(ppr)
        if heading_level is None:
            heading_level = self.styles.heading_level(style_id)
        prefix, all_bold = read.bold_prefix()
        short = len(text) <= _HEADING_MAX_CHARS and len(text.split()) <= _HEADING_MAX_WORDS
        blocks = []
        label = numbered.label if numbered else None
        if text or label:
            blocks.append(Block(
                text=text, page=read.first_page, last_page=self.walker.page, label=label,
                level=numbered.level if numbered else heading_level,
                heading=heading_level is not None or (all_bold and short),
                bold_prefix=0 if all_bold else prefix,
                change="inserted" if read.inserted else None,
            ))
        struck = "".join(read.deleted).replace("\t", " ").strip()
        if struck:
            blocks.append(Block(text=struck, page=read.first_page, last_page=self.walker.page,
                                change="deleted"))
        for box in read.boxes:
            blocks.extend(self.content(box))
        return blocks

    def table(self, element: etree._Element) -> list[Block]:
        blocks = []
        for row in _children(element, _W + "tr"):
            page = self.walker.page
            cells: list[tuple[str, str]] = []
            inserted = False
            for cell in _children(row, _W + "tc"):
                content = self.content(cell)
                current = " ".join(_cell_text(b) for b in content if b.change != "deleted")
                struck = " ".join(_cell_text(b) for b in content if b.change == "deleted")
                inserted = inserted or any(b.change == "inserted" for b in content)
                cells.append((current, struck))
            if _row_deleted(row):
                current_row, struck_row = "", " | ".join(current or struck for current, struck in cells)
            else:
                current_row = " | ".join(current for current, _ in cells)
                struck_row = " ".join(struck for _, struck in cells if struck)
            if current_row.replace("|", "").strip():
                blocks.append(Block(text=current_row, page=page, last_page=self.walker.page, kind="table",
                                    change="inserted" if inserted else None))
            if struck_row.replace("|", "").strip():
                blocks.append(Block(text=struck_row, page=page, last_page=self.walker.page, kind="table",
                                    change="deleted"))
        return blocks


def _is_contents_control(sdt: etree._Element) -> bool:
    """A content control Word made for a table of contents (docPartGallery "Table of Contents")."""
    gallery = sdt.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return (wattr(gallery) or "").lower() == "table of contents"


def _children(element: etree._Element, tag: str) -> list[etree._Element]:
    """Children named ``tag``, looking through content-control and custom-XML wrappers."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in _WRAPPERS:
            inner = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if inner is not None:
                found.extend(_children(inner, tag))
    return found


def _cell_text(block: Block) -> str:
    return f"{block.label} {block.text}".strip() if block.label else block.text


def _mark_deleted(ppr: etree._Element | None) -> bool:
    """Whether the paragraph mark itself is a tracked deletion (the paragraph merges away)."""
    return ppr is not None and ppr.find(f"{_W}rPr/{_W}del") is not None


def _row_deleted(row: etree._Element) -> bool:
    return row.find(f"{_W}trPr/{_W}del") is not None


def _outline(ppr: etree._Element | None) -> int | None:
    if ppr is None:
        return None
    value = wattr(ppr.find(_W + "outlineLvl"))
    if value is None or not value.isdigit() or int(value) >= 9:
        return None
    return int(value)


def _notes(parts: DocxParts, styles: Styles, body_walker: TextWalker) -> list[Note]:
    """Headers, footers, comments, footnotes and endnotes: read, but never contract text."""
    walker = TextWalker(styles, rendered_pages=True)
    notes = []
    for kind, roots in (("header", parts.headers), ("footer", parts.footers)):
        for root in roots:
            text = _part_text(walker, root)
            if text:
                notes.append(Note(kind=kind, text=text))
    if parts.comments is not None:
        for comment in parts.comments.iterchildren(_W + "comment"):
            key = wattr(comment, "id") or ""
            notes.append(Note(kind="comment", text=_part_text(walker, comment),
                              author=wattr(comment, "author"), anchor=body_walker.comment_anchors.get(key)))
    for kind, root in (("footnote", parts.footnotes), ("endnote", parts.endnotes)):
        if root is None:
            continue
        for note in root.iterchildren(_W + kind):
            if wattr(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = _part_text(walker, note)
            if text:
                notes.append(Note(kind=kind, text=text,
                                  anchor=body_walker.note_anchors.get(f"{kind}:{wattr(note, 'id')}")))
    return notes


def _part_text(walker: TextWalker, root: etree._Element) -> str:
    lines = (walker.paragraph(p, None).text.replace("\t", " ").strip() for p in root.iter(_W + "p"))
    return "\n".join(line for line in lines if line)


def _package_gaps(parts: DocxParts) -> list[Gap]:
    gaps = []
    if any(name.lower().endswith("vbaproject.bin") for name in parts.members):
        gaps.append(Gap("other", "a macro project (vbaProject.bin; never run)"))
    if any(name.lower().startswith("word/activex/") for name in parts.members):
        gaps.append(Gap("other", "ActiveX controls (never run)"))
    return gaps


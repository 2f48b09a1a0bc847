"""The text of one Word paragraph, read from the XML as if every tracked change were accepted.

``paragraph.text`` in python-docx drops inserted text, content controls and simple fields, so this
walk reads the runs itself: ``w:ins``/``w:moveTo`` text is kept (and flagged), ``w:del``/``w:moveFrom``
text is set aside as struck text, content controls, hyperlinks and field results are read in place,
field instructions are not. Text boxes are returned for the caller to read in place; images, charts
and embedded objects are recorded as gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import Gap
from .docx_parts import W
from .docx_styles import Styles, on_off, wattr

_W = f"{{{W}}}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TXBX = _W + "txbxContent"

_CONTAINERS = {_W + name for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir",
                                      "sdtContent", "rubyBase")}
_INSERTED = {_W + "ins", _W + "moveTo"}
_DELETED = {_W + "del", _W + "moveFrom"}
_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}

# What could not be read, as (gap kind, one, several): noun phrases for "... (page 2) was not checked".
_IMAGE = ("image", "an image (any text in it)", "{n} images (any text in them)")
_OLE = ("embedded-object", "an embedded object (OLE)", "{n} embedded objects (OLE)")
_CHART = ("embedded-object", "a chart", "{n} charts")
_DIAGRAM = ("embedded-object", "a SmartArt diagram", "{n} SmartArt diagrams")


@dataclass
class ParagraphText:
    """What one paragraph says: current text with bold runs, struck text, and text boxes in it."""

    pieces: list[tuple[str, bool]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    inserted: bool = False
    boxes: list[etree._Element] = field(default_factory=list)
    first_page: int = 1

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def bold_prefix(self) -> tuple[int, bool]:
        """(length of the leading bold text after leading spaces, whether all visible text is bold)."""
        text = self.text
        lead = len(text) - len(text.lstrip())
        count = 0
        ended = False
        for piece, bold in self.pieces:
            if not bold and piece.strip():
                ended = True
                break
            count += len(piece)
        if not ended:
            return len(text.strip()), bool(text.strip())
        return max(count - lead, 0), False


class TextWalker:
    """Reads paragraphs in document order, keeping state that spans them (fields, comments, pages)."""

    def __init__(self, styles: Styles, *, rendered_pages: bool) -> None:
        self.styles = styles
        self.rendered_pages = rendered_pages
        self.page = 1
        self._gaps: dict[tuple[tuple[str, str, str], int], int] = {}
        self.comment_anchors: dict[str, str] = {}
        self.note_anchors: dict[str, str] = {}
        self.tracked = False
        self.hidden_chars = 0
        self._fields: list[bool] = []
        self._open_comments: dict[str, list[str]] = {}
        self._notes_here: list[str] = []

    def gaps(self) -> list[Gap]:
        """What could not be read, one gap per kind of thing and page, counted."""
        return [Gap(kind, one if count == 1 else several.format(n=count), page)
                for ((kind, one, several), page), count in self._gaps.items()]

    def _gap(self, what: tuple[str, str, str]) -> None:
        key = (what, self.page)
        self._gaps[key] = self._gaps.get(key, 0) + 1

    def paragraph(self, element: etree._Element, style_id: str | None) -> ParagraphText:
        """Read one ``w:p`` (not the text boxes inside it, which are returned in ``boxes``)."""
        if not self.rendered_pages and self._page_break_before(element, style_id):
            self.page += 1
        out = ParagraphText(first_page=self.page)
        self._notes_here = []
        self._walk(element, out, self.styles.bold(style_id), inserted=False, deleted=False)
        # A field instruction never runs past its paragraph in Word's output; a broken one must not
        # hide the rest of the document.
        self._fields = [True] * len(self._fields)
        text = out.text
        for note in self._notes_here:
            self.note_anchors[note] = text.strip()[:200]
        for buffer in self._open_comments.values():
            buffer.append("\n")
        return out

    def _page_break_before(self, element: etree._Element, style_id: str | None) -> bool:
        ppr = element.find(_W + "pPr")
        own = on_off(ppr.find(_W + "pageBreakBefore")) if ppr is not None else None
        return self.styles.page_break_before(style_id) if own is None else own

    def _walk(self, element: etree._Element, out: ParagraphText, para_bold: bool, *, inserted: bool,
              deleted: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "r":
                self._run(child, out, para_bold, inserted=inserted, deleted=deleted)
            elif tag in _INSERTED:
                self.tracked = True
                self._walk(child, out, para_bold, inserted=True, deleted=deleted)
            elif tag in _DELETED:
                self.tracked = True
                self._walk(child, out, para_bold, inserted=inserted, deleted=True)
            elif tag in _CONTAINERS:
                self._walk(child, out, para_bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._walk(content, out, para_bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "ruby":
                base = child.find(_W + "rubyBase")
                if base is not None:
                    self._walk(base, out, para_bold, inserted=inserted, deleted=deleted)
            elif tag == _MC + "AlternateContent":
                self._walk(_choice(child), out, para_bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "commentRangeStart":
                self._open_comments[wattr(child, "id") or ""] = []
            elif tag == _W + "commentRangeEnd":
                key = wattr(child, "id") or ""
                if key in self._open_comments:
                    self.comment_anchors[key] = " ".join("".join(self._open_comments.pop(key)).split())
            elif tag in (_MATH + "oMath", _MATH + "oMathPara"):
                text = "".join(t.text or "" for t in child.iter(_MATH + "t"))
                self._add(out, text, False, inserted=inserted, deleted=deleted)

    def _run(self, run: etree._Element, out: ParagraphText, para_bold: bool, *, inserted: bool,
             deleted: bool) -> None:
        bold = self._run_bold(run, para_bold)
        if not deleted and self._hidden(run):
            self.hidden_chars += sum(len(t.text or "") for t in run.iter(_W + "t"))
            return
        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _W + "t":
                if not self._in_instruction():
                    self._add(out, child.text or "", bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "delText":
                self._add(out, child.text or "", bold, inserted=inserted, deleted=True)
            elif tag in _CHARS:
                self._add(out, _CHARS[tag], bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "br":
                if wattr(child, "type") == "page":
                    if not self.rendered_pages:
                        self.page += 1
                else:
                    self._add(out, "\n", bold, inserted=inserted, deleted=deleted)
            elif tag == _W + "lastRenderedPageBreak":
                if self.rendered_pages and not deleted:
                    self.page += 1
            elif tag == _W + "fldChar":
                self._field(wattr(child, "fldCharType"))
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                kind = "footnote" if tag.endswith("footnoteReference") else "endnote"
                self._notes_here.append(f"{kind}:{wattr(child, 'id')}")
            elif tag == _W + "drawing":
                self._drawing(child, out)
            elif tag == _W + "pict":
                self._pict(child, out)
            elif tag == _W + "object":
                self._gap(_OLE)
            elif tag == _MC + "AlternateContent":
                self._run(_choice(child), out, para_bold, inserted=inserted, deleted=deleted)

    def _hidden(self, run: etree._Element) -> bool:
        """Hidden text (``w:vanish``): Word neither shows nor prints it."""
        rpr = run.find(_W + "rPr")
        return rpr is not None and bool(on_off(rpr.find(_W + "vanish")))

    def _run_bold(self, run: etree._Element, para_bold: bool) -> bool:
        rpr = run.find(_W + "rPr")
        if rpr is not None:
            own = on_off(rpr.find(_W + "b"))
            if own is not None:
                return own
            char_style = wattr(rpr.find(_W + "rStyle"))
            if char_style and self.styles.bold(char_style):
                return True
        return para_bold

    def _add(self, out: ParagraphText, text: str, bold: bool, *, inserted: bool, deleted: bool) -> None:
        if not text:
            return
        if deleted:
            out.deleted.append(text)
            return
        if not out.pieces:
            out.first_page = self.page  # a page break Word rendered before the first text moves it
        out.pieces.append((text, bold))
        if inserted and text.strip():
            out.inserted = True
        for buffer in self._open_comments.values():
            buffer.append(text)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _in_instruction(self) -> bool:
        return bool(self._fields) and not all(self._fields)

    def _drawing(self, drawing: etree._Element, out: ParagraphText) -> None:
        boxes = _outer_boxes(drawing)
        if boxes:
            out.boxes.extend(boxes)
            return
        uris = {g.get("uri", "") for g in drawing.iter(_A + "graphicData")}
        if any(uri.endswith("/chart") for uri in uris):
            self._gap(_CHART)
        elif any(uri.endswith("/diagram") for uri in uris):
            self._gap(_DIAGRAM)
        else:
            self._gap(_IMAGE)

    def _pict(self, pict: etree._Element, out: ParagraphText) -> None:
        boxes = _outer_boxes(pict)
        if boxes:
            out.boxes.extend(boxes)
        elif next(pict.iter(_O + "OLEObject"), None) is not None:
            self._gap(_OLE)
        elif next(pict.iter(_V + "imagedata"), None) is not None:
            self._gap(_IMAGE)


def _choice(alternate: etree._Element) -> etree._Element:
    """The first ``mc:Choice`` of an ``mc:AlternateContent`` (else its Fallback): read once, not twice."""
    choice = alternate.find(_MC + "Choice")
    if choice is None:
        choice = alternate.find(_MC + "Fallback")
    return choice if choice is not None else etree.Element("empty")


def _outer_boxes(element: etree._Element) -> list[etree._Element]:
    """Text-box contents inside ``element`` that are not nested inside another text box."""
    boxes = []
    for box in element.iter(_TXBX):
        parent = box.getparent()
        while parent is not None and parent is not element and parent.tag != _TXBX:
            parent = parent.getparent()
        if parent is None or parent is element:
            boxes.append(box)
    return boxes
